"""Each fixture in tests/fixtures/invalid breaks one rule of the built graph and yields exactly its findings,
from the fast engine and from the reference engine (pySHACL) alike.

A fixture is a SPARQL Update applied to the committed graph; its `# expect:` lines name the new findings
(severity, shape, focus IRI). The report's own findings stay as they are.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest

from seoulkg.paths import BUILT_GRAPH
from seoulkg.validation.shapes import Finding, validate

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"
NAMES = sorted(p.name for p in FIXTURES.glob("*.ru"))
SHAPES = "https://w3id.org/seoulkg/shapes#"
EXPECT = re.compile(r"^# expect: (?P<severity>\w+) (?P<shape>.+?) <(?P<focus>[^>]+)>$", re.MULTILINE)


def _key(finding: Finding) -> tuple[str, str, str]:
    return finding.severity, finding.shape.removeprefix(SHAPES), finding.focus


def _broken(fixture: str, directory: Path) -> Path:
    """The committed graph with the fixture's update applied, as N-Triples."""
    store = ox.Store()
    store.bulk_load(path=str(BUILT_GRAPH), format=ox.RdfFormat.TURTLE)
    before = len(store)
    update = (FIXTURES / fixture).read_text(encoding="utf-8")
    store.update(update)
    assert len(store) != before or ("DELETE" in update and "INSERT" in update)
    broken = directory / f"{fixture}.nt"
    store.dump(str(broken), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return broken


Findings = tuple[Finding, ...]


def _pyshacl(path: Path) -> Findings:
    return validate([path], engine="pyshacl").findings


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("broken")
    return {"(the committed graph)": BUILT_GRAPH} | {name: _broken(name, directory) for name in NAMES}


@pytest.fixture(scope="module")
def reference(graphs: dict[str, Path], request: pytest.FixtureRequest) -> Iterator[Callable[[str], Findings]]:
    """pySHACL's findings on a graph, computed only for the graphs the selected tests ask about (about 30 s of
    CPU a graph). Under pytest-xdist (`make test`), where the other worker runs the other modules, each test
    computes its own; run alone, two processes start on them all when the first is asked for, and each test
    waits for its own."""
    if hasattr(request.config, "workerinput"):  # a pytest-xdist worker
        yield lambda name: _pyshacl(graphs[name])
        return
    asked = [str(item.callspec.params["graph"]) for item in request.session.items
             if isinstance(item, pytest.Function)
             and item.originalname == "test_the_reference_engine_gives_the_same_findings"]
    pool = ProcessPoolExecutor(max_workers=2)
    try:
        futures = {name: pool.submit(_pyshacl, graphs[name]) for name in asked}
        yield lambda name: futures[name].result()
    finally:
        pool.shutdown(cancel_futures=True)


@pytest.fixture(scope="module")
def baseline() -> set[tuple[str, str, str]]:
    return {_key(f) for f in validate([BUILT_GRAPH]).findings}


@pytest.mark.parametrize("fixture", NAMES)
def test_fixture_yields_exactly_its_findings(fixture: str, baseline, graphs) -> None:
    expected = {(m["severity"], m["shape"], m["focus"])
                for m in EXPECT.finditer((FIXTURES / fixture).read_text(encoding="utf-8"))}
    assert expected, "a fixture names the findings it expects"
    found = {_key(f) for f in validate([graphs[fixture]]).findings}
    assert found - baseline == expected
    assert baseline - found == set()


@pytest.mark.slow
@pytest.mark.runs_long
@pytest.mark.parametrize("graph", ["(the committed graph)", *NAMES])
def test_the_reference_engine_gives_the_same_findings(graph: str, graphs, reference) -> None:
    """Every field of every finding (shape, focus, path, message, line, component) is the same, but for how
    a message prints a decimal read from Turtle: '553.0' by rdflib, '553' by Oxigraph."""
    assert list(map(_comparable, validate([graphs[graph]]).findings)) == list(map(_comparable, reference(graph)))


def _comparable(finding: Finding) -> Finding:
    return dataclasses.replace(finding, message=re.sub(r"(\d)\.0\b", r"\1", finding.message))
