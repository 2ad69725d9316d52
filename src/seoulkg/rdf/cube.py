"""The staffing and budget tables as RDF Data Cube datasets (one measure per observation)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

from ..errors import ExtractionWarning
from ..extract import Extraction
from ..extract.budget import BudgetTable, Figure
from ..extract.source import Span
from ..extract.staffing import StaffingTable
from ..namespaces import CUR, DCTERMS, ID, QB, RDF, RDFS, SDMX_ATTRIBUTE, SKG, UNIT, XSD, code, slug_iri
from .literals import decimal
from .provenance import Provenance
from .units import UnitRegistry

# Budget footnote labels (예산현액 = 본예산 + 예산 이체 + 이월액) -> budget-component notations.
BUDGET_COMPONENTS = {"본예산": "main-budget", "예산이체": "budget-transfer", "이월액": "carry-over"}


class CubeWriter:
    """Writes datasets and observations; observation IRIs are {dataset}/{unit}/{code…}/{measure}."""

    def __init__(self, graph: Graph, prov: Provenance, registry: UnitRegistry,
                 warnings: list[ExtractionWarning]) -> None:
        self.graph, self.prov, self.registry, self.warnings = graph, prov, registry, warnings

    def dataset(self, kind: str, office: str, heading: Span, reference_text: str, day: dt.date | None,
                label_ko: str, label_en: str) -> URIRef | None:
        """A qb:DataSet for table `kind` of `office`, identified by the table's reference date (None, and
        no dataset, for a table whose date was not read)."""
        if day is None:
            return None
        ds = self.undated_dataset(kind, office, day.isoformat(), heading,
                                  f"{label_ko} ({reference_text})", f"{label_en} as of {day.isoformat()}")
        self.graph.add((ds, SKG.referenceDate, Literal(day, datatype=XSD.date)))
        self.graph.add((ds, SKG.referenceDateText, Literal(reference_text)))
        return ds

    def undated_dataset(self, kind: str, office: str, key: str, heading: Span,
                        label_ko: str, label_en: str) -> URIRef:
        """A qb:DataSet id/dataset/{office}/{kind}/{key} whose table prints no reference date."""
        ds = slug_iri("dataset", _key(self.registry.iri(office)), kind, key)
        g = self.graph
        g.add((ds, RDF.type, QB.DataSet))
        g.add((ds, QB.structure, ID[f"structure/{kind}"]))
        g.add((ds, RDFS.label, Literal(label_ko, lang="ko")))
        g.add((ds, RDFS.label, Literal(label_en, lang="en")))
        g.add((ds, DCTERMS.source, self.prov.document))
        self.prov.derive(ds, heading)
        return ds

    def observation(self, ds: URIRef, unit_name: str | None, dims: Mapping[URIRef, Identifier],
                    measure: URIRef, value: Literal, printed: str, unit_measure: URIRef, span: Span) -> URIRef:
        """An observation {dataset}/{unit}/{dimension values…}/{measure} (no unit segment without a unit)."""
        unit = self.registry.iri(unit_name) if unit_name else None
        codes = [str(v).rsplit("/", 1)[-1] for v in dims.values()]
        segments = [_key(unit)] if unit else []
        obs = URIRef("/".join([str(ds), *segments, *codes, str(measure).rsplit("#", 1)[-1]]))
        g = self.graph
        g.add((obs, RDF.type, QB.Observation))
        g.add((obs, QB.dataSet, ds))
        if unit:
            g.add((obs, SKG.orgUnit, unit))
        for dim, concept in dims.items():
            g.add((obs, dim, concept))
        g.add((obs, QB.measureType, measure))
        g.add((obs, measure, value))
        g.add((obs, SDMX_ATTRIBUTE.unitMeasure, unit_measure))
        g.add((obs, SKG.printedText, Literal(printed)))
        self.prov.derive(obs, span)
        return obs


def add_staffing(writer: CubeWriter, extraction: Extraction, table: StaffingTable) -> None:
    """Quota and current staff per unit and staff type, and women per unit (인력현황)."""
    office = extraction.units[0].name
    ds = writer.dataset("staffing", office, table.heading, table.reference_text, table.reference_date,
                        "인력현황", "Staffing")
    if ds is None:
        return
    for row in table.rows:
        unit = extraction.unit(row.name)
        if unit is None:
            continue  # warned by extract(): not a unit of the chart
        writer.registry.mention(unit.name, row.span, row.printed)
        for type_code, cell in (("total", row.total), *row.by_type):
            dims = {SKG.staffType: code("staff-type", type_code)}
            for measure, number in ((SKG.authorisedStaff, cell.quota), (SKG.currentStaff, cell.current)):
                obs = writer.observation(ds, unit.name, dims, measure, Literal(number, datatype=XSD.integer),
                                         cell.printed, UNIT.NUM, row.span)
                if row.unassigned and type_code == "total":
                    writer.graph.add((obs, SKG.unassignedStaffCells, Literal(" ".join(row.unassigned))))
        writer.observation(ds, unit.name, {SKG.staffType: code("staff-type", "total")}, SKG.womenStaff,
                           Literal(row.women, datatype=XSD.integer), row.women_printed, UNIT.NUM, row.span)


def add_budget(writer: CubeWriter, extraction: Extraction, table: BudgetTable) -> None:
    """Budget, committed and spent amounts (KRW) and both printed rates (%) per unit (예산)."""
    office = extraction.units[0].name
    ds = writer.dataset("budget", office, table.heading, table.reference_text, table.reference_date,
                        "예산 집행현황", "Budget execution")
    if ds is None:
        return
    for row in table.rows:
        unit = extraction.unit(row.name)
        if unit is None:
            continue
        writer.registry.mention(unit.name, row.span, row.printed)
        for measure, figure in ((SKG.budgetAmount, row.budget), (SKG.committedAmount, row.committed),
                                (SKG.spentAmount, row.spent)):
            _money(writer, ds, unit.name, {}, measure, figure, table.unit_text, row.span)
        for measure, figure in ((SKG.committedRate, row.committed_rate), (SKG.spentRate, row.spent_rate)):
            writer.observation(ds, unit.name, {}, measure, decimal(figure.value), figure.printed,
                               UNIT.PERCENT, row.span)
    if not table.components:
        return
    parts = writer.dataset("budget-composition", office, table.components[0].span, table.reference_text,
                           table.reference_date, "예산현액 구성", "Budget composition")
    if parts is None:
        return
    for part in table.components:
        _money(writer, parts, office, {SKG.budgetComponent: code("budget-component", part.notation)},
               SKG.budgetAmount, part.amount, part.unit_text, part.span)


def _money(writer: CubeWriter, ds: URIRef, unit: str, dims: Mapping[URIRef, Identifier], measure: URIRef,
           figure: Figure, unit_text: str, span: Span) -> None:
    if figure.krw is None:
        return  # not money (warned)
    obs = writer.observation(ds, unit, dims, measure, decimal(figure.krw), figure.printed, CUR.KRW, span)
    writer.graph.add((obs, SKG.printedUnit, Literal(unit_text)))


def _key(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]
