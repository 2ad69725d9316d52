"""seoulkg: a linked-data knowledge graph of the Seoul Economic Policy Office's 2022 work report.

    >>> import seoulkg
    >>> g = seoulkg.load()                                  # the built graph (rdflib.Graph)
    >>> rows = seoulkg.query("overdue-by-unit", as_of="2022-07-01")   # a DataFrame with pandas, else a list
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

try:
    __version__ = version("seoulkg")  # kept once, in pyproject.toml; the ontology's owl:versionInfo is tested against it
except PackageNotFoundError:  # pragma: no cover
    raise ImportError("seoulkg is not installed (pip install -e . in a checkout)") from None


def load(path: Path | str | None = None) -> Any:
    """The built graph (default: the shipped data/seoulkg.ttl) as an rdflib Graph."""
    from .paths import BUILT_GRAPH
    from .store.files import parse_files

    return parse_files([Path(path) if path else BUILT_GRAPH])


def query(name: str, data: Path | str | None = None, **params: str) -> Any:
    """A canned query's rows: a pandas DataFrame when pandas is installed, else a list of dicts of
    Python values (str, int, Decimal, date; None when unbound)."""
    from .paths import BUILT_GRAPH
    from .queries import canned
    from .store.files import load_store

    query = canned.get(name)
    result = canned.run(load_store([Path(data) if data else BUILT_GRAPH]), query,
                         {k: str(v) for k, v in params.items()})
    rows = [{c: _python(t) for c, t in zip(result.columns, row)} for row in result.rows]
    try:
        import pandas
    except ImportError:
        return rows
    return pandas.DataFrame(rows, columns=list(result.columns))


def _python(term: Any) -> Any:
    if term is None:
        return None
    from rdflib import Literal, URIRef

    if not hasattr(term, "datatype"):
        return str(URIRef(term.value))
    if term.language:
        return term.value
    return Literal(term.value, datatype=term.datatype.value).toPython()
