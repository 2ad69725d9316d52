"""Source text -> extracted records: the report is outlined once, every reader works from that outline,
and the records are cross-checked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ExtractionWarning
from .audit import AuditSection, read_audit
from .budget import BudgetTable, read_budget
from .facilities import Facility, read_facilities
from .functions import UnitFunctions, read_functions
from .indicators import Observation, read_indicators
from .milestones import Milestone, read_milestones
from .organisation import OrganisationChart, UnitRecord, read_organisation
from .outline import Outline, read_outline
from .programs import ProgramRecord, read_programs
from .source import SourceDocument
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
    warnings: tuple[ExtractionWarning, ...]

    def unit(self, name: str) -> UnitRecord | None:
        """The unit of this name; '계' (a table's total row) is the office."""
        if name == TOTAL_LABEL:
            return self.units[0]
        return next((u for u in self.units if u.name == name), None)


def extract(doc: SourceDocument) -> Extraction:
    """Read every part of the report that seoulkg models."""
    warnings: list[ExtractionWarning] = []
    outline = read_outline(doc, warnings)
    chart = read_organisation(doc, warnings)
    staffing = read_staffing(doc, warnings)
    functions = read_functions(doc, warnings)
    budget = read_budget(doc, warnings)
    audit = read_audit(outline, warnings)
    indicators = tuple(read_indicators(outline, warnings))
    strategy = read_strategy(outline, warnings)
    programs = tuple(read_programs(outline, warnings))
    facilities = tuple(read_facilities(outline, warnings))
    milestones = tuple(read_milestones(outline, warnings))
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
    return Extraction(doc, outline, chart, tuple(units), tuple(functions), staffing, budget, audit, indicators,
                      strategy, programs, facilities, milestones, tuple(sorted(warnings)))


def _check_division_count(chart: OrganisationChart, units: list[UnitRecord],
                          warnings: list[ExtractionWarning]) -> None:
    stated = re.search(r"\((\d+)과\)", chart.composition)
    found = sum(1 for u in units if u.kind == "division")
    if stated and int(stated[1]) != found:
        warnings.append(ExtractionWarning(
            chart.composition_span.start, f"chart states {stated[1]} divisions; the tables name {found}"))
