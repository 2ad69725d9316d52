"""Canonical, sorted serialisations of a graph (Turtle, N-Triples, JSON-LD), written all-or-nothing."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from ..errors import SeoulKGError
from ..namespaces import PREFIXES
from .context import CONTEXT_NAME, context_text

OUTPUT_NAMES = ("seoulkg.ttl", "seoulkg.nt", "seoulkg.jsonld")
Check = Callable[[dict[str, Path]], None]  # the written files, by final name; raises SeoulKGError to write none


def to_turtle(graph: Graph) -> str:
    """Turtle as rdflib writes it: subjects and predicates sorted, prefixes from the graph."""
    return graph.serialize(format="turtle")


def to_ntriples(graph: Graph) -> str:
    """N-Triples, one triple a line, lines sorted."""
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        raise ValueError("canonical N-Triples needs a graph without blank nodes")
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "".join(f"{line}\n" for line in sorted(filter(None, lines)))


def to_jsonld(graph: Graph) -> str:
    """Flattened JSON-LD: one node object a subject, sorted by @id, with the project's prefixes as context."""
    nodes = []
    for subject in sorted(set(graph.subjects()), key=_compact):
        node: dict[str, object] = {"@id": _compact(subject)}
        types = sorted(_compact(t) for t in graph.objects(subject, RDF.type))
        if types:
            node["@type"] = types
        for predicate in sorted(set(graph.predicates(subject)) - {RDF.type}, key=str):
            values = [_value(o) for o in graph.objects(subject, predicate)]
            node[_compact(predicate)] = sorted(values, key=lambda v: json.dumps(v, ensure_ascii=False,
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


def _value(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"@id": _compact(term)}
    if not isinstance(term, Literal):
        raise ValueError("canonical JSON-LD needs a graph without blank nodes")
    value: dict[str, str] = {"@value": str(term)}
    if term.language:
        value["@language"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        value["@type"] = _compact(term.datatype)
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
