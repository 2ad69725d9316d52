"""Dated statements of the work plan (skg:DatedStatement), and what makes a dated item checkable: its label's
period and its stated duration (read by extract/milestones.py, checked by shapes/consistency.ttl)."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, Literal, URIRef

from ..extract.milestones import Milestone
from ..namespaces import RDF, SCHEMA, SKG, XSD
from .plan import PlanNodes
from .provenance import Provenance


def numbered(
    nodes: PlanNodes, items: tuple[Milestone, ...], segment: str
) -> Iterator[tuple[Milestone, URIRef, URIRef]]:
    """Each item of a known program or part with its owner and IRI {owner}/{segment}/{n}, n counted per owner."""
    counts: dict[URIRef, int] = {}
    for item in items:
        owner = nodes.owner_of(item.program, item.subprogram)
        if owner is None:
            continue
        counts[owner] = counts.get(owner, 0) + 1
        yield item, owner, URIRef(f"{owner}/{segment}/{counts[owner]}")


def add_statements(nodes: PlanNodes, statements: tuple[Milestone, ...]) -> None:
    """Each dated statement of a program's other blocks: {program or part}/dated/{n} in printed order."""
    for item, owner, node in numbered(nodes, statements, "dated"):
        nodes.graph.add((owner, SKG.datedStatement, node))
        _statement(nodes.graph, nodes.prov, node, item)


def _statement(graph: Graph, prov: Provenance, node: URIRef, item: Milestone) -> None:
    """A dated statement: its text, its block, its period as printed and, where read, its dates."""
    graph.add((node, RDF.type, SKG.DatedStatement))
    graph.add((node, SCHEMA.description, Literal(item.text, lang="ko")))
    graph.add((node, SKG.statementBlock, Literal(item.block)))
    graph.add((node, SKG.dateText, Literal(item.date_text)))
    if item.reading and item.reading.start:
        graph.add((node, SCHEMA.startDate, Literal(item.reading.start, datatype=XSD.date)))
    if item.reading and item.reading.due:
        graph.add((node, SCHEMA.endDate, Literal(item.reading.due, datatype=XSD.date)))
    prov.derive(node, item.span)
    add_checkable(graph, node, item)


def add_checkable(graph: Graph, node: URIRef, item: Milestone) -> None:
    """The event's own first and last day where the item states a duration or a label to check them
    against: the duration in days as printed, the season or half-year label and its period."""
    event = item.event or item.reading
    if not (event and event.start and event.due) or (item.days is None and item.label is None):
        return
    graph.add((node, SKG.eventStart, Literal(event.start, datatype=XSD.date)))
    graph.add((node, SKG.eventEnd, Literal(event.due, datatype=XSD.date)))
    if item.days is not None:
        graph.add((node, SKG.statedDuration, Literal(item.days, datatype=XSD.integer)))
    if item.label:
        graph.add((node, SKG.periodLabel, Literal(item.label.printed)))
        graph.add((node, SKG.labelStart, Literal(item.label.start, datatype=XSD.date)))
        graph.add((node, SKG.labelEnd, Literal(item.label.end, datatype=XSD.date)))
