"""Source text -> extracted records: the report is outlined once, every reader works from that outline,
and the records are cross-checked."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import ExtractionWarning
from ..paths import CURATION_DIR
from .audit import AuditSection, read_audit
from .budget import BudgetTable, read_budget
from .curation import (
    AuditLink,
    CuratedName,
    ProgramOwner,
    UnitName,
    area_names,
    audit_links,
    program_names,
    program_owners,
    read_facility_table,
    read_strategy_table,
    unit_names,
)
from .facilities import Facility, read_facilities
from .functions import UnitFunctions, read_functions
from .indicators import Observation, read_indicators
from .milestones import Milestone, read_milestones, read_statements
from .organisation import CITY_NAME, OrganisationChart, UnitRecord, read_organisation
from .outline import Outline, read_outline
from .programs import ProgramRecord, read_programs
from .source import SourceDocument, Span
from .staffing import TOTAL_LABEL, StaffingTable, read_staffing
from .strategy import Strategy, read_strategy
from .tallies import Tallies, read_tallies


@dataclass(frozen=True)
class Extraction:
    """Everything read from one report, with the warnings met on the way."""

    doc: SourceDocument
    outline: Outline
    chart: OrganisationChart
    units: tuple[UnitRecord, ...]  # the office first, then report order
    functions: tuple[UnitFunctions, ...]
    staffing: StaffingTable | None
    budget: BudgetTable | None
    audit: AuditSection | None
    indicators: tuple[Observation, ...]
    strategy: Strategy | None
    programs: tuple[ProgramRecord, ...]
    facilities: tuple[Facility, ...]
    milestones: tuple[Milestone, ...]
    statements: tuple[Milestone, ...]  # the dated items of blocks that are not plans
    tallies: Tallies  # totals with their parts, counts with their items, averages, stated periods
    city: Span | None  # where the report names the office as the city's ('서울시 경제정책실')
    unit_names: Mapping[str, UnitName]  # curated English names and slugs, by Korean name
    area_names: Mapping[int, CuratedName]
    program_names: Mapping[tuple[int, int], CuratedName]
    owners: tuple[ProgramOwner, ...]  # curated, checked against the report; () without a dated work plan
    audit_links: tuple[AuditLink, ...]  # curated, checked against the items; () without a dated plan and audit
    warnings: tuple[ExtractionWarning, ...]

    @property
    def office(self) -> str:
        """The office the report is of, as it names it (the chart's head, or an extract's title)."""
        return self.units[0].name

    @property
    def reference_date(self) -> dt.date | None:
        """The report's reference date ('’22.1.21. 기준'): its first dated table's, else its audit's."""
        dated = [t.reference_date for t in (self.staffing, self.budget) if t and t.reference_date]
        return dated[0] if dated else (self.audit.reference_date if self.audit else None)

    @property
    def year(self) -> int | None:
        """The year of the report, from the reference date of its first dated table."""
        return _year(self.staffing, self.budget)

    def unit(self, name: str) -> UnitRecord | None:
        """The unit of this name; '계' (a table's total row) is the office."""
        if name == TOTAL_LABEL:
            return self.units[0]
        return next((u for u in self.units if u.name == name), None)


def extract(doc: SourceDocument, curation: Path | None = CURATION_DIR) -> Extraction:
    """Read every part of the report that seoulkg models, with the curated tables in `curation` (None: no
    curation, each reading that needs a table left out with a warning on the report's first line)."""
    warnings: list[ExtractionWarning] = []
    outline = read_outline(doc, warnings)
    first = outline.general_start  # after any cover page and table of contents
    chart = read_organisation(doc, warnings, first)
    staffing = read_staffing(doc, warnings, first)
    functions = read_functions(doc, warnings, first)
    budget = read_budget(doc, warnings, first)
    audit = read_audit(outline, warnings)
    indicators = tuple(read_indicators(outline, warnings))
    strategy = (read_strategy(outline, warnings, read_strategy_table(path))
                if (path := _curated(curation, "strategy", warnings)) else None)
    programs = tuple(read_programs(outline, warnings, _year(staffing, budget)))
    facilities = (tuple(read_facilities(outline, warnings, read_facility_table(path), audit))
                  if (path := _curated(curation, "facilities", warnings)) else ())
    milestones = tuple(read_milestones(outline, warnings))
    statements = tuple(read_statements(outline, warnings))
    tallies = read_tallies(outline, audit)
    units = [chart.office, *chart.units]
    known = {u.name for u in units}
    # The chart lost the divisions' names (see its team-count warning); the staffing table names them.
    for row in staffing.rows if staffing else ():
        if row.name not in known and row.name.endswith("과"):
            units.append(UnitRecord(row.name, row.printed, "division", row.span, parent=chart.office.name))
            known.add(row.name)
    named = [(f.name, f.span.start, "functions") for f in functions]
    named += [(r.name, r.span.start, "staffing") for r in (staffing.rows if staffing else ())]
    named += [(r.name, r.span.start, "budget") for r in (budget.rows if budget else ())]
    for name, line, table in named:
        if name != TOTAL_LABEL and name not in known:
            warnings.append(ExtractionWarning(line, f"{table} table names '{name}', a unit not in the chart"))
    _check_division_count(chart, units, warnings)
    _check_sections_yield(outline, {"work-plan": len(programs), "audit": len(audit.items) if audit else 0,
                                     "economy": len(indicators)}, warnings)
    city_line = doc.find(f"{CITY_NAME} {chart.office.name}")
    city = doc.span(city_line) if city_line else None
    programs_named = program_names(_table(curation, "programs"), programs, warnings)
    names = unit_names(_table(curation, "units"), warnings)
    for name, curated in names.items():
        in_audit = audit is not None and any(name in i.units for i in audit.items)
        if name not in known | ({CITY_NAME} if city else set()) and not in_audit:
            warnings.append(ExtractionWarning(curated.line, f"no unit '{name}' in the report; row skipped",
                                              str(_table(curation, "units"))))
    owners: list[ProgramOwner] = []
    links: list[AuditLink] = []
    if _year(staffing, budget) and programs:  # the work plan is written
        for program in programs:
            if (program.area, program.number) not in programs_named:
                warnings.append(ExtractionWarning(program.span.start, (
                    f"program {program.area}-{program.number} has no curated slug or English name (programs.csv); "
                    "its Korean title names it")))
        slugs = {name.slug: key for key, name in programs_named.items()}
        described = {u.name for u in units} | ({CITY_NAME} if city else set())
        owners = program_owners(_table(curation, "program-owners"), doc, slugs, described, warnings)
        if audit and audit.year:
            demands = {(i.category, i.number): i.demand for i in audit.items}
            links = audit_links(_table(curation, "audit-links"), demands, slugs, {f.name for f in facilities},
                                warnings)
    return Extraction(doc, outline, chart, tuple(units), tuple(functions), staffing, budget, audit, indicators,
                      strategy, programs, facilities, milestones, statements, tallies, city, names,
                      area_names(_table(curation, "areas"), outline.areas, warnings), programs_named, tuple(owners),
                      tuple(links),
                      tuple(sorted(warnings)))


def _check_sections_yield(outline: Outline, read: dict[str, int], warnings: list[ExtractionWarning]) -> None:
    """A section the outline found that yields nothing is a warning at its heading, never a silent gap."""
    what = {"work-plan": "program", "audit": "audit item", "economy": "indicator value"}
    for role, count in read.items():
        section = outline.section(role)
        if section and not count:
            warnings.append(ExtractionWarning(section.heading.start, (
                f"section '{section.heading.text.strip()}' yields no {what[role]}; nothing of it is in the graph")))


def _table(curation: Path | None, table: str) -> Path | None:
    """The curated table's file; None without curation."""
    return None if curation is None else curation / f"{table}.csv"


def _curated(curation: Path | None, table: str, warnings: list[ExtractionWarning]) -> Path | None:
    """The curation's table, if it has it; a reader that needs it reads nothing without it (warned)."""
    path = _table(curation, table)
    if path is None:
        warnings.append(ExtractionWarning(1, f"no curation: {_NEEDS[table]}"))
    elif not path.exists():
        warnings.append(ExtractionWarning(1, f"no curated table: {_NEEDS[table]}", str(path)))
    return path if path is not None and path.exists() else None


# What is left out without a reader's curated table.
_NEEDS = {
    "strategy": "the policy vision of section Ⅲ is not read (its layout is read through the table)",
    "facilities": "no facility is read (facilities are found where the table anchors them)",
}


def _year(staffing: StaffingTable | None, budget: BudgetTable | None) -> int | None:
    for table in (staffing, budget):
        if table and table.reference_date:
            return table.reference_date.year
    return None


def _check_division_count(chart: OrganisationChart, units: list[UnitRecord],
                          warnings: list[ExtractionWarning]) -> None:
    stated = re.search(r"\((\d+)과\)", chart.composition)
    found = sum(1 for u in units if u.kind == "division")
    if stated and int(stated[1]) != found:
        warnings.append(ExtractionWarning(
            chart.composition_span.start, f"chart states {stated[1]} divisions; the tables name {found}"))
