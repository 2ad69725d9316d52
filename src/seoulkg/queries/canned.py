"""The canned queries (src/seoulkg/queries/*.rq): their grlc-style headers, typed parameters, and running them.

A query file starts with `#+ ` lines holding YAML, as grlc's decorators do: `summary` (the title),
`description`, `tags`, and `params`, a list of {name, type, default, description}. Parameter `name` binds
the SPARQL variable `?_name` (grlc's underscore convention): the value is checked against its type, made an
RDF term, and written as a `VALUES` block at the start of the query's outer `WHERE {` (a line of its own),
the one binding mechanism every SPARQL 1.1 engine honours in filters. A parameter with no default and no
value is left unbound, which the query reads as "no filter".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import yaml

from ..errors import SeoulKGError
from ..paths import QUERIES_DIR

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = ("xsd:date", "xsd:string", "xsd:integer", "xsd:decimal", "iri")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_OUTER_WHERE = re.compile(r"^WHERE\s*\{", re.MULTILINE)


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    description: str


@dataclass(frozen=True)
class CannedQuery:
    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    text: str


@dataclass(frozen=True)
class Result:
    columns: tuple[str, ...]
    rows: tuple[tuple[ox.NamedNode | ox.Literal | ox.BlankNode | None, ...], ...]


def parse_header(path: Path) -> CannedQuery:
    """Read a query file and its `#+` header; raise SeoulKGError naming the file on a malformed header."""
    text = path.read_text(encoding="utf-8")
    header = "\n".join(line[3:] if line.startswith("#+ ") else line[2:]
                       for line in text.splitlines() if line.startswith("#+"))
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        raise SeoulKGError(f"{path}: malformed '#+' header: {' '.join(str(exc).split())}") from None
    if not isinstance(meta, dict) or "summary" not in meta:
        raise SeoulKGError(f"{path}: the '#+' header must be a mapping with at least 'summary'")
    params = []
    for entry in meta.get("params") or []:
        if not isinstance(entry, dict) or not _NAME.match(str(entry.get("name", ""))) \
                or entry.get("type") not in PARAM_TYPES:
            raise SeoulKGError(f"{path}: each param needs a lower-case name and a type in {PARAM_TYPES}")
        default = entry.get("default")
        params.append(Param(entry["name"], entry["type"], None if default is None else str(default),
                            str(entry.get("description", ""))))
    if len(_OUTER_WHERE.findall(text)) != 1:
        raise SeoulKGError(f"{path}: the outer 'WHERE {{' must start a line, once")
    return CannedQuery(path.stem, path, str(meta["summary"]), str(meta.get("description", "")).strip(),
                       tuple(params), text)


def catalogue(directory: Path | None = None) -> dict[str, CannedQuery]:
    """Every canned query, by name (the file name without .rq); none found is an error, not an empty list."""
    directory = directory or QUERIES_DIR
    found = sorted(directory.glob("*.rq"))
    if not found:
        raise SeoulKGError(f"{directory}: no canned queries (*.rq) found; the installation is incomplete")
    return {q.name: q for q in map(parse_header, found)}


def get(name: str, directory: Path | None = None) -> CannedQuery:
    directory = directory or QUERIES_DIR
    path = directory / f"{name}.rq"
    if not _NAME.match(name.replace("-", "_")) or not path.is_file():
        known = ", ".join(catalogue(directory))
        raise SeoulKGError(f"unknown query '{name}' (known: {known})")
    return parse_header(path)


def bind(query: CannedQuery, values: dict[str, str]) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """Typed terms for the query's parameters from user strings and defaults."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        names = ", ".join(declared) or "none"
        raise SeoulKGError(f"query '{query.name}' has no parameter '{unknown[0]}' (parameters: {names})")
    bound = {}
    for param in query.params:
        raw = values.get(param.name, param.default)
        if raw is not None:
            bound[ox.Variable(f"_{param.name}")] = _term(param, raw)
    return bound


def _term(param: Param, raw: str) -> ox.NamedNode | ox.Literal:
    try:
        if param.type == "xsd:date":
            return ox.Literal(dt.date.fromisoformat(raw).isoformat(), datatype=ox.NamedNode(XSD + "date"))
        if param.type == "xsd:integer":
            return ox.Literal(str(int(raw)), datatype=ox.NamedNode(XSD + "integer"))
        if param.type == "xsd:decimal":
            return ox.Literal(str(Decimal(raw)), datatype=ox.NamedNode(XSD + "decimal"))
        if param.type == "iri":
            return ox.NamedNode(raw)
        return ox.Literal(raw)
    except (ValueError, InvalidOperation):
        raise SeoulKGError(f"parameter '{param.name}': '{raw}' is not a valid {param.type}") from None


def prepare(query: CannedQuery, values: dict[str, str]) -> str:
    """The query text with its bound parameters as a VALUES block opening the outer WHERE."""
    bound = bind(query, values)
    if not bound:
        return query.text
    names = " ".join(str(v) for v in bound)
    terms = " ".join(str(t) for t in bound.values())
    block = f"\n  VALUES ({names}) {{ ({terms}) }}"
    where = _OUTER_WHERE.search(query.text)
    assert where is not None  # parse_header checked that the outer WHERE starts a line once
    return query.text[: where.end()] + block + query.text[where.end():]


def run(store: ox.Store, query: CannedQuery, values: dict[str, str]) -> Result:
    """Run a canned SELECT query with its parameters bound."""
    solutions = store.query(prepare(query, values))
    if not isinstance(solutions, ox.QuerySolutions):
        raise SeoulKGError(f"query '{query.name}' is not a SELECT query")
    columns = tuple(v.value for v in solutions.variables)
    rows = tuple(tuple(solution[c] for c in columns) for solution in solutions)
    return Result(columns, rows)
