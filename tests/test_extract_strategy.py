"""Section Ⅲ: the policy vision, the five strategic areas and their sub-goals, read through the curation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from seoulkg.errors import ExtractionWarning, SeoulKGError
from seoulkg.extract.curation import STRATEGY_CURATION, read_strategy_table
from seoulkg.extract.outline import read_outline
from seoulkg.extract.source import SourceDocument
from seoulkg.extract.strategy import Strategy, read_strategy


def _read(doc: SourceDocument, curation: Path = STRATEGY_CURATION) -> tuple[Strategy | None, list[ExtractionWarning]]:
    warnings: list[ExtractionWarning] = []
    return read_strategy(read_outline(doc, []), warnings, read_strategy_table(curation)), warnings


def _curation(tmp_path: Path, edit) -> Path:
    """A copy of the curation with `edit(rows)` applied."""
    with STRATEGY_CURATION.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    edit(rows)
    path = tmp_path / "strategy.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields or [])
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def strategy(doc: SourceDocument) -> Strategy:
    found = _read(doc)[0]
    assert found is not None
    return found


def test_vision(strategy):
    assert strategy.vision.slogan == "다시 뛰는 글로벌 경제혁신 도시 서울"
    assert (strategy.vision.slogan_span.start, strategy.vision.slogan_span.end) == (177, 179)
    assert strategy.vision.goal == "경제활력의 완전한 회복 및 미래경제로의 도약"
    assert strategy.vision.goal_span.text == "경제활력의 완전한 회복 및 미래경제로의 도약"


def test_five_areas_as_printed_with_their_work_plan_areas(strategy):
    assert [a.title for a in strategy.areas] == [
        "코로나 위기 극복 민생경재 활력 회복",  # the report's typo '민생경재', kept
        "미래 인재 양성 민간 연계 취업 지원 강화",
        "글로벌 투자·창업생태계 구축",
        "신산업 육성 미래 성장 동력 확보",
        "서울산업생태계 지속 성장 지원",
    ]
    first = strategy.areas[0]
    assert (first.span.start, first.span.end) == (183, 189) and "민 생 경 재" in first.span.text
    assert [a.work_plan_area for a in strategy.areas] == [1, 2, 3, 4, 5]
    assert first.work_plan_evidence == "활력 회복" and first.work_plan_span.start == 313


def test_sub_goals_assigned_by_layout_not_line_order(strategy):
    goals = {a.position: [g.text for g in a.goals] for a in strategy.areas}
    assert goals[1] == ["취업취약계층 고용안전망 강화", "소비진작 판로확대 지원", "중소기업 경영애로 지원"]
    # printed right after '신산업 클러스터조성 가속화' (area 4) and before '소비진작' (area 1)
    assert goals[5] == ["뷰티·콘텐츠 산업 전략적 육성", "도시형제조업 질적 성장 지원", "스마트 도시농업 육성"]
    assert sum(len(g) for g in goals.values()) == 15


def test_sub_goal_basis_and_evidence(strategy):
    beauty, _, farming = strategy.areas[4].goals
    assert beauty.basis == "wording" and beauty.evidence.start == 1860
    assert beauty.evidence_text in beauty.evidence.text
    assert (beauty.row, beauty.span.start) == (1, 239)
    assert farming.basis == "layout" and farming.evidence is None and farming.row == 3


def test_no_warnings_on_the_report(doc):
    assert _read(doc)[1] == []


def test_evidence_not_in_the_report_drops_the_goal(doc, tmp_path):
    def edit(rows):
        next(r for r in rows if r["text"] == "소비진작 판로확대 지원")["evidence"] = "중소기업 판로 지원사업"
    strategy, warnings = _read(doc, _curation(tmp_path, edit))
    assert [g.text for g in strategy.areas[0].goals] == ["취업취약계층 고용안전망 강화", "중소기업 경영애로 지원"]
    assert [w.line for w in warnings] == [245]
    assert "not printed in section Ⅳ" in warnings[0].reason


def test_bullet_in_the_wrong_row_is_flagged(doc, tmp_path):
    def edit(rows):
        next(r for r in rows if r["text"] == "스마트 도시농업 육성")["row"] = "2"
    strategy, warnings = _read(doc, _curation(tmp_path, edit))
    assert any(w.line == 287 and "row 3, not row 2" in w.reason for w in warnings)
    assert len(strategy.areas[4].goals) == 2


def test_garbled_diagram_line_is_flagged(doc):
    lines = list(doc.lines)
    lines[186] = "민 생 경 제"  # line 187: the typo 'corrected'; the curated reading no longer matches
    strategy, warnings = _read(SourceDocument(Path("garbled.txt"), tuple(lines), "0" * 64))
    assert [a.position for a in strategy.areas] == [2, 3, 4, 5]
    assert {w.line for w in warnings} == {177, 183, 185, 187, 189, 215, 245, 275}  # reading, lines, its bullets
    assert [len(a.goals) for a in strategy.areas] == [3, 3, 3, 3]


def test_malformed_curation_is_an_error(doc, tmp_path):
    def edit(rows):
        rows[-1]["basis"] = "hunch"
    with pytest.raises(SeoulKGError, match=r"strategy\.csv:23: a sub-goal needs"):
        _read(doc, _curation(tmp_path, edit))


def test_missing_section():
    strategy, warnings = _read(SourceDocument(Path("empty.txt"), ("",), "0" * 64))
    assert strategy is None and [w.line for w in warnings] == [1]
