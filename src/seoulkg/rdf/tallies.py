"""What the report states about its own figures (extract/tallies.py), written where it is printed: a total
with its parts ({owner}/sum/{n}), a count with its items ({owner}/list/{n}), an average with its total and
count ({owner}/average/{n}), an audit answer's stated period ({item}/dated/{n}), a part of a whole an audit
item's demand or answer prints ({item}/share/{n}); checked by
shapes/consistency.ttl."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from ..extract.tallies import Figure, Owner, Tallies
from ..namespaces import DCTERMS, RDF, SCHEMA, SKG, XSD
from .literals import decimal
from .provenance import Provenance

OwnerIri = Callable[[Owner], URIRef | None]


def add_tallies(graph: Graph, prov: Provenance, owner_iri: OwnerIri, tallies: Tallies) -> None:
    """Every stated sum, listed count, average and stated period whose owner is in the graph."""
    numbers: dict[tuple[URIRef, str], int] = {}

    def node(owner: Owner, segment: str) -> URIRef | None:
        iri = owner_iri(owner)
        if iri is None:
            return None
        numbers[(iri, segment)] = numbers.get((iri, segment), 0) + 1
        return URIRef(f"{iri}/{segment}/{numbers[(iri, segment)]}")

    for total in tallies.sums:
        if (iri := node(total.owner, "sum")) is None:
            continue
        graph.add((iri, RDF.type, SKG.StatedSum))
        graph.add((iri, SCHEMA.description, Literal(total.text, lang="ko")))
        graph.add((iri, SKG.printedText, Literal(total.printed)))
        graph.add((iri, SCHEMA.unitText, Literal(total.unit)))
        if total.low == total.high:
            graph.add((iri, SCHEMA.value, decimal(total.low)))
        else:
            graph.add((iri, SCHEMA.minValue, decimal(total.low)))
            graph.add((iri, SCHEMA.maxValue, decimal(total.high)))
        if total.footnote is not None:
            graph.add((iri, SKG.footnoteNumber, Literal(total.footnote, datatype=XSD.integer)))
        if total.open_ended:
            graph.add((iri, SKG.openEnded, Literal(True)))
        prov.derive(iri, total.span)
        for position, part in enumerate(total.parts, start=1):
            graph.add((iri, SKG.sumPart, _figure(graph, prov, URIRef(f"{iri}/part/{position}"), part)))
    for count in tallies.counts:
        if (iri := node(count.owner, "list")) is None:
            continue
        graph.add((iri, RDF.type, SKG.ListedCount))
        graph.add((iri, SCHEMA.description, Literal(count.text, lang="ko")))
        graph.add((iri, SKG.printedText, Literal(count.printed)))
        graph.add((iri, SCHEMA.value, Literal(count.count, datatype=XSD.integer)))
        for item in count.items:
            graph.add((iri, SKG.listedItem, Literal(item)))
        if count.open_ended:
            graph.add((iri, SKG.openEnded, Literal(True)))
        prov.derive(iri, count.span)
    for average in tallies.averages:
        if (iri := node(average.owner, "average")) is None:
            continue
        graph.add((iri, RDF.type, SKG.StatedAverage))
        graph.add((iri, SCHEMA.description, Literal(average.text, lang="ko")))
        graph.add((iri, SKG.printedText, Literal(average.average.printed)))
        graph.add((iri, SCHEMA.value, decimal(average.average.value)))
        graph.add((iri, SCHEMA.unitText, Literal(average.average.unit)))
        graph.add((iri, SKG.averageTotal, _figure(graph, prov, URIRef(f"{iri}/total"), average.total)))
        graph.add((iri, SKG.averageCount, _figure(graph, prov, URIRef(f"{iri}/count"), average.count)))
        prov.derive(iri, average.span)
    for period in tallies.periods:
        owner = owner_iri(period.owner)
        if owner is None or (iri := node(period.owner, "dated")) is None:
            continue
        graph.add((owner, SKG.datedStatement, iri))
        graph.add((iri, RDF.type, SKG.DatedStatement))
        graph.add((iri, SCHEMA.description, Literal(period.text, lang="ko")))
        graph.add((iri, SKG.statementBlock, Literal("추진내용")))
        graph.add((iri, SKG.dateText, Literal(period.date_text)))
        graph.add((iri, SCHEMA.startDate, Literal(period.reading.start, datatype=XSD.date)))
        graph.add((iri, SCHEMA.endDate, Literal(period.reading.due, datatype=XSD.date)))
        graph.add((iri, SKG.activity, Literal(period.activity)))
        prov.derive(iri, period.span)
        for position in period.plans:
            graph.add((URIRef(f"{owner}/follow-up/{position}"), SKG.activity, Literal(period.activity)))

    for share in tallies.shares:
        owner = owner_iri(share.owner)
        if owner is None or (iri := node(share.owner, "share")) is None:
            continue
        graph.add((iri, RDF.type, SKG.StatedShare))
        graph.add((iri, DCTERMS.isPartOf, owner))
        graph.add((iri, SKG.statedIn, Literal(share.block)))
        graph.add((iri, SKG.printedText, Literal(share.printed)))
        graph.add((iri, SCHEMA.value, decimal(share.part)))
        graph.add((iri, SKG.wholeValue, decimal(share.whole)))
        graph.add((iri, SCHEMA.unitText, Literal(share.unit)))
        prov.derive(iri, share.span)


def _figure(graph: Graph, prov: Provenance, iri: URIRef, figure: Figure) -> URIRef:
    """A labelled figure as a schema:QuantitativeValue, with its number and unit as printed."""
    graph.add((iri, RDF.type, SCHEMA.QuantitativeValue))
    graph.add((iri, SCHEMA.name, Literal(figure.label, lang="ko")))
    graph.add((iri, SCHEMA.value, decimal(Decimal(figure.value))))
    graph.add((iri, SCHEMA.unitText, Literal(figure.unit)))
    graph.add((iri, SKG.printedText, Literal(figure.printed)))
    prov.derive(iri, figure.span)
    return iri
