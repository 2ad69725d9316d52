"""Literal forms shared by the graph writers, and the periods and units of measure they write."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from ..extract.dates import DateReading, parse_due
from ..namespaces import CUR, SCHEMA, SKG, UNIT

# Normalised unit notations (extract/quantities.py) -> QUDT units and currencies.
UNIT_MEASURES = {"NUM": UNIT.NUM, "PERCENT": UNIT.PERCENT, "KRW": CUR.KRW, "USD": CUR.USD, "M2": UNIT.M2,
                 "MO": UNIT.MO}


def decimal(value: Decimal) -> Literal:
    """An xsd:decimal whose lexical form always has a '.', as Turtle's shorthand writes it, so that the
    Turtle, N-Triples and JSON-LD outputs carry the same lexical form."""
    text = format(value, "f")
    return Literal(text if "." in text else f"{text}.0", datatype=XSD.decimal)


def period(g: Graph, node: URIRef, printed: str | None, reading: DateReading | None = None) -> None:
    """A period as printed (skg:periodText) and, read by the one date parser, its first and last day."""
    if not printed:
        return
    g.add((node, SKG.periodText, Literal(printed)))
    reading = reading or parse_due(printed)
    if reading and reading.start:
        g.add((node, SCHEMA.startDate, Literal(reading.start, datatype=XSD.date)))
    if reading and reading.due:
        g.add((node, SCHEMA.endDate, Literal(reading.due, datatype=XSD.date)))
