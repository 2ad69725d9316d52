"""Units and bodies as W3C ORG resources, with their names, types, hierarchy and duties."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Graph, Literal, URIRef

from ..extract import Extraction
from ..extract.curation import UnitName
from ..extract.organisation import AFFILIATED_KINDS, CITY_NAME
from ..extract.source import Span
from ..namespaces import ORG, PROV, RDF, RDFS, SCHEMA, SKG, code, slug_iri
from .counts import add_stated_count
from .provenance import Provenance
from .report import unit_segment


class UnitRegistry:
    """Mints and describes unit IRIs: id/unit/{curated English slug}, or the Korean name when uncurated."""

    def __init__(self, graph: Graph, prov: Provenance, names: Mapping[str, UnitName]) -> None:
        self.graph, self.prov, self.names = graph, prov, names
        self._iris: dict[str, URIRef] = {}

    def iri(self, name: str) -> URIRef:
        """The IRI of the unit named `name` (Korean, without letter spacing)."""
        if name not in self._iris:
            self._iris[name] = slug_iri("unit", unit_segment(self.names, name))
        return self._iris[name]

    def describe(self, name: str, kind: str, span: Span, printed: str | None = None) -> URIRef:
        """Type, label and classify a unit, and record the span it was read from."""
        g, unit = self.graph, self.iri(name)
        affiliated = kind in AFFILIATED_KINDS or kind == "local-government"
        g.add((unit, RDF.type, ORG.FormalOrganization if affiliated else ORG.OrganizationalUnit))
        if affiliated:
            g.add((unit, RDF.type, SCHEMA.GovernmentOrganization))
        g.add((unit, ORG.classification, code("unit-type", kind)))
        g.add((unit, RDFS.label, Literal(name, lang="ko")))
        curated = self.names.get(name)
        if curated:
            g.add((unit, RDFS.label, Literal(curated.label_en, lang="en")))
            record = self.prov.curation("units", curated.slug, curated.evidence, curated.line)
            g.add((unit, PROV.wasDerivedFrom, record))
        self.mention(name, span, printed)
        return unit

    def mention(self, name: str, span: Span, printed: str | None) -> None:
        """Record that `span` names the unit, keeping the name as printed there."""
        unit = self.iri(name)
        if printed:
            self.graph.add((unit, SKG.printedText, Literal(printed)))
        self.prov.derive(unit, span)


def add_units(graph: Graph, registry: UnitRegistry, extraction: Extraction) -> None:
    """The organisation: the office, its units, affiliated bodies, the city, and every unit's duties."""
    for record in extraction.units:
        unit = registry.describe(record.name, record.kind, record.span, record.printed)
        if record.grade:
            graph.add((unit, SKG.headGrade, Literal(record.grade)))
        if record.parent is None:
            continue
        parent = registry.iri(record.parent)
        if record.kind in AFFILIATED_KINDS:
            graph.add((unit, ORG.linkedTo, parent))
        else:
            graph.add((unit, ORG.unitOf, parent))
            graph.add((parent, ORG.hasUnit, unit))
    office = registry.iri(extraction.units[0].name)
    if extraction.chart.composition:  # an extract without a chart states none
        graph.add((office, SKG.statedComposition, Literal(extraction.chart.composition)))
        registry.prov.derive(office, extraction.chart.composition_span)
    for count, ending in extraction.chart.stated_counts:
        stated = registry.prov.scope.under(office, "stated-count", ending)
        add_stated_count(graph, registry.prov, stated, count, ORG.Organization, office,
                         extraction.chart.composition_span, f"조직현황: {count}{ending}",
                         f"organisation chart: {count} units named …{ending}")
        graph.add((stated, SKG.nameEnding, Literal(ending)))
    _add_city(graph, registry, extraction)
    for entry in extraction.functions:
        if extraction.unit(entry.name) is None:
            continue  # warned by extract(): not a unit of the chart
        unit = registry.iri(entry.name)
        registry.mention(entry.name, entry.span, entry.printed)
        for duty in entry.functions:
            graph.add((unit, SKG.duty, Literal(duty, lang="ko")))


def _add_city(graph: Graph, registry: UnitRegistry, extraction: Extraction) -> None:
    """The city government, where the report names the office as the city's ('서울시 경제정책실')."""
    office = extraction.units[0]
    if extraction.city is None:
        return
    city = registry.describe(CITY_NAME, "local-government", extraction.city)
    graph.add((registry.iri(office.name), ORG.unitOf, city))
    graph.add((city, ORG.hasUnit, registry.iri(office.name)))
