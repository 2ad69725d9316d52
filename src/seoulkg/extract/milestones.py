"""Section Ⅳ's dated items, found through the outline (which program, part and '' heading a line falls
under): the plans of the 향후계획 / 향후일정 / 추진계획 / 추진일정 blocks (milestones), and the dated statements
of every other block (사업개요, 추진실적, 추진내용, 그간의 추진사항 …), read with the same parser.

Besides its period, an item may print what checks it: a duration in days ('’21.10.7.(목) ~ 10.19.(화),
10일간'), and a label naming a season or a half-year, either over its block ('’21년 춘계 서울패션위크 성과')
or beside another date of the event ('’22년 7월 … 개최 … (’22 상)'). The label's period is read by the
convention documented in `label_period`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
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
class PeriodLabel:
    """A season or half-year an item is labelled with, as printed ('’21년 춘계', '’22 상'), and its period."""

    printed: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Milestone:
    """One dated item of a block (a plan's step, or a dated statement), with its period as printed and as
    read; its stated duration in days and its label, where it prints them."""

    program: tuple[int, int]  # (area, number)
    subprogram: str | None  # the circled-number sub-program it is printed under, if any
    block: str  # its '' heading, white space folded ('향후계획', '추진계획(’22년)' …)
    context: str | None  # for a sub-bullet, the '○' bullet above it ('추진일정' …)
    marker: str  # '○', '－', '‣', '※' …; '' for an unmarked heading line
    text: str  # the item (or, where it lists several dated steps, the step), marker removed, folded
    date_text: str  # the period as printed
    reading: DateReading | None  # None when the period cannot be read (warned)
    span: Span
    days: int | None = None  # a duration printed after a range of days ('10일간')
    label: PeriodLabel | None = None
    event: DateReading | None = None  # the event's own dates, where a label stands beside them


_MARKER = re.compile(r"^\s*(?P<marker>[○◦－‣※▸❚․·*⇨<【]|-(?=\s))\s*")
_FOOTNOTE = re.compile(r"^\s*\d+\)\s")
_TABLE = re.compile(r"^\s*(?:구\s*분|공간구분)\s")
_DATE_ROW = re.compile(r"^\s*(?:[^\s()]+\s*\([^()]*\)\s*){2,}$")  # '용산(’22.11월 개관) 마포(’22.4월 운영) …'
_SEPARATOR = re.compile(r"^\s*[,⇨→:]\s*")
_TABLE_END = ("○", "◦", "－", "-", "‣", "※")  # markers that end a flattened table ('·' marks its cells)


def read_milestones(outline: Outline, warnings: list[ExtractionWarning]) -> list[Milestone]:
    """Every dated item of every plan block of section Ⅳ, in source order. Undated items are left out;
    an item whose period cannot be read is kept without a reading, with a warning."""
    return _read(outline, warnings, plans=True)


def read_statements(outline: Outline, warnings: list[ExtractionWarning]) -> list[Milestone]:
    """Every dated item of every other block of section Ⅳ, in source order, as `read_milestones` reads
    them; a month printed without a year in a block whose heading names one year ('추진실적(’21년)') is of
    that year, and one in a block that names none ('개최시기 : 연 2회 [춘계(3월)') dates nothing and is left out."""
    return _read(outline, warnings, plans=False)


def _read(outline: Outline, warnings: list[ExtractionWarning], plans: bool) -> list[Milestone]:
    doc, headings = outline.doc, outline.headings
    found: list[Milestone] = []
    for heading, stop in zip(headings, [*(h.line for h in headings[1:]), 0], strict=False):
        line, title = heading.line, heading.title
        if any(word in title for word in _PLAN_WORDS) != plans:
            continue
        program = outline.program_at(line)
        if program is None:  # every heading lies in a program
            continue
        last = _block_end(doc, outline, program, line, stop)
        year = None if plans else _heading_year(title)
        label = _heading_label(title)
        for item in _items(doc, line + 1, last):
            for dated in _dated(doc, outline, program, title, item, warnings, year, yearless=plans):
                found.append(_labelled(dated, label))
    return found


_HEADING_YEAR = re.compile(r"[’‘']\s*(?P<yy>\d{2})\s*년?")
_SEASONS = {"춘계": (3, 5), "추계": (9, 11)}  # spring: March to May; autumn: September to November
_LABEL = re.compile(r"(?P<year>[’‘']\s*\d{2}\s*년?)\s*(?P<word>춘계|추계|상반기|하반기)")
_DAYS = re.compile(r"\)?\s*,\s*(?P<days>\d+)\s*일간")
# A range of whole days: '’21.10.7.(목) ~ 10.19.(화)', '’22.2.9.~15.' is not (its end may be a month).
_DAY_RANGE = re.compile(r"\d{1,2}\s*\.\s*\d{1,2}\s*\.?\s*(?:\([월화수목금토일]\))?\s*~\s*(?:’\s*\d{2}\s*\.\s*)?"
                        r"\d{1,2}\s*\.\s*\d{1,2}")
# A month printed in an item's text as the date of its event ('’22년 7월「서울 오픈이노베이션위크」개최').
_EVENT_MONTH = re.compile(r"[’‘']\s*\d{2}\s*년\s*\d{1,2}\s*월")


def _heading_year(title: str) -> int | None:
    """The one year a heading names ('추진실적(’21년)'), or None (none, or several: '추진실적(’20~’21)')."""
    years = {int(m["yy"]) for m in _HEADING_YEAR.finditer(title)}
    return 2000 + years.pop() if len(years) == 1 else None


def label_period(printed: str) -> PeriodLabel | None:
    """A season or half-year label read as a period. Convention: 춘계 (spring) is March to May, 추계
    (autumn) September to November, 상반기/상 January to June, 하반기/하 July to December of the year
    printed with it."""
    match = _LABEL.search(printed)
    if match:
        year = 2000 + int(re.sub(r"\D", "", match["year"]))
        if match["word"] in _SEASONS:
            first, last = _SEASONS[match["word"]]
            return PeriodLabel(match.group(), dt.date(year, first, 1),
                               dt.date(year, last, 30 if last in (4, 6, 9, 11) else 31))
    reading = parse_due(match.group() if match else printed)
    if reading and reading.kind == "half" and reading.start and reading.due:
        return PeriodLabel(reading.printed, reading.start, reading.due)
    return None


def _heading_label(title: str) -> PeriodLabel | None:
    match = _LABEL.search(title)
    return label_period(match.group()) if match else None


def _labelled(item: Milestone, heading: PeriodLabel | None) -> Milestone:
    """The item with its printed duration and its label: the block's, or its own half-year period printed
    beside a month that dates the event."""
    days = None
    after = item.text.split(item.date_text, 1)[1] if item.date_text in item.text else ""
    if (found := _DAYS.match(after)) and _DAY_RANGE.search(item.date_text):
        days = int(found["days"])
    label, event = heading, item.reading
    if label is None and item.reading and item.reading.kind == "half":
        month = _EVENT_MONTH.search(item.text.replace(item.date_text, ""))
        own = label_period(item.date_text)
        if month and own:
            label, event = own, parse_due(month.group())
    if days is None and label is None:
        return item
    return dataclasses.replace(item, days=days, label=label, event=event if label else None)


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
           warnings: list[ExtractionWarning], default_year: int | None = None,
           yearless: bool = True) -> list[Milestone]:
    """The item's milestones: one per printed period, or none when it prints no period. A period that
    prints no year is read in `default_year` when given; without one it is kept unread (warned) when
    `yearless`, else left out."""
    part = outline.part_at(item.lines[0])
    span = doc.span(item.lines[0], item.lines[-1])

    def milestone(text: str, date_text: str, year: int | None = None, period: str | None = None) -> Milestone | None:
        year = year if year is not None else default_year
        if not yearless and year is None and not YEAR_PRINTED.search(date_text):
            return None
        reading = read_period(period or date_text, year)
        if reading is None:
            reason = "prints no year" if year is None and not YEAR_PRINTED.search(date_text) else "not read"
            what = "plan date" if any(word in block for word in _PLAN_WORDS) else "date"
            warnings.append(ExtractionWarning(item.lines[0], f"{what} '{date_text}' {reason}: {text}"))
        return Milestone((program.area, program.number), part.title if part else None,
                         block, item.context, item.marker, text, date_text, reading, span)

    return [m for m in _periods(item.text, milestone) if m is not None]


def _periods(text: str, milestone: Callable[..., Milestone | None]) -> list[Milestone | None]:
    """An item's periods, each made into a milestone by `milestone(text, date_text, year, period)`."""
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
