"""Section Ⅳ (2021년 행정사무감사 처리결과): the council audit's summary table and its items, as printed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..errors import ExtractionWarning
from .codes import codes
from .dates import DateReading, parse_day, parse_due
from .outline import Outline
from .source import SourceDocument, Span
from .tables import ResultsTable, read_answer_tables
from .text import collapse, squash

# Part titles (numbered 2-4 in the report, without letter spacing) -> item-category notations.
_CATEGORY_CODES = ("correction", "suggestion", "data_request")
CATEGORIES = codes("audit-category", _CATEGORY_CODES, preferred=True)
# The summary table's row labels -> item-category notations; '계' is the total row.
SUMMARY_CATEGORIES = codes("audit-category", _CATEGORY_CODES)
TOTAL_LABEL = "계"
SUMMARY_TITLE = "처리결과총괄"
UNKNOWN_STATUS = "unknown"  # an item's status wording none of the list's print ('추진불가', '추진검토')
# Status wordings (summary columns and '□ 추진상황 : …' lines, without spaces) -> status notations.
STATUSES = codes("audit-status", ("completed", "in_progress", "under_review", "not_adopted"))
# Running page headers repeated inside the parts, without spaces.
PAGE_HEADERS = frozenset({"시정및처리요구사항조치결과및향후추진계획", "건의사항조치결과", "자료제출등기타사항조치결과"})


@dataclass(frozen=True)
class StatusCount:
    status: str  # status notation of the column
    printed: str  # '37' or '-'
    count: int  # '-' (nil in Korean statistical tables) reads as 0


@dataclass(frozen=True)
class AuditSummaryRow:
    category: str | None  # None for the total row '계'
    printed_label: str
    total_printed: str
    total: int
    by_status: tuple[StatusCount, ...]  # in column order
    span: Span


@dataclass(frozen=True)
class FollowUp:
    """One bullet of '□ 향후계획' and the period it is planned for, when it prints one."""

    marker: str  # '◦', '-', '‣', '※' …, or '<' / '[' for a heading line
    text: str  # the bullet without its marker, lines joined, white space folded
    date_text: str | None  # the printed period: after its last ':', before its first, or in end parentheses
    reading: DateReading | None
    span: Span


@dataclass(frozen=True)
class StatedProgress:
    """A construction progress an item's actions state ('공정률 19.2%'), as of the audit's reference date."""

    printed: str
    percent: Decimal


@dataclass(frozen=True)
class AuditItem:
    category: str  # 'correction', 'suggestion' or 'data_request'
    number: int  # as printed; numbering restarts in each category
    demand: str  # the council's demand, lines joined, white space folded, unit parenthesis removed
    units: tuple[str, ...]  # responsible units without letter spacing, in printed order
    unit_span: Span | None
    status: str | None  # status notation; None when missing or not a known wording
    status_printed: str | None
    status_span: Span | None
    actions: tuple[str, ...]  # '□ 추진내용' bullets, folded (with '추진내용 및 향후계획', that whole block)
    followups: tuple[FollowUp, ...]
    progress: tuple[StatedProgress, ...]  # in the order the actions print them
    combined: bool  # True when actions and plans are printed as one block ('□ 추진내용 및 향후계획')
    added: bool  # the demand starts '(추가)': added by the 2022 reorganisation (see the summary's note)
    span: Span
    tables: tuple[ResultsTable, ...] = ()  # tables of figures the answer prints


@dataclass(frozen=True)
class AuditSection:
    heading: Span
    year: int | None  # the audit's year, from the heading ('2021년 행정사무감사'); None (warned) when not printed
    stated_total: int | None  # '□ 시정 및 지적사항 등 ---- 총 180건'
    stated_total_span: Span | None
    reference_text: str | None  # '’22.1.21 기준'
    reference_date: dt.date | None
    summary: tuple[AuditSummaryRow, ...]
    summary_span: Span | None
    note: str | None  # the '※' note under the summary table, without its marker (items added in 2022)
    note_span: Span | None
    items: tuple[AuditItem, ...]


# The audit's year in its heading, with or without 년 ('2021년 행정사무감사', 'Ⅴ. 2018 행정사무감사처리결과').
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_PROGRESS = re.compile(r"공정률\s*([\d.]+)\s*%")
_PART = re.compile(r"^\s*(?P<number>[1-4])\s+(?P<title>\S.*)$")
_ITEM = re.compile(r"^\s*(?P<number>\d{1,3})\.\s+(?P<text>\S.*)$")
_SECTION = re.compile(r"^\s*□\s*(?P<name>[^:]*?)\s*(?::\s*(?P<text>.*?))?\s*$")
# A bullet ('◦', '○', 'ㅇ', '-', '‣', '※', '①' …) or a heading line ('< 전문가 자문회의 개최 예정 >', '[…]').
_BULLET = re.compile(
    r"^\s*(?:(?P<marker>[◦○‣※\u2460-\u2473]|ㅇ(?=\s)|-(?=\s))\s*(?P<text>.*?)|(?P<title>[<\[].*?))\s*$")
_TOTAL = re.compile(r"총\s*(?P<n>[\d,]+)\s*건")
_REFERENCE = re.compile(r"\(\s*기준\s*:\s*(?P<ref>[^)]*?)\s*\)")
_CELL = re.compile(r"^(?:\d[\d,]*|-)$")
_UNIT_NAME = re.compile(r"^[가-힣A-Za-z0-9]+(?:과|관|센터|원|팀|실|국|단|본부|공사|재단)$")
_DATED = re.compile(r"[’‘']\s*\d{2}|(?:19|20)\d{2}\s*[.년]")
# A plan dated by the year's work it waits for, opening its bullet: '’22년 사업 추진 시, …', '’22년 사업 시, …'.
_WHEN = re.compile(r"^(?P<when>[’‘']\s*\d{2}\s*년(?:\s+[가-힣]+){1,2}\s+시)\s*,")
_DOTS = str.maketrans("․ㆍ", "··")
# A plan printed as dated phases joined by '→', each with its period in parentheses:
# '기관별 홈페이지를 활용한 홍보 지원(’22)→서울시 홈페이지, 서울런 등을 활용한 통합 홍보 검토(’23~)'.
_PHASE = re.compile(r"(?P<text>[^→]*?\((?P<when>[^()]*)\))\s*(?:→\s*|$)")


def read_audit(outline: Outline, warnings: list[ExtractionWarning]) -> AuditSection | None:
    """Read the audit section (Ⅳ); None (with a warning) when it is absent."""
    doc, found = outline.doc, outline.section("audit")
    if found is None:
        warnings.append(ExtractionWarning(1, "no audit section ('행정사무감사 처리결과') found"))
        return None
    start, end = found.heading.start, found.end
    parts = _parts(doc, start, end)
    for title in [SUMMARY_TITLE, *CATEGORIES]:
        if title not in {t for _, t in parts}:
            warnings.append(ExtractionWarning(start, f"audit part '{title}' not found"))
    section = AuditSection(
        heading=doc.span(start), year=int(year[1]) if (year := _YEAR.search(doc.line(start))) else None,
        stated_total=None, stated_total_span=None, reference_text=None,
        reference_date=None, summary=(), summary_span=None, note=None, note_span=None, items=())
    if section.year is None:
        warnings.append(ExtractionWarning(start, "audit heading names no year; the audit, its items and their "
                                                 "links are left out"))
    items: list[AuditItem] = []
    for (line, title), (stop, _) in zip(parts, [*parts[1:], (end + 1, "")], strict=False):
        if title == SUMMARY_TITLE:
            section = _summary(doc, section, line + 1, stop - 1, warnings)
        else:
            items += _items(doc, CATEGORIES[title], line + 1, stop - 1, warnings)
    return replace(section, items=tuple(items))


def _parts(doc: SourceDocument, start: int, end: int) -> list[tuple[int, str]]:
    """(line, title) of the numbered part headings ('1 처리결과 총괄' … '4 기타사항(자료제출)')."""
    parts = []
    for number in range(start + 1, end + 1):
        heading = _PART.match(doc.line(number))
        if heading and _title(heading["title"]) in {SUMMARY_TITLE, *CATEGORIES}:
            parts.append((number, _title(heading["title"])))
    return parts


def _title(printed: str) -> str:
    return squash(printed).translate(_DOTS)


def _summary(doc: SourceDocument, section: AuditSection, first: int, last: int,
             warnings: list[ExtractionWarning]) -> AuditSection:
    """The '총 N건' line, the reference date, the table by category and status, and the '※' note."""
    lines = range(first, last + 1)
    total = next(((n, m) for n in lines if (m := _TOTAL.search(doc.line(n)))), None)
    stated = next((m for n in lines if (m := _REFERENCE.search(doc.line(n)))), None)
    header = next((n for n in lines if squash(doc.line(n)).startswith("구분")), None)
    note = next((n for n in range(header or first, last + 1) if doc.line(n).lstrip().startswith("※")), None)
    note_end = max(n for n in range(note, last + 1) if doc.line(n).strip()) if note else None
    reference = stated["ref"] if stated else None
    if reference is None:
        warnings.append(ExtractionWarning(first, "audit summary prints no reference date ('기준 : …')"))
    columns = _status_columns(doc.line(header)) if header else []
    if not columns:
        warnings.append(ExtractionWarning(header or first, "audit summary table header names no status"))
    rows: list[AuditSummaryRow] = []
    for number in range(header + 1, note or last + 1) if header and columns else ():
        row = _summary_row(doc, number, columns, warnings) if doc.line(number).strip() else None
        rows += [row] if row else []
    reference_date = parse_day(reference) if reference else None
    if header and reference and reference_date is None and rows:
        warnings.append(ExtractionWarning(header, f"audit-summary table date '{reference}' unread"))
    return replace(
        section,
        stated_total=int(total[1]["n"].replace(",", "")) if total else None,
        stated_total_span=doc.span(total[0]) if total else None,
        reference_text=reference,
        reference_date=reference_date,
        summary=tuple(rows),
        summary_span=doc.span(header, rows[-1].span.end) if header and rows else None,
        note=collapse(" ".join(doc.lines[note - 1: note_end]).lstrip().removeprefix("※")) if note else None,
        note_span=doc.span(note, note_end) if note else None)


def _status_columns(header: str) -> list[str]:
    """Status notations in the order the header prints them ('구 분 계 완 료 추진 중 검토 중 미반영')."""
    flat, at, found = squash(header), 0, []
    labels = sorted(STATUSES, key=len, reverse=True)  # '추진완료' before '완료'
    while at < len(flat):
        label = next((label for label in labels if flat.startswith(label, at)), None)
        if label:
            found.append(STATUSES[label])
        at += len(label) if label else 1
    return found


def _summary_row(doc: SourceDocument, number: int, columns: list[str],
                 warnings: list[ExtractionWarning]) -> AuditSummaryRow | None:
    tokens = doc.line(number).split()
    cells: list[str] = []
    while tokens and _CELL.match(tokens[-1]):
        cells.insert(0, tokens.pop())
    label = " ".join(tokens)
    flat = _title(label)
    if flat != TOTAL_LABEL and flat not in SUMMARY_CATEGORIES:
        warnings.append(ExtractionWarning(
            number, f"audit summary row '{label}' names no item category; skipped"))
        return None
    if len(cells) != len(columns) + 1:
        warnings.append(ExtractionWarning(number, (
            f"audit summary row '{label}' prints {len(cells)} cells for a total and {len(columns)} "
            "statuses; skipped")))
        return None
    return AuditSummaryRow(
        category=None if flat == TOTAL_LABEL else SUMMARY_CATEGORIES[flat], printed_label=label,
        total_printed=cells[0], total=_count(cells[0]),
        by_status=tuple(StatusCount(s, c, _count(c)) for s, c in zip(columns, cells[1:], strict=True)),
        span=doc.span(number))


def _count(printed: str) -> int:
    return 0 if printed == "-" else int(printed.replace(",", ""))


def _items(doc: SourceDocument, category: str, first: int, last: int,
           warnings: list[ExtractionWarning]) -> list[AuditItem]:
    """The numbered items of one part; page headers and blank lines are dropped."""
    groups: list[tuple[re.Match[str], list[int]]] = []  # an item's heading and its lines
    for number in range(first, last + 1):
        text = doc.line(number)
        if not text.strip() or _title(text) in PAGE_HEADERS:
            continue
        if heading := _ITEM.match(text):
            groups.append((heading, [number]))
        elif groups:
            groups[-1][1].append(number)
        else:
            warnings.append(ExtractionWarning(number, f"{category} part: line before the first item skipped"))
    items: list[AuditItem] = []
    for heading, lines in groups:
        item = _item(doc, category, heading, lines, warnings)
        expected = items[-1].number + 1 if items else 1
        if item.number != expected:
            warnings.append(ExtractionWarning(
                lines[0], f"{category} item numbered {item.number} where {expected} was expected"))
        items.append(item)
    return items


def _item(doc: SourceDocument, category: str, head: re.Match[str], lines: list[int],
          warnings: list[ExtractionWarning]) -> AuditItem:
    number = int(head["number"])
    where = f"{category} item {number}"
    body = next((i for i, n in enumerate(lines) if _SECTION.match(doc.line(n))), len(lines))
    pieces = [(lines[0], head["text"])] + [(n, doc.line(n)) for n in lines[1:body]]
    demand, units, unit_span = _demand(doc, pieces)
    if not units:
        warnings.append(ExtractionWarning(
            lines[0], f"{where}: no responsible unit in parentheses ends the demand"))
    status = status_printed = status_span = None
    combined = False
    blocks: dict[str, list[list[int]]] = {"actions": [], "followups": []}
    entries: list[list[int]] | None = None  # the bullets (as line lists) of the block being read
    for n in lines[body:]:
        section = _SECTION.match(doc.line(n))
        if section:
            name = squash(section["name"])
            entries = None
            if name == "추진상황":
                status_printed, status_span = section["text"] or None, doc.span(n)
                status = STATUSES.get(squash(status_printed or ""))
                if status is None and status_printed:
                    status = UNKNOWN_STATUS
                    warnings.append(ExtractionWarning(
                        n, f"{where}: status '{status_printed}' not known; kept as printed, status '{UNKNOWN_STATUS}'"))
                elif status is None:
                    warnings.append(ExtractionWarning(n, f"{where}: status line prints no status"))
            elif name in ("추진내용", "향후계획") or name.startswith("추진내용및향후"):
                combined = combined or name.startswith("추진내용및향후")
                entries = blocks["followups" if name == "향후계획" else "actions"]
                if section["text"]:  # '□ 추진내용 : 로봇과학관 건립공사 추진중(…)'
                    entries.append([n])
            else:
                warnings.append(ExtractionWarning(n, f"{where}: heading '□ {section['name']}' not known; "
                                                     "its lines are skipped"))
        elif entries is None:
            warnings.append(ExtractionWarning(n, f"{where}: line outside any '□' block skipped"))
        elif _BULLET.match(doc.line(n)) or not entries:
            entries.append([n])
        else:
            entries[-1].append(n)
    if status_span is None:
        warnings.append(ExtractionWarning(lines[0], f"{where}: no status line ('□ 추진상황 : …')"))
    tables = read_answer_tables(doc, doc.span(lines[body], lines[-1]), where, warnings) if body < len(lines) else []
    return AuditItem(
        category=category, number=number, demand=demand, units=units, unit_span=unit_span,
        status=status, status_printed=status_printed, status_span=status_span,
        actions=(actions := tuple(_bullet(doc, entry)[1] for entry in blocks["actions"])),
        progress=tuple(StatedProgress(m[0], Decimal(m[1])) for a in actions for m in _PROGRESS.finditer(a)),
        followups=tuple(f for entry in blocks["followups"] for f in _followups(doc, entry, where, warnings)),
        combined=combined, added=demand.startswith("(추가)"), span=doc.span(lines[0], lines[-1]),
        tables=tuple(tables))


def _demand(doc: SourceDocument, pieces: list[tuple[int, str]]) -> tuple[str, tuple[str, ...], Span | None]:
    """The demand text and the unit(s) of the parenthesis that ends it, wrapped or inline."""
    text, owner = "", []  # owner[i]: the line number of text[i]
    for number, piece in pieces:
        piece = piece.strip() + " "
        text += piece
        owner += [number] * len(piece)
    close = len(text.rstrip()) - 1
    if close < 0 or text[close] != ")":
        return collapse(text), (), None
    depth = 0
    for at in range(close, -1, -1):
        depth += {")": 1, "(": -1}.get(text[at], 0)
        if depth == 0:
            break
    names = tuple(squash(name) for name in text[at + 1: close].split(","))
    if depth or not all(_UNIT_NAME.match(name) for name in names):
        return collapse(text), (), None
    return collapse(text[:at]), names, doc.span(owner[at], owner[close])


def _bullet(doc: SourceDocument, lines: list[int]) -> tuple[str, str]:
    """A bullet's marker and its text: lines joined, white space folded, the marker removed."""
    first = _BULLET.match(doc.line(lines[0]))
    if first is None:  # a block opening with a bare line (a table, or '□ 추진내용 : …' itself)
        inline = _SECTION.match(doc.line(lines[0]))
        marker, start = "", inline["text"] if inline else doc.line(lines[0])
    elif first["marker"]:
        marker, start = first["marker"], first["text"]
    else:
        marker, start = first["title"][0], first["title"]
    return marker, collapse(" ".join([start, *(doc.line(n) for n in lines[1:])]))


def _followups(doc: SourceDocument, lines: list[int], where: str,
               warnings: list[ExtractionWarning]) -> list[FollowUp]:
    """The follow-up a plan bullet prints; one per phase when it prints dated phases joined by '→'
    ('… 홍보 지원(’22)→… 통합 홍보 검토(’23~)': due in 2022, then from 2023), so no phase's date is lost."""
    marker, text = _bullet(doc, lines)
    phases = _phases(text)
    followups = []
    for phase in phases or [text]:
        date_text = _date_part(phase)
        reading = parse_due(date_text) if date_text else None
        if date_text and reading is None:
            warnings.append(ExtractionWarning(lines[0], f"{where}: follow-up date '{date_text}' not read"))
        followups.append(FollowUp(marker, phase, date_text, reading, doc.span(lines[0], lines[-1])))
    return followups


def _phases(text: str) -> list[str]:
    """The phases of a bullet that prints two or more dated parentheses joined by '→'; [] otherwise."""
    if "→" not in text:
        return []
    phases = list(_PHASE.finditer(text))
    if (len(phases) < 2 or "".join(p[0] for p in phases) != text
            or not all(_DATED.search(p["when"]) for p in phases)):
        return []
    return [p["text"].strip() for p in phases]


def _date_part(text: str) -> str | None:
    """The printed period of a plan bullet: after its last ':' ('… : ’22년 상반기 중'), before its
    first ('’22.1월~ : …'), in the parentheses ending it ('… 추진(’22년 중)'), or the clause opening it
    ('’22년 사업 추진 시, …'); None when none is dated."""
    if when := _WHEN.match(text):
        return when["when"]
    parts = [part.strip() for part in text.split(":")]
    if len(parts) > 1 and _DATED.search(parts[-1]):
        return parts[-1]
    if len(parts) > 1 and _DATED.match(parts[0]):
        return parts[0]
    end = re.search(r"\((?P<inner>[^()]*)\)$", text)
    return end["inner"].strip() if end and _DATED.search(end["inner"]) else None
