"""Source text -> extracted records: the report is outlined once, every reader works from that outline,
and the records are cross-checked."""

from __future__ import annotations

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
    city: Span | None  # where the report names the office as the city's ('서울시 경제정책실')
    unit_names: Mapping[str, UnitName]  # curated English names and slugs, by Korean name
    area_names: Mapping[int, CuratedName]
    program_names: Mapping[tuple[int, int], CuratedName]
    owners: tuple[ProgramOwner, ...]  # curated, checked against the report; () without a dated work plan
    audit_links: tuple[AuditLink, ...]  # curated, checked against the items; () without a dated plan and audit
    warnings: tuple[ExtractionWarning, ...]

    @property
    def year(self) -> int | None:
        """The year of the report, from the reference date of its first dated table."""
        return _year(self.staffing, self.budget)

    def unit(self, name: str) -> UnitRecord | None:
        """The unit of this name; '계' (a table's total row) is the office."""
        if name == TOTAL_LABEL:
            return self.units[0]
        return next((u for u in self.units if u.name == name), None)


def extract(doc: SourceDocument, curation: Path = CURATION_DIR) -> Extraction:
    """Read every part of the report that seoulkg models, with the curated tables in `curation`."""
    warnings: list[ExtractionWarning] = []
    outline = read_outline(doc, warnings)
    first = outline.general_start  # after any cover page and table of contents
    chart = read_organisation(doc, warnings, first)
    staffing = read_staffing(doc, warnings, first)
    functions = read_functions(doc, warnings, first)
    budget = read_budget(doc, warnings, first)
    audit = read_audit(outline, warnings)
    indicators = tuple(read_indicators(outline, warnings))
    strategy = read_strategy(outline, warnings, curation / "strategy.csv")
    programs = tuple(read_programs(outline, warnings))
    facilities = tuple(read_facilities(outline, warnings, curation / "facilities.csv"))
    milestones = tuple(read_milestones(outline, warnings))
    statements = tuple(read_statements(outline, warnings))
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
    city_line = doc.find(f"{CITY_NAME} {chart.office.name}")
    city = doc.span(city_line) if city_line else None
    programs_named = program_names(curation / "programs.csv")
    owners: list[ProgramOwner] = []
    links: list[AuditLink] = []
    if _year(staffing, budget) and programs:  # the work plan is written
        for program in programs:
            if (program.area, program.number) not in programs_named:
                warnings.append(ExtractionWarning(program.span.start, (
                    f"program {program.area}-{program.number} has no curated slug (programs.csv)")))
        keys = {(p.area, p.number) for p in programs}
        described = {u.name for u in units} | ({CITY_NAME} if city else set())
        owners = program_owners(curation / "program-owners.csv", doc, keys, described)
        if audit and audit.year:
            demands = {(i.category, i.number): i.demand for i in audit.items}
            links = audit_links(curation / "audit-links.csv", demands, keys, {f.name for f in facilities})
    return Extraction(doc, outline, chart, tuple(units), tuple(functions), staffing, budget, audit, indicators,
                      strategy, programs, facilities, milestones, statements, city, unit_names(curation / "units.csv"),
                      area_names(curation / "areas.csv"), programs_named, tuple(owners), tuple(links),
                      tuple(sorted(warnings)))


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
