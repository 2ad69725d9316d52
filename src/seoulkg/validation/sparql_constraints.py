"""SHACL-SPARQL constraints evaluated once over the whole graph on Oxigraph, instead of node by node.

pySHACL pre-binds `$this` and runs a constraint's SELECT once per focus node through rdflib's engine, which
is what makes it slow (measured: 49 s at 100k triples for one constraint). The project's constraints
select their own focus nodes, so running each once with `$this` unbound gives the same results; the
tests check that against pySHACL on the real graph and on every fixture. As SHACL-SPARQL says, a solution's
?path is the result's path (sh:resultPath).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ..errors import SeoulKGError


@dataclass(frozen=True)
class SparqlConstraint:
    shape: Node  # the node shape holding the constraint
    node: Node  # the sh:SPARQLConstraint node
    select: str  # the query with its prefixes and `$this` as `?this`
    severity: URIRef
    messages: tuple[Literal, ...]


@dataclass(frozen=True)
class SparqlResult:
    constraint: SparqlConstraint
    focus: str  # IRI of the focus node
    path: str  # the solution's ?path (an IRI), if it binds one
    messages: tuple[Literal, ...]  # the constraint's messages with {?var} filled in


def constraints(shapes: Graph) -> list[SparqlConstraint]:
    """Every sh:sparql constraint of the shapes graph, ready to run."""
    found = []
    for shape, node in sorted(shapes.subject_objects(SH.sparql)):
        select = shapes.value(node, SH.select)
        if select is None:
            raise SeoulKGError(f"shape {shape}: sh:sparql constraint without sh:select")
        severity = shapes.value(node, SH.severity) or shapes.value(shape, SH.severity) or SH.Violation
        printed = tuple(sorted(shapes.objects(node, SH.message), key=str))
        messages = tuple(m for m in printed if isinstance(m, Literal))
        if not isinstance(severity, URIRef) or messages != printed:
            raise SeoulKGError(f"shape {shape}: sh:severity must be an IRI and sh:message a literal")
        prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in _declared_prefixes(shapes, node))
        found.append(SparqlConstraint(shape, node, prefixes + re.sub(r"\$this\b", "?this", str(select)),
                                      severity, messages))
    return found


def without_sparql(shapes: Graph) -> Graph:
    """A copy of the shapes graph with its SPARQL constraints removed (the core shapes only)."""
    core = Graph()
    for prefix, namespace in shapes.namespaces():
        core.bind(prefix, namespace)
    removed = set(shapes.objects(None, SH.sparql))
    for triple in shapes:
        if triple[1] != SH.sparql and triple[0] not in removed:
            core.add(triple)
    return core


def run(store: ox.Store, constraint: SparqlConstraint) -> list[SparqlResult]:
    """The constraint's violations: one result per distinct focus node, path and message."""
    try:
        solutions = store.query(constraint.select)
    except (SyntaxError, OSError) as exc:
        raise SeoulKGError(f"shape {constraint.shape}: its SPARQL constraint does not run: {exc}") from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise SeoulKGError(f"shape {constraint.shape}: its sh:select is not a SELECT query")
    results = {}
    for solution in solutions:
        focus = solution["this"]
        if focus is None:
            continue
        path = solution["path"]
        path_iri = path.value if isinstance(path, ox.NamedNode) else ""
        messages = tuple(_fill(m, solution) for m in constraint.messages)
        results[(focus.value, path_iri, messages)] = SparqlResult(constraint, focus.value, path_iri, messages)
    return [results[k] for k in sorted(results)]


def _declared_prefixes(shapes: Graph, node: Node) -> list[tuple[str, str]]:
    pairs = []
    for source in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(source, SH.declare):
            pairs.append((str(shapes.value(declaration, SH.prefix)), str(shapes.value(declaration, SH.namespace))))
    return sorted(set(pairs))


def _fill(message: Literal, solution: ox.QuerySolution) -> Literal:
    def value(match: re.Match[str]) -> str:
        term = solution[match[1]]
        return "" if term is None else term.value

    return Literal(re.sub(r"\{[?$](\w+)\}", value, str(message)), lang=message.language)

