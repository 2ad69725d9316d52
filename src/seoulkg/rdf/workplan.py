"""The work plan: the plan and its strategic areas (a SKOS scheme), sub-goals, programs and their parts,
budget figures, targets and results, curated owners, and audit items' links to programs."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import unquote

from rdflib import Graph, Literal, URIRef

from ..errors import ExtractionWarning
from ..extract import Extraction
from ..extract.audit import AuditItem, AuditSection
from ..extract.curation import CURATION_DIR, Row, read_table
from ..extract.dates import DateReading
from ..extract.facilities import Area, Facility
from ..extract.milestones import Milestone
from ..extract.programs import BudgetFigure, Measure, ProgramRecord
from ..extract.source import SourceDocument, Span
from ..extract.strategy import Strategy
from ..extract.text import squash
from ..namespaces import DCTERMS, ORG, PROV, RDF, RDFS, SCHEMA, SKG, SKOS, XSD, code, slug_iri
from .literals import decimal
from .provenance import Provenance
from .units import UnitRegistry

# Budget labels as printed (without spaces) -> IRI segments; another label keeps its Korean letters.
BUDGET_LABEL_SLUGS = {
    "소요예산": "required-budget", "’22년예산": "budget-2022", "총사업비": "total-project-cost",
    "사업예산": "program-budget", "사업규모": "program-scale", "지원금액": "support-amount",
    "운영예산": "operating-budget", "예산": "budget",
}


class WorkPlanWriter:
    """Writes the plan of one report; program IRIs are id/program/{curated slug}."""

    def __init__(self, graph: Graph, prov: Provenance, registry: UnitRegistry,
                 warnings: list[ExtractionWarning], plan: URIRef) -> None:
        self.graph, self.prov, self.registry, self.warnings, self.plan = graph, prov, registry, warnings, plan
        columns = ("area", "number", "slug", "label_en", "evidence")
        self.slugs = {(r.number("area"), r.number("number")): r
                      for r in read_table(CURATION_DIR / "programs.csv", columns)}
        self.programs: dict[tuple[int, int], URIRef] = {}
        self.parts: dict[tuple[int, int, str], URIRef] = {}  # (area, number, part title) -> part
        self.facilities: dict[str, URIRef] = {}  # curated name -> facility

    def area(self, number: int) -> URIRef:
        return URIRef(f"{self.plan}/area/{number}")

    def curation(self, table: str, key: str, evidence: str, row: Row) -> URIRef:
        return self.prov.curation(table, key, evidence, row.line)

    def add_plan(self, extraction: Extraction, strategy: Strategy | None) -> None:
        g = self.graph
        g.add((self.plan, RDF.type, SKG.WorkPlan))
        g.add((self.plan, RDF.type, SKOS.ConceptScheme))
        year = str(self.plan).rsplit("/", 1)[-1]
        g.add((self.plan, RDFS.label, Literal(f"{year} 주요 업무 추진계획", lang="ko")))
        g.add((self.plan, RDFS.label, Literal(f"{year} work plan", lang="en")))
        g.add((self.plan, DCTERMS.creator, self.registry.iri(extraction.units[0].name)))
        names = {r.number("area"): r
                 for r in read_table(CURATION_DIR / "areas.csv", ("area", "label_en", "evidence"))}
        for heading in extraction.outline.areas:
            area = self.area(heading.number)
            g.add((area, RDF.type, SKOS.Concept))
            g.add((area, SKOS.inScheme, self.plan))
            g.add((area, SKOS.topConceptOf, self.plan))
            g.add((area, SKOS.notation, Literal(str(heading.number))))
            for prop in (SKOS.prefLabel, RDFS.label):
                g.add((area, prop, Literal(heading.title, lang="ko")))
            self.prov.derive(area, heading.span)
            self.prov.derive(self.plan, heading.span)
            row = names.get(heading.number)
            if row:
                for prop in (SKOS.prefLabel, RDFS.label):
                    g.add((area, prop, Literal(row["label_en"], lang="en")))
                g.add((area, PROV.wasDerivedFrom, self.curation("areas", str(heading.number), row["evidence"], row)))
        if strategy:
            self._add_strategy(strategy)

    def _add_strategy(self, strategy: Strategy) -> None:
        g = self.graph
        if strategy.vision:
            g.add((self.plan, SKG.vision, Literal(strategy.vision.slogan, lang="ko")))
            g.add((self.plan, SKG.goal, Literal(strategy.vision.goal, lang="ko")))
            self.prov.derive(self.plan, strategy.vision.slogan_span)
            self.prov.derive(self.plan, strategy.vision.goal_span)
        for area in strategy.areas:
            if area.work_plan_area is None:
                continue
            concept = self.area(area.work_plan_area)
            g.add((concept, SKOS.altLabel, Literal(area.title, lang="ko")))
            self.prov.derive(concept, area.span)
            for goal in area.goals:
                node = URIRef(f"{concept}/goal/{goal.row}")
                g.add((node, RDF.type, SKOS.Concept))
                g.add((node, SKOS.inScheme, self.plan))
                g.add((node, SKOS.broader, concept))
                g.add((concept, SKOS.narrower, node))
                g.add((node, SKOS.notation, Literal(f"{area.work_plan_area}.{goal.row}")))
                for prop in (SKOS.prefLabel, RDFS.label):
                    g.add((node, prop, Literal(goal.text, lang="ko")))
                g.add((node, SKG.assignmentBasis, Literal(goal.basis)))
                g.add((node, SKOS.scopeNote, Literal(goal.note, lang="en")))
                self.prov.derive(node, goal.span)
                if goal.evidence:
                    self.prov.derive(node, goal.evidence)

    def add_program(self, record: ProgramRecord, doc: SourceDocument) -> None:
        g = self.graph
        curated = self.slugs.get((record.area, record.number))
        if curated is None:
            self.warnings.append(ExtractionWarning(
                record.span.start, f"program {record.area}-{record.number} has no curated slug (programs.csv)"))
            program = slug_iri("program", squash(f"{record.area}-{record.number}"))
        else:
            program = slug_iri("program", curated["slug"])
            g.add((program, RDFS.label, Literal(curated["label_en"], lang="en")))
            g.add((program, PROV.wasDerivedFrom,
                   self.curation("programs", curated["slug"], curated["evidence"], curated)))
        self.programs[(record.area, record.number)] = program
        self._describe(program, record.number, record.title, doc.span(record.span.start))
        g.add((program, DCTERMS.isPartOf, self.plan))
        g.add((program, SKG.strategicArea, self.area(record.area)))
        if record.overview_title and record.overview_span:
            g.add((program, SKG.overviewTitle, Literal(record.overview_title, lang="ko")))
            self.prov.derive(program, record.overview_span)
        parts = {}
        for sub in record.subprograms:
            part = URIRef(f"{program}/part/{sub.number}")
            parts[sub.number] = part
            self.parts[(record.area, record.number, squash(sub.title))] = part
            self._describe(part, sub.number, sub.title, sub.span)
            g.add((part, DCTERMS.isPartOf, program))
            g.add((part, SKG.strategicArea, self.area(record.area)))
        used: set[URIRef] = set()
        for figure in record.budgets:
            owner = parts.get(figure.subprogram, program)
            self._budget(owner, figure, used)
        for kind, measures in ((SKG.target, record.targets), (SKG.result, record.results)):
            for position, measure in enumerate(measures, start=1):
                owner = parts.get(measure.subprogram, program)
                self._measure(owner, kind, position, measure)

    def _describe(self, node: URIRef, number: int, title: str, span) -> None:
        g = self.graph
        g.add((node, RDF.type, SKG.Program))
        g.add((node, SKG.programNumber, Literal(number, datatype=XSD.integer)))
        g.add((node, RDFS.label, Literal(title, lang="ko")))
        self.prov.derive(node, span)

    def _budget(self, owner: URIRef, figure: BudgetFigure, used: set[URIRef]) -> None:
        label = squash(figure.label)
        segments = [BUDGET_LABEL_SLUGS.get(label, label)]
        segments += [squash(x) for x in (figure.period, figure.column) if x]
        node = _unique(URIRef(f"{owner}/budget/" + "/".join(segments)), used)
        g = self.graph
        g.add((owner, SKG.budgetFigure, node))
        self._amount(node, " ".join(filter(None, (figure.label, figure.period, figure.column))),
                     figure.krw, figure.printed, figure.unit, figure.span)
        g.add((node, SKG.budgetLabel, Literal(figure.label)))
        for position, part in enumerate(figure.parts, start=1):
            child = URIRef(f"{node}/part/{position}")
            g.add((node, SKG.budgetPart, child))
            self._amount(child, part.label or figure.label, part.krw, part.printed, part.unit, figure.span)
        for position, related in enumerate(figure.related, start=1):
            other = URIRef(f"{node}/related/{position}")
            g.add((owner, SKG.budgetFigure, other))
            self._amount(other, related.label or figure.label, related.krw, related.printed, related.unit,
                         figure.span)
            g.add((other, SKG.budgetLabel, Literal(related.label or figure.label)))

    def _amount(self, node: URIRef, label: str, krw: Decimal, printed: str, unit: str, span) -> None:
        g = self.graph
        g.add((node, RDF.type, SKG.BudgetFigure))
        g.add((node, RDFS.label, Literal(label, lang="ko")))
        g.add((node, SCHEMA.value, decimal(krw)))
        g.add((node, SCHEMA.currency, Literal("KRW")))
        g.add((node, SKG.printedText, Literal(printed)))
        g.add((node, SKG.printedUnit, Literal(unit)))
        self.prov.derive(node, span)

    def _measure(self, owner: URIRef, kind: URIRef, position: int, measure: Measure) -> None:
        g = self.graph
        name = "target" if kind == SKG.target else "result"
        node = URIRef(f"{owner}/{name}/{position}")
        g.add((owner, kind, node))
        g.add((node, RDF.type, SKG.Target if kind == SKG.target else SKG.Result))
        g.add((node, SKG.statement, Literal(measure.text, lang="ko")))
        if measure.label:
            g.add((node, RDFS.label, Literal(measure.label, lang="ko")))
        self.prov.derive(node, measure.span)
        for number, quantity in enumerate(measure.quantities, start=1):
            value = URIRef(f"{node}/quantity/{number}")
            g.add((node, SKG.quantity, value))
            g.add((value, RDF.type, SCHEMA.QuantitativeValue))
            g.add((value, SCHEMA.value, decimal(quantity.value)))
            g.add((value, SCHEMA.unitText, Literal(quantity.unit)))
            g.add((value, SKG.printedText, Literal(quantity.printed)))
            self.prov.derive(value, measure.span)

    def _owner_of(self, program: tuple[int, int], part_title: str | None) -> URIRef | None:
        """The part a title names (matched without spaces), else the program."""
        if part_title:
            part = self.parts.get((*program, squash(part_title)))
            if part:
                return part
        return self.programs.get(program)

    def add_milestones(self, milestones: list[Milestone]) -> None:
        """Each dated step of a program's plan blocks: {program or part}/milestone/{n} in printed order."""
        counts: dict[URIRef, int] = {}
        for item in milestones:
            owner = self._owner_of(item.program, item.subprogram)
            if owner is None:
                continue
            counts[owner] = counts.get(owner, 0) + 1
            node = URIRef(f"{owner}/milestone/{counts[owner]}")
            self.graph.add((owner, SKG.milestone, node))
            self._dated(node, item.text, item.date_text, item.reading, item.span)
            self.graph.add((node, SKG.planBlock, Literal(item.block)))

    def _dated(self, node: URIRef, text: str, date_text: str, reading: DateReading | None, span) -> None:
        g = self.graph
        g.add((node, RDF.type, SKG.Milestone))
        g.add((node, SCHEMA.description, Literal(text, lang="ko")))
        g.add((node, SKG.dateText, Literal(date_text)))
        if reading and reading.start:
            g.add((node, SKG.startDate, Literal(reading.start, datatype=XSD.date)))
        if reading and reading.due:
            g.add((node, SKG.dueDate, Literal(reading.due, datatype=XSD.date)))
        self.prov.derive(node, span)

    def add_facilities(self, facilities: list[Facility]) -> None:
        """Facilities at id/facility/{name, spaces as hyphens}, linked from their program (or part)."""
        nodes = {f.name: slug_iri("facility", f.name.replace(" ", "-")) for f in facilities}
        self.facilities.update(nodes)
        g = self.graph
        for facility in facilities:
            node = nodes[facility.name]
            for cls in (SKG.Facility, ORG.Site, SCHEMA.Place):
                g.add((node, RDF.type, cls))
            g.add((node, RDFS.label, Literal(facility.name, lang="ko")))
            g.add((node, SKG.printedText, Literal(facility.printed)))
            g.add((node, SKG.facilityKind, code("facility-kind", facility.kind)))
            self.prov.derive(node, facility.span)
            owner = self._owner_of(facility.program, facility.subprogram)
            if owner is not None:
                g.add((owner, SKG.facility, node))
            if facility.part_of in nodes:
                g.add((node, SCHEMA.containedInPlace, nodes[facility.part_of]))
            if facility.location:
                g.add((node, SCHEMA.address, Literal(facility.location.text)))
                self.prov.derive(node, facility.location.span)
            if facility.area:
                self._floor_area(node, facility.area, facility.other_areas)
            if facility.floors:
                g.add((node, SKG.floors, Literal(facility.floors.printed)))
                self.prov.derive(node, facility.floors.span)
            if facility.cost:
                cost = URIRef(f"{node}/cost")
                g.add((node, SKG.totalCost, cost))
                self._amount(cost, facility.cost.label, facility.cost.krw, facility.cost.printed,
                             facility.cost.unit, facility.cost.span)
                g.add((cost, SKG.budgetLabel, Literal(facility.cost.label)))
            for number, date in enumerate(facility.dates, start=1):
                event = URIRef(f"{node}/date/{number}")
                g.add((node, SKG.milestone, event))
                self._dated(event, date.event or facility.name, date.date_text, date.reading, date.span)
                if date.kind:
                    g.add((event, SKG.eventKind, Literal(date.kind)))
            for number, progress in enumerate(facility.progress, start=1):
                self._progress(node, URIRef(f"{node}/progress/{number}"), progress.percent, progress.printed,
                               progress.as_of.due if progress.as_of else None, progress.as_of_text, progress.span)

    def _floor_area(self, node: URIRef, area: Area, others: tuple[Area, ...]) -> None:
        """The floor area, and the same area printed again in 평 beside a metric one ('553㎡(168평)')."""
        size = URIRef(f"{node}/floor-area")
        self.graph.add((node, SCHEMA.floorSize, size))
        self._area(size, area)
        if area.square_metres is None:
            return
        for number, other in enumerate((o for o in others if o.square_metres is None and not o.basis), start=1):
            equivalent = URIRef(f"{size}/equivalent/{number}")
            self.graph.add((size, SKG.equivalentArea, equivalent))
            self._area(equivalent, other)

    def _area(self, node: URIRef, area: Area) -> None:
        g = self.graph
        g.add((node, RDF.type, SCHEMA.QuantitativeValue))
        metric = area.square_metres is not None
        g.add((node, SCHEMA.value, decimal(area.square_metres if metric else area.value)))
        g.add((node, SCHEMA.unitText, Literal("㎡" if metric else area.unit)))
        if metric:
            g.add((node, SCHEMA.unitCode, Literal("MTK")))
        g.add((node, SKG.printedText, Literal(area.printed)))
        g.add((node, SKG.approximate, Literal(area.approximate)))
        if area.basis:
            g.add((node, SKG.areaBasis, Literal(area.basis)))
        self.prov.derive(node, area.span)

    def add_owners(self, doc: SourceDocument) -> None:
        """Owning units from data/curation/program-owners.csv; each quote must stand on its line."""
        columns = ("area", "number", "unit", "line", "evidence", "basis")
        for row in read_table(CURATION_DIR / "program-owners.csv", columns):
            program = self.programs.get((row.number("area"), row.number("number")))
            line = row.number("line")
            if program is None or not 1 <= line <= len(doc.lines):
                raise row.fail("names a program or a line the report does not have")
            if squash(row["evidence"]) not in squash(doc.line(line)):
                raise row.fail(f"the evidence is not printed on line {line} of the report")
            unit = self.registry.iri(row["unit"])
            if (unit, RDF.type, None) not in self.graph:
                raise row.fail(f"unit '{row['unit']}' is not a unit of the report")
            self.graph.add((program, SKG.owner, unit))
            key = f"{str(program).rsplit('/', 1)[-1]}--{str(unit).rsplit('/', 1)[-1]}"
            record = self.curation("program-owners", key, f"{row['evidence']} — {row['basis']}", row)
            self.graph.add((program, PROV.wasDerivedFrom, record))
            self.prov.derive(program, doc.span(line))

    def add_audit_links(self, section: AuditSection, audit: URIRef) -> None:
        """Audit items' links to programs and facilities from data/curation/audit-links.csv; each alias
        must stand in the item's demand. A construction progress an item's answer states for a facility
        it concerns ('공정률 19.2%') is kept as that facility's progress as of the audit's reference date."""
        columns = ("category", "number", "target", "alias", "evidence", "basis")
        items = {(i.category, i.number): i for i in section.items}
        for row in read_table(CURATION_DIR / "audit-links.csv", columns):
            item = items.get((row["category"], row.number("number")))
            target = self._link_target(row["target"])
            if item is None or target is None:
                raise row.fail("names an audit item, a program or a facility the report does not have")
            if squash(row["alias"]) not in squash(item.demand):
                raise row.fail(f"alias '{row['alias']}' is not printed in the item's demand")
            node = URIRef(f"{audit}/{item.category}/{item.number}")
            self.graph.add((node, SKG.concerns, target))
            # the target's slug as printed (its IRI segment is percent-encoded already; slug_iri encodes once)
            key = f"{item.category}-{item.number}--{unquote(str(target).rsplit('/', 1)[-1])}"
            evidence = f"'{row['alias']}' denotes '{row['evidence']}' — {row['basis']}"
            self.graph.add((node, PROV.wasDerivedFrom, self.curation("audit-links", key, evidence, row)))
            if row["target"].startswith("facility:"):
                self._audit_progress(target, item, section)

    def _audit_progress(self, facility: URIRef, item: AuditItem, section: AuditSection) -> None:
        stated = [m for action in item.actions for m in _PROGRESS.finditer(action)]
        for number, match in enumerate(stated, start=1):
            node = URIRef(f"{facility}/progress/{item.category}-{item.number}" + (f"-{number}" if number > 1 else ""))
            self._progress(facility, node, Decimal(match[1]), match[0], section.reference_date,
                           section.reference_text, item.span)

    def _progress(self, facility: URIRef, node: URIRef, percent: Decimal, printed: str,
                  as_of: dt.date | None, as_of_text: str | None, span: Span) -> None:
        """A construction progress of a facility, with its as-of date where printed."""
        g = self.graph
        g.add((facility, SKG.progress, node))
        g.add((node, RDF.type, SCHEMA.QuantitativeValue))
        g.add((node, SCHEMA.value, decimal(percent)))
        g.add((node, SCHEMA.unitText, Literal("%")))
        g.add((node, SKG.printedText, Literal(printed)))
        if as_of_text:
            g.add((node, SKG.referenceDateText, Literal(as_of_text)))
        if as_of:
            g.add((node, SKG.referenceDate, Literal(as_of, datatype=XSD.date)))
        self.prov.derive(node, span)

    def _link_target(self, target: str) -> URIRef | None:
        """'program:2-1' or 'facility:<name as curated>'."""
        kind, _, key = target.partition(":")
        if kind == "facility":
            return self.facilities.get(key)
        area, _, number = key.partition("-")
        if kind == "program" and area.isdigit() and number.isdigit():
            return self.programs.get((int(area), int(number)))
        return None


_PROGRESS = re.compile(r"공정률\s*([\d.]+)\s*%")


def _unique(node: URIRef, used: set[URIRef]) -> URIRef:
    """The IRI, or with '-2', '-3' … when the same label is printed twice under one owner."""
    candidate, n = node, 1
    while candidate in used:
        n += 1
        candidate = URIRef(f"{node}-{n}")
    used.add(candidate)
    return candidate
