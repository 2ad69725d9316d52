"""Section Ⅳ's dated plans: every dated item of the programs' 향후계획 / 향후일정 / 추진계획 / 추진일정 blocks,
found through the outline (which program, part and '' heading a line falls under)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ExtractionWarning
from .dates import REFERENCE_WORDS, YEAR_PRINTED, DateReading, paren_period, parse_due, period_at, read_period
from .outline import PART, Outline, ProgramBlock
from .source import SourceDocument, Span
from .text import collapse

# Headings of the blocks that hold plans ('향후계획', '추진계획(’22년)', '’22년 춘계 서울패션위크 계획' …).
_PLAN_WORDS = ("계획", "일정")
_PAREN = re.compile(r"\((?P<inner>[^()]*)\)")


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


def read_milestones(outline: Outline, warnings: list[ExtractionWarning]) -> list[Milestone]:
    """Every dated item of every plan block of section Ⅳ, in source order. Undated items are left out;
    an item whose period cannot be read is kept without a reading, with a warning."""
    doc, headings = outline.doc, outline.headings
    milestones: list[Milestone] = []
    for heading, stop in zip(headings, [*(h.line for h in headings[1:]), 0], strict=False):
        line, title = heading.line, heading.title
        if not any(word in title for word in _PLAN_WORDS):
            continue
        program = outline.program_at(line)
        if program is None:  # every heading lies in a program
            continue
        last = _block_end(doc, outline, program, line, stop)
        for item in _items(doc, line + 1, last):
            milestones += _dated(doc, outline, program, title, item, warnings)
    return milestones


def _block_end(doc: SourceDocument, outline: Outline, program: ProgramBlock, line: int, stop: int) -> int:
    """The last line of the block under heading `line`: before the next heading, the program's end, or a
    sub-program that is not printed inside this block."""
    end = min(stop - 1, program.span.end) if stop > line else program.span.end
    for sub in outline.parts:
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
        if _FOOTNOTE.match(line) or PART.match(line):
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
    part = outline.part_at(item.lines[0])
    span = doc.span(item.lines[0], item.lines[-1])

    def milestone(text: str, date_text: str, year: int | None = None, period: str | None = None) -> Milestone:
        reading = read_period(period or date_text, year)
        if reading is None:
            reason = "prints no year" if year is None and not YEAR_PRINTED.search(date_text) else "not read"
            warnings.append(ExtractionWarning(item.lines[0], f"plan date '{date_text}' {reason}: {text}"))
        return Milestone((program.area, program.number), part.title if part else None,
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
        if (period := period_at(after)) is not None:
            return [milestone(text, after if parse_due(after) else period)]
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
    found = [(m, paren_period(m["inner"])) for m in _PAREN.finditer(text)]
    dated = [(m, period[0]) for m, period in found if period and period[1] not in REFERENCE_WORDS]
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
