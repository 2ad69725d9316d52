"""Extracted records -> one RDF graph: reference data, units, tables, provenance."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from .. import __version__
from ..errors import ExtractionWarning, SeoulKGError
from ..extract import Extraction
from ..namespaces import DCAT, DCTERMS, ID, PREFIXES, RDF, RDFS, SKG, VOID, slug_iri
from ..paths import REFERENCE_DATA
from .audit import add_audit, audit_iri
from .cube import CubeWriter, add_budget, add_staffing
from .indicators import add_indicators
from .plan import PlanNodes
from .provenance import Provenance
from .units import UnitRegistry, add_units
from .workplan import add_work_plan


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
    if year and extraction.programs:
        plan = slug_iri("plan", str(registry.iri(office)).rsplit("/", 1)[-1], str(year))
        audit = audit_iri(registry, extraction, extraction.audit) if extraction.audit else None
        add_work_plan(PlanNodes(graph, prov, registry, plan), extraction, audit)
    _describe_dataset(graph, prov)
    return BuiltGraph(graph, tuple(sorted(set(warnings))))


def _describe_dataset(graph: Graph, prov: Provenance) -> None:
    """The dataset's description, written here only: `seoulkg serve` adds where it is served (web/app.py)."""
    kg = ID["dataset/seoulkg"]
    graph.add((kg, RDF.type, VOID.Dataset))
    graph.add((kg, RDF.type, DCAT.Dataset))
    graph.add((kg, DCTERMS.title, Literal("서울시 경제정책실 주요업무보고 지식그래프", lang="ko")))
    graph.add((kg, DCTERMS.title, Literal("seoulkg: knowledge graph of the Seoul Economic Policy Office "
                                          "work report", lang="en")))
    graph.add((kg, DCTERMS.source, prov.document))
    # the data's licence (the code's is Apache-2.0) and what is known of the source report's terms:
    # LICENSE-DATA.md says the same at length
    graph.add((kg, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    rights = ID["dataset/seoulkg/rights"]
    graph.add((kg, DCTERMS.rights, rights))
    graph.add((rights, RDF.type, DCTERMS.RightsStatement))
    graph.add((rights, RDFS.label, Literal(
        "그래프(데이터)는 CC BY 4.0으로 제공된다. 원문인 서울시 경제정책실 2022 주요업무보고는 서울특별시의 저작물로, "
        "그 본문에는 이용조건이나 공공누리 표시가 없다. 지방자치단체가 업무상 작성하여 공표한 저작물은 저작권법 "
        "제24조의2에 따라 예외에 해당하지 않는 한 허락 없이 이용할 수 있으며, 출처를 밝혀야 한다(제37조). 이 보고서가 "
        "언제 어디서 공표되었는지와 예외 해당 여부는 확인되지 않았다.", lang="ko")))
    graph.add((rights, RDFS.label, Literal(
        "The graph (data) is licensed CC BY 4.0. The source, the Seoul Economic Policy Office's 2022 work report, "
        "is a work of the Seoul Metropolitan Government whose text states no terms of use and no 공공누리 (KOGL) "
        "mark. A work a local government made in the course of its duties and made public may be used without "
        "permission under Article 24-2 of the Korean Copyright Act unless an exception applies, naming its source "
        "(Article 37). Where and when this report was made public, and whether an exception applies, is not "
        "known.", lang="en")))
    graph.add((kg, DCAT.version, Literal(__version__)))
    graph.add((kg, VOID.vocabulary, URIRef(str(SKG))))
