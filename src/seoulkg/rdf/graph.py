"""Extracted records -> one RDF graph: reference data, units, tables, provenance."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from .. import __version__
from ..errors import ExtractionWarning, SeoulKGError
from ..extract import Extraction
from ..extract.curation import unit_names
from ..extract.dates import parse_day
from ..namespaces import DCAT, DCTERMS, ID, PREFIXES, RDF, SKG, VOID, slug_iri
from ..paths import REFERENCE_DATA
from .audit import add_audit, audit_iri
from .cube import CubeWriter, add_budget, add_staffing
from .indicators import add_indicators
from .provenance import Provenance
from .units import UnitRegistry, add_units
from .workplan import WorkPlanWriter


@dataclass(frozen=True)
class BuiltGraph:
    graph: Graph
    warnings: tuple[ExtractionWarning, ...]  # the extraction's and the mapping's, sorted by line


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def build_graph(extraction: Extraction) -> BuiltGraph:
    """The knowledge graph of one report."""
    graph = new_graph()
    warnings = list(extraction.warnings)
    for path in REFERENCE_DATA:
        try:
            graph.parse(path, format="turtle")
        except (OSError, SyntaxError) as exc:
            raise SeoulKGError(f"{path}: cannot read reference data: {exc}") from None
    prov = Provenance(graph, extraction.doc)
    registry = UnitRegistry(graph, prov, unit_names())
    add_units(graph, registry, extraction)
    cube = CubeWriter(graph, prov, registry, warnings)
    if extraction.staffing:
        add_staffing(cube, extraction, extraction.staffing)
    if extraction.budget:
        add_budget(cube, extraction, extraction.budget)
    if extraction.audit:
        add_audit(graph, cube, extraction, extraction.audit)
    year = report_year(extraction)
    office = extraction.units[0].name
    economy = extraction.outline.section("economy")  # read indicators come from it
    if year and economy and extraction.indicators:
        add_indicators(cube, office, year, economy.heading, list(extraction.indicators))
    if year and extraction.programs:
        plan = slug_iri("plan", str(registry.iri(office)).rsplit("/", 1)[-1], str(year))
        writer = WorkPlanWriter(graph, prov, registry, warnings, plan)
        writer.add_plan(extraction, extraction.strategy)
        for program in extraction.programs:
            writer.add_program(program, extraction.doc)
        writer.add_facilities(list(extraction.facilities))
        writer.add_milestones(list(extraction.milestones))
        writer.add_owners(extraction.doc)
        audit = audit_iri(registry, extraction, extraction.audit) if extraction.audit else None
        if extraction.audit and audit is not None:  # an audit without a year is left out (warned), links too
            writer.add_audit_links(extraction.audit, audit)
    _describe_dataset(graph, prov)
    return BuiltGraph(graph, tuple(sorted(set(warnings))))


def report_year(extraction: Extraction) -> int | None:
    """The year of the report, from the reference date of its first dated table."""
    for table in (extraction.staffing, extraction.budget):
        day = parse_day(table.reference_text) if table else None
        if day:
            return day.year
    return None


def _describe_dataset(graph: Graph, prov: Provenance) -> None:
    """The dataset's description, written here only: `seoulkg serve` adds where it is served (web/app.py)."""
    kg = ID["dataset/seoulkg"]
    graph.add((kg, RDF.type, VOID.Dataset))
    graph.add((kg, RDF.type, DCAT.Dataset))
    graph.add((kg, DCTERMS.title, Literal("서울시 경제정책실 주요업무보고 지식그래프", lang="ko")))
    graph.add((kg, DCTERMS.title, Literal("seoulkg: knowledge graph of the Seoul Economic Policy Office "
                                          "work report", lang="en")))
    graph.add((kg, DCTERMS.source, prov.document))
    graph.add((kg, DCTERMS.license, URIRef("https://www.apache.org/licenses/LICENSE-2.0")))
    graph.add((kg, DCAT.version, Literal(__version__)))
    graph.add((kg, VOID.vocabulary, URIRef(str(SKG))))
