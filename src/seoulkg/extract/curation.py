"""Hand-curated tables (data/curation/*.csv): every row states its evidence, and quotes are checked."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..errors import SeoulKGError
from ..paths import DATA_DIR, UNIT_CURATION

CURATION_DIR = DATA_DIR / "curation"


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
