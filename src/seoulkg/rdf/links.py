"""The curated links, checked at extraction: programs' owning units, and audit items' links to the programs
and facilities they concern (with the construction progress an item's answer states for a facility)."""

from __future__ import annotations

from urllib.parse import unquote

from rdflib import URIRef

from ..extract.audit import AuditSection
from ..extract.curation import AuditLink, ProgramOwner
from ..namespaces import PROV, SKG
from .plan import PlanNodes


def add_owners(nodes: PlanNodes, owners: tuple[ProgramOwner, ...]) -> None:
    """Each program's owning unit (skg:owner), derived from the line its curated evidence quotes."""
    for owner in owners:
        program = nodes.programs[owner.program]
        unit = nodes.registry.iri(owner.unit)
        nodes.graph.add((program, SKG.owner, unit))
        key = f"{_last(program)}--{_last(unit)}"
        nodes.graph.add((program, PROV.wasDerivedFrom,
                         nodes.prov.curation("program-owners", key, owner.evidence, owner.line)))
        nodes.prov.derive(program, owner.span)


def add_audit_links(nodes: PlanNodes, section: AuditSection, links: tuple[AuditLink, ...], audit: URIRef) -> None:
    """skg:concerns from each linked item; a progress an item states for a facility it concerns ('공정률
    19.2%') is kept as that facility's progress as of the audit's reference date."""
    items = {(i.category, i.number): i for i in section.items}
    for link in links:
        item = items[link.item]
        facility = isinstance(link.target, str)
        target = nodes.facilities[link.target] if isinstance(link.target, str) else nodes.programs[link.target]
        node = URIRef(f"{audit}/{item.category}/{item.number}")
        nodes.graph.add((node, SKG.concerns, target))
        # the target's slug as printed (its IRI segment is percent-encoded already; slug_iri encodes once)
        key = f"{item.category}-{item.number}--{unquote(_last(target))}"
        nodes.graph.add((node, PROV.wasDerivedFrom, nodes.prov.curation("audit-links", key, link.evidence,
                                                                          link.line)))
        for number, stated in enumerate(item.progress if facility else (), start=1):
            suffix = f"-{number}" if number > 1 else ""
            nodes.progress(target, nodes.prov.scope.under(target, "progress", f"{item.category}-{item.number}{suffix}"),
                           stated.percent, stated.printed, section.reference_date, section.reference_text,
                           item.span)


def _last(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]
