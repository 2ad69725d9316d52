"""Reading RDF files: into an in-memory Oxigraph store (the query engine) or an rdflib graph."""

from __future__ import annotations

import os
import re
import subprocess
import sys
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


# Files at least this large are loaded without the parser's IRI checks while a second process parses them
# with every check (a third of the parse time is IRI validation): 1M N-Triples take 4.4 s instead of 6.6 s
# on 2 cores, and a malformed file is still refused with its line. Smaller files, JSON-LD, RDF/XML and a
# single core take the plain strict load.
PARALLEL_CHECK_BYTES = 8 << 20
_LINE_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE)  # of FORMATS, those Oxigraph parses leniently
_STRICT_PARSE = """import sys, pyoxigraph as ox
try:
    for _ in ox.parse(path=sys.argv[1], format=ox.RdfFormat.from_extension(sys.argv[2])):
        pass
except SyntaxError as exc:
    print(exc)
"""


def load_file(store: ox.Store, path: Path) -> None:
    """Add a file's triples to the store; raise SeoulKGError naming the file, line and problem."""
    fmt = rdf_format(path)
    try:
        if fmt == ox.RdfFormat.JSON_LD:
            store.bulk_load(input=_jsonld_text(path).encode("utf-8"), format=fmt)
        elif fmt in _LINE_FORMATS and _cores() > 1 and path.stat().st_size >= PARALLEL_CHECK_BYTES:
            check = subprocess.Popen([sys.executable, "-c", _STRICT_PARSE, str(path), fmt.file_extension],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True)
            try:
                store.bulk_load(path=str(path), format=fmt, lenient=True)
            finally:
                problem, _ = check.communicate()
            if check.returncode != 0:  # the checker did not run to the end: check here instead
                for _ in ox.parse(path=str(path), format=fmt):
                    pass
            elif problem:
                raise SyntaxError(problem.strip())
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


def _cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


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
