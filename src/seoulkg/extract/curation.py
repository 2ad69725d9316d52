"""Hand-curated tables (data/curation/*.csv), read and checked here: every row states its evidence, and
quotes are checked against the report. The readings reach the RDF writers as data in the extraction."""

from __future__ import annotations

import csv
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import SeoulKGError
from ..paths import UNIT_CURATION
from .source import SourceDocument, Span
from .text import squash


@dataclass(frozen=True)
class Row:
    """One row of a curated table, with its line in the file (the header is line 1)."""

    path: Path
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def number(self, column: str) -> int:
        try:
            return int(self.cells[column])
        except ValueError:
            raise SeoulKGError(f"{self.path}:{self.line}: column '{column}' must be a whole number") from None

    def fail(self, problem: str) -> SeoulKGError:
        return SeoulKGError(f"{self.path}:{self.line}: {problem}")


def read_table(path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[Row]:
    """The rows of a curated CSV with exactly these columns, each required cell filled."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != columns:
                raise SeoulKGError(f"{path}:1: expected the columns {','.join(columns)}")
            rows = [Row(path, line, {k: (v or "").strip() for k, v in cells.items()})
                    for line, cells in enumerate(reader, start=2)]
    except OSError as exc:
        raise SeoulKGError(f"{path}: cannot read curated table: {exc.strerror}") from None
    except csv.Error as exc:
        raise SeoulKGError(f"{path}: malformed CSV: {exc}") from None
    for row in rows:
        empty = [c for c in columns if not row[c] and c not in optional]
        if empty:
            raise row.fail(f"column '{empty[0]}' must be filled")
    return rows


@dataclass(frozen=True)
class UnitName:
    name_ko: str
    slug: str
    label_en: str
    evidence: str
    line: int  # line in the CSV file


def unit_names(path: Path = UNIT_CURATION) -> dict[str, UnitName]:
    """Curated names keyed by the Korean name; raise SeoulKGError on a malformed or duplicate row."""
    names: dict[str, UnitName] = {}
    slugs: set[str] = set()
    for row in read_table(path, ("name_ko", "slug", "label_en", "evidence")):
        entry = UnitName(row["name_ko"], row["slug"], row["label_en"], row["evidence"], row.line)
        if entry.name_ko in names or entry.slug in slugs:
            raise row.fail(f"duplicate unit '{entry.name_ko}' or slug '{entry.slug}'")
        names[entry.name_ko] = entry
        slugs.add(entry.slug)
    return names


@dataclass(frozen=True)
class CuratedName:
    """A curated English name (and IRI slug) of an area or a program, with the row's evidence."""

    slug: str
    label_en: str
    evidence: str
    line: int  # line in the CSV file


def program_names(path: Path) -> dict[tuple[int, int], CuratedName]:
    """programs.csv keyed by (area, number)."""
    columns = ("area", "number", "slug", "label_en", "evidence")
    return {(r.number("area"), r.number("number")): CuratedName(r["slug"], r["label_en"], r["evidence"], r.line)
            for r in read_table(path, columns)}


def area_names(path: Path) -> dict[int, CuratedName]:
    """areas.csv keyed by area number (the slug is the number)."""
    return {r.number("area"): CuratedName(r["area"], r["label_en"], r["evidence"], r.line)
            for r in read_table(path, ("area", "label_en", "evidence"))}


@dataclass(frozen=True)
class ProgramOwner:
    """A unit that owns a program, as a row of program-owners.csv reads the line it quotes."""

    program: tuple[int, int]  # (area, number)
    unit: str
    span: Span  # the report line the evidence is printed on
    evidence: str  # the quote and the reasoning: 'QUOTE — BASIS'
    line: int  # line in the CSV file


def program_owners(path: Path, doc: SourceDocument, programs: Collection[tuple[int, int]],
                   units: Collection[str]) -> list[ProgramOwner]:
    """program-owners.csv; raise SeoulKGError on a row whose program, line, quote or unit the report lacks."""
    owners = []
    for row in read_table(path, ("area", "number", "unit", "line", "evidence", "basis")):
        program, line = (row.number("area"), row.number("number")), row.number("line")
        if program not in programs or not 1 <= line <= len(doc.lines):
            raise row.fail("names a program or a line the report does not have")
        if squash(row["evidence"]) not in squash(doc.line(line)):
            raise row.fail(f"the evidence is not printed on line {line} of the report")
        if row["unit"] not in units:
            raise row.fail(f"unit '{row['unit']}' is not a unit of the report")
        owners.append(ProgramOwner(program, row["unit"], doc.span(line), f"{row['evidence']} — {row['basis']}",
                                   row.line))
    return owners


@dataclass(frozen=True)
class AuditLink:
    """An audit item that concerns a program or a facility, as a row of audit-links.csv reads its demand."""

    item: tuple[str, int]  # (category, number)
    target: tuple[int, int] | str  # the (area, number) of a program, or the curated name of a facility
    evidence: str  # "'ALIAS' denotes 'EVIDENCE' — BASIS"
    line: int  # line in the CSV file


def audit_links(path: Path, demands: Mapping[tuple[str, int], str], programs: Collection[tuple[int, int]],
                facilities: Collection[str]) -> list[AuditLink]:
    """audit-links.csv ('program:2-1' or 'facility:<name>' targets); raise SeoulKGError on a row naming an
    item, program or facility the report does not have, or an alias its item's demand does not print."""
    links = []
    for row in read_table(path, ("category", "number", "target", "alias", "evidence", "basis")):
        item = (row["category"], row.number("number"))
        target = _link_target(row["target"], programs, facilities)
        if item not in demands or target is None:
            raise row.fail("names an audit item, a program or a facility the report does not have")
        if squash(row["alias"]) not in squash(demands[item]):
            raise row.fail(f"alias '{row['alias']}' is not printed in the item's demand")
        evidence = f"'{row['alias']}' denotes '{row['evidence']}' — {row['basis']}"
        links.append(AuditLink(item, target, evidence, row.line))
    return links


def _link_target(target: str, programs: Collection[tuple[int, int]],
                 facilities: Collection[str]) -> tuple[int, int] | str | None:
    """'program:2-1' or 'facility:<name as curated>', when the report has it."""
    kind, _, key = target.partition(":")
    if kind == "facility":
        return key if key in facilities else None
    area, _, number = key.partition("-")
    if kind == "program" and area.isdigit() and number.isdigit() and (int(area), int(number)) in programs:
        return int(area), int(number)
    return None
