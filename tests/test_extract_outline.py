"""The outline: the report's sections, areas, overview boxes, programs, headings and parts, read once."""

from __future__ import annotations

import pytest

from seoulkg.extract import extract, outline
from seoulkg.extract.outline import read_outline
from seoulkg.extract.source import SourceDocument


def test_sections_and_their_lines(doc: SourceDocument) -> None:
    found = read_outline(doc, [])
    lines = {s.role: (s.heading.start, s.end) for s in found.sections}
    assert lines == {"general": (1, 116), "economy": (117, 174), "strategy": (175, 308), "work-plan": (309, 2271),
                     "audit": (2272, lines["audit"][1])}
    assert found.section("audit").heading.text.strip() == "Ⅳ. 2021년 행정사무감사 처리결과"
    assert not doc.line(lines["audit"][1] + 1).strip() or doc.line(lines["audit"][1] + 1).startswith("\t")


def test_work_plan_structure(doc: SourceDocument) -> None:
    found = read_outline(doc, [])
    assert [a.number for a in found.areas] == [1, 2, 3, 4, 5]
    assert found.areas[0].title == "코로나19 대응 민생경제 활력 회복 지원"
    assert [len(o.entries) for o in found.overviews] == [
        sum(1 for p in found.programs if p.area == area) for area in range(1, 6)]
    assert len(found.programs) == 24 and len(found.parts) == 26
    program = found.program_at(1831)
    assert (program.area, program.number) == (4, 5)
    assert [p.number for p in program.parts] == [1, 2]


def test_a_missing_work_plan_leaves_an_empty_outline(doc: SourceDocument) -> None:
    cut = SourceDocument(doc.path, doc.lines[:300], doc.sha256)
    found = read_outline(cut, [])
    assert found.section("work-plan") is None and found.programs == () and found.areas == ()
    assert found.section("economy") is not None


def test_the_report_is_outlined_once_per_extraction(doc: SourceDocument, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    programs = outline._programs

    def counted(*args):
        calls.append(args)
        return programs(*args)

    monkeypatch.setattr(outline, "_programs", counted)
    extraction = extract(doc)
    assert len(calls) == 1 and len(extraction.programs) == 24


def test_a_section_that_yields_nothing_is_a_warning(doc: SourceDocument) -> None:
    """The work plan's heading stands, but its programs' headers are unreadable (indented): warned."""
    lines = [f"  {line}" if 310 <= n < 2272 and line[:1].isdigit() else line for n, line in enumerate(doc.lines, 1)]
    extraction = extract(SourceDocument(doc.path, tuple(lines), doc.sha256))
    assert extraction.programs == ()
    assert any(w.line == 309 and "yields no program" in w.reason for w in extraction.warnings)


def test_contents_and_cover_are_outlined(doc: SourceDocument) -> None:
    contents = ["주요업무보고", "", "Ⅰ. 일 반 현 황 ···· 1", "Ⅱ. 現 경제상황 ···· 5", "Ⅲ. 정책비전 및 목표 ··· 9",
                "Ⅳ. 주요 업무 추진계획 ··· 11", "Ⅴ. 2021년 행정사무감사 처리결과 ··· 95", "Ⅵ. 부록 ··· 150", ""]
    warnings: list = []
    found = read_outline(SourceDocument(doc.path, (*contents, *doc.lines), doc.sha256), warnings)
    assert [(e.numeral, e.page, e.role) for e in found.contents] == [
        ("Ⅰ", 1, "general"), ("Ⅱ", 5, "economy"), ("Ⅲ", 9, "strategy"), ("Ⅳ", 11, "work-plan"), ("Ⅴ", 95, "audit"),
        ("Ⅵ", 150, None)]
    assert found.body_start == len(contents) + 1 and found.general_start == len(contents) + 1
    assert found.section("work-plan").heading.start == 309 + len(contents)
    assert not warnings  # every listed section the readers need is found (Ⅵ is none of theirs)
    # the 2019 contents line: several headings on one line, page numbers after each
    line = ("Ⅰ. 일반현황 1 Ⅱ. 정책목표및추진전략 4 Ⅲ. 주요업무계획 5 Ⅳ. 2019 세입 세출예산세부현황 35 "
            "Ⅴ. 2018 행정사무감사처리결과 43")
    warnings = []
    found = read_outline(SourceDocument(doc.path, ("주요업무보고 행정국", line), doc.sha256), warnings)
    assert [(e.numeral, e.title, e.page, e.role) for e in found.contents] == [
        ("Ⅰ", "일반현황", 1, "general"), ("Ⅱ", "정책목표및추진전략", 4, "strategy"),
        ("Ⅲ", "주요업무계획", 5, "work-plan"),
        ("Ⅳ", "2019 세입 세출예산세부현황", 35, None), ("Ⅴ", "2018 행정사무감사처리결과", 43, "audit")]
    assert [w.reason for w in warnings] == [
        "the contents list 'Ⅰ. 일반현황' (page 1); no such section found",
        "the contents list 'Ⅱ. 정책목표및추진전략' (page 4); no such section found",
        "the contents list 'Ⅲ. 주요업무계획' (page 5); no such section found",
        "the contents list 'Ⅴ. 2018 행정사무감사처리결과' (page 43); no such section found"]
