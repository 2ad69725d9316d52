"""The council's 2021 administrative audit: the audit, its items and follow-ups, and its summary table."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ..extract import Extraction
from ..extract.audit import AuditItem, AuditSection
from ..extract.codes import names
from ..namespaces import DCTERMS, RDF, RDFS, SCHEMA, SKG, UNIT, XSD, code, slug_iri
from .cube import CubeWriter
from .tables import add_table
from .units import UnitRegistry

CATEGORY_KO = names("audit-category", "ko")  # the code list's Korean names, as the report heads its parts
# An item's English name ('Correction demand 1') is not the code list's English label ('correction or handling
# demand'); taking the label would rename every item in English, so the short forms stay here.
CATEGORY_EN = {"correction": "Correction demand", "suggestion": "Suggestion", "data_request": "Data request"}
EXTERNAL_KIND = "external-unit"


def add_audit(graph: Graph, cube: CubeWriter, extraction: Extraction, section: AuditSection) -> None:
    """The audit (id/audit/{office}/{year}), every item with its units and follow-ups, and the summary."""
    registry, prov = cube.registry, cube.prov
    office = extraction.units[0].name
    audit = audit_iri(registry, extraction, section)
    if audit is None:
        return  # the heading names no year (warned)
    year = section.year
    graph.add((audit, RDF.type, SKG.AdministrativeAudit))
    graph.add((audit, RDFS.label, Literal(f"{year}년 행정사무감사 처리결과", lang="ko")))
    graph.add((audit, RDFS.label, Literal(f"Results of the {year} administrative audit", lang="en")))
    graph.add((audit, SCHEMA.about, registry.iri(office)))
    graph.add((audit, DCTERMS.source, prov.document))  # the report answering it: a row's way to its report
    prov.derive(audit, section.heading)
    if section.reference_date:
        graph.add((audit, SKG.referenceDate, Literal(section.reference_date, datatype=XSD.date)))
        graph.add((audit, SKG.referenceDateText, Literal(section.reference_text)))
    if section.stated_total is not None and section.stated_total_span:
        graph.add((audit, SKG.statedItemCount, Literal(section.stated_total, datatype=XSD.integer)))
        prov.derive(audit, section.stated_total_span)
    if section.note and section.note_span:
        graph.add((audit, RDFS.comment, Literal(section.note, lang="ko")))
        prov.derive(audit, section.note_span)
    known = {u.name for u in extraction.units}
    for item in section.items:
        _add_item(graph, cube, registry, audit, item, known)
    _add_summary(cube, office, section)


def audit_iri(registry: UnitRegistry, extraction: Extraction, section: AuditSection) -> URIRef | None:
    """id/audit/{office}/{audit year}; None for an audit whose heading names no year."""
    office = str(registry.iri(extraction.units[0].name)).rsplit("/", 1)[-1]
    return slug_iri("audit", office, str(section.year)) if section.year else None


def _add_item(graph: Graph, cube: CubeWriter, registry: UnitRegistry, audit: URIRef, item: AuditItem,
              known: set[str]) -> None:
    node = URIRef(f"{audit}/{item.category}/{item.number}")
    graph.add((node, RDF.type, SKG.AuditItem))
    graph.add((node, DCTERMS.isPartOf, audit))
    graph.add((node, RDFS.label, Literal(f"{CATEGORY_KO[item.category]} {item.number}", lang="ko")))
    graph.add((node, RDFS.label, Literal(f"{CATEGORY_EN[item.category]} {item.number}", lang="en")))
    graph.add((node, SKG.auditCategory, code("audit-category", item.category)))
    graph.add((node, SKG.itemNumber, Literal(item.number, datatype=XSD.integer)))
    graph.add((node, SKG.demand, Literal(item.demand, lang="ko")))
    cube.prov.derive(node, item.span)
    if item.status and item.status_printed:
        graph.add((node, SKG.auditStatus, code("audit-status", item.status)))
        graph.add((node, SKG.statusText, Literal(item.status_printed)))
    for unit in item.units:
        if unit not in known:
            registry.describe(unit, EXTERNAL_KIND, item.unit_span or item.span)
            known.add(unit)
        else:
            registry.mention(unit, item.unit_span or item.span, None)
        graph.add((node, SCHEMA.agent, registry.iri(unit)))
    for action in item.actions:
        graph.add((node, SKG.actionTaken, Literal(action, lang="ko")))
    for number, table in enumerate(item.tables, start=1):
        add_table(graph, cube.prov, node, number, table, "the audit answer's")
    for position, followup in enumerate(item.followups, start=1):
        step = URIRef(f"{node}/follow-up/{position}")
        graph.add((node, SKG.followUp, step))
        graph.add((step, RDF.type, SKG.FollowUp))
        graph.add((step, RDFS.label, Literal(f"{CATEGORY_KO[item.category]} {item.number} 향후계획 {position}",
                                             lang="ko")))
        graph.add((step, SCHEMA.description, Literal(followup.text, lang="ko")))
        cube.prov.derive(step, followup.span)
        if followup.date_text:
            graph.add((step, SKG.dateText, Literal(followup.date_text)))
        reading = followup.reading
        if reading and reading.start:
            graph.add((step, SKG.startDate, Literal(reading.start, datatype=XSD.date)))
        if reading and reading.due:
            graph.add((step, SKG.dueDate, Literal(reading.due, datatype=XSD.date)))


def _add_summary(cube: CubeWriter, office: str, section: AuditSection) -> None:
    """The summary table (처리결과 총괄) as stated counts per category and status."""
    if not section.summary or not section.summary_span or not section.reference_text:
        return
    ds = cube.dataset("audit-summary", office, section.summary_span, section.reference_text,
                      section.reference_date, "처리결과 총괄", "Audit results summary")
    if ds is None:
        return  # the table's date was not read (warned)
    for row in section.summary:
        category = code("audit-category", row.category or "total")
        cells = [("total", row.total_printed, row.total)]
        cells += [(c.status, c.printed, c.count) for c in row.by_status]
        for status, printed, count in cells:
            dims = {SKG.auditCategory: category, SKG.auditStatus: code("audit-status", status)}
            cube.observation(ds, office, dims, SKG.itemCount, Literal(count, datatype=XSD.integer),
                             printed, UNIT.NUM, row.span)
