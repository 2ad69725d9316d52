"""Facilities at id/facility/{name, spaces as hyphens}: kind, place, floor area (or, for a district or an
industrial complex, or land printed as 부지, its site area), the number of places a group stands for, floors,
cost, dated events and construction progress, linked from the program (or part) that describes them, or from
the audit item whose answer does. A facility is one resource for every report that names it; what one
report states of it as a resource of its own (an area, a cost, a dated event, a progress) is at
{facility}/{office}/{year}/…, so that two reports' figures never merge."""

from __future__ import annotations

from rdflib import Literal, URIRef

from ..extract.facilities import Area, Facility
from ..namespaces import ORG, RDF, RDFS, SCHEMA, SKG, XSD, code, slug_iri
from .literals import decimal
from .plan import PlanNodes

# Kinds of facility that are sites, not buildings: the area printed for them is the land they cover.
SITE_KINDS = frozenset({"district", "industrial_complex"})


def add_facilities(nodes: PlanNodes, facilities: tuple[Facility, ...], audit: URIRef | None) -> None:
    """Every facility; `audit` is the audit's IRI, for a facility an answer describes ({audit}/{category}/{n})."""
    minted = {f.name: slug_iri("facility", f.name.replace(" ", "-")) for f in facilities}
    nodes.facilities.update(minted)
    g, scope = nodes.graph, nodes.prov.scope
    for facility in facilities:
        node = minted[facility.name]
        for cls in (SKG.Facility, ORG.Site, SCHEMA.Place):
            g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(facility.name, lang="ko")))
        g.add((node, SKG.printedText, Literal(facility.printed)))
        g.add((node, SKG.facilityKind, code("facility-kind", facility.kind)))
        nodes.prov.derive(node, facility.span)
        owner = None
        if facility.program:
            owner = nodes.owner_of(facility.program, facility.subprogram)
        elif audit and facility.item:
            owner = URIRef(f"{audit}/{facility.item[0]}/{facility.item[1]}")
        if owner is not None:
            g.add((owner, SKG.facility, node))
        if facility.part_of in minted:
            g.add((node, SCHEMA.containedInPlace, minted[facility.part_of]))
        if facility.location:
            g.add((node, SCHEMA.address, Literal(facility.location.text)))
            nodes.prov.derive(node, facility.location.span)
        if facility.places is not None:  # a group printed as one ('민간형 4개소(43천㎡)'): its figures are the group's
            g.add((node, SKG.placeCount, Literal(facility.places, datatype=XSD.integer)))
        if facility.area:
            site = facility.kind in SITE_KINDS or facility.area.basis == "부지"
            _floor_area(nodes, node, facility.area, facility.other_areas, site)
        if facility.floors:
            g.add((node, SKG.floors, Literal(facility.floors.printed)))
            nodes.prov.derive(node, facility.floors.span)
        if facility.cost:  # a project's whole cost, or (a 소요예산 printed alone) the plan year's budget
            cost = scope.under(node, "cost" if facility.cost.is_total else "year-budget")
            g.add((node, SKG.totalCost if facility.cost.is_total else SKG.yearBudget, cost))
            nodes.amount(cost, facility.cost.label, facility.cost.krw, facility.cost.printed,
                         facility.cost.unit, facility.cost.span)
            g.add((cost, SKG.budgetLabel, Literal(facility.cost.label)))
        for number, date in enumerate(facility.dates, start=1):
            event = scope.under(node, "date", str(number))
            g.add((node, SKG.milestone, event))
            nodes.dated(event, date.event or facility.name, date.date_text, date.reading, date.span)
            if date.kind:
                g.add((event, SKG.eventKind, Literal(date.kind)))
        for number, progress in enumerate(facility.progress, start=1):
            nodes.progress(node, scope.under(node, "progress", str(number)), progress.percent, progress.printed,
                           progress.as_of.due if progress.as_of else None, progress.as_of_text, progress.span)


def _floor_area(nodes: PlanNodes, node: URIRef, area: Area, others: tuple[Area, ...], site: bool) -> None:
    """The floor area (a site's area for a site), the same area printed again in 평 beside a metric one
    ('553㎡(168평)'), and the land a building stands on where printed as 부지 ('(現 양곡도매시장 부지 32,803㎡)')."""
    size = nodes.prov.scope.under(node, "site-area" if site else "floor-area")
    nodes.graph.add((node, SKG.siteArea if site else SCHEMA.floorSize, size))
    _area(nodes, size, area)
    land = next((o for o in others if o.basis == "부지"), None)
    if land and not site:
        plot = nodes.prov.scope.under(node, "site-area")
        nodes.graph.add((node, SKG.siteArea, plot))
        _area(nodes, plot, land)
    if area.square_metres is None:
        return
    for number, other in enumerate((o for o in others if o.square_metres is None and not o.basis), start=1):
        equivalent = URIRef(f"{size}/equivalent/{number}")
        nodes.graph.add((size, SKG.equivalentArea, equivalent))
        _area(nodes, equivalent, other)


def _area(nodes: PlanNodes, node: URIRef, area: Area) -> None:
    g = nodes.graph
    g.add((node, RDF.type, SCHEMA.QuantitativeValue))
    metric = area.square_metres is not None
    g.add((node, SCHEMA.value, decimal(area.value if area.square_metres is None else area.square_metres)))
    g.add((node, SCHEMA.unitText, Literal("㎡" if metric else area.unit)))
    if metric:
        g.add((node, SCHEMA.unitCode, Literal("MTK")))
    g.add((node, SKG.printedText, Literal(area.printed)))
    g.add((node, SKG.approximate, Literal(area.approximate)))
    if area.basis:
        g.add((node, SKG.areaBasis, Literal(area.basis)))
    nodes.prov.derive(node, area.span)
