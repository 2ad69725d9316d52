"""The report's outline, read once per build: where its sections lie and, inside the work plan, its
strategic areas, the areas' overview boxes, the numbered programs, their block headings and their parts.

Every reader works from this outline rather than finding its own place in the text. Sections are found
by their printed titles (`SECTION_TITLES`); each keeps its heading line and its last line, so a reader
asks `outline.section("audit")` and never searches the report for a heading itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import ExtractionWarning
from .source import SourceDocument, Span
from .text import collapse

# What each section the readers need is called in the report ('Ⅱ. 現 경제상황', '    Ⅳ. 주요 업무 추진계획' …).
SECTION_TITLES = {
    "economy": "경제상황",
    "strategy": "정책비전 및 목표",
    "work-plan": "주요 업무 추진계획",
    "audit": "행정사무감사 처리결과",
}

_ECONOMY = re.compile(r"^\s*Ⅱ\.")
_AFTER_ECONOMY = re.compile(r"^\s*Ⅲ\.")
_AUDIT = re.compile(r"행정사무감사\s*처리결과")
# An area as listed under the work plan's heading ('1.  코로나19 대응 민생경제 활력 회복 지원').
_LIST_ITEM = re.compile(r"^\s*(?P<n>[1-9])\.\s+(?P<title>\S.*?)\s*$")
# An area's overview box, its title wrapped over lines (' 1. 코로나19 대응 ').
_OVERVIEW = re.compile(r"^\s{1,2}(?P<n>[1-9])\.\s+\S")
# A numbered program's header at the start of a line ('1 취약계층 …').
_PROGRAM = re.compile(r"^(?P<n>[1-9]) (?P<title>\S.*?)\s*$")
# One leading space: an overview entry or a block heading (the dump lost the box glyph: ' 향후계획').
HEADING = re.compile(r"^ (?P<title>\S.*?)\s*$")
# A part's heading: a circled number printed twice ('①①  4차 산업혁명 체험센터 조성').
PART = re.compile(r"^\s*(?P<mark>[\u2460-\u2473])(?P=mark)\s*(?P<title>\S.*?)\s*$")


@dataclass(frozen=True)
class Section:
    """A part of the report: its heading line and the lines up to its last."""

    role: str  # a key of SECTION_TITLES
    heading: Span
    end: int  # its last line

    @property
    def body(self) -> range:
        """The line numbers after the heading."""
        return range(self.heading.start + 1, self.end + 1)


@dataclass(frozen=True)
class AreaHeading:
    """A strategic area as listed at the head of the work plan ('1.  코로나19 대응 민생경제 활력 회복 지원')."""

    number: int
    title: str
    span: Span


@dataclass(frozen=True)
class OverviewEntry:
    """A program title as listed in its area's overview box (' 중소기업 판로지원「ON(溫)서울 마켓」시즌3 추진')."""

    title: str  # white space folded
    span: Span


@dataclass(frozen=True)
class AreaOverview:
    """The box that opens an area's programs: the area's title as the box prints it, and its program list."""

    area: int
    title: str  # the box's lines joined, white space folded
    entries: tuple[OverviewEntry, ...]
    span: Span  # the box's first line to its last entry


@dataclass(frozen=True)
class Heading:
    """A block heading inside a program (' 사업개요', ' 향후계획', ' 추진실적(’21년) : …')."""

    line: int
    title: str  # the whole line, white space folded


@dataclass(frozen=True)
class Part:
    """A numbered part of a program ('①①  4차 산업혁명 체험센터 조성') and the lines it heads."""

    number: int
    title: str  # white space folded, without the circled number
    span: Span  # heading line to the last non-blank line it covers


@dataclass(frozen=True)
class ProgramBlock:
    """A numbered program's header line and the lines up to the next program or area overview."""

    area: int
    number: int
    title: str  # the header's wording, white space folded
    span: Span  # header line to the block's last non-blank line
    headings: tuple[Heading, ...]
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Outline:
    """Where everything the readers look for lies in one report."""

    doc: SourceDocument
    sections: tuple[Section, ...]  # in the order of SECTION_TITLES, those found
    areas: tuple[AreaHeading, ...]
    overviews: tuple[AreaOverview, ...]
    programs: tuple[ProgramBlock, ...]

    def section(self, role: str) -> Section | None:
        return next((s for s in self.sections if s.role == role), None)

    @property
    def headings(self) -> tuple[Heading, ...]:
        """Every program's block headings, in order."""
        return tuple(h for p in self.programs for h in p.headings)

    @property
    def parts(self) -> tuple[Part, ...]:
        return tuple(s for p in self.programs for s in p.parts)

    def program_at(self, line: int) -> ProgramBlock | None:
        return next((p for p in self.programs if p.span.start <= line <= p.span.end), None)

    def program_of(self, line: int) -> ProgramBlock:
        """The program a line of the programs lies in; ValueError for a line outside them all."""
        program = self.program_at(line)
        if program is None:
            raise ValueError(f"line {line} lies in no program")
        return program

    def part_at(self, line: int) -> Part | None:
        return next((s for s in self.parts if s.span.start <= line <= s.span.end), None)


def read_outline(doc: SourceDocument, warnings: list[ExtractionWarning]) -> Outline:
    """Outline the report; warns where programs or parts are numbered out of order."""
    sections = [s for s in (_economy(doc), _strategy(doc), _work_plan(doc), _audit(doc)) if s]
    work_plan = next((s for s in sections if s.role == "work-plan"), None)
    if work_plan is None:
        return Outline(doc, tuple(sections), (), (), ())
    return Outline(doc, tuple(sections), tuple(_areas(doc, work_plan)), tuple(_overviews(doc, work_plan)),
                   tuple(_programs(doc, work_plan, warnings)))


def _first(doc: SourceDocument, printed: Callable[[str], bool]) -> int | None:
    return next((n for n, line in enumerate(doc.lines, 1) if printed(line)), None)


def _titled(role: str) -> Callable[[str], bool]:
    """A line that prints the section's title, however it is spaced."""
    return lambda line: SECTION_TITLES[role] in collapse(line)


def _economy(doc: SourceDocument) -> Section | None:
    start = _first(doc, lambda line: bool(_ECONOMY.match(line)) and SECTION_TITLES["economy"] in line)
    if start is None:
        return None
    end = next((n for n in range(start + 1, len(doc.lines) + 1) if _AFTER_ECONOMY.match(doc.line(n))),
               len(doc.lines) + 1) - 1
    return Section("economy", doc.span(start), end)


def _strategy(doc: SourceDocument) -> Section | None:
    """Section Ⅲ, up to the work plan when that follows it."""
    start = _first(doc, _titled("strategy"))
    if start is None:
        return None
    work_plan = _first(doc, _titled("work-plan"))
    return Section("strategy", doc.span(start), work_plan - 1 if work_plan and work_plan > start else start)


def _work_plan(doc: SourceDocument) -> Section | None:
    """Section Ⅳ's work plan, before the audit part (also numbered Ⅳ)."""
    start = _first(doc, _titled("work-plan"))
    if start is None:
        return None
    audit = next((n for n in range(start + 1, len(doc.lines) + 1) if "행정사무감사" in doc.line(n)
                  and "Ⅳ" in doc.line(n)), len(doc.lines) + 1)
    return Section("work-plan", doc.span(start), audit - 1)


def _audit(doc: SourceDocument) -> Section | None:
    """The audit results, up to the PDF's bookmark list that ends the dump (indented with tabs; no line of
    the report is)."""
    start = _first(doc, lambda line: bool(_AUDIT.search(line)))
    if start is None:
        return None
    end = next((n for n in range(start, len(doc.lines) + 1) if doc.line(n).startswith("\t")),
               len(doc.lines) + 1) - 1
    return Section("audit", doc.span(start), end)


def _areas(doc: SourceDocument, work_plan: Section) -> list[AreaHeading]:
    """The numbered list of areas right after the section heading."""
    areas: list[AreaHeading] = []
    for number in work_plan.body:
        line = doc.line(number)
        item = _LIST_ITEM.match(line)
        if item and not _OVERVIEW.match(line) and int(item["n"]) == len(areas) + 1:
            areas.append(AreaHeading(int(item["n"]), collapse(item["title"]), doc.span(number)))
        elif areas and line.strip():
            break
    return areas


def _overviews(doc: SourceDocument, work_plan: Section) -> list[AreaOverview]:
    """Each area's overview box and the program titles it lists before the first program."""
    overviews: list[AreaOverview] = []
    current: tuple[int, int, list[str], list[OverviewEntry]] | None = None  # (area, first line, box, entries)
    for number in work_plan.body:
        line = doc.line(number)
        box = _OVERVIEW.match(line)
        if box:
            if current:
                overviews.append(_overview(doc, *current))
            current = (int(box["n"]), number, [line.split(".", 1)[1]], [])
        elif current and _PROGRAM.match(line):
            overviews.append(_overview(doc, *current))
            current = None
        elif current and (entry := HEADING.match(line)):
            current[3].append(OverviewEntry(collapse(entry["title"]), doc.span(number)))
        elif current and line.strip() and not current[3]:
            current[2].append(line)
    if current:
        overviews.append(_overview(doc, *current))
    return overviews


def _overview(doc: SourceDocument, area: int, first: int, box: list[str],
              entries: list[OverviewEntry]) -> AreaOverview:
    last = entries[-1].span.end if entries else first
    return AreaOverview(area, collapse(" ".join(box)), tuple(entries), doc.span(first, last))


def _programs(doc: SourceDocument, work_plan: Section, warnings: list[ExtractionWarning]) -> list[ProgramBlock]:
    """Every numbered program header, with its area, lines, headings and parts."""
    starts: list[tuple[int, int, int, str]] = []  # (line, area, number, title)
    area = 0
    stops = {work_plan.end + 1}
    for number in work_plan.body:
        line = doc.line(number)
        box = _OVERVIEW.match(line)
        if box:
            area = int(box["n"])
            stops.add(number)
            continue
        header = _PROGRAM.match(line)
        if header and area:
            expected = starts[-1][2] + 1 if starts and starts[-1][1] == area else 1
            if int(header["n"]) != expected:
                warnings.append(ExtractionWarning(
                    number, f"area {area} program numbered {header['n']} where {expected} was expected"))
            starts.append((number, area, int(header["n"]), collapse(header["title"])))
            stops.add(number)
    blocks = []
    for first, area_number, program, title in starts:
        stop = min(s for s in stops if s > first)
        last = max(n for n in range(first, stop) if doc.line(n).strip())
        headings = tuple(Heading(n, collapse(m["title"])) for n in range(first + 1, last + 1)
                         if (m := HEADING.match(doc.line(n))))
        blocks.append(ProgramBlock(area_number, program, title, doc.span(first, last), headings,
                                   tuple(_parts(doc, first, last, headings, warnings))))
    return blocks


def _parts(doc: SourceDocument, header: int, last: int, headings: tuple[Heading, ...],
           warnings: list[ExtractionWarning]) -> list[Part]:
    """A program's parts. Parts printed before any heading own the headings under them (each has its own
    사업개요 …) and end at the next part; parts printed under a heading ('추진계획') end at the next heading."""
    starts = [(n, m) for n in range(header + 1, last + 1) if (m := PART.match(doc.line(n)))]
    owns_headings = bool(starts) and (not headings or starts[0][0] < headings[0].line)
    parts = []
    for index, (start, match) in enumerate(starts):
        number = ord(match["mark"]) - 0x2460 + 1
        if number != index + 1:
            warnings.append(ExtractionWarning(start, f"sub-program numbered {number} where {index + 1} was expected"))
        stops = [s for s, _ in starts[index + 1:]] + [last + 1]
        if not owns_headings:
            stops += [h.line for h in headings if h.line > start]
        end = max(n for n in range(start, min(stops)) if doc.line(n).strip())
        parts.append(Part(number, collapse(match["title"]), doc.span(start, end)))
    return parts
