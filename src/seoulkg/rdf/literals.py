"""Literal forms shared by the graph writers."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal
from rdflib.namespace import XSD


def decimal(value: Decimal) -> Literal:
    """An xsd:decimal whose lexical form always has a '.', as Turtle's shorthand writes it, so that the
    Turtle, N-Triples and JSON-LD outputs carry the same lexical form."""
    text = format(value, "f")
    return Literal(text if "." in text else f"{text}.0", datatype=XSD.decimal)
