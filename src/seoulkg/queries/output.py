"""Query results as an aligned text table, CSV, or SPARQL 1.1 Query Results JSON."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pyoxigraph as ox

from .canned import Result

FORMATS = ("table", "csv", "json")


def cell(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    """A term as plain text: an IRI, a literal's lexical form, or '' when unbound."""
    return "" if term is None else term.value


def render(result: Result, fmt: str) -> str:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([cell(t) for t in row] for row in result.rows)
        return buffer.getvalue()
    if fmt == "json":
        bindings = [{c: _json_term(t) for c, t in zip(result.columns, row, strict=True) if t is not None}
                    for row in result.rows]
        document = {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    return _table(result)


def _json_term(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    value = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        value["datatype"] = term.datatype.value
    return value


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(result: Result) -> str:
    rows = [list(result.columns)] + [[cell(t) for t in row] for row in result.rows]
    widths = [max(_width(r[i]) for r in rows) for i in range(len(result.columns))]
    lines = ["  ".join(v + " " * (w - _width(v)) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} rows)")
    return "\n".join(lines) + "\n"
