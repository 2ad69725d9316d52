"""`seoulkg coverage`: which content lines of the report the built graph cites, section by section."""

from __future__ import annotations

import json
from pathlib import Path

from seoulkg.coverage import coverage
from seoulkg.paths import BUILT_GRAPH, DEFAULT_SOURCE


def _sections() -> dict:
    return {s.role: s for s in coverage([BUILT_GRAPH], DEFAULT_SOURCE).sections}


def test_sections_and_their_figures() -> None:
    found = _sections()
    assert [(s.title, s.first, s.last) for s in found.values()] == [
        ("Ⅰ. 일반현황", 1, 116), ("Ⅱ. 現 경제상황", 117, 174), ("Ⅲ. 정책비전 및 목표", 175, 308),
        ("Ⅳ. 주요 업무 추진계획", 309, 2271), ("Ⅳ. 2021년 행정사무감사 처리결과", 2272, 7306)]
    assert {role: (s.content, s.cited) for role, s in found.items()} == {
        "general": (73, 63), "economy": (28, 16), "strategy": (65, 64), "work-plan": (1007, 697),
        "audit": (2627, 2604)}
    # most content lines of sections Ⅰ–Ⅳ are cited
    assert sum(s.cited for s in found.values()) / sum(s.content for s in found.values()) > 0.85


def test_uncited_lines_are_listed_with_their_text() -> None:
    found = _sections()
    general = dict(found["general"].uncited)
    # the chart's team counts lost their units (a build warning), so no resource cites them
    assert general[9].strip().startswith("(6팀) (5팀)")
    assert 27 not in general  # the staffing row of 제조산업혁신과 is cited
    assert found["strategy"].uncited == ((175, "Ⅲ. 정책비전 및 목표"),)


def test_cli_text_and_json(cli) -> None:
    run = cli("coverage")
    assert run.code == 0
    assert "Ⅲ. 정책비전 및 목표" in run.out and "  9: (6팀) (5팀)" in run.out
    run = cli("coverage", "--format", "json")
    data = json.loads(run.out)
    # 3,413 before targets and results were read from plan blocks and tables of figures became Data Cube (+28),
    # and the report's figures about its figures cited their lines (+3: a footnote, a note listing items, an
    # audit answer's stated period)
    assert (data["content_lines"], data["cited"]) == (3800, 3444)
    audit = data["sections"][-1]
    assert audit["section"] == "audit" and audit["content_lines"] == 2627


def test_a_graph_of_another_text_is_an_error(cli, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(DEFAULT_SOURCE.read_text(encoding="utf-8") + "\n덧붙인 줄\n", encoding="utf-8")
    run = cli("coverage", "--source", other)
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("seoulkg: error: ") and "another SHA-256" in run.err
    assert len(run.err.strip().splitlines()) == 1
