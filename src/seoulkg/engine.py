"""The embedded query engine: Oxigraph (pyoxigraph) in memory, loaded from RDF files."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .errors import SeoulKGError
from .paths import ONTOLOGY

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
