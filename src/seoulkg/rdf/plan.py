"""The plan and its strategic areas (a SKOS scheme), with section Ⅲ's vision, goal and sub-goals; and the
plan's nodes, the IRIs the work plan's writers share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from ..extract import Extraction
from ..extract.dates import DateReading
from ..extract.source import Span
from ..extract.strategy import Strategy
from ..extract.text import squash
from ..namespaces import DCTERMS, PROV, RDF, RDFS, SCHEMA, SKG, SKOS, XSD
from .counts import add_stated_count
from .literals import decimal
from .provenance import Provenance
from .units import UnitRegistry


@dataclass
class PlanNodes:
    """The plan of one report and the IRIs minted for it; program IRIs are id/program/{office}/{year}/{slug}."""

    graph: Graph
    prov: Provenance
    registry: UnitRegistry
    plan: URIRef
    programs: dict[tuple[int, int], URIRef] = field(default_factory=dict)
    parts: dict[tuple[int, int, str], URIRef] = field(default_factory=dict)  # (area, number, part title)
    facilities: dict[str, URIRef] = field(default_factory=dict)  # curated name -> facility

    def area(self, number: int) -> URIRef:
        return URIRef(f"{self.plan}/area/{number}")

    def owner_of(self, program: tuple[int, int], part_title: str | None) -> URIRef | None:
        """The part a title names (matched without spaces), else the program."""
        if part_title:
            part = self.parts.get((*program, squash(part_title)))
            if part:
                return part
        return self.programs.get(program)

    def amount(self, node: URIRef, label: str, krw: Decimal, printed: str, unit: str, span: Span) -> None:
        """An amount of money in KRW, as printed."""
        g = self.graph
        g.add((node, RDF.type, SKG.BudgetFigure))
        g.add((node, RDFS.label, Literal(label, lang="ko")))
        g.add((node, SCHEMA.value, decimal(krw)))
        g.add((node, SCHEMA.currency, Literal("KRW")))
        g.add((node, SKG.printedText, Literal(printed)))
        g.add((node, SKG.printedUnit, Literal(unit)))
        self.prov.derive(node, span)

    def dated(self, node: URIRef, text: str, date_text: str, reading: DateReading | None, span: Span) -> None:
        """A milestone with its period as printed and as read."""
        g = self.graph
        g.add((node, RDF.type, SKG.Milestone))
        g.add((node, SCHEMA.description, Literal(text, lang="ko")))
        g.add((node, SKG.dateText, Literal(date_text)))
        if reading and reading.start:
            g.add((node, SKG.startDate, Literal(reading.start, datatype=XSD.date)))
        if reading and reading.due:
            g.add((node, SKG.dueDate, Literal(reading.due, datatype=XSD.date)))
        self.prov.derive(node, span)

    def progress(self, facility: URIRef, node: URIRef, percent: Decimal, printed: str,
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


def add_plan(nodes: PlanNodes, extraction: Extraction) -> None:
    """The plan as a SKOS concept scheme whose top concepts are the areas, with their curated English names."""
    g, plan = nodes.graph, nodes.plan
    g.add((plan, RDF.type, SKG.WorkPlan))
    g.add((plan, RDF.type, SKOS.ConceptScheme))
    year = str(plan).rsplit("/", 1)[-1]
    g.add((plan, RDFS.label, Literal(f"{year} 주요 업무 추진계획", lang="ko")))
    g.add((plan, RDFS.label, Literal(f"{year} work plan", lang="en")))
    for title in list(g.objects(plan, RDFS.label)):  # a concept scheme's title (DCAT-AP)
        g.add((plan, DCTERMS.title, title))
    g.add((plan, DCTERMS.creator, nodes.registry.iri(extraction.units[0].name)))
    g.add((plan, DCTERMS.source, nodes.prov.document))  # the report printing it: a row's way to its report
    for heading in extraction.outline.areas:
        area = nodes.area(heading.number)
        g.add((area, RDF.type, SKOS.Concept))
        g.add((area, SKOS.inScheme, plan))
        g.add((area, SKOS.topConceptOf, plan))
        g.add((area, SKOS.notation, Literal(str(heading.number))))
        for prop in (SKOS.prefLabel, RDFS.label):
            g.add((area, prop, Literal(heading.title, lang="ko")))
        nodes.prov.derive(area, heading.span)
        nodes.prov.derive(plan, heading.span)
        for overview in (o for o in extraction.outline.overviews if o.area == heading.number):
            add_stated_count(g, nodes.prov, URIRef(f"{area}/stated-count/programs"), len(overview.entries),
                             SKG.Program, area, overview.span, f"{heading.number}. 개요의 사업 수",
                             f"programs listed in the overview of area {heading.number}")
        curated = extraction.area_names.get(heading.number)
        if curated:
            for prop in (SKOS.prefLabel, RDFS.label):
                g.add((area, prop, Literal(curated.label_en, lang="en")))
            g.add((area, PROV.wasDerivedFrom,
                   nodes.prov.curation("areas", curated.slug, curated.evidence, curated.line)))
    if extraction.strategy:
        _add_strategy(nodes, extraction.strategy)


def _add_strategy(nodes: PlanNodes, strategy: Strategy) -> None:
    g, plan = nodes.graph, nodes.plan
    if strategy.vision:
        g.add((plan, SKG.vision, Literal(strategy.vision.slogan, lang="ko")))
        g.add((plan, SKG.goal, Literal(strategy.vision.goal, lang="ko")))
        nodes.prov.derive(plan, strategy.vision.slogan_span)
        nodes.prov.derive(plan, strategy.vision.goal_span)
    for area in strategy.areas:
        if area.work_plan_area is None:
            continue
        concept = nodes.area(area.work_plan_area)
        g.add((concept, SKOS.altLabel, Literal(area.title, lang="ko")))
        nodes.prov.derive(concept, area.span)
        for goal in area.goals:
            node = URIRef(f"{concept}/goal/{goal.row}")
            g.add((node, RDF.type, SKOS.Concept))
            g.add((node, SKOS.inScheme, plan))
            g.add((node, SKOS.broader, concept))
            g.add((concept, SKOS.narrower, node))
            g.add((node, SKOS.notation, Literal(f"{area.work_plan_area}.{goal.row}")))
            for prop in (SKOS.prefLabel, RDFS.label):
                g.add((node, prop, Literal(goal.text, lang="ko")))
            g.add((node, SKG.assignmentBasis, Literal(goal.basis)))
            g.add((node, SKOS.scopeNote, Literal(goal.note, lang="en")))
            nodes.prov.derive(node, goal.span)
            if goal.evidence:
                nodes.prov.derive(node, goal.evidence)
