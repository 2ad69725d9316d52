"""The one JSON-LD `@context` of the project: derived from a graph by one function, written by `build` next
to the dumps (data/context.jsonld, shipped in the package), served at /context.jsonld, and what a JSON-LD
file naming `https://w3id.org/seoulkg/context.jsonld` as its context is read with (never fetched)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from ..errors import SeoulKGError
from ..namespaces import BASE, PREFIXES

CONTEXT_NAME = "context.jsonld"
CONTEXT_IRI = f"{BASE}{CONTEXT_NAME}"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SKG = PREFIXES["skg"]


def jsonld_context(store: ox.Store, prefixes: dict[str, str]) -> dict[str, object]:
    """The prefixes, and a term for every property the data uses, named by its local name (the project's
    own property keeps the name where vocabularies share one, e.g. `startDate` is skg:startDate; the others
    are named by their prefixed names): `"@type": "@id"` for one whose values are all IRIs, its datatype for
    one whose values all share one (dates as xsd:date), a language map for one whose values are all
    language-tagged."""
    kinds: dict[str, set[str]] = {}
    query = ("SELECT DISTINCT ?p (IF(isIRI(?o) || isBlank(?o), '@id', "
             "IF(lang(?o) != '', '@language', STR(DATATYPE(?o)))) AS ?k) WHERE { ?s ?p ?o }")
    for row in store.query(query):  # type: ignore[union-attr]
        kinds.setdefault(row["p"].value, set()).add(row["k"].value)

    def curie(iri: str) -> str:
        for prefix, namespace in sorted(prefixes.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    local = {p: curie(p).split(":", 1)[-1] for p in kinds if p != RDF_TYPE}
    sharing: dict[str, list[str]] = {}
    for iri, name in local.items():
        sharing.setdefault(name, []).append(iri)
    terms: dict[str, object] = dict(sorted(prefixes.items()))
    for iri in sorted(local):
        others = sharing[local[iri]]
        short = local[iri] not in prefixes and (len(others) == 1 or iri.startswith(SKG))
        found = kinds[iri]
        definition: dict[str, str] = {"@id": curie(iri)}
        if found == {"@id"}:
            definition["@type"] = "@id"
        elif found == {"@language"}:
            definition["@container"] = "@language"
        elif len(found) == 1 and next(iter(found)) not in (XSD_STRING, "@language", "@id"):
            definition["@type"] = curie(next(iter(found)))
        terms[local[iri] if short else curie(iri)] = definition
    return {"@context": terms}


def context_text(store: ox.Store, prefixes: dict[str, str] = PREFIXES) -> str:
    """The context document as written and served: sorted keys, one space indent, UTF-8."""
    return json.dumps(jsonld_context(store, prefixes), ensure_ascii=False, indent=1) + "\n"


def resolve_contexts(path: Path, text: str, shipped: Path) -> str:
    """A JSON-LD file's text with every `@context` naming CONTEXT_IRI replaced by the shipped context; any
    other context given by address is refused, since seoulkg opens no connection."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SeoulKGError(f"{path}:{exc.lineno}: not valid JSON-LD: {exc.msg}") from None
    found = {"ours": False}

    def walk(node: object) -> object:
        if isinstance(node, dict):
            return {key: (_context(value) if key == "@context" else walk(value)) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    def _context(value: object) -> object:
        if isinstance(value, list):
            return [_context(item) for item in value]
        if isinstance(value, str):
            if value != CONTEXT_IRI:
                raise SeoulKGError(f"{path}:{_line_of(text, value)}: the @context '{value}' is an address, and "
                                   f"seoulkg fetches nothing: embed the context, or name {CONTEXT_IRI} "
                                   "(read from the copy shipped with seoulkg)")
            found["ours"] = True
            return json.loads(shipped.read_text(encoding="utf-8"))["@context"]
        return walk(value)

    resolved = walk(document)
    return json.dumps(resolved, ensure_ascii=False) if found["ours"] else text


def _line_of(text: str, value: str) -> int:
    at = text.find(json.dumps(value)[1:-1])
    return text.count("\n", 0, at) + 1 if at >= 0 else 1
