"""Each fixture in tests/fixtures/invalid breaks one rule of the built graph and yields exactly its findings.

A fixture is a SPARQL Update applied to the committed graph; its `# expect:` lines name the new findings
(severity, shape, focus IRI). The report's own ten findings stay as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from seoulkg.paths import BUILT_GRAPH
from seoulkg.validate import Finding, validate

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"
SHAPES = "https://w3id.org/seoulkg/shapes#"
EXPECT = re.compile(r"^# expect: (?P<severity>\w+) (?P<shape>.+?) <(?P<focus>[^>]+)>$", re.MULTILINE)


def _key(finding: Finding) -> tuple[str, str, str]:
    return finding.severity, finding.shape.removeprefix(SHAPES), finding.focus


@pytest.fixture(scope="module")
def baseline() -> set[tuple[str, str, str]]:
    return {_key(f) for f in validate([BUILT_GRAPH]).findings}


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*.ru")))
def test_fixture_yields_exactly_its_findings(fixture: str, baseline, tmp_path: Path) -> None:
    update = (FIXTURES / fixture).read_text(encoding="utf-8")
    expected = {(m["severity"], m["shape"], m["focus"]) for m in EXPECT.finditer(update)}
    assert expected, "a fixture names the findings it expects"
    store = ox.Store()
    store.bulk_load(path=str(BUILT_GRAPH), format=ox.RdfFormat.TURTLE)
    before = len(store)
    store.update(update)
    assert len(store) != before or "DELETE" in update and "INSERT" in update
    broken = tmp_path / "broken.nt"
    store.dump(str(broken), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    found = {_key(f) for f in validate([broken]).findings}
    assert found - baseline == expected
    assert baseline - found == set()
