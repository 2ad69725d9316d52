"""Canned queries against a remote SPARQL 1.1 endpoint, through SPARQLWrapper."""

from __future__ import annotations

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from .. import __version__
from ..errors import SeoulKGError
from .canned import CannedQuery, Result, prepare


def run_remote(endpoint: str, query: CannedQuery, values: dict[str, str], timeout: float = 60) -> Result:
    """The query's rows from `endpoint`, as the embedded engine gives them (JSON results, POSTed)."""
    client = SPARQLWrapper(endpoint, agent=f"seoulkg/{__version__}")
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(int(timeout))
    # SPARQLWrapper guesses the query form from the text, comments included ('#+ description' reads as
    # DESCRIBE): send it without the comment lines of the header.
    text = "\n".join(line for line in prepare(query, values).splitlines() if not line.lstrip().startswith("#"))
    client.setQuery(text)
    try:
        document = client.queryAndConvert()
    except (SPARQLWrapperException, OSError, ValueError) as exc:
        raise SeoulKGError(f"{endpoint}: the query failed: {' '.join(str(exc).split())[:300]}") from None
    malformed = SeoulKGError(f"{endpoint}: the answer is not SPARQL JSON results")
    if not isinstance(document, dict):
        raise malformed
    try:
        columns = tuple(document["head"]["vars"])
        rows = tuple(tuple(_term(b.get(c)) for c in columns) for b in document["results"]["bindings"])
    except (KeyError, TypeError, AttributeError, ValueError):
        raise malformed from None
    return Result(columns, rows)


def _term(binding: dict | None) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    datatype = binding.get("datatype")
    return ox.Literal(value, datatype=ox.NamedNode(datatype) if datatype else None)
