"""Section Ⅱ's economic indicators as an RDF Data Cube dataset (one printed value per observation)."""

from __future__ import annotations

from rdflib import Literal, URIRef

from ..extract.indicators import NOT_STATED, Observation
from ..extract.source import Span
from ..namespaces import CUR, SKG, UNIT, code
from .cube import CubeWriter
from .literals import decimal


def add_indicators(cube: CubeWriter, office: str, year: int, heading: Span,
                   observations: list[Observation]) -> None:
    """The dataset id/dataset/{office}/economic-indicators/{report year}."""
    ds = cube.undated_dataset("economic-indicators", office, str(year), heading,
                              f"경제지표 ({year} 주요업무보고)", f"Economic indicators ({year} work report)")
    g = cube.graph
    for item in observations:
        period = f"{item.year}-Q{item.quarter}" if item.quarter else str(item.year)
        dims = {SKG.indicator: code("indicator", item.indicator),
                SKG.geography: code("geography", item.geography or NOT_STATED),
                SKG.refPeriod: Literal(period),
                SKG.dataSource: code("data-source", item.source_code)}
        obs = cube.observation(ds, None, dims, SKG.indicatorValue,
                               decimal(item.krw if item.krw is not None else item.value),
                               item.value_printed, _unit(item), item.span)
        g.add((obs, SKG.printedUnit, Literal(item.unit)))
        g.add((obs, SKG.estimateKind, Literal(item.kind)))
        g.add((obs, SKG.valueKind, Literal("change" if item.change else "level")))
        for context in item.context:
            cube.prov.derive(obs, context)


def _unit(item: Observation) -> URIRef:
    if item.krw is not None:
        return CUR.KRW
    return UNIT.PERCENT if item.unit == "%" else UNIT.NUM
