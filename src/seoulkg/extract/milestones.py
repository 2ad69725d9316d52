"""Section Ⅳ's dated plans: every dated item of the programs' 향후계획 / 향후일정 / 추진계획 / 추진일정 blocks.

Also the outline those blocks sit in (which program, sub-program and '' heading a line falls under) and
the reading of printed periods in running text, both shared with the facilities reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ExtractionWarning
from .dates import DateReading, parse_due
from .programs import ProgramBlock, read_program_blocks
from .source import SourceDocument, Span
from .text import collapse

# A block heading: one space, then its title (the dump lost the box glyph: ' 향후계획').
_HEADING = re.compile(r"^ (?P<title>\S.*?)\s*$")
# A sub-program heading: a circled number printed twice ('①①  4차 산업혁명 체험센터 조성').
_SUBPROGRAM = re.compile(r"^\s*(?P<mark>[\u2460-\u2473])(?P=mark)\s*(?P<title>\S.*?)\s*$")
# Headings of the blocks that hold plans ('향후계획', '추진계획(’22년)', '’22년 춘계 서울패션위크 계획' …).
_PLAN_WORDS = ("계획", "일정")


@dataclass(frozen=True)
class SubProgram:
    title: str  # white space folded, without the circled number
    span: Span  # heading line to the last non-blank line it covers


@dataclass(frozen=True)
class Outline:
    """Section Ⅳ's programs, their '' block headings and their circled-number sub-programs."""

    programs: tuple[ProgramBlock, ...]
    headings: tuple[tuple[int, str], ...]  # (line, title folded), in order
    subprograms: tuple[SubProgram, ...]

    def program_at(self, line: int) -> ProgramBlock | None:
        return next((p for p in self.programs if p.span.start <= line <= p.span.end), None)

    def subprogram_at(self, line: int) -> SubProgram | None:
        return next((s for s in self.subprograms if s.span.start <= line <= s.span.end), None)


def read_outline(doc: SourceDocument) -> Outline:
    """Where each program's headings and sub-programs lie.

    A sub-program printed inside a block ('' 추진계획, then ①①, ②②) ends at the next sub-program or
    heading; one that holds its own blocks (①①, then '' 사업개요 …) ends at the next sub-program."""
    programs = tuple(read_program_blocks(doc, []))  # the programs reader reports its own warnings
    headings: list[tuple[int, str]] = []
    subprograms: list[SubProgram] = []
    for program in programs:
        lines = range(program.span.start + 1, program.span.end + 1)
        marks = [(n, "heading") for n in lines if _HEADING.match(doc.line(n))]
        marks += [(n, "sub") for n in lines if _SUBPROGRAM.match(doc.line(n))]
        marks.sort()
        headings += [(n, collapse(_HEADING.match(doc.line(n))["title"]))
                     for n, what in marks if what == "heading"]
        nested = bool(marks) and marks[0][1] == "heading"
        for at, (line, what) in enumerate(marks):
            if what != "sub":
                continue
            stop = next((n for n, w in marks[at + 1:] if w == "sub" or nested), program.span.end + 1)
            last = max(n for n in range(line, stop) if doc.line(n).strip())
            subprograms.append(SubProgram(collapse(_SUBPROGRAM.match(doc.line(line))["title"]),
                                          doc.span(line, last)))
    return Outline(programs, tuple(headings), tuple(subprograms))


# The start of a printed period: a year ('’22', '2022') or a month without one ('7월', '5~10월', '~2월').
_PERIOD_START = r"~?\s*(?:[’‘'`]\s*\d{2}(?!\d)|(?:19|20)\d{2}(?!\d)|\d{1,2}\s*(?:~\s*\d{1,2}\s*)?월)"
# What a period may go on with: digits, dots, '~', 년/월, halves, '중', '까지', '限', '(예정)', a weekday.
_PERIOD_BODY = (r"(?:[\d\s.~～’‘'`]|년|월|상반기|하반기|[상하중](?![가-힣])|上|下|까지|예정|限"
                r"|\((?:예정|[월화수목금토일])\))*")
PERIOD = re.compile(_PERIOD_START + _PERIOD_BODY)
_YEAR_PRINTED = re.compile(r"[’‘'`]\s*\d{2}|(?:19|20)\d{2}")
_PAREN = re.compile(r"\((?P<inner>[^()]*)\)")
REFERENCE_WORDS = ("기준", "현재")  # '(’21.12.31.기준)' dates a figure, not a plan


def period_at(text: str) -> str | None:
    """The printed period `text` starts with ('’22.3.~ 추진' -> '’22.3.~'), or None."""
    match = PERIOD.match(text)
    if not match:
        return None
    if match.group().rstrip()[-1:].isdigit() and re.match(r"[가-힣%]|,\d", text[match.end():]):
        return None  # '’21년 35개소', '’22년 26,788백만원': a count or an amount, not a period
    return match.group().strip()


def paren_period(inner: str) -> tuple[str, str] | None:
    """(period, words) when a parenthesis prints a period, maybe with words after it ('’23.3월 준공 목표',
    '5~10월, 3개소' -> ('5~10월', '')); None for anything else ('’21년 3개 → ’22년 6개', '50개')."""
    for piece in re.split(r",(?!\d)", inner):  # not the comma of '4,452'
        piece = piece.strip()
        period = period_at(piece)
        words = piece[len(period):].strip() if period else ""
        if period and re.fullmatch(r"[가-힣\s]*", words):
            return period, words
    return None


def read_period(date_text: str, year: int | None = None) -> DateReading | None:
    """parse_due, and None at once for a period that prints no year (unless `year` is given)."""
    if year is None and not _YEAR_PRINTED.search(date_text):
        return None
    return parse_due(date_text, year)


@dataclass(frozen=True)
class Milestone:
    """One dated item of a plan block, with the period it is planned for as printed and as read."""

    program: tuple[int, int]  # (area, number)
    subprogram: str | None  # the circled-number sub-program it is printed under, if any
    block: str  # its '' heading, white space folded ('향후계획', '추진계획(’22년)' …)
    context: str | None  # for a sub-bullet, the '○' bullet above it ('추진일정' …)
    marker: str  # '○', '－', '‣', '※' …; '' for an unmarked heading line
    text: str  # the item (or, where it lists several dated steps, the step), marker removed, folded
    date_text: str  # the period as printed
    reading: DateReading | None  # None when the period cannot be read (warned)
    span: Span


_MARKER = re.compile(r"^\s*(?P<marker>[○◦－‣※▸❚․·*⇨<【]|-(?=\s))\s*")
_FOOTNOTE = re.compile(r"^\s*\d+\)\s")
_TABLE = re.compile(r"^\s*(?:구\s*분|공간구분)\s")
_DATE_ROW = re.compile(r"^\s*(?:[^\s()]+\s*\([^()]*\)\s*){2,}$")  # '용산(’22.11월 개관) 마포(’22.4월 운영) …'
_SEPARATOR = re.compile(r"^\s*[,⇨→:]\s*")
_TABLE_END = ("○", "◦", "－", "-", "‣", "※")  # markers that end a flattened table ('·' marks its cells)


def read_milestones(doc: SourceDocument, warnings: list[ExtractionWarning]) -> list[Milestone]:
    """Every dated item of every plan block of section Ⅳ, in source order. Undated items are left out;
    an item whose period cannot be read is kept without a reading, with a warning."""
    outline = read_outline(doc)
    milestones: list[Milestone] = []
    for (line, title), (stop, _) in zip(outline.headings, [*outline.headings[1:], (0, "")]):
        if not any(word in title for word in _PLAN_WORDS):
            continue
        program = outline.program_at(line)
        last = _block_end(doc, outline, program, line, stop)
        for item in _items(doc, line + 1, last):
            milestones += _dated(doc, outline, program, title, item, warnings)
    return milestones


def _block_end(doc: SourceDocument, outline: Outline, program: ProgramBlock, line: int, stop: int) -> int:
    """The last line of the block under heading `line`: before the next heading, the program's end, or a
    sub-program that is not printed inside this block."""
    end = min(stop - 1, program.span.end) if stop > line else program.span.end
    for sub in outline.subprograms:
        if line < sub.span.start <= end < sub.span.end:  # ①① holding its own blocks, not one in this block
            end = sub.span.start - 1
    return max(n for n in range(line, end + 1) if doc.line(n).strip() or n == line)


@dataclass
class _Item:
    marker: str
    lines: list[int]
    text: str
    context: str | None


def _items(doc: SourceDocument, first: int, last: int) -> list[_Item]:
    """The block's bullets with their wrapped lines; footnotes and flattened tables are left out.

    A line without a marker continues the item above, unless none is open or that item already ends
    with a dated parenthesis, or the line is a row of dated cells: then it is an item of its own."""
    items: list[_Item] = []
    context: str | None = None
    open_item = in_table = False
    for number in range(first, last + 1):
        line = doc.line(number)
        if not line.strip():
            continue
        mark = _MARKER.match(line)
        if _FOOTNOTE.match(line) or _SUBPROGRAM.match(line):
            open_item = in_table = False
            continue
        if _TABLE.match(line) or (in_table and not (mark and mark["marker"] in _TABLE_END)):
            open_item, in_table = False, True
            continue
        in_table = False
        if mark:
            text = collapse(line[mark.end():])
            if mark["marker"] == "○":
                context = text
            items.append(_Item(mark["marker"], [number], text, None if mark["marker"] == "○" else context))
            open_item = True
        elif open_item and not _DATE_ROW.match(line) and not _ends_dated(items[-1].text):
            items[-1].lines.append(number)
            items[-1].text = collapse(f"{items[-1].text} {line}")
        else:
            items.append(_Item("", [number], collapse(line), context))
            open_item = True
    return items


def _ends_dated(text: str) -> bool:
    end = re.search(r"\((?P<inner>[^()]*)\)\s*$", text)
    return bool(end and paren_period(end["inner"]))


def _dated(doc: SourceDocument, outline: Outline, program: ProgramBlock, block: str, item: _Item,
           warnings: list[ExtractionWarning]) -> list[Milestone]:
    """The item's milestones: one per printed period, or none when it prints no period."""
    subprogram = outline.subprogram_at(item.lines[0])
    span = doc.span(item.lines[0], item.lines[-1])

    def milestone(text: str, date_text: str, year: int | None = None, period: str | None = None) -> Milestone:
        reading = read_period(period or date_text, year)
        if reading is None:
            reason = "prints no year" if year is None and not _YEAR_PRINTED.search(date_text) else "not read"
            warnings.append(ExtractionWarning(item.lines[0], f"plan date '{date_text}' {reason}: {text}"))
        return Milestone((program.area, program.number), subprogram.title if subprogram else None,
                         block, item.context, item.marker, text, date_text, reading, span)

    text = item.text
    if ":" in text:
        after = text.rsplit(":", 1)[1].strip()
        listed = _listed(after)
        if listed:
            first = read_period(listed[0][1])
            year = first.start.year if first and first.start else None
            return [milestone(text, printed, year if at else None, period)
                    for at, (printed, period) in enumerate(listed)]
        if period_at(after):
            return [milestone(text, after if parse_due(after) else period_at(after))]
        before = text.split(":", 1)[0].strip()
        if period_at(before) == before:
            return [milestone(text, before)]
    return [milestone(step, date_text) for step, date_text in _steps(text)]


def _listed(after: str) -> list[tuple[str, str]] | None:
    """(piece, period) of a list of labelled periods: '’22. 2월(1차), 5월(2차)' or '(’22)50명, (’23)150명';
    None unless the text is two or more such pieces."""
    found = []
    for piece in (piece.strip() for piece in after.split(",")):
        period = period_at(piece)
        first = re.fullmatch(r"\((?P<inner>[^()]*)\)\s*\S+", piece)
        if period and re.fullmatch(r"\([^()]*\)", piece[len(period):].strip()):
            found.append((piece, period))
        elif first and period_at(first["inner"]) == first["inner"].strip():
            found.append((piece, first["inner"].strip()))
        else:
            return None
    return found if len(found) > 1 else None


def _steps(text: str) -> list[tuple[str, str]]:
    """(text, period) of each dated step of an item dated in parentheses: '공고 및 접수(’22.4월), 선정(’22.6월)'
    gives two steps; '혁신성장펀드(’18~’22) 성과분석, … 수립(’22.7.)' one, dated by its last parenthesis."""
    dated = [(m, paren_period(m["inner"])) for m in _PAREN.finditer(text)]
    dated = [(m, found[0]) for m, found in dated if found and found[1] not in REFERENCE_WORDS]
    steps: list[tuple[str, str]] = []
    start = 0
    for at, (match, period) in enumerate(dated):
        if at + 1 < len(dated):
            between = text[match.end(): dated[at + 1][0].start()]
            if not (_SEPARATOR.match(between) or (between[:1].isspace() and "," not in between)):
                continue
        end = len(text) if at + 1 == len(dated) else match.end()
        steps.append((_SEPARATOR.sub("", text[start:end]).strip(), period))
        start = end
    return steps
