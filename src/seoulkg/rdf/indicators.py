"""Section Ⅱ's economic indicators as an RDF Data Cube dataset (one printed value per observation)."""

from __future__ import annotations

from rdflib import Literal, URIRef

from ..errors import ExtractionWarning
from ..extract.codes import codes
from ..extract.indicators import Observation
from ..extract.source import Span
from ..namespaces import CUR, SKG, UNIT, code
from .cube import CubeWriter
from .literals import decimal

# (label as extracted, series) -> notation of the indicator code list (ontology/codelists.ttl).
INDICATORS = {
    ("인구", None): "population", ("종사자수", None): "workers",
    ("경제활동인구", None): "economically-active-population", ("총수신", None): "total-deposits",
    ("GRDP", None): "grdp", ("총여신", None): "total-loans", ("사업체수", None): "businesses",
    ("외국인직접투자", None): "foreign-direct-investment", ("경제성장률", None): "economic-growth-rate",
    ("소비자물가", None): "consumer-prices", ("수출", None): "exports",
    ("연간 취업자수", None): "annual-employed-persons", ("고용률", None): "employment-rate",
    ("취업자수 증감 전망", None): "employment-change-outlook",
    ("대/중소제조업 생산증가율", "대"): "large-manufacturing-production-growth",
    ("대/중소제조업 생산증가율", "중소제조업"): "sme-manufacturing-production-growth",
    ("벤처투자액", None): "venture-investment", ("유니콘·예비유니콘기업", None): "unicorns",
}
NOT_STATED = "not-stated"
SOURCES = codes("data-source", ("ministry-of-economy-and-finance", "imf", "kdi", "statistics-korea", "government",
                                "bank-of-korea"))


def add_indicators(cube: CubeWriter, office: str, year: int, heading: Span,
                   observations: list[Observation]) -> None:
    """The dataset id/dataset/{office}/economic-indicators/{report year}."""
    ds = cube.undated_dataset("economic-indicators", office, str(year), heading,
                              f"경제지표 ({year} 주요업무보고)", f"Economic indicators ({year} work report)")
    g = cube.graph
    for item in observations:
        notation = INDICATORS.get((item.label, item.series))
        source = SOURCES.get(item.source, NOT_STATED) if item.source else NOT_STATED
        if notation is None or (item.source and item.source not in SOURCES):
            cube.warnings.append(ExtractionWarning(
                item.span.start, f"indicator '{item.label}' ({item.source or 'no source'}) not in the code lists"))
            continue
        period = f"{item.year}-Q{item.quarter}" if item.quarter else str(item.year)
        dims = {SKG.indicator: code("indicator", notation),
                SKG.geography: code("geography", item.geography or NOT_STATED),
                SKG.refPeriod: Literal(period),
                SKG.dataSource: code("data-source", source)}
        obs = cube.observation(ds, None, dims, SKG.indicatorValue,
                               decimal(item.krw if item.krw is not None else item.value),
                               item.value_printed, _unit(item), item.span)
        g.add((obs, SKG.printedUnit, Literal(item.unit)))
        g.add((obs, SKG.estimateKind, Literal(item.kind)))
        for context in item.context:
            cube.prov.derive(obs, context)


def _unit(item: Observation) -> URIRef:
    if item.krw is not None:
        return CUR.KRW
    return UNIT.PERCENT if item.unit == "%" else UNIT.NUM
