"""Extracted records -> one RDF graph: reference data, units, tables, provenance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Graph, URIRef

from ..errors import ExtractionWarning, SeoulKGError
from ..extract import Extraction
from ..extract.tallies import Owner
from ..namespaces import PREFIXES
from ..paths import REFERENCE_DATA
from .audit import add_audit, audit_iri
from .cube import CubeWriter, add_budget, add_staffing
from .dataset import ReportSummary, describe_dataset
from .indicators import add_indicators
from .plan import PlanNodes
from .provenance import Provenance
from .report import ReportScope
from .tallies import add_tallies
from .units import UnitRegistry, add_units
from .workplan import add_work_plan


@dataclass(frozen=True)
class BuiltGraph:
    graph: Graph
    warnings: tuple[ExtractionWarning, ...]  # the extraction's and the mapping's, sorted by line
    report: ReportSummary  # what the dataset's description says of the report (a collection describes them all)


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def build_graph(extraction: Extraction) -> BuiltGraph:
    """The knowledge graph of one report."""
    built = build_graphs([extraction])
    return BuiltGraph(built.graph, built.warnings[0], built.reports[0])


@dataclass(frozen=True)
class BuiltCollection:
    graph: Graph
    warnings: tuple[tuple[ExtractionWarning, ...], ...]  # each report's, in the order given, sorted by line
    reports: tuple[ReportSummary, ...]  # what the dataset description says of each


def build_graphs(extractions: Sequence[Extraction]) -> BuiltCollection:
    """One knowledge graph of many reports: each report's resources beside the others', the things they
    share (units, facilities, code lists) once, and one dataset description naming every report."""
    graph = new_graph()
    for path in REFERENCE_DATA:
        try:
            graph.parse(path, format="turtle")
        except (OSError, SyntaxError) as exc:
            raise SeoulKGError(f"{path}: cannot read reference data: {exc}") from None
    added = [_add_report(graph, extraction) for extraction in extractions]
    describe_dataset(graph, [report for report, _ in added])
    return BuiltCollection(graph, tuple(warnings for _, warnings in added), tuple(report for report, _ in added))


def _add_report(graph: Graph, extraction: Extraction) -> tuple[ReportSummary, tuple[ExtractionWarning, ...]]:
    """One report's resources, added to the graph; what the dataset description says of it, and its warnings."""
    warnings = list(extraction.warnings)
    scope = ReportScope.of(extraction)
    prov = Provenance(graph, extraction.doc, scope)
    registry = UnitRegistry(graph, prov, extraction.unit_names)
    add_units(graph, registry, extraction)
    cube = CubeWriter(graph, prov, registry, warnings)
    if extraction.staffing:
        add_staffing(cube, extraction, extraction.staffing)
    if extraction.budget:
        add_budget(cube, extraction, extraction.budget)
    if extraction.audit:
        add_audit(graph, cube, extraction, extraction.audit)
    year = extraction.year
    office = extraction.units[0].name
    economy = extraction.outline.section("economy")  # read indicators come from it
    if year and economy and extraction.indicators:
        add_indicators(cube, office, year, economy.heading, list(extraction.indicators))
    audit = audit_iri(registry, extraction, extraction.audit) if extraction.audit else None
    nodes = None
    if year and extraction.programs:
        plan = scope.iri("plan")  # id/plan/{office}/{year}
        nodes = PlanNodes(graph, prov, registry, plan)
        add_work_plan(nodes, extraction, audit)

    def owner_iri(owner: Owner) -> URIRef | None:
        if owner.item:
            return URIRef(f"{audit}/{owner.item[0]}/{owner.item[1]}") if audit else None
        return nodes.owner_of(owner.program, owner.part) if nodes and owner.program else None

    add_tallies(graph, prov, owner_iri, extraction.tallies)
    curated = extraction.unit_names.get(office)
    tables = tuple(name for name, table in (("staffing", extraction.staffing), ("budget", extraction.budget)) if table)
    report = ReportSummary(prov.document, office, curated.label_en if curated else None, scope.year,
                           extraction.audit.year if extraction.audit and audit else None, tables, nodes is not None,
                           bool(year and economy and extraction.indicators))
    return report, tuple(sorted(set(warnings)))
