"""The embedded query engine: Oxigraph (pyoxigraph) in memory, loaded from RDF files."""

from __future__ import annotations

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
        fmt = rdf_format(path)
        try:
            store.bulk_load(path=str(path), format=fmt)
        except FileNotFoundError:
            raise SeoulKGError(f"{path}: data file not found") from None
        except SyntaxError as exc:
            raise SeoulKGError(f"{path}: not valid {fmt.name}: {exc}") from None
        except OSError as exc:
            raise SeoulKGError(f"{path}: cannot read data file: {exc.strerror or exc}") from None
    return store
