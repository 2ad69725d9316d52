"""The staffing table of section Ⅰ (인력현황): quota/current per staff type and women, per unit."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import ExtractionWarning
from .codes import codes
from .dates import parse_day
from .source import SourceDocument, Span
from .text import squash

# Staff-type columns, keyed by the header's wording; values are notations of the staff-type code list.
STAFF_TYPES = codes("staff-type", ("general-service", "fixed-term", "extension-research", "management-operation"))
TOTAL_LABEL = "계"


@dataclass(frozen=True)
class StaffCell:
    """One 'quota/current' cell; '-' (nil in Korean statistical tables) reads as 0/0."""

    printed: str
    quota: int
    current: int


@dataclass(frozen=True)
class StaffingRow:
    name: str  # unit name without letter spacing, or '계' for the total row
    printed: str
    span: Span
    total: StaffCell
    women_printed: str  # '(18)' or '여성(149)'
    women: int
    by_type: tuple[tuple[str, StaffCell], ...]  # (staff-type notation, cell) in column order
    unassigned: tuple[str, ...] = ()  # type cells printed when some are missing: not placed in columns


@dataclass(frozen=True)
class StaffingTable:
    heading: Span  # '인력현황 - 정원 307 / 현원 295명 (△12) (’22.1.21. 기준)'
    reference_text: str
    reference_date: dt.date | None  # None when the printed date cannot be read (warned)
    rows: tuple[StaffingRow, ...]


_HEADING = re.compile(r"인력현황.*\((?P<ref>[^)]*기준)\)")
_ROW = re.compile(
    r"^\s*(?P<name>[^\d/()]+?)\s+(?P<total>\d+/\d+)\s+(?P<women>(?:여성)?\(\d+\))\s*(?P<cells>.*?)\s*$")
_CELL = re.compile(r"^(?:\d+/\d+|-)$")


def read_staffing(doc: SourceDocument, warnings: list[ExtractionWarning], first: int = 1) -> StaffingTable | None:
    """Read the table between '인력현황' and '주요기능'; None (with a warning) when absent."""
    start = doc.find("인력현황", first)
    heading = _HEADING.search(doc.line(start)) if start else None
    if start is None or heading is None:
        warnings.append(ExtractionWarning(start or 1, "no staffing table ('인력현황 … 기준') found"))
        return None
    end = (doc.find("주요기능", start) or len(doc.lines)) - 1
    header_line = doc.find("구 분", start, end)
    columns = _columns(doc.line(header_line)) if header_line else []
    if header_line is None or not columns:
        warnings.append(ExtractionWarning(header_line or start, "staffing table header names no staff type"))
        return None
    rows: list[StaffingRow] = []
    for number in range(header_line + 1, end + 1):
        line = doc.line(number)
        if not line.strip():
            continue
        row = _ROW.match(line)
        cells = row["cells"].split() if row else []
        if not row or not all(_CELL.match(c) for c in cells):
            warnings.append(ExtractionWarning(
                number, "staffing row not read: expected a name, 'quota/current', '(women)' and type cells"))
            continue
        complete = len(cells) == len(columns)
        if not complete:
            warnings.append(ExtractionWarning(number, (
                f"{len(cells)} staff-type cells printed for {len(columns)} columns and the blank one cannot "
                f"be told; only the row's total and women are read, cells {' '.join(cells)} left unassigned")))
        rows.append(StaffingRow(
            name=squash(row["name"]), printed=row["name"].strip(), span=doc.span(number),
            total=_cell(row["total"]), women_printed=row["women"],
            women=int(re.sub(r"\D", "", row["women"])),
            by_type=tuple(zip(columns, (_cell(c) for c in cells), strict=True)) if complete else (),
            unassigned=() if complete else tuple(cells)))
    reference_date = parse_day(heading["ref"])
    if reference_date is None:
        warnings.append(ExtractionWarning(start, f"staffing table date '{heading['ref']}' unread"))
    return StaffingTable(doc.span(start), heading["ref"], reference_date, tuple(rows))


def _columns(header: str) -> list[str]:
    """Staff-type notations in the order the header prints them."""
    flat = squash(header)
    found = sorted((flat.find(label), notation) for label, notation in STAFF_TYPES.items() if label in flat)
    return [notation for _, notation in found]


def _cell(printed: str) -> StaffCell:
    if printed == "-":
        return StaffCell(printed, 0, 0)
    quota, current = printed.split("/")
    return StaffCell(printed, int(quota), int(current))
