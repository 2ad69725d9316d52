"""Hand-curated tables (data/curation/*.csv), read and checked here: every row states its evidence, and
quotes are checked against the report. The readings reach the RDF writers as data in the extraction."""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..errors import ExtractionWarning, SeoulKGError
from ..paths import CURATION_DIR, UNIT_CURATION
from .source import SourceDocument, Span
from .text import squash

if TYPE_CHECKING:
    from .outline import AreaHeading
    from .programs import ProgramRecord

K = TypeVar("K")


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


def unit_names(path: Path | None = UNIT_CURATION,
               warnings: list[ExtractionWarning] | None = None) -> dict[str, UnitName]:
    """Curated names keyed by the Korean name (the anchor: a unit is named so in the report); raise
    SeoulKGError on a malformed or duplicate row."""
    names: dict[str, UnitName] = {}
    slugs: set[str] = set()
    columns = ("name_ko", "slug", "label_en", "evidence")
    for row in optional_table(path, columns, warnings if warnings is not None else [], "units"):
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


def program_names(path: Path | None, programs: Sequence[ProgramRecord],
                  warnings: list[ExtractionWarning]) -> dict[tuple[int, int], CuratedName]:
    """programs.csv, each row anchored on the program's printed title (spaces ignored): keyed by the
    (area, number) of the one program printing it. A row whose title no program prints, or more than one
    does, is skipped with a warning naming the row."""
    titled = _by_text([(p.title, (p.area, p.number)) for p in programs])
    names: dict[tuple[int, int], CuratedName] = {}
    for row in optional_table(path, ("title", "slug", "label_en", "evidence"), warnings, "programs"):
        found = _one(row, "title", titled, "program titled", warnings)
        if found is not None:
            names[found] = CuratedName(row["slug"], row["label_en"], row["evidence"], row.line)
    return names


def area_names(path: Path | None, areas: Sequence[AreaHeading],
               warnings: list[ExtractionWarning]) -> dict[int, CuratedName]:
    """areas.csv, each row anchored on the area's title as the work plan lists it; keyed by area number
    (the area's IRI segment)."""
    titled = _by_text([(a.title, a.number) for a in areas])
    names: dict[int, CuratedName] = {}
    for row in optional_table(path, ("title", "label_en", "evidence"), warnings, "areas"):
        found = _one(row, "title", titled, "strategic area titled", warnings)
        if found is not None:
            names[found] = CuratedName(str(found), row["label_en"], row["evidence"], row.line)
    return names


@dataclass(frozen=True)
class ProgramOwner:
    """A unit that owns a program, as a row of program-owners.csv reads the line it quotes."""

    program: tuple[int, int]  # (area, number)
    unit: str
    span: Span  # the report line the evidence is printed on
    evidence: str  # the quote and the reasoning: 'QUOTE — BASIS'
    line: int  # line in the CSV file


def program_owners(path: Path | None, doc: SourceDocument, slugs: Mapping[str, tuple[int, int]], units: Collection[str],
                   warnings: list[ExtractionWarning]) -> list[ProgramOwner]:
    """program-owners.csv: the program by its curated slug (itself anchored on the program's title), the
    report line by a piece of its text (`anchor`) printed on that one line (or pieces of it and the lines
    after it, separated by ' / '), which must print the quoted
    evidence. A row whose program, anchor or unit this report lacks, or whose anchor is printed on several
    lines, is skipped with a warning naming the row."""
    lines = _anchored_lines(doc)
    owners = []
    for row in optional_table(path, ("program", "unit", "anchor", "evidence", "basis"), warnings,
                              "program-owners"):
        line = _one(row, "anchor", lines, "line printing", warnings)
        if line is None:
            continue
        program = slugs.get(row["program"])
        if program is None:
            warnings.append(_skipped(row, f"program '{row['program']}' is not a curated program of the report"))
        elif squash(row["evidence"]) not in squash(doc.line(line)):
            raise row.fail(f"the evidence is not printed on line {line} of the report (the anchor's line)")
        elif row["unit"] not in units:
            warnings.append(_skipped(row, f"unit '{row['unit']}' is not a unit of the report"))
        else:
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


def audit_links(path: Path | None, demands: Mapping[tuple[str, int], str], slugs: Mapping[str, tuple[int, int]],
                facilities: Collection[str], warnings: list[ExtractionWarning]) -> list[AuditLink]:
    """audit-links.csv: the item by a quote of its demand (`demand`, printed in one item of its category),
    the target 'program:<curated slug>' or 'facility:<curated name>'. A row whose item or target this report
    lacks, or whose quote several items print, is skipped with a warning naming the row; an alias its
    item's demand does not print is an error."""
    links = []
    for row in optional_table(path, ("category", "demand", "target", "alias", "evidence", "basis"), warnings,
                              "audit-links"):
        quoted = _by_text([(text, key) for key, text in demands.items() if key[0] == row["category"]],
                          contains=True)
        item = _one(row, "demand", quoted, f"{row['category']} item whose demand prints", warnings)
        if item is None:
            continue
        target = _link_target(row["target"], slugs, facilities)
        if target is None:
            warnings.append(_skipped(row, f"target '{row['target']}' is not in the report"))
            continue
        if squash(row["alias"]) not in squash(demands[item]):
            raise row.fail(f"alias '{row['alias']}' is not printed in the item's demand")
        evidence = f"'{row['alias']}' denotes '{row['evidence']}' — {row['basis']}"
        links.append(AuditLink(item, target, evidence, row.line))
    return links


def _link_target(target: str, slugs: Mapping[str, tuple[int, int]],
                 facilities: Collection[str]) -> tuple[int, int] | str | None:
    """'program:<slug>' or 'facility:<name as curated>', when the report has it."""
    kind, _, key = target.partition(":")
    if kind == "facility":
        return key if key in facilities else None
    return slugs.get(key) if kind == "program" else None


def _anchored_lines(doc: SourceDocument) -> Callable[[str], list[int]]:
    """The lines an anchor finds: a piece of one line's text, or pieces of consecutive non-blank lines
    separated by ' / ' ('뷰티복합문화공간 / 조성･운영에 19억'); the first piece's line is the one found."""
    printed = [(n, squash(line)) for n, line in enumerate(doc.lines, 1) if line.strip()]

    def find(anchor: str) -> list[int]:
        pieces = [squash(p) for p in anchor.split(" / ")]
        return [printed[i][0] for i in range(len(printed) - len(pieces) + 1)
                if all(piece in printed[i + k][1] for k, piece in enumerate(pieces))]
    return find


def optional_table(path: Path | None, columns: tuple[str, ...], warnings: list[ExtractionWarning],
                   table: str = "") -> list[Row]:
    """A curated table's rows; a table the curation does not have is no rows and a warning (on the curation's
    missing file, or without any curation (`path` None) on the report's first line)."""
    if path is None:
        warnings.append(ExtractionWarning(1, f"no curation: {_MISSING.get(table, 'nothing curated')}"))
        return []
    if not path.exists():
        warnings.append(ExtractionWarning(1, f"no curated table: {_MISSING.get(path.stem, 'nothing curated')}",
                                          str(path)))
        return []
    return read_table(path, columns)


# What the build leaves out without a curated table.
_MISSING = {
    "units": "units get their Korean names as IRI segments and no English names",
    "areas": "strategic areas get no English names",
    "programs": "programs get their Korean titles as IRI segments and no English names",
    "program-owners": "programs get no owning units",
    "audit-links": "audit items are linked to no program or facility",
}


def _by_text(pairs: list[tuple[str, K]], contains: bool = False) -> Callable[[str], list[K]]:
    """A lookup of keys by text, spaces ignored: equal texts, or (contains) texts that print the quote."""
    squashed = [(squash(text), key) for text, key in pairs]
    if contains:
        return lambda quote: [k for t, k in squashed if squash(quote) in t]
    return lambda quote: [k for t, k in squashed if squash(quote) == t]


def _one(row: Row, column: str, lookup: Callable[[str], list[K]], what: str,
         warnings: list[ExtractionWarning]) -> K | None:
    """The one key the row's anchor finds; none or several is a warning naming the row, never a guess."""
    found = lookup(row[column])
    if len(found) == 1:
        return found[0]
    problem = "no" if not found else f"{len(found)} places: more than one"
    warnings.append(_skipped(row, f"{problem} {what} '{row[column]}'"))
    return None


def _skipped(row: Row, problem: str) -> ExtractionWarning:
    return ExtractionWarning(row.line, f"{problem}; row skipped", str(row.path))


# ---------------------------------------------------------------- section Ⅲ's diagram and the facilities
# These two tables are read and checked for form here; their readers (extract/strategy.py,
# extract/facilities.py) take the rows as data and check them against the report.

STRATEGY_CURATION = CURATION_DIR / "strategy.csv"
STRATEGY_KINDS = ("slogan", "goal", "area", "subgoal")
STRATEGY_BASES = ("wording", "layout")  # a Ⅳ program of the area says the same / the bullet's place in the grid


@dataclass(frozen=True)
class StrategyReading:
    """A row of strategy.csv: a reading of section Ⅲ's diagram."""

    kind: str
    area: int | None
    row: int | None
    text: str
    work_plan_area: int | None
    basis: str
    evidence: str
    note: str
    line: int  # in the CSV file


@dataclass(frozen=True)
class StrategyTable:
    path: Path  # named in the reader's warnings
    readings: tuple[StrategyReading, ...]


def read_strategy_table(path: Path = STRATEGY_CURATION) -> StrategyTable:
    """The readings of section Ⅲ's diagram; raise SeoulKGError naming the row on a malformed one."""
    columns = ("kind", "area", "row", "text", "work_plan_area", "basis", "evidence", "note")
    readings = []
    for row in read_table(path, columns, optional=columns):
        try:
            reading = StrategyReading(row["kind"], _whole(row["area"]), _whole(row["row"]), row["text"],
                               _whole(row["work_plan_area"]), row["basis"], row["evidence"], row["note"], row.line)
        except ValueError:
            raise row.fail("area, row and work_plan_area must be whole numbers") from None
        problem = _malformed_reading(reading)
        if problem:
            raise row.fail(problem)
        readings.append(reading)
    return StrategyTable(path, tuple(readings))


def _whole(cell: str) -> int | None:
    return int(cell) if cell else None


def _malformed_reading(reading: StrategyReading) -> str | None:
    if reading.kind not in STRATEGY_KINDS:
        return f"kind must be one of {', '.join(STRATEGY_KINDS)}"
    if not reading.text:
        return "text must be filled"
    if reading.kind == "area" and not (reading.area and reading.work_plan_area and reading.evidence):
        return "an area needs area, work_plan_area and evidence"
    if reading.kind == "subgoal":
        if not (reading.area and reading.row and reading.basis in STRATEGY_BASES and reading.note):
            return f"a sub-goal needs area, row, note and a basis of {', '.join(STRATEGY_BASES)}"
        if reading.basis == "wording" and not reading.evidence:
            return "a sub-goal read by wording needs evidence"
    return None


FACILITY_CURATION = CURATION_DIR / "facilities.csv"
_FACILITY_COLUMNS = ("name", "kind", "anchor", "printed", "column", "slot", "part_of", "aliases")


@dataclass(frozen=True)
class FacilityEntry:
    """A curated row: which printed name is a facility and where it is described."""

    name: str  # stable name, as printed where the report prints it whole
    kind: str
    anchor: str  # a piece of text found on exactly one line of the programs
    printed: str  # the name as the anchor (or the table column) prints it
    column: str | None  # the column label, when the anchor is a flattened table's header
    slot: int | None  # 1-based part of a joined column ('중부+남부' -> 1 for 중부)
    part_of: str | None
    aliases: tuple[str, ...]  # other printed forms, for finding its mentions
    line: int  # line in the CSV file


def read_facility_table(path: Path = FACILITY_CURATION) -> list[FacilityEntry]:
    """The curated facilities; raise SeoulKGError on a malformed or duplicate row."""
    entries: list[FacilityEntry] = []
    for row in read_table(path, _FACILITY_COLUMNS, optional=("column", "slot", "part_of", "aliases")):
        if row["slot"] and not row["slot"].isdigit():
            raise row.fail("slot must be a number")
        if row["name"] in {e.name for e in entries}:
            raise row.fail(f"duplicate facility '{row['name']}'")
        entries.append(FacilityEntry(
            row["name"], row["kind"], row["anchor"], row["printed"], row["column"] or None,
            int(row["slot"]) if row["slot"] else None, row["part_of"] or None,
            tuple(a for a in row["aliases"].split("|") if a), row.line))
    names = {e.name for e in entries}
    for entry in entries:
        if entry.part_of and entry.part_of not in names:
            raise SeoulKGError(f"{path}:{entry.line}: part_of '{entry.part_of}' is not a curated facility")
    return entries
