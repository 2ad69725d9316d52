"""`seoulkg reason`: the ontology plus the built graph is consistent under HermiT; contradictions are caught."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import require

from seoulkg.paths import BUILT_GRAPH

FIXTURES = Path(__file__).parent / "fixtures" / "inconsistent"


@pytest.fixture
def java() -> None:
    require("java", install="`make setup` installs Debian's default-jre-headless")


@pytest.mark.java
def test_built_graph_is_consistent(cli, java) -> None:
    run = cli("reason")
    assert run.code == 0, run.err
    assert run.out.startswith("consistent: HermiT finds a model") and "no class is unsatisfiable" in run.out


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*.ttl")))
@pytest.mark.java
def test_inconsistent_fixture_is_caught(cli, java, fixture: str) -> None:
    run = cli("reason", BUILT_GRAPH, FIXTURES / fixture)
    assert run.code == 1
    assert run.out.startswith("inconsistent: HermiT finds no model")


def test_missing_java_is_a_clear_error(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    run = cli("reason")
    assert run.code == 2 and "needs Java" in run.err and "Traceback" not in run.err
