"""Programs and their parts, with the budget figures, targets, results and dated milestones they print."""

from __future__ import annotations

from rdflib import Literal, URIRef

from ..extract.curation import CuratedName
from ..extract.milestones import Milestone
from ..extract.programs import BudgetFigure, Measure, ProgramRecord
from ..extract.source import Span
from ..extract.text import squash
from ..namespaces import DCTERMS, PROV, RDF, RDFS, SCHEMA, SKG, XSD, slug_iri
from .dated import add_checkable, numbered
from .literals import decimal
from .plan import PlanNodes

# Budget labels as printed (without spaces) -> IRI segments; another label keeps its Korean letters.
BUDGET_LABEL_SLUGS = {
    "소요예산": "required-budget", "’22년예산": "budget-2022", "총사업비": "total-project-cost",
    "사업예산": "program-budget", "사업규모": "program-scale", "지원금액": "support-amount",
    "운영예산": "operating-budget", "예산": "budget",
}


def add_program(nodes: PlanNodes, record: ProgramRecord, curated: CuratedName | None) -> None:
    """A program at id/program/{curated slug} (its Korean title, spaces removed, when uncurated: never its
    position, which another year's plan gives another program), its parts, figures and measures."""
    g = nodes.graph
    if curated is None:
        program = slug_iri("program", squash(record.title))
    else:
        program = slug_iri("program", curated.slug)
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
        for position, measure in enumerate(measures, start=1):
            _measure(nodes, parts.get(measure.subprogram, program), kind, position, measure)


def _describe(nodes: PlanNodes, node: URIRef, number: int, title: str, span: Span) -> None:
    g = nodes.graph
    g.add((node, RDF.type, SKG.Program))
    g.add((node, SKG.programNumber, Literal(number, datatype=XSD.integer)))
    g.add((node, RDFS.label, Literal(title, lang="ko")))
    nodes.prov.derive(node, span)


def _budget(nodes: PlanNodes, owner: URIRef, figure: BudgetFigure, used: set[URIRef]) -> None:
    label = squash(figure.label)
    segments = [BUDGET_LABEL_SLUGS.get(label, label)]
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


def _measure(nodes: PlanNodes, owner: URIRef, kind: URIRef, position: int, measure: Measure) -> None:
    g = nodes.graph
    name = "target" if kind == SKG.target else "result"
    node = URIRef(f"{owner}/{name}/{position}")
    g.add((owner, kind, node))
    g.add((node, RDF.type, SKG.Target if kind == SKG.target else SKG.Result))
    g.add((node, SKG.statement, Literal(measure.text, lang="ko")))
    if measure.label:
        g.add((node, RDFS.label, Literal(measure.label, lang="ko")))
    nodes.prov.derive(node, measure.span)
    for number, quantity in enumerate(measure.quantities, start=1):
        value = URIRef(f"{node}/quantity/{number}")
        g.add((node, SKG.quantity, value))
        g.add((value, RDF.type, SCHEMA.QuantitativeValue))
        g.add((value, SCHEMA.value, decimal(quantity.value)))
        g.add((value, SCHEMA.unitText, Literal(quantity.unit)))
        g.add((value, SKG.printedText, Literal(quantity.printed)))
        nodes.prov.derive(value, measure.span)


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
