"""The work plan, written in order: plan and strategy, programs with their measures, facilities, milestones
and dated statements, then the curated links (owners, audit items)."""

from __future__ import annotations

from rdflib import URIRef

from ..extract import Extraction
from .dated import add_statements
from .facilities import add_facilities
from .links import add_audit_links, add_owners
from .plan import PlanNodes, add_plan
from .programs import add_milestones, add_program


def add_work_plan(nodes: PlanNodes, extraction: Extraction, audit: URIRef | None) -> None:
    """Everything the work plan of `extraction` says; `audit` is the audit's IRI, when it is written."""
    add_plan(nodes, extraction)
    for program in extraction.programs:
        add_program(nodes, program, extraction.program_names.get((program.area, program.number)))
    add_facilities(nodes, extraction.facilities, audit if extraction.audit else None)
    add_milestones(nodes, extraction.milestones)
    add_statements(nodes, extraction.statements)
    add_owners(nodes, extraction.owners)
    if extraction.audit and audit is not None:
        add_audit_links(nodes, extraction.audit, extraction.audit_links, audit)
