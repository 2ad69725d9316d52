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
