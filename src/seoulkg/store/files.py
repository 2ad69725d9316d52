"""Reading RDF files: into an in-memory Oxigraph store (the query engine) or an rdflib graph."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..errors import SeoulKGError
from ..paths import ONTOLOGY, SHIPPED_CONTEXT
from .context import resolve_contexts

FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
           ".json": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML}


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax of a file, by its extension."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise SeoulKGError(f"{path}: unknown RDF file type '{path.suffix}' "
                           f"(expected one of {', '.join(sorted(FORMATS))})") from None


def load_store(paths: Iterable[Path]) -> ox.Store:
    """An in-memory store holding the ontology's and every file's triples in the default graph (queries
    may name terms by their ontology labels)."""
    store = ox.Store()
    for path in [ONTOLOGY, *paths]:
        load_file(store, path)
    return store


def load_file(store: ox.Store, path: Path) -> None:
    """Add a file's triples to the store; raise SeoulKGError naming the file, line and problem."""
    fmt = rdf_format(path)
    try:
        if fmt == ox.RdfFormat.JSON_LD:
            store.bulk_load(input=_jsonld_text(path).encode("utf-8"), format=fmt)
        else:
            store.bulk_load(path=str(path), format=fmt)
    except FileNotFoundError:
        raise SeoulKGError(f"{path}: data file not found") from None
    except SyntaxError as exc:
        found = re.search(r"line (\d+)", str(exc))
        # "Parser error at line 2 column 9: … (bad.ttl, line 2)" -> "at line 2 column 9: …"
        problem = re.sub(r"^Parser error | \([^()]*, line \d+\)$", "", str(exc))
        problem = re.sub(r"[\x00-\x1f]", lambda c: f"\\x{ord(c[0]):02x}", problem)
        raise SeoulKGError(f"{path}:{found[1] if found else '?'}: not valid {fmt.name} {problem}") from None
    except OSError as exc:
        raise SeoulKGError(f"{path}: cannot read data file: {exc.strerror or exc}") from None


def parse_files(paths: list[Path]) -> Graph:
    """All files in one rdflib graph; raise SeoulKGError naming the file (and line) that does not parse."""
    graph = Graph()
    for path in paths:
        fmt = rdf_format(path).media_type
        # N-Triples is a subset of Turtle, and rdflib's Turtle parser is linear where its N-Triples parser
        # slows down on long literals (measured: 6.5 s for a literal of a million characters, against 0.02 s)
        fmt = "text/turtle" if fmt == "application/n-triples" else fmt
        try:
            if fmt == "application/ld+json":
                graph.parse(data=_jsonld_text(path), format="json-ld")
            else:
                graph.parse(path, format=fmt)
        except FileNotFoundError:
            raise SeoulKGError(f"{path}: file not found") from None
        except UnicodeDecodeError as exc:
            raise SeoulKGError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        except OSError as exc:
            raise SeoulKGError(f"{path}: cannot read: {exc.strerror or exc}") from None
        except Exception as exc:  # rdflib's parsers raise many types; all mean the file is malformed
            raise SeoulKGError(f"{path}:{_error_line(exc)}: not valid {fmt}: {_first_line(exc)}") from None
    return graph


def _jsonld_text(path: Path) -> str:
    """A JSON-LD file's text, its context named by address read from the shipped copy (nothing fetched)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SeoulKGError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return resolve_contexts(path, text, SHIPPED_CONTEXT)


def _error_line(exc: Exception) -> str:
    found = re.search(r"line (\d+)", str(exc)) or re.search(r"at line (\d+)", repr(exc))
    return found[1] if found else "?"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
