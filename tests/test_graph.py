"""The RDF graph: ORG units, Data Cube observations, IRIs and provenance of every resource."""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, QB, RDF, RDFS
from support import python_value

from seoulkg.extract.source import SourceDocument
from seoulkg.extract.text import squash
from seoulkg.namespaces import CUR, ID, ORG, SCHEMA, SKG
from seoulkg.rdf.graph import BuiltGraph

OFFICE = ID["unit/economic-policy-office"]


def test_units_are_org_units_of_the_office(built: BuiltGraph) -> None:
    g = built.graph
    divisions = set(g.subjects(ORG.classification, ID["code/unit-type/division"]))
    assert len(divisions) == 10
    assert all((d, ORG.unitOf, OFFICE) in g and (OFFICE, ORG.hasUnit, d) in g for d in divisions)
    assert (OFFICE, ORG.unitOf, ID["unit/seoul-metropolitan-government"]) in g
    sba = ID["unit/seoul-business-agency"]
    assert (sba, RDF.type, ORG.FormalOrganization) in g and (sba, ORG.linkedTo, OFFICE) in g
    assert (ID["unit/finance-investment-division"], RDFS.label, Literal("금융투자과", lang="ko")) in g
    assert (ID["unit/finance-investment-division"], RDFS.label,
            Literal("Finance and Investment Division", lang="en")) in g
    assert (ID["unit/economy-and-jobs-planning-officer"], SKG.headGrade, Literal("3급")) in g


def test_unit_duties_are_kept_as_printed(built: BuiltGraph) -> None:
    duties = set(built.graph.objects(ID["unit/seoul-science-center"], SKG.duty))
    assert Literal("과학교육 기본계획 수립 및 프로그램 개발·운영", lang="ko") in duties and len(duties) == 2


def test_budget_observation_in_krw_with_printed_text(built: BuiltGraph) -> None:
    g = built.graph
    obs = URIRef(str(ID) + "dataset/economic-policy-office/budget/2022-01-21/economic-policy-division/budgetAmount")
    assert python_value(g, obs, SKG.budgetAmount) == Decimal("131125000000")
    assert g.value(obs, SKG.printedText) == Literal("131,125")
    assert g.value(obs, SKG.printedUnit) == Literal("백만원")
    assert (obs, RDF.type, QB.Observation) in g
    assert str(g.value(obs, QB.dataSet)).endswith("/budget/2022-01-21")
    assert g.value(obs, URIRef("http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure")) == CUR.KRW


def test_instance_iris_are_readable_slugs(built: BuiltGraph) -> None:
    units = set(built.graph.subjects(ORG.classification, None))
    assert len(units) == 20  # the chart's 17, the city, and 2 units named only in the audit section
    assert all(re.fullmatch(r"https://w3id\.org/seoulkg/id/unit/[a-z0-9-]+", str(u)) for u in units)
    observations = set(built.graph.subjects(RDF.type, QB.Observation))
    # the report's own tables under id/dataset/; a program's tables of figures under the program, each
    # cell named by its row and column as printed (id/program/…/table/1/매출액/2017년)
    tables = {o for o in observations if "/table/" in str(o)}
    assert all(re.fullmatch(r"https://w3id\.org/seoulkg/id/dataset/[a-zA-Z0-9/_-]+", str(o))
               for o in observations - tables)
    # the programs' 41 cells, and the audit answers' 50 (under the item: id/audit/…/correction/3/table/1/총계/목표)
    program = {o for o in tables if str(o).startswith(str(ID["program/"]))}
    assert len(program) == 41 and len(tables - program) == 50
    audit = re.compile(str(ID) + r"audit/[a-z-]+/2021/correction/\d+/table/1/.+")
    assert all(audit.fullmatch(str(o)) for o in tables - program)


def test_every_resource_cites_a_span_quoting_the_source(built: BuiltGraph, doc: SourceDocument) -> None:
    g = built.graph
    spans = set(g.subjects(RDF.type, SKG.SourceSpan))
    for span in spans:
        start, end = python_value(g, span, SKG.startLine), python_value(g, span, SKG.endLine)
        assert str(g.value(span, PROV.value)) == "\n".join(doc.lines[start - 1:end])
    # every resource read from the report: all but spans, code lists, structures, curation records and
    # the descriptions of the document, the build and the dataset
    reference = ("code/", "structure/", "curation/", "source/", "activity/", "agent/", "dataset/seoulkg")
    described = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(ID))
                 and not str(s).removeprefix(str(ID)).startswith(reference)}
    assert len(described) > 900
    printed = [SKG.printedText, SKG.duty, SKG.demand, SKG.actionTaken, SKG.dateText, SKG.statusText,
               SKG.statement, SCHEMA.description]
    for resource in described:
        cited = set(g.objects(resource, PROV.wasDerivedFrom)) & spans
        assert cited, resource
        quoted = squash(" ".join(str(g.value(s, PROV.value)) for s in cited))
        for literal in (o for p in printed for o in g.objects(resource, p)):
            assert squash(str(literal)) in quoted, (resource, literal)


def test_counts_of_what_the_report_holds(built: BuiltGraph) -> None:
    g = built.graph

    def count(cls: URIRef) -> int:
        return len(set(g.subjects(RDF.type, cls)))

    structures = {str(g.value(g.value(o, QB.dataSet), QB.structure)).rsplit("/", 1)[-1]
                  for o in g.subjects(RDF.type, QB.Observation)}
    assert structures == {"staffing", "budget", "budget-composition", "audit-summary", "economic-indicators",
                          "program-table"}
    # + the programs' four tables of figures: 8 + 5 + 24 + 4 cells (lines 432-436, 662-663, 1292-1299, 2261)
    # + the audit answers' four: 18 + 10 + 12 + 10 cells (lines 2434-2445, 3717-3719, 4235-4239, 5017-5019)
    assert count(QB.Observation) == 135 + 65 + 3 + 20 + 32 + 41 + 50
    assert count(SKG.AuditItem) == 180
    assert count(SKG.Program) == 24 + 26  # programs and their numbered parts
    assert len(set(g.subjects(SKG.programNumber, None)) - set(g.subjects(URIRef(
        "http://purl.org/dc/terms/isPartOf"), None))) == 0


def test_source_document_with_checksum(built: BuiltGraph, doc: SourceDocument) -> None:
    g = built.graph
    source = ID["source/economic-policy-office/2022/seoul-economic-policy-office-2022-work-report"]
    checksum = g.value(source, URIRef("http://spdx.org/rdf/terms#checksum"))
    assert str(g.value(checksum, URIRef("http://spdx.org/rdf/terms#checksumValue"))) == doc.sha256
    assert doc.sha256 == "4f2452b2e8f2c7d0f239359b5f8f0b20cc7461aa5699e3303c89af6e373f45de"
