"""A loaded handle for researchers: one Oxigraph store (the files and the ontology) answering many queries
with Python values (str, int, Decimal, datetime.date; None when unbound).

    >>> kg = seoulkg.open()                                   # the shipped 2022 graph
    >>> kg.query("overdue-by-unit", as_of=date(2022, 7, 1))   # a canned query
    >>> kg.sparql("SELECT ?s WHERE { ?s a <https://w3id.org/seoulkg/ontology#AuditItem> }")
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import SeoulKGError
from .paths import BUILT_GRAPH
from .queries import canned
from .store.files import load_store

Files = Path | str | Iterable[Path | str] | None
# what an update starts with, after comments and the prologue (the store's query() cannot run one anyway)
_UPDATE = re.compile(r"^(?:\s|#[^\n]*|(?:PREFIX|BASE)\s[^\n]*)*(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD"
                     r"|WITH)\b", re.IGNORECASE)


class Handle:
    """The graph loaded once: canned queries, one's own SPARQL, and the rdflib graph when wanted."""

    def __init__(self, files: Files = None) -> None:
        self.files = _paths(files)
        self.store = load_store(self.files)
        self._graph: Any = None

    def __len__(self) -> int:
        return len(self.store)

    def __repr__(self) -> str:
        return f"<seoulkg.Handle {len(self)} triples from {', '.join(map(str, self.files))}>"

    def query(self, name: str, **params: object) -> Any:
        """A canned query's rows (see `seoulkg queries`); parameters may be strings or Python values."""
        result = canned.run(self.store, canned.get(name), {k: str(v) for k, v in params.items()})
        return rows(result.columns, result.rows)

    def sparql(self, text: str) -> Any:
        """One's own SPARQL query, read-only: SELECT gives rows, ASK a bool, CONSTRUCT/DESCRIBE an rdflib Graph.
        An update is refused with SeoulKGError."""
        if _UPDATE.match(text):
            raise SeoulKGError("the handle is read-only: SPARQL Update is refused (SELECT, ASK, CONSTRUCT or "
                               "DESCRIBE only)")
        try:
            answer = self.store.query(text)
        except SyntaxError as exc:
            raise SeoulKGError(f"not a valid SPARQL query: {' '.join(str(exc).split())}") from None
        if isinstance(answer, ox.QueryBoolean):
            return bool(answer)
        if isinstance(answer, ox.QuerySolutions):
            columns = tuple(v.value for v in answer.variables)
            return rows(columns, [tuple(s[c] for c in columns) for s in answer])
        from rdflib import Graph

        graph = Graph()
        graph.parse(data=(answer.serialize(format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8"), format="turtle")
        return graph

    def graph(self) -> Any:
        """The same triples as an rdflib Graph (parsed once, on first use; shared by later calls)."""
        if self._graph is None:
            from rdflib import Graph

            # N-Triples read by the Turtle parser: linear on long literals, where rdflib's N-Triples parser is not
            text = (self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b"").decode("utf-8")
            self._graph = Graph().parse(data=text, format="turtle")
        return self._graph


def cached(files: Files = None) -> Handle:
    """A handle shared between calls for the same files (the last files asked for), reloaded when one of
    them changes on disk."""
    paths = _paths(files)
    try:
        stamps = tuple((str(p.resolve()), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    except OSError:
        return Handle(paths)  # the load names the missing or unreadable file
    return _cached(stamps, paths)


@lru_cache(maxsize=1)  # one store kept: a 1M-triple graph holds about 600 MB
def _cached(stamps: tuple[tuple[str, int, int], ...], paths: tuple[Path, ...]) -> Handle:
    return Handle(paths)


def rows(columns: tuple[str, ...], solutions: Iterable[tuple[Any, ...]]) -> Any:
    """Rows as a pandas DataFrame when pandas is installed, else a list of dicts of Python values."""
    seen: dict[Any, Any] = {}  # a term met again (a report, a unit, a code) is converted once, if immutable

    def value(term: Any) -> Any:
        if term is None:
            return None
        try:
            return seen[term]
        except KeyError:
            converted = python(term)
            if type(converted) in _IMMUTABLE:
                seen[term] = converted
            return converted

    found = [{c: value(t) for c, t in zip(columns, row, strict=True)} for row in solutions]
    try:
        import pandas
    except ImportError:
        return found
    return pandas.DataFrame(found, columns=list(columns))


_XSD = "http://www.w3.org/2001/XMLSchema#"
_IMMUTABLE = frozenset({str, int, float, bool, Decimal, dt.date, dt.datetime, dt.time})
# the datatypes the queries answer with, read without rdflib (a Literal per cell costs ~10 times more)
_READ: dict[str, Callable[[str], Any]] = {
    _XSD + "string": str, _XSD + "integer": int, _XSD + "decimal": Decimal, _XSD + "date": dt.date.fromisoformat,
    _XSD + "boolean": lambda text: text in ("true", "1")}


def python(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Any:
    """A term as a Python value: an IRI as str, a typed literal as its value (int, Decimal, date …)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if term.language:
        return term.value
    datatype = term.datatype.value
    read = _READ.get(datatype)
    if read is not None:
        try:
            return read(term.value)
        except (ValueError, ArithmeticError):
            pass  # an ill-formed literal: rdflib keeps it as a Literal
    from rdflib import Literal, URIRef

    return Literal(term.value, datatype=URIRef(datatype)).toPython()


def _paths(files: Files) -> tuple[Path, ...]:
    if files is None:
        return (BUILT_GRAPH,)
    if isinstance(files, (str, Path)):
        return (Path(files),)
    paths = tuple(Path(f) for f in files)
    if not paths:
        raise SeoulKGError("no files given (leave files out for the shipped 2022 graph)")
    return paths
