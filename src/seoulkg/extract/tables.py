"""Tables of figures inside a program's block, flattened by the PDF dump to one line per row: a header
('구 분 계 이커머스 라이브커머스 T-커머스', '지 표 명 2017년 … 계 비 고', '합 계 1차(’20.2~7) …', or a row of
periods '’21. 3월 ’21. 4~5월 …') and rows of a label and one cell per column ('매 출 액 85억원 … 875억원 입주기업
매출', '공정률 0% 1% 2% 10.3%').

A table is read where it stands in a results block (추진실적, 추진현황, … 성과) or where every row prints
figures; a table of places and dates elsewhere is the facility reader's. An audit item's answer is read
the same way, every table of it as a results table; there a header may also be the first line under a
unit line ('(단위 : 개)' / '유형별 사업수 목표': the first word heads the labels). A row is read only when
its cells fill the columns one to one (a remark under a last column 비고 is kept as the row's note); a bare
number with decimals is no count, so a row of them without a unit is not read; anything else in a results
table is a warning naming its lines, and is not read. A row labelled 계, 합계, 총계 or 소계 is a total row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..errors import ExtractionWarning
from .dates import DateReading, parse_due
from .outline import HEADING, PART, Part, ProgramBlock
from .quantities import UNIT, UNITS
from .source import SourceDocument, Span
from .text import NUMBER, read_number

_HEADER = re.compile(r"^\s*(?:구\s*분|지\s*표\s*명)\s+(?P<columns>\S.*?)\s*$")
_TOTAL_HEADER = re.compile(r"^\s*(?P<columns>합\s*계\s+\S.*?)\s*$")
_PERIOD_COLUMN = re.compile(r"’\s*\d{2}\s*\.\s*\d{1,2}(?:\s*~\s*\d{1,2})?\s*월")
_UNIT_LINE = re.compile(r"\(\s*단위\s*:\s*(?P<unit>[^)]+?)\s*\)\s*$")  # alone, or closing a title line
_YEAR_THEN_MONTH = re.compile(r"[’‘']\d{2}년")
_TITLE = re.compile(r"^\s*<[^<>]+>\s*$")  # '<광역일자리카페 조성 운영(’21.12월말)>' over a table
_CELL = re.compile(rf"(?P<number>{NUMBER})(?P<unit>{UNIT})?")
_LABEL_UNIT = re.compile(rf"\((?P<unit>{UNIT})\)")
_STOP = re.compile(r"^\s*(?:[○◦－⇨‣※▸❚*□<]|-\s|\d{1,2}\)\s)")  # bullets, an answer's □ blocks, a <title>
_RESULT_SECTION = re.compile(r"^추진실적|^추진현황$|’\d{2}년.*성과$")
# Words a letter-spaced header prints ('비 고', '합 계'): a run of one-letter tokens is joined into them.
_HEADER_WORDS = ("지표명", "합계", "소계", "비고", "구분", "계")
_TOTAL_COLUMNS = frozenset({"계", "합계", "소계"})
REMARK_COLUMN = "비고"


@dataclass(frozen=True)
class Cell:
    """One cell: its column, the figure as printed, the value and unit (the row's or the table's unit
    when the cell prints none), the value in a normalised unit, its role and the column's period."""

    column: str
    printed: str
    value: Decimal
    unit: str | None  # as printed, or the row's or table's unit; None for a bare count
    normalised: Decimal | None
    unit_code: str  # NUM, PERCENT, KRW, USD, M2, MO
    role: str  # total (a 계 column), rate (%), count or amount
    period_text: str | None  # the column's period as printed ('2017년', '’21. 4~5월', '’20.2~7')
    period: DateReading | None


@dataclass(frozen=True)
class Row:
    label: str | None  # as printed, letter spacing removed ('매출액'); None for a row that prints none
    cells: tuple[Cell, ...]
    note: str | None  # a remark under the last column 비고
    span: Span


@dataclass(frozen=True)
class ResultsTable:
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    unit_text: str | None  # '(단위 : 백만원)' printed before the table
    section: str | None  # the block heading it stands under
    subprogram: int | None
    span: Span  # header to last row


def read_tables(doc: SourceDocument, block: ProgramBlock,
                warnings: list[ExtractionWarning]) -> tuple[list[ResultsTable], set[int]]:
    """The tables of figures in a program block, in printed order, and the lines of every table of a
    results block, read or warned about."""
    return _read(doc, block.span, block.parts, f"program {block.area}-{block.number}", False, warnings)


def read_answer_tables(doc: SourceDocument, span: Span, where: str,
                       warnings: list[ExtractionWarning]) -> list[ResultsTable]:
    """The tables of figures an audit item's answer prints (`where` names the item in warnings): each is a
    results table, read or warned about."""
    return _read(doc, span, (), where, True, warnings)[0]


def _read(doc: SourceDocument, span: Span, parts: tuple[Part, ...], where: str, answer: bool,
          warnings: list[ExtractionWarning]) -> tuple[list[ResultsTable], set[int]]:
    tables: list[ResultsTable] = []
    covered: set[int] = set()
    section: str | None = None
    n, previous = span.start + 1, ""
    while n <= span.end:
        text = doc.line(n)
        if HEADING.match(text) and not answer:
            section = " ".join(text.split(" : ", 1)[0].split())
        columns = _columns(text)
        if columns is None and answer and (_UNIT_LINE.search(previous) or _TITLE.match(previous)):
            columns = _under_unit(text)
        if text.strip():
            previous = text
        if columns is None:
            n += 1
            continue
        rows_at = _row_lines(doc, n + 1, span.end)
        in_results = answer or bool(section and _RESULT_SECTION.search(section))
        table = _table(doc, span.start, parts, where, n, columns, rows_at, section, in_results, warnings)
        if table:
            tables.append(table)
        if in_results:
            covered.update(range(n, (rows_at[-1] if rows_at else n) + 1))
        n = (rows_at[-1] if rows_at else n) + 1
    return tables, covered


def _under_unit(text: str) -> list[str] | None:
    """A header printed right under a unit line or a <title>: the labels' heading, then two or more column
    names, no figure and no bullet ('유형별 사업수 목표', '권 역 개소수 광역일자리카페': letter-spaced words joined)."""
    if re.search(r"\d", text) or _STOP.match(text):
        return None
    tokens: list[str] = []
    spaced = False  # the last token was one letter: a letter-spaced word goes on ('권 역')
    for token in text.split():
        if len(token) == 1 and spaced:
            tokens[-1] += token
        else:
            tokens.append(token)
        spaced = len(token) == 1
    return tokens[1:] if len(tokens) >= 3 else None


def _columns(text: str) -> list[str] | None:
    """The column names of a header line, or None when the line is no header."""
    header = _HEADER.match(text) or _TOTAL_HEADER.match(text)
    if header:
        return _join_periods(_join_letters(header["columns"].split()))
    periods = _PERIOD_COLUMN.findall(text)
    if len(periods) >= 2 and not _PERIOD_COLUMN.sub("", text).strip():
        return [" ".join(p.split()) for p in periods]
    return None


def _join_letters(tokens: list[str]) -> list[str]:
    """Join runs of one-letter tokens into the header words they spell ('비 고' -> '비고'), else keep them."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if len(tokens[i]) == 1:
            word = next((w for w in _HEADER_WORDS if "".join(tokens[i:i + len(w)]) == w), None)
            if word:
                out.append(word)
                i += len(word)
                continue
        out.append(tokens[i])
        i += 1
    return out


def _join_periods(columns: list[str]) -> list[str]:
    """A year followed by a month is one column: '’21년 11월' (as of November 2021)."""
    out: list[str] = []
    for column in columns:
        if out and re.fullmatch(r"\d{1,2}월", column) and _YEAR_THEN_MONTH.fullmatch(out[-1]):
            out[-1] = f"{out[-1]} {column}"
        else:
            out.append(column)
    return out


def _row_lines(doc: SourceDocument, first: int, last: int) -> list[int]:
    """The non-blank lines after a header up to a bullet, heading, part, footnote or the next header."""
    rows = []
    for n in range(first, last + 1):
        text = doc.line(n)
        if not text.strip():
            continue
        if _STOP.match(text) or HEADING.match(text) or PART.match(text) or _columns(text) is not None:
            break
        rows.append(n)
    return rows


def _table(doc: SourceDocument, first: int, parts: tuple[Part, ...], owner: str, header: int, columns: list[str],
           lines: list[int], section: str | None, in_results: bool,
           warnings: list[ExtractionWarning]) -> ResultsTable | None:
    unit_text = next((m["unit"] for n in range(header - 1, max(header - 3, first), -1)
                      if (m := _UNIT_LINE.search(doc.line(n)))), None)
    rows, unread = [], []
    for n in lines:
        row = _row(doc, n, columns, unit_text)
        if row is None:
            unread.append(n)
        else:
            rows.append(row)
    if not in_results and (unread or not rows):
        return None  # a table of places or dates: the facility reader's
    where = f"{owner} table at line {header} ({len(columns)} columns)"
    if unread:
        first, last = unread[0], unread[-1]
        lines_text = f"lines {first}-{last}" if last > first else f"line {first}"
        warnings.append(ExtractionWarning(first, (
            f"{where}: {lines_text} do not fill the columns one cell each (cells spanning lines, or columns whose "
            "names cannot be told apart); not read")))
    if not rows:
        return None
    part = next((p.number for p in parts if p.span.start <= header <= p.span.end), None)
    return ResultsTable(tuple(columns), tuple(rows), unit_text, section, part,
                        doc.span(header, max(r.span.end for r in rows)))


def _row(doc: SourceDocument, n: int, columns: list[str], unit_text: str | None) -> Row | None:
    """A row whose cells fill the columns one to one (with a remark under 비고), or None."""
    tokens = doc.line(n).split()
    first = next((i for i, t in enumerate(tokens) if _CELL.fullmatch(t)), None)
    if first is None:
        return None
    label = "".join(tokens[:first]) if all(len(t) == 1 for t in tokens[:first]) else " ".join(tokens[:first])
    cells, rest = [], tokens[first:]
    while rest and _CELL.fullmatch(rest[0]):
        cells.append(rest.pop(0))
    numeric = columns[:-1] if columns[-1] == REMARK_COLUMN else columns
    if len(cells) != len(numeric) or (rest and columns[-1] != REMARK_COLUMN):
        return None
    label_unit = _LABEL_UNIT.search(label)
    unit = label_unit["unit"] if label_unit else unit_text
    if unit is not None and unit not in UNITS:
        return None
    total = label.replace(" ", "") in _TOTAL_COLUMNS | {"총계"}
    read = [_cell(column, printed, unit, total) for column, printed in zip(numeric, cells, strict=True)]
    if None in read:
        return None
    return Row(label or None, tuple(c for c in read if c), " ".join(rest) or None, doc.span(n))


def _cell(column: str, printed: str, row_unit: str | None, total_row: bool) -> Cell | None:
    match = _CELL.fullmatch(printed)
    assert match is not None  # a cell token was matched before
    value = read_number(match["number"])
    unit = match["unit"] or row_unit
    if unit is None and "." in match["number"]:
        return None  # '94.4' with no unit printed is no count (a rate? a score?): the row is not read
    code, factor = UNITS[unit] if unit else ("NUM", 1)
    if code is None:
        return None  # a unit kept as printed (평): the row is not read
    role = "total" if column in _TOTAL_COLUMNS or total_row else "rate" if code == "PERCENT" else \
        "count" if code == "NUM" else "amount"
    period_text = _column_period(column)
    return Cell(column, printed, value, unit, value * factor if code else None, code, role, period_text,
                parse_due(period_text) if period_text else None)


def _column_period(column: str) -> str | None:
    """The period a column names: the column itself ('2017년', '’21. 4~5월') or its parenthesis ('1차(’20.2~7)')."""
    inner = re.search(r"\((?P<p>[^()]*)\)", column)
    candidate = inner["p"] if inner else column
    return candidate if parse_due(candidate) else None
