"""Hand-curated English names of units (data/curation/units.csv), each with its evidence."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .errors import SeoulKGError
from .paths import UNIT_CURATION


@dataclass(frozen=True)
class UnitName:
    name_ko: str
    slug: str
    label_en: str
    evidence: str
    line: int  # line in the CSV file


def unit_names(path: Path = UNIT_CURATION) -> dict[str, UnitName]:
    """Curated names keyed by the Korean name; raise SeoulKGError on a malformed or duplicate row."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise SeoulKGError(f"{path}: cannot read unit curation: {exc.strerror}") from None
    names: dict[str, UnitName] = {}
    slugs: set[str] = set()
    for line, row in enumerate(rows, start=2):
        try:
            entry = UnitName(row["name_ko"].strip(), row["slug"].strip(), row["label_en"].strip(),
                             row["evidence"].strip(), line)
        except (KeyError, AttributeError):
            raise SeoulKGError(f"{path}:{line}: expected columns name_ko,slug,label_en,evidence") from None
        if not all((entry.name_ko, entry.slug, entry.label_en, entry.evidence)):
            raise SeoulKGError(f"{path}:{line}: every column must be filled")
        if entry.name_ko in names or entry.slug in slugs:
            raise SeoulKGError(f"{path}:{line}: duplicate unit '{entry.name_ko}' or slug '{entry.slug}'")
        names[entry.name_ko] = entry
        slugs.add(entry.slug)
    return names
