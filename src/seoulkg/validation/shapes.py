"""SHACL validation of a built graph (or any RDF files) against shapes/*.ttl.

Two engines give the same results. The fast path loads the files into Oxigraph, runs the core shapes
through the Rust engine `shacl` and each SPARQL constraint once over the whole graph on Oxigraph (no
rdflib graph of the data is built: parsing a million triples into rdflib alone takes 27 s). The
reference path (`engine="pyshacl"`) runs everything through pySHACL on an rdflib graph; the tests check
that both agree on the real graph and on every fixture. Either way the report is the standard SHACL
validation report.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import shacl as rust_shacl
from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from ..namespaces import PROV, SKG
from ..paths import ONTOLOGY, SHAPES_DIR
from ..store.files import load_store, parse_files
from . import sparql_constraints

ENGINES = ("fast", "pyshacl")


@dataclass(frozen=True, order=True)
class Finding:
    severity: str  # Violation, Warning or Info
    shape: str  # the node shape (and, for a property shape, its path)
    focus: str
    focus_label: str
    path: str
    message: str  # in English where the shape gives one
    source_line: int | None  # the first source line the focus node was read from
    component: str  # the SHACL constraint component


@dataclass(frozen=True)
class Report:
    conforms: bool  # no Violation (Warnings and Infos allowed)
    findings: tuple[Finding, ...]

    def graph(self) -> Graph:
        """The standard SHACL validation report (sh:ValidationReport)."""
        graph = Graph()
        graph.bind("sh", SH)
        report = BNode("report")
        graph.add((report, RDF.type, SH.ValidationReport))
        graph.add((report, SH.conforms, Literal(self.conforms)))
        for number, finding in enumerate(self.findings):
            result = BNode(f"result{number}")
            graph.add((report, SH.result, result))
            graph.add((result, RDF.type, SH.ValidationResult))
            graph.add((result, SH.resultSeverity, SH[finding.severity]))
            graph.add((result, SH.focusNode, URIRef(finding.focus)))
            graph.add((result, SH.sourceConstraintComponent, URIRef(finding.component)))
            graph.add((result, SH.resultMessage, Literal(finding.message, lang="en")))
            if finding.path:
                graph.add((result, SH.resultPath, URIRef(finding.path)))
            if finding.shape.startswith("http") and " " not in finding.shape:
                graph.add((result, SH.sourceShape, URIRef(finding.shape)))
        return graph


def shapes_graph() -> Graph:
    return parse_files(sorted(SHAPES_DIR.glob("*.ttl")))


def validate(paths: list[Path], engine: str = "fast") -> Report:
    """Validate the files (with the ontology) against every shapes file."""
    shapes = shapes_graph()
    if engine == "pyshacl":
        data = parse_files([*paths, ONTOLOGY])
        findings = _pyshacl_findings(data, shapes, _RdflibFocus(data))
    else:
        store = load_store(paths)
        focus = _StoreFocus(store)
        findings = _core_findings(store, shapes, focus)
        for constraint in sparql_constraints.constraints(shapes):
            findings += [_sparql_finding(shapes, r, focus) for r in sparql_constraints.run(store, constraint)]
    ordered = tuple(sorted(set(findings)))
    return Report(not any(f.severity == "Violation" for f in ordered), ordered)


class _RdflibFocus:
    """A focus node's Korean label and first source line, read from an rdflib graph."""

    def __init__(self, data: Graph) -> None:
        self.data = data

    def label(self, focus: str) -> str:
        return next((str(o) for o in self.data.objects(URIRef(focus), RDFS.label)
                     if getattr(o, "language", None) == "ko"), "")

    def source_line(self, focus: str) -> int | None:
        lines = [int(str(n)) for span in self.data.objects(URIRef(focus), PROV.wasDerivedFrom)
                 for n in self.data.objects(span, SKG.startLine)]
        return min(lines) if lines else None


class _StoreFocus:
    """The same, read from the Oxigraph store."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def label(self, focus: str) -> str:
        labels = self.store.quads_for_pattern(ox.NamedNode(focus), ox.NamedNode(str(RDFS.label)), None)
        korean = (q.object.value for q in labels if isinstance(q.object, ox.Literal) and q.object.language == "ko")
        return next(korean, "")

    def source_line(self, focus: str) -> int | None:
        start = ox.NamedNode(str(SKG.startLine))
        derived = ox.NamedNode(str(PROV.wasDerivedFrom))
        lines = [int(line.object.value)
                 for span in self.store.quads_for_pattern(ox.NamedNode(focus), derived, None)
                 if not isinstance(span.object, ox.Literal)
                 for line in self.store.quads_for_pattern(span.object, start, None)
                 if isinstance(line.object, ox.Literal)]
        return min(lines) if lines else None


def _pyshacl_findings(data: Graph, shapes: Graph, focus: _RdflibFocus) -> list[Finding]:
    _, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none",
                                  allow_warnings=True, allow_infos=True)
    findings = []
    for result in report.subjects(SH.resultSeverity, None):
        node = str(report.value(result, SH.focusNode))
        findings.append(Finding(
            severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            shape=_shape_name(shapes, report.value(result, SH.sourceShape)),
            focus=node,
            focus_label=focus.label(node),
            path=str(report.value(result, SH.resultPath) or ""),
            message=_english(list(report.objects(result, SH.resultMessage))),
            source_line=focus.source_line(node),
            component=str(report.value(result, SH.sourceConstraintComponent))))
    return findings


def _core_findings(store: ox.Store, shapes: Graph, focus: _StoreFocus) -> list[Finding]:
    """The core (non-SPARQL) shapes, run by the Rust engine `shacl` on the store's triples."""
    core = rust_shacl.Shapes.from_turtle(sparql_constraints.without_sparql(shapes).serialize(format="turtle"))
    # handed over as a file, not a Python string: at 10M triples the string took 41 s and 9.8 GB
    with tempfile.TemporaryDirectory(prefix="seoulkg-validate-") as work:
        triples = Path(work) / "data.nt"
        store.dump(output=str(triples), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        report = core.validate_file(str(triples), inference="none", allow_warnings=True)
    messages = {str(m): m for m in shapes.objects(None, SH.message)}
    findings = []
    for result in report.results:
        node, path, root = (_unbracket(term) for term in (result.focus_node, result.path, result.root_shape))
        shape = root if result.source_shape == result.root_shape else f"{root} {shapes.qname(URIRef(path))}"
        findings.append(Finding(
            severity=result.severity,
            shape=shape,
            focus=node,
            focus_label=focus.label(node),
            path=path,
            message=_english([messages.get(m, Literal(m)) for m in result.messages]),
            source_line=focus.source_line(node),
            component=result.component_iri))
    return findings


def _unbracket(term: str | None) -> str:
    """An IRI as the Rust engine writes it ('<…>'), without its brackets; a blank node as it is."""
    return (term or "").removeprefix("<").removesuffix(">")


def _sparql_finding(shapes: Graph, result: sparql_constraints.SparqlResult, focus: _StoreFocus) -> Finding:
    return Finding(
        severity=str(result.constraint.severity).rsplit("#", 1)[-1],
        shape=_shape_name(shapes, result.constraint.shape),
        focus=result.focus,
        focus_label=focus.label(result.focus),
        path="",
        message=_english(list(result.messages)),
        source_line=focus.source_line(result.focus),
        component=str(SH.SPARQLConstraintComponent))


def _english(messages: Sequence[Node]) -> str:
    ordered = sorted(messages, key=lambda m: (getattr(m, "language", None) != "en", str(m)))
    return str(ordered[0]) if ordered else ""


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    """A node shape's IRI, or for a property shape its node shape's IRI and path."""
    owner = shapes.value(None, SH.property, shape)
    if owner is None:
        return str(shape or "")
    path = shapes.value(shape, SH.path)
    return f"{owner} {shapes.qname(path) if isinstance(path, URIRef) else path}"
