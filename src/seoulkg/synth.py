"""Synthetic report-shaped graphs for benchmarks: the built graph replicated for many offices and years.

Each copy is the real report's graph (units, staffing and budget cubes, programs, facilities, audit items
with their statuses and follow-ups, provenance spans) with its resources re-keyed under
`id/synthetic/office-NNNN/YYYY/`, so the shapes hold and the canned queries answer at any size. Copies
differ where the seed says: the year (every xsd:date moves by whole years with it) and a shift of up to
90 days in each follow-up's planned dates, which changes which items are overdue. Code lists, data
structure definitions and the software agent are shared, written once. The output is N-Triples,
byte-identical for the same scale and seed.
"""

from __future__ import annotations

import calendar
import math
import os
import random
import re
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .errors import SeoulKGError
from .namespaces import ID, SKG

MAX_YEARS = 10  # copies spread over at most this many years; more copies mean more offices
VARIANTS = 8  # distinct follow-up date shifts a copy can draw
MAX_SHIFT_DAYS = 90
SHARED = ("code/", "structure/", "agent/")  # reference resources, not replicated
MARK = "<\x00"  # stands for the start of a replicated IRI in the template

_LOCAL = re.compile(rf"<{re.escape(str(ID))}(?!{'|'.join(SHARED)})")
_DATE = re.compile(r'"(\d{4})-(\d\d)-(\d\d)"\^\^<http://www\.w3\.org/2001/XMLSchema#date>')
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_PLANNED = (f"<{SKG.startDate}>", f"<{SKG.dueDate}>")
_PERIOD_START = " <http://www.w3.org/ns/dcat#startDate> "  # of the dataset's period: the report's year


@dataclass(frozen=True)
class Synthesis:
    path: Path
    triples: int
    offices: int
    years: int
    copies: int


def synthesize(template: Path, scale: int, seed: int, out: Path) -> Synthesis:
    """Write about `scale` triples (whole copies of the template graph, at least one) to `out`."""
    if scale <= 0:
        raise SeoulKGError(f"--scale must be a positive number of triples, not {scale}")
    shared, lines, dated, planned = _read_template(template)
    first_year = _template_year(template, lines)  # copies are of that year and the next ones
    copies = max(1, round(scale / len(lines)))
    years = min(copies, MAX_YEARS)
    offices = math.ceil(copies / years)
    rng = random.Random(seed)
    follow_ups = sorted(set(planned.values()))
    variants = [{f: timedelta(days=rng.randint(-MAX_SHIFT_DAYS, MAX_SHIFT_DAYS)) for f in follow_ups}
                for _ in range(VARIANTS)]
    draws = [rng.randrange(VARIANTS) for _ in range(copies)]
    texts: dict[tuple[int, int], str] = {}
    handle, temp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.writelines(shared)
            for copy in range(copies):
                office, year = divmod(copy, years)
                key = (year, draws[copy])
                if key not in texts:
                    texts[key] = _dated(lines, dated, year, {i: variants[draws[copy]][f] for i, f in planned.items()})
                stream.write(texts[key].replace(MARK, f"<{ID}synthetic/office-{office + 1:04d}/{first_year + year}/"))
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    triples = len(shared) + copies * len(lines)
    return Synthesis(out, triples, offices, years, copies)


def _template_year(path: Path, lines: list[str]) -> int:
    """The year of the template's report: the first year of the period the dataset's description states."""
    years = [int(found[1]) for line in lines if _PERIOD_START in line for found in [_DATE.search(line)] if found]
    if not years:
        raise SeoulKGError(f"{path}: the template graph states no period (dcat:startDate) to date its copies by")
    return min(years)


def _read_template(path: Path) -> tuple[list[str], list[str], list[int], dict[int, str]]:
    """The shared lines, the replicated lines (IRIs marked), the indices of lines holding a date, and
    the follow-up whose planned date each other line holds, by index."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SeoulKGError(f"{path}: cannot read the template graph: {exc}") from None
    shared, lines = [], []
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        if not line.startswith("<"):
            raise SeoulKGError(f"{path}:{number}: not an N-Triples line of a built graph")
        if _LOCAL.match(line):
            lines.append(_LOCAL.sub(MARK, line))
        else:
            shared.append(line)
    follow_ups = {line.split(" ", 1)[0] for line in lines if f" {_TYPE} <{SKG.FollowUp}> ." in line}
    dated = [i for i, line in enumerate(lines) if _DATE.search(line)]
    planned = {}
    for i in dated:
        subject, predicate, _ = lines[i].split(" ", 2)
        if subject in follow_ups and predicate in _PLANNED:
            planned[i] = subject
    return shared, lines, dated, planned


def _dated(lines: list[str], dated: list[int], years: int, shifts: dict[int, timedelta]) -> str:
    """The template with every date moved on by `years`, and planned dates shifted as well."""
    moved = list(lines)
    for i in dated:
        shift = shifts.get(i, timedelta())

        def move(found: re.Match[str], shift: timedelta = shift) -> str:
            year, month, day_of_month = int(found[1]) + years, int(found[2]), int(found[3])
            day = date(year, month, min(day_of_month, calendar.monthrange(year, month)[1])) + shift
            return f'"{day.isoformat()}"^^<http://www.w3.org/2001/XMLSchema#date>'

        moved[i] = _DATE.sub(move, lines[i])
    return "".join(moved)
