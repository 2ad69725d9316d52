"""Counts the report states about itself ('1실‧2기획관(10과)‧1센터‧1관', an area's overview of its programs),
kept as data with their line, so the shapes can compare them with what the graph holds (shapes/completeness.ttl)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ..extract.source import Span
from ..namespaces import RDF, RDFS, SKG, XSD
from .provenance import Provenance


def add_stated_count(graph: Graph, prov: Provenance, node: URIRef, count: int, counted: URIRef, within: URIRef,
                     span: Span, label_ko: str, label_en: str) -> None:
    """`node` states that `within` has `count` members of class `counted`, as printed on `span`."""
    graph.add((node, RDF.type, SKG.StatedCount))
    graph.add((node, SKG.statedCount, Literal(count, datatype=XSD.integer)))
    graph.add((node, SKG.countedClass, counted))
    graph.add((node, SKG.countedIn, within))
    graph.add((node, RDFS.label, Literal(label_ko, lang="ko")))
    graph.add((node, RDFS.label, Literal(label_en, lang="en")))
    prov.derive(node, span)
