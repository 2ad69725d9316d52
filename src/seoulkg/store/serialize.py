"""Canonical, sorted serialisations of a graph (Turtle, N-Triples, JSON-LD), written all-or-nothing."""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.serializers.turtle import VERB, TurtleSerializer
from rdflib.term import Node

from ..errors import SeoulKGError
from ..namespaces import PREFIXES
from .context import CONTEXT_NAME, context_text

OUTPUT_NAMES = ("seoulkg.ttl", "seoulkg.nt", "seoulkg.jsonld")
Check = Callable[[dict[str, Path]], None]  # the written files, by final name; raises SeoulKGError to write none


def to_turtle(graph: Graph) -> str:
    """Turtle as rdflib writes it (`graph.serialize(format="turtle")`, byte for byte): subjects and predicates
    sorted, prefixes from the graph."""
    stream = BytesIO()
    _Turtle(graph).serialize(stream, encoding="utf-8")
    return stream.getvalue().decode("utf-8")


class _Turtle(TurtleSerializer):
    """rdflib's Turtle serializer, writing each term once. rdflib works out a term's text again at every
    occurrence, and caches nothing for an IRI no prefix covers (most of ours, `id/program/…`): that was half of
    a build's time for its Turtle. A term's text depends only on the term and the prefixes bound (rdflib binds
    one when a predicate's namespace has none), so what is known is forgotten whenever a prefix is bound."""

    def reset(self) -> None:
        super().reset()
        self._known: dict[tuple[object, ...], str | None] = {}

    def get_pname(self, uri: Node, gen_prefix: bool = True) -> str | None:
        return self._once(("pname", uri, gen_prefix), lambda: super(_Turtle, self).get_pname(uri, gen_prefix),
                          binds=gen_prefix)

    def label(self, node: Node, position: int) -> str:
        # a literal by its lexical form, language and datatype (rdflib's literal equality is looser)
        key = ("label", type(node), str(node), getattr(node, "language", None), getattr(node, "datatype", None),
               position)
        found = self._once(key, lambda: super(_Turtle, self).label(node, position), binds=position == VERB)
        assert found is not None
        return found

    def _once(self, key: tuple[object, ...], make: Callable[[], str | None], binds: bool) -> str | None:
        """`make()` the first time `key` is asked for; `binds`: it may bind a prefix (only predicates do)."""
        if key in self._known:
            return self._known[key]
        bound = self._bound() if binds else 0
        found = make()
        if binds and self._bound() != bound:
            self._known.clear()
        self._known[key] = found
        return found

    def _bound(self) -> int:
        return sum(1 for _ in self.store.namespace_manager.store.namespaces())


def to_ntriples(graph: Graph) -> str:
    """N-Triples, one triple a line, lines sorted."""
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        raise ValueError("canonical N-Triples needs a graph without blank nodes")
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "".join(f"{line}\n" for line in sorted(filter(None, lines)))


def to_jsonld(graph: Graph) -> str:
    """Flattened JSON-LD: one node object a subject, sorted by @id, with the project's prefixes as context."""
    compact = functools.cache(_compact)  # each IRI compacted once per document
    nodes = []
    for subject in sorted(set(graph.subjects()), key=compact):
        node: dict[str, object] = {"@id": compact(subject)}
        types = sorted(compact(t) for t in graph.objects(subject, RDF.type))
        if types:
            node["@type"] = types
        for predicate in sorted(set(graph.predicates(subject)) - {RDF.type}, key=str):
            values = [_value(o, compact) for o in graph.objects(subject, predicate)]
            node[compact(predicate)] = sorted(values, key=lambda v: json.dumps(v, ensure_ascii=False,
                                                                                sort_keys=True))
        nodes.append(node)
    document = {"@context": dict(sorted(PREFIXES.items())), "@graph": nodes}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _compact(iri: Node) -> str:
    text = str(iri)
    for prefix, namespace in PREFIXES.items():
        rest = text[len(namespace):]
        if text.startswith(namespace) and rest and all(c.isalnum() or c in "-_" for c in rest):
            return f"{prefix}:{rest}"
    return text


def _value(term: Node, compact: Callable[[Node], str] = _compact) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"@id": compact(term)}
    if not isinstance(term, Literal):
        raise ValueError("canonical JSON-LD needs a graph without blank nodes")
    value: dict[str, str] = {"@value": str(term)}
    if term.language:
        value["@language"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        value["@type"] = compact(term.datatype)
    return value


def write_outputs(graph: Graph, out_dir: Path, check: Check | None = None) -> list[Path]:
    """Write the three serialisations and the JSON-LD context of the graph into out_dir; on any failure, or
    when `check` (given the files under their temporary names, by final name) raises, leave no new file behind."""
    ntriples = to_ntriples(graph)
    store = ox.Store()
    store.bulk_load(input=ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    contents = {"seoulkg.ttl": to_turtle(graph), "seoulkg.nt": ntriples, "seoulkg.jsonld": to_jsonld(graph),
                CONTEXT_NAME: context_text(store)}
    _write_all(out_dir, contents, check)
    return [out_dir / name for name in contents]


def check_writable(out_dir: Path) -> None:
    """Raise SeoulKGError unless out_dir is, or can be made, a directory to write into: a build checks this
    before its work, not only when it writes."""
    existing = out_dir
    try:
        while not existing.exists():
            existing = existing.parent
        problem = ("" if existing.is_dir() and os.access(existing, os.W_OK | os.X_OK)
                   else f"{existing} is not a directory" if not existing.is_dir() else f"{existing} is not writable")
    except OSError as exc:
        problem = exc.strerror or str(exc)
    if problem:
        raise SeoulKGError(f"{out_dir}: cannot write output: {problem}")


def write_text(path: Path, text: str) -> None:
    """Write one file all-or-nothing."""
    _write_all(path.parent, {path.name: text})


def _write_all(out_dir: Path, contents: dict[str, str], check: Check | None = None) -> None:
    made = not out_dir.exists()
    written = False
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        temps: dict[str, Path] = {}
        try:
            for name, text in contents.items():
                stem, dot, suffix = name.rpartition(".")  # the temporary name keeps the extension
                handle, path = tempfile.mkstemp(prefix=f".{stem}.", suffix=f"{dot}{suffix}", dir=out_dir)
                temps[name] = Path(path)
                with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                    stream.write(text)
            if check is not None:
                check(temps)
            for name, temp in temps.items():
                os.chmod(temp, 0o644)
                os.replace(temp, out_dir / name)
            written = True
        finally:
            for temp in temps.values():
                temp.unlink(missing_ok=True)
            if made and not written:
                out_dir.rmdir()  # a directory made for output that is not written goes too
    except OSError as exc:
        raise SeoulKGError(f"{out_dir}: cannot write output: {exc.strerror or exc}") from None
