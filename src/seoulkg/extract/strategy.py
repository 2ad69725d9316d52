"""Section Ⅲ (정책비전 및 목표): the policy vision, the strategic areas of its diagram and their sub-goals.

The text flattens the diagram: the area titles and bullets come out letter-spaced, a few words a line, and the
bullets row by row with the columns of rows 2 and 3 out of order. Which lines make up which element, where word
spaces go, and which area each bullet belongs to is a reading kept in data/curation/strategy.csv. This module
checks every reading against the text (its letters must be the letters of consecutive lines; its evidence must
be printed where it says) and drops, with a warning, any reading that does not fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ExtractionWarning
from .curation import StrategyReading, StrategyTable
from .outline import SECTION_TITLES, Outline
from .source import SourceDocument, Span
from .text import collapse, squash

SECTION_TITLE = SECTION_TITLES["strategy"][0]
BULLET = "•"


@dataclass(frozen=True)
class Vision:
    slogan: str  # '다시 뛰는 글로벌 경제혁신 도시 서울'
    slogan_span: Span
    goal: str  # '경제활력의 완전한 회복 및 미래경제로의 도약'
    goal_span: Span


@dataclass(frozen=True)
class SubGoal:
    """A bullet of the diagram ('•취업취약계층 / 고 용 안 전 망 / 강 화') and why it sits under its area."""

    text: str  # the bullet's letters with word spaces restored: '취업취약계층 고용안전망 강화'
    row: int  # the diagram's row: bullets 1-5 in printed order are row 1, and so on
    basis: str  # 'wording' or 'layout' (see curation.STRATEGY_BASES)
    evidence: Span | None  # the section Ⅳ line quoted as evidence; None for a layout reading without quote
    evidence_text: str | None  # the quote
    note: str  # the reasoning, from the curation
    span: Span


@dataclass(frozen=True)
class StrategicArea:
    position: int  # the diagram's column, left to right
    title: str  # letters as printed, word spaces restored: '코로나 위기 극복 민생경재 활력 회복' (typo kept)
    span: Span
    work_plan_area: int | None  # the section Ⅳ area (1-5) it corresponds to; None when the evidence fails
    work_plan_evidence: str | None  # wording printed in both titles ('활력 회복')
    work_plan_span: Span | None  # the section Ⅳ list line of that area
    goals: tuple[SubGoal, ...]


@dataclass(frozen=True)
class Strategy:
    heading: Span
    vision: Vision | None
    areas: tuple[StrategicArea, ...]


def read_strategy(outline: Outline, warnings: list[ExtractionWarning], table: StrategyTable) -> Strategy | None:
    """Read section Ⅲ through the curated readings (strategy.csv, read by extract/curation.py); None (with a
    warning) when the section is absent."""
    doc, section, work_plan = outline.doc, outline.section("strategy"), outline.section("work-plan")
    if section is None or work_plan is None or work_plan.heading.start <= section.heading.start:
        warnings.append(ExtractionWarning(section.heading.start if section else 1, (
            f"no policy vision section ('{SECTION_TITLE}') followed by the work plan found")))
        return None
    heading = section.heading.start
    readings, curation = list(table.readings), table.path  # the file is named in the warnings
    lines = [(n, squash(doc.line(n))) for n in section.body if squash(doc.line(n))]
    spans: dict[int, Span] = {}  # CSV line -> the lines of the reading
    for reading in readings:
        span = _locate(doc, reading, lines, curation, warnings)
        if span:
            spans[reading.line] = span
    _check_coverage(doc, spans.values(), lines, warnings)
    slogan = next((r for r in readings if r.kind == "slogan" and r.line in spans), None)
    goal = next((r for r in readings if r.kind == "goal" and r.line in spans), None)
    vision = Vision(slogan.text, spans[slogan.line], goal.text, spans[goal.line]) if slogan and goal else None
    if vision is None:
        warnings.append(ExtractionWarning(heading, "policy vision (slogan and goal) not read"))
    printed = [n for n, letters in lines if letters.startswith(BULLET)]
    areas = _areas(outline, readings, spans, printed, curation, warnings)
    return Strategy(doc.span(heading), vision, tuple(areas))


def _locate(doc: SourceDocument, reading: StrategyReading, lines: list[tuple[int, str]], curation: Path,
            warnings: list[ExtractionWarning]) -> Span | None:
    """The one run of consecutive non-blank lines whose letters are the reading's; a bullet starts with '•'."""
    target = (BULLET if reading.kind == "subgoal" else "") + squash(reading.text)
    found = []
    for i, (start, _) in enumerate(lines):
        letters, j = "", i
        while j < len(lines) and len(letters) < len(target):
            letters += lines[j][1]
            j += 1
        if letters == target:
            found.append(doc.span(start, lines[j - 1][0]))
    if len(found) != 1:
        where = lines[0][0] if lines else 1
        warnings.append(ExtractionWarning(found[1].start if found else where, (
            f"{curation.name}:{reading.line}: {reading.kind} '{reading.text}' matches "
            f"{len(found)} runs of lines in section Ⅲ, not one; left out")))
        return None
    return found[0]


def _check_coverage(doc: SourceDocument, spans: Iterable[Span], lines: list[tuple[int, str]],
                    warnings: list[ExtractionWarning]) -> None:
    """Warn about lines no reading covers, and lines two readings share."""
    covered: dict[int, int] = {}
    for span in spans:
        for n in range(span.start, span.end + 1):
            covered[n] = covered.get(n, 0) + 1
    for n, _ in lines:
        if covered.get(n, 0) != 1:
            what = "no curated reading covers" if n not in covered else "several curated readings cover"
            warnings.append(ExtractionWarning(n, f"{what} section Ⅲ line '{collapse(doc.line(n))}'"))


def _areas(outline: Outline, readings: list[StrategyReading], spans: dict[int, Span], printed: list[int],
           curation: Path, warnings: list[ExtractionWarning]) -> list[StrategicArea]:
    """The located areas with their section Ⅳ links and goals; `printed` lists the lines that start bullets."""
    doc = outline.doc
    titles = {a.number: a for a in outline.areas}
    ranges = _work_plan_ranges(outline)
    area_readings = sorted((r for r in readings if r.kind == "area" and r.line in spans),
                           key=lambda r: r.area or 0)  # an area reading has one (curation checks)
    if [spans[r.line].start for r in area_readings] != sorted(spans[r.line].start for r in area_readings):
        warnings.append(ExtractionWarning(spans[area_readings[0].line].start, (
            "curated area positions do not follow the order the diagram prints the area titles in")))
    bullets = sorted((r for r in readings if r.kind == "subgoal" and r.line in spans),
                     key=lambda r: spans[r.line].start)
    columns = sum(1 for r in readings if r.kind == "area")  # the grid is as wide as the curation has areas
    for bullet in bullets:
        if bullet.area not in {r.area for r in area_readings}:
            warnings.append(ExtractionWarning(spans[bullet.line].start, (
                f"{curation.name}:{bullet.line}: bullet '{bullet.text}' belongs to area {bullet.area}, "
                "which is not read; left out")))
    areas = []
    for reading in area_readings:
        if reading.area is None or reading.work_plan_area is None:
            continue  # refused by curation.read_strategy_table()
        heading = titles.get(reading.work_plan_area)
        linked = bool(heading and reading.evidence in heading.title
                      and squash(reading.evidence) in squash(reading.text))
        if not linked:
            warnings.append(ExtractionWarning(spans[reading.line].start, (
                f"{curation.name}:{reading.line}: '{reading.evidence}' is not printed in both area "
                f"'{reading.text}' and section Ⅳ area {reading.work_plan_area}; area left unlinked")))
        work_range = ranges.get(reading.work_plan_area) if linked else None
        goals = [goal for bullet in bullets if bullet.area == reading.area
                 if (goal := _goal(doc, bullet, printed, columns, spans, work_range, curation, warnings))]
        areas.append(StrategicArea(
            reading.area, reading.text, spans[reading.line], reading.work_plan_area if linked else None,
            reading.evidence if linked else None, heading.span if heading and linked else None, tuple(goals)))
    cells = [(b.row, b.area) for b in bullets]
    for bullet in bullets:
        if cells.count((bullet.row, bullet.area)) > 1:
            warnings.append(ExtractionWarning(spans[bullet.line].start, (
                f"{curation.name}:{bullet.line}: row {bullet.row} puts two bullets under area {bullet.area}")))
    return areas


def _goal(doc: SourceDocument, bullet: StrategyReading, printed: list[int], columns: int, spans: dict[int, Span],
          work_range: tuple[int, int] | None, curation: Path,
          warnings: list[ExtractionWarning]) -> SubGoal | None:
    """A bullet whose row fits the printed order and whose evidence is printed in its Ⅳ area; else None."""
    span = spans[bullet.line]
    index = printed.index(span.start)
    row = index // columns + 1
    if bullet.row != row:
        warnings.append(ExtractionWarning(span.start, (
            f"{curation.name}:{bullet.line}: bullet '{bullet.text}' is printed as bullet {index + 1}, "
            f"in row {row}, not row {bullet.row}; left out")))
        return None
    if work_range is None:
        warnings.append(ExtractionWarning(span.start, (
            f"{curation.name}:{bullet.line}: bullet '{bullet.text}' belongs to an area without a section Ⅳ "
            "link; left out")))
        return None
    evidence = None
    if bullet.evidence:
        evidence = next((n for n in range(work_range[0], work_range[1] + 1)
                         if bullet.evidence in doc.line(n)), None)
        if evidence is None:
            warnings.append(ExtractionWarning(span.start, (
                f"{curation.name}:{bullet.line}: evidence '{bullet.evidence}' is not printed in section Ⅳ "
                f"lines {work_range[0]}-{work_range[1]}; bullet '{bullet.text}' left out")))
            return None
    return SubGoal(bullet.text, bullet.row, bullet.basis, doc.span(evidence) if evidence else None,
                   bullet.evidence or None, bullet.note, span)


def _work_plan_ranges(outline: Outline) -> dict[int, tuple[int, int]]:
    """Section Ⅳ lines of each area: its overview box to the end of its last program."""
    starts = {o.area: o.span.start for o in outline.overviews}
    ends: dict[int, int] = {}
    for block in outline.programs:
        ends[block.area] = max(ends.get(block.area, 0), block.span.end)
    return {area: (starts[area], ends[area]) for area in starts if area in ends}
