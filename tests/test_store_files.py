"""Loading RDF files into the query store: large files are loaded with the parser's IRI checks moved to a
second process (store/files.py). The verdicts must be the strict load's: the same triples for a good file,
the same error line for a bad one."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from seoulkg.errors import SeoulKGError
from seoulkg.paths import BUILT_GRAPH
from seoulkg.store import files
from seoulkg.store.files import load_file

GOOD = BUILT_GRAPH.with_suffix(".nt")


def _strict(path: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path), format=files.rdf_format(path))
    return store


@pytest.fixture
def checked_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file takes the large-file path (the cores are what the machine has: the tests need two)."""
    monkeypatch.setattr(files, "PARALLEL_CHECK_BYTES", 0)
    monkeypatch.setattr(files, "_cores", lambda: 2)


@pytest.mark.usefixtures("checked_aside")
@pytest.mark.parametrize("graph", [GOOD, BUILT_GRAPH], ids=["nt", "ttl"])
def test_a_good_file_gives_the_strict_loads_triples(graph: Path) -> None:
    store = ox.Store()
    load_file(store, graph)
    assert len(store) > 20_000
    assert set(store) == set(_strict(graph))


@pytest.mark.usefixtures("checked_aside")
@pytest.mark.parametrize("bad, line, problem", [
    # each is accepted by the lenient load: only the checking process can refuse it
    ('<https://w3id.org/seoulkg/id/a b> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n', 3, "Invalid IRI"),
    ('<unit/경제정책과> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n', 3, "No scheme found"),
    ('<http://[::1> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n', 3, "Invalid"),
])
def test_an_iri_error_is_refused_with_its_line(tmp_path: Path, bad: str, line: int, problem: str) -> None:
    lines = GOOD.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "bad.nt"
    path.write_text("".join(lines[:2]) + bad + "".join(lines[2:]), encoding="utf-8")
    lenient = ox.Store()
    lenient.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, lenient=True)  # the premise
    with pytest.raises(SeoulKGError) as strict:
        _refused_strictly(path)
    with pytest.raises(SeoulKGError) as aside:
        load_file(ox.Store(), path)
    assert str(aside.value) == str(strict.value)
    assert str(aside.value).startswith(f"{path}:{line}: not valid N-Triples") and problem in str(aside.value)


def _refused_strictly(path: Path) -> None:
    """The plain strict load, as a small file takes it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(files, "PARALLEL_CHECK_BYTES", 1 << 62)
        load_file(ox.Store(), path)


@pytest.mark.usefixtures("checked_aside")
def test_a_checker_that_dies_leaves_the_check_to_the_loading_process(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "_STRICT_PARSE", "import os; os._exit(9)")
    path = tmp_path / "bad.nt"
    path.write_text('<http://e/s> <http://e/p> "x" .\n<relative> <http://e/p> "y" .\n', encoding="utf-8")
    with pytest.raises(SeoulKGError, match=r"bad\.nt:2: not valid N-Triples .*No scheme found"):
        load_file(ox.Store(), path)
