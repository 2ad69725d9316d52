"""The report's outline, read once per build: where its sections lie and, inside the work plan, its
strategic areas, the areas' overview boxes, the numbered programs, their block headings and their parts.

Every reader works from this outline rather than finding its own place in the text. Sections are found
by the report's heading structure: top-level headings are Roman numerals in order ('Ⅰ. 일 반 현 황' …
'Ⅴ. 2018 행정사무감사처리결과'), a section runs to the next, and its role comes from its title's words
(`SECTION_TITLES`). A cover page before the first heading is skipped; a table of contents (several
headings on a line, or headings ending in page numbers) is kept as entries, and a listed section that is
not found is a warning. A reader asks `outline.section("audit")` and never searches the report itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ExtractionWarning
from .source import SourceDocument, Span
from .text import collapse, squash

# What each section is called, by role: a top-level heading ('Ⅱ. 現 경제상황', '    Ⅳ. 주요 업무 추진계획',
# 'Ⅴ. 2018 행정사무감사처리결과') takes the first role whose words its title prints, spaces ignored.
SECTION_TITLES = {
    "general": ("일반현황",),
    "economy": ("경제상황",),
    "strategy": ("정책비전", "정책목표", "추진전략"),
    "work-plan": ("주요업무추진계획", "주요업무계획"),
    "audit": ("행정사무감사처리결과",),
}
ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
# A top-level heading: a Roman numeral, a full stop and a title ('  Ⅳ. 2021년 행정사무감사 처리결과').
_TOP = re.compile(rf"(?P<numeral>[{ROMAN}])\s*\.\s*(?P<title>[^{ROMAN}]*?)\s*(?=[{ROMAN}]\s*\.|$)")
# A contents entry ends in its page number, after spaces or leader dots ('Ⅴ. 2018 행정사무감사처리결과 43').
_PAGE = re.compile(r"^(?P<title>.*?\S)[\s.·…‥-]+(?P<page>\d{1,3})$")
_AUDIT = re.compile(r"행정사무감사\s*처리\s*결과")
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
class ContentsEntry:
    """A section as a table of contents lists it ('Ⅴ. 2018 행정사무감사처리결과 43')."""

    numeral: str
    title: str  # white space folded, without the page number
    page: int | None
    span: Span
    role: str | None  # a key of SECTION_TITLES, None for a section no reader needs


@dataclass(frozen=True)
class Outline:
    """Where everything the readers look for lies in one report."""

    doc: SourceDocument
    sections: tuple[Section, ...]  # in report order, the first of each role
    areas: tuple[AreaHeading, ...]
    overviews: tuple[AreaOverview, ...]
    programs: tuple[ProgramBlock, ...]
    contents: tuple[ContentsEntry, ...] = ()  # the table of contents, when the report prints one
    body_start: int = 1  # the first heading's line, after any cover page and contents

    @property
    def general_start(self) -> int:
        """Where the general status (Ⅰ. 일반현황: chart, staffing, duties, budget) is read from."""
        general = self.section("general")
        return general.heading.start if general else self.body_start

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
    """Outline the report by its top-level headings; warns where a section the contents page lists is not
    found, and where programs or parts are numbered out of order."""
    contents, headings = _top_headings(doc)
    sections = _sections(doc, headings)
    if not any(s.role == "audit" for s in sections) and not headings:
        sections += _audit_extract(doc, {e.span.start for e in contents})  # an audit extract, unnumbered
    found = {s.role for s in sections}
    for entry in contents:
        if entry.role and entry.role not in found:
            warnings.append(ExtractionWarning(entry.span.start, (
                f"the contents list '{entry.numeral}. {entry.title}' (page {entry.page}); no such section found")))
    body = headings[0][0] if headings else (contents[-1].span.end + 1 if contents else 1)
    work_plan = next((s for s in sections if s.role == "work-plan"), None)
    if work_plan is None:
        return Outline(doc, tuple(sections), (), (), (), tuple(contents), body)
    return Outline(doc, tuple(sections), tuple(_areas(doc, work_plan)), tuple(_overviews(doc, work_plan)),
                   tuple(_programs(doc, work_plan, warnings)), tuple(contents), body)


def role_of(title: str) -> str | None:
    """The role of a section by the words its title prints, spaces ignored; None for one no reader needs."""
    words = squash(title)
    return next((role for role, names in SECTION_TITLES.items() if any(n in words for n in names)), None)


def _top_headings(doc: SourceDocument) -> tuple[list[ContentsEntry], list[tuple[int, str, str]]]:
    """The contents page's entries, and the body's top-level headings (line, numeral, title) in numeral
    order: a line printing several headings, or one ending in a page number, is a contents line."""
    contents: list[ContentsEntry] = []
    headings: list[tuple[int, str, str]] = []
    for number, line in enumerate(doc.lines, 1):
        if not _TOP.match(line.strip()) or line.startswith("\t"):  # the PDF's bookmarks are tab-indented
            continue
        found = list(_TOP.finditer(line.strip()))
        paged = [_PAGE.match(m["title"]) for m in found]
        if len(found) > 1 or paged[0]:
            for m, p in zip(found, paged, strict=True):
                title = p["title"] if p else m["title"]
                contents.append(ContentsEntry(m["numeral"], collapse(title), int(p["page"]) if p else None,
                                              doc.span(number), role_of(title)))
        elif not headings or ROMAN.index(found[0]["numeral"]) >= ROMAN.index(headings[-1][1]):
            headings.append((number, found[0]["numeral"], collapse(found[0]["title"])))
    return contents, headings


def _sections(doc: SourceDocument, headings: list[tuple[int, str, str]]) -> list[Section]:
    """Each heading's section runs to the next heading; the last to the PDF's bookmark list that ends
    the dump (indented with tabs; no line of the report is). The first heading of a role wins."""
    sections: list[Section] = []
    stops = [line for line, _, _ in headings[1:]] + [_last_line(doc) + 1] if headings else []
    for (line, _, title), stop in zip(headings, stops, strict=True):
        role = role_of(title)
        if role and role not in {s.role for s in sections}:
            sections.append(Section(role, doc.span(line), stop - 1))
    return sections


def _audit_extract(doc: SourceDocument, contents: set[int]) -> list[Section]:
    """A text without numbered headings that holds the audit's results: its title line (not a contents
    line) heads it."""
    start = next((n for n, line in enumerate(doc.lines, 1) if _AUDIT.search(line) and n not in contents), None)
    return [Section("audit", doc.span(start), _last_line(doc))] if start else []


def _last_line(doc: SourceDocument) -> int:
    return next((n for n, line in enumerate(doc.lines, 1) if line.startswith("\t")), len(doc.lines) + 1) - 1


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
