"""Printed spellings of the code lists' concepts, read from the SKOS file (ontology/codelists.ttl): a
concept's Korean skos:prefLabel, and its skos:altLabel and skos:hiddenLabel for other spellings the report
prints ('완료' for 추진완료 in the audit summary). The readers map what they read to notations through these
tables only, so a spelling is added in one place: the code list."""

from __future__ import annotations

from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from ..errors import SeoulKGError
from ..namespaces import BASE
from ..paths import REFERENCE_DATA
from .text import squash

CODELISTS = REFERENCE_DATA[0]
_LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)


@cache
def _codelists() -> Graph:
    graph = Graph()
    try:
        graph.parse(CODELISTS, format="turtle")
    except (OSError, SyntaxError) as exc:
        raise SeoulKGError(f"{CODELISTS}: cannot read the code lists: {exc}") from None
    return graph


@cache
def spellings(scheme: str, labels: tuple[URIRef, ...] = _LABELS) -> dict[str, str]:
    """Korean spelling without white space -> notation, for every concept of `scheme` ('audit-status')."""
    graph, found = _codelists(), {}
    for concept in graph.subjects(SKOS.inScheme, URIRef(f"{BASE}id/code/{scheme}")):
        notation = str(graph.value(concept, SKOS.notation))
        for prop in labels:
            for label in graph.objects(concept, prop):
                if getattr(label, "language", None) == "ko":
                    found[squash(str(label))] = notation
    return found


def codes(scheme: str, notations: tuple[str, ...] | None = None, *, preferred: bool = False) -> dict[str, str]:
    """spellings() of the concepts with these notations (all when None); only skos:prefLabel when `preferred`.
    Longest spelling first, so a reader that tries them in order finds '추진완료' before '완료'."""
    found = spellings(scheme, (SKOS.prefLabel,) if preferred else _LABELS)
    chosen = {k: v for k, v in found.items() if notations is None or v in notations}
    return dict(sorted(chosen.items(), key=lambda item: (-len(item[0]), item[0])))


@cache
def names(scheme: str, lang: str) -> dict[str, str]:
    """Notation -> the concept's skos:prefLabel in `lang`, for every concept of `scheme` (the writers name
    things after their codes with these: '시정·처리 요구사항 1')."""
    graph = _codelists()
    return {str(graph.value(concept, SKOS.notation)): str(label)
            for concept in graph.subjects(SKOS.inScheme, URIRef(f"{BASE}id/code/{scheme}"))
            for label in graph.objects(concept, SKOS.prefLabel) if getattr(label, "language", None) == lang}
