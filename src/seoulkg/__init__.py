"""seoulkg: a linked-data knowledge graph of the Seoul Economic Policy Office's 2022 work report.

    >>> import seoulkg
    >>> g = seoulkg.load()                                  # the built graph (rdflib.Graph)
    >>> rows = seoulkg.query("overdue-by-unit", as_of="2022-07-01")   # a DataFrame with pandas, else a list
    >>> kg = seoulkg.open()                                 # one loaded store for many queries
    >>> kg.query("staffing"), kg.sparql("SELECT …"), kg.graph()
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

try:
    # kept once, in pyproject.toml; the ontology's owl:versionInfo and CITATION.cff are tested against it
    __version__ = version("seoulkg")
except PackageNotFoundError:  # pragma: no cover
    raise ImportError("seoulkg is not installed (pip install -e . in a checkout)") from None


def load(path: Path | str | None = None) -> Any:
    """The built graph (default: the shipped data/seoulkg.ttl) as an rdflib Graph of the caller's own."""
    from .paths import BUILT_GRAPH
    from .store.files import parse_files

    return parse_files([Path(path) if path else BUILT_GRAPH])


def open(files: Any = None) -> Any:
    """A handle holding one loaded store of the files (default: the shipped graph) and the ontology:
    `.query(name, **params)`, `.sparql(text)`, `.graph()`."""
    from .handle import Handle

    return Handle(files)


def query(name: str, data: Path | str | None = None, **params: object) -> Any:
    """A canned query's rows: a pandas DataFrame when pandas is installed, else a list of dicts of
    Python values (str, int, Decimal, date; None when unbound). The store is loaded once and kept
    for later calls on the same files."""
    from .handle import cached

    return cached(data).query(name, **params)
