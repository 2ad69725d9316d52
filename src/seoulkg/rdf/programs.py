"""Programs and their parts, with the budget figures, targets, results and dated milestones they print."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from ..extract.curation import CuratedName
from ..extract.dates import parse_due
from ..extract.milestones import Milestone
from ..extract.programs import BudgetFigure, Measure, ProgramRecord
from ..extract.quantities import Quantity
from ..extract.source import Span
from ..extract.text import squash
from ..namespaces import DCTERMS, PROV, RDF, RDFS, SCHEMA, SDMX_ATTRIBUTE, SKG, XSD, code
from .dated import add_checkable, numbered
from .literals import UNIT_MEASURES, decimal, period
from .plan import PlanNodes
from .tables import add_tables

# Budget labels as printed (without spaces) -> IRI segments; a label after a printed year takes the year
# ('’22년 예산' -> budget-2022); another label keeps its Korean letters.
BUDGET_LABEL_SLUGS = {
    "소요예산": "required-budget", "총사업비": "total-project-cost", "사업예산": "program-budget",
    "사업규모": "program-scale", "지원금액": "support-amount", "운영예산": "operating-budget", "예산": "budget",
}
_YEAR_LABEL = re.compile(r"^(?P<year>’\d{2}|\d{4})년(?P<label>.+)$")


def add_program(nodes: PlanNodes, record: ProgramRecord, curated: CuratedName | None) -> None:
    """A program at id/program/{office}/{year}/{curated slug} (its Korean title, spaces removed, when uncurated:
    never its position, which another year's plan gives another program), its parts, figures and measures."""
    g = nodes.graph
    scope = nodes.prov.scope
    if curated is None:
        program = scope.iri("program", squash(record.title))
    else:
        program = scope.iri("program", curated.slug)
        g.add((program, RDFS.label, Literal(curated.label_en, lang="en")))
        g.add((program, PROV.wasDerivedFrom,
               nodes.prov.curation("programs", curated.slug, curated.evidence, curated.line)))
    nodes.programs[(record.area, record.number)] = program
    _describe(nodes, program, record.number, record.title, record.header)
    g.add((program, DCTERMS.isPartOf, nodes.plan))
    g.add((program, SKG.strategicArea, nodes.area(record.area)))
    if record.overview_title and record.overview_span:
        g.add((program, SKG.overviewTitle, Literal(record.overview_title, lang="ko")))
        nodes.prov.derive(program, record.overview_span)
    parts: dict[int | None, URIRef] = {}  # by number; the program itself owns what no part does
    for sub in record.subprograms:
        part = URIRef(f"{program}/part/{sub.number}")
        parts[sub.number] = part
        nodes.parts[(record.area, record.number, squash(sub.title))] = part
        _describe(nodes, part, sub.number, sub.title, sub.span)
        g.add((part, DCTERMS.isPartOf, program))
        g.add((part, SKG.strategicArea, nodes.area(record.area)))
    used: set[URIRef] = set()
    for figure in record.budgets:
        _budget(nodes, parts.get(figure.subprogram, program), figure, used)
    for kind, measures in ((SKG.target, record.targets), (SKG.result, record.results)):
        counts: dict[URIRef, int] = {}  # numbered per owner, in printed order
        for measure in measures:
            owner = parts.get(measure.subprogram, program)
            counts[owner] = counts.get(owner, 0) + 1
            _measure(nodes, owner, kind, counts[owner], measure)
    add_tables(nodes, record, program, parts)


def _describe(nodes: PlanNodes, node: URIRef, number: int, title: str, span: Span) -> None:
    g = nodes.graph
    g.add((node, RDF.type, SKG.Program))
    g.add((node, SKG.programNumber, Literal(number, datatype=XSD.integer)))
    g.add((node, RDFS.label, Literal(title, lang="ko")))
    nodes.prov.derive(node, span)


def _budget(nodes: PlanNodes, owner: URIRef, figure: BudgetFigure, used: set[URIRef]) -> None:
    segments = [_label_segment(squash(figure.label))]
    segments += [squash(x) for x in (figure.period, figure.column) if x]
    node = _unique(URIRef(f"{owner}/budget/" + "/".join(segments)), used)
    g = nodes.graph
    g.add((owner, SKG.budgetFigure, node))
    nodes.amount(node, " ".join(filter(None, (figure.label, figure.period, figure.column))),
                 figure.krw, figure.printed, figure.unit, figure.span)
    g.add((node, SKG.budgetLabel, Literal(figure.label)))
    for position, part in enumerate(figure.parts, start=1):
        child = URIRef(f"{node}/part/{position}")
        g.add((node, SKG.budgetPart, child))
        nodes.amount(child, part.label or figure.label, part.krw, part.printed, part.unit, figure.span)
    for position, related in enumerate(figure.related, start=1):
        other = URIRef(f"{node}/related/{position}")
        g.add((owner, SKG.budgetFigure, other))
        nodes.amount(other, related.label or figure.label, related.krw, related.printed, related.unit,
                     figure.span)
        g.add((other, SKG.budgetLabel, Literal(related.label or figure.label)))


def _label_segment(label: str) -> str:
    """A budget label's IRI segment: its slug, with the year it prints ('’22년예산' -> 'budget-2022')."""
    dated = _YEAR_LABEL.match(label)
    if dated and dated["label"] in BUDGET_LABEL_SLUGS:
        reading = parse_due(f"{dated['year']}년")
        if reading and reading.start:
            return f"{BUDGET_LABEL_SLUGS[dated['label']]}-{reading.start.year}"
    return BUDGET_LABEL_SLUGS.get(label, label)


def _measure(nodes: PlanNodes, owner: URIRef, kind: URIRef, position: int, measure: Measure) -> None:
    """A target or result at {owner}/target|result/{n}: its statement, block, period or as-of date, and each
    quantity with its role, its value as printed and normalised, and its own period where printed."""
    g = nodes.graph
    name = "target" if kind == SKG.target else "result"
    node = URIRef(f"{owner}/{name}/{position}")
    g.add((owner, kind, node))
    g.add((node, RDF.type, SKG.Target if kind == SKG.target else SKG.Result))
    g.add((node, SKG.statement, Literal(measure.text, lang="ko")))
    if measure.label:
        g.add((node, RDFS.label, Literal(measure.label, lang="ko")))
    if measure.section:
        g.add((node, SKG.statementBlock, Literal(measure.section)))
    period(g, node, measure.period_text, measure.period)
    if measure.as_of_text:
        g.add((node, SKG.referenceDateText, Literal(measure.as_of_text)))
        if measure.as_of and measure.as_of.due:
            g.add((node, SKG.referenceDate, Literal(measure.as_of.due, datatype=XSD.date)))
    nodes.prov.derive(node, measure.span)
    for number, quantity in enumerate(measure.quantities, start=1):
        value = URIRef(f"{node}/quantity/{number}")
        g.add((node, SKG.quantity, value))
        _quantity(nodes, value, quantity, measure.span)


def _quantity(nodes: PlanNodes, node: URIRef, quantity: Quantity, span: Span) -> None:
    g = nodes.graph
    g.add((node, RDF.type, SCHEMA.QuantitativeValue))
    g.add((node, SCHEMA.value, decimal(quantity.value)))
    g.add((node, SCHEMA.unitText, Literal(quantity.unit)))
    g.add((node, SKG.printedText, Literal(quantity.printed)))
    g.add((node, SKG.quantityRole, code("quantity-role", quantity.role)))
    if quantity.unit_code and quantity.normalised is not None:
        g.add((node, SKG.normalisedValue, decimal(quantity.normalised)))
        g.add((node, SDMX_ATTRIBUTE.unitMeasure, UNIT_MEASURES[quantity.unit_code]))
    period(g, node, quantity.period, None)
    nodes.prov.derive(node, span)


def add_milestones(nodes: PlanNodes, milestones: tuple[Milestone, ...]) -> None:
    """Each dated step of a program's plan blocks: {program or part}/milestone/{n} in printed order."""
    for item, owner, node in numbered(nodes, milestones, "milestone"):
        nodes.graph.add((owner, SKG.milestone, node))
        nodes.dated(node, item.text, item.date_text, item.reading, item.span)
        nodes.graph.add((node, SKG.planBlock, Literal(item.block)))
        add_checkable(nodes.graph, node, item)


def _unique(node: URIRef, used: set[URIRef]) -> URIRef:
    """The IRI, or with '-2', '-3' … when the same label is printed twice under one owner."""
    candidate, n = node, 1
    while candidate in used:
        n += 1
        candidate = URIRef(f"{node}-{n}")
    used.add(candidate)
    return candidate
