"""SHACL validation of a built graph (or any RDF files) against shapes/*.ttl.

Two engines give the same results: the fast path runs the core shapes through pySHACL and each SPARQL
constraint once over the whole graph on Oxigraph; the reference path (`engine="pyshacl"`) runs
everything through pySHACL. Either way the report is the standard SHACL validation report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from . import sparql_constraints
from .engine import rdf_format
from .errors import SeoulKGError
from .namespaces import PROV, SKG
from .paths import ONTOLOGY, SHAPES_DIR

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


def parse_files(paths: list[Path]) -> Graph:
    """All files in one rdflib graph; raise SeoulKGError naming the file (and line) that does not parse."""
    graph = Graph()
    for path in paths:
        fmt = rdf_format(path).media_type
        # N-Triples is a subset of Turtle, and rdflib's Turtle parser is linear where its N-Triples parser
        # slows down on long literals (measured: 6.5 s for a literal of a million characters, against 0.02 s)
        fmt = "text/turtle" if fmt == "application/n-triples" else fmt
        try:
            graph.parse(path, format=fmt)
        except FileNotFoundError:
            raise SeoulKGError(f"{path}: file not found") from None
        except UnicodeDecodeError as exc:
            raise SeoulKGError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        except OSError as exc:
            raise SeoulKGError(f"{path}: cannot read: {exc.strerror or exc}") from None
        except Exception as exc:  # rdflib's parsers raise many types; all mean the file is malformed
            raise SeoulKGError(f"{path}:{_error_line(exc)}: not valid {fmt}: {_first_line(exc)}") from None
    return graph


def shapes_graph() -> Graph:
    return parse_files(sorted(SHAPES_DIR.glob("*.ttl")))


def validate(paths: list[Path], engine: str = "fast") -> Report:
    """Validate the files (with the ontology) against every shapes file."""
    data = parse_files([*paths, ONTOLOGY])
    shapes = shapes_graph()
    if engine == "pyshacl":
        findings = _pyshacl_findings(data, shapes, shapes)
    else:
        findings = _pyshacl_findings(data, sparql_constraints.without_sparql(shapes), shapes)
        store = ox.Store()
        store.extend(ox.Quad(*map(_ox_term, triple)) for triple in data)
        for constraint in sparql_constraints.constraints(shapes):
            findings += [_sparql_finding(data, shapes, r) for r in sparql_constraints.run(store, constraint)]
    ordered = tuple(sorted(set(findings)))
    return Report(not any(f.severity == "Violation" for f in ordered), ordered)


def _pyshacl_findings(data: Graph, shapes: Graph, described: Graph) -> list[Finding]:
    _, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none",
                                  allow_warnings=True, allow_infos=True)
    findings = []
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        findings.append(Finding(
            severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            shape=_shape_name(described, report.value(result, SH.sourceShape)),
            focus=str(focus),
            focus_label=_label(data, focus),
            path=str(report.value(result, SH.resultPath) or ""),
            message=_english(list(report.objects(result, SH.resultMessage))),
            source_line=_source_line(data, focus),
            component=str(report.value(result, SH.sourceConstraintComponent))))
    return findings


def _sparql_finding(data: Graph, shapes: Graph, result: sparql_constraints.SparqlResult) -> Finding:
    focus = URIRef(result.focus)
    return Finding(
        severity=str(result.constraint.severity).rsplit("#", 1)[-1],
        shape=_shape_name(shapes, result.constraint.shape),
        focus=result.focus,
        focus_label=_label(data, focus),
        path="",
        message=_english(list(result.messages)),
        source_line=_source_line(data, focus),
        component=str(SH.SPARQLConstraintComponent))


def _ox_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)


def _english(messages: list[Literal]) -> str:
    ordered = sorted(messages, key=lambda m: (getattr(m, "language", None) != "en", str(m)))
    return str(ordered[0]) if ordered else ""


def _label(data: Graph, focus: Node | None) -> str:
    return next((str(o) for o in data.objects(focus, RDFS.label) if getattr(o, "language", None) == "ko"), "")


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    """A node shape's IRI, or for a property shape its node shape's IRI and path."""
    owner = shapes.value(None, SH.property, shape)
    if owner is None:
        return str(shape or "")
    path = shapes.value(shape, SH.path)
    return f"{owner} {shapes.qname(path) if isinstance(path, URIRef) else path}"


def _source_line(data: Graph, focus: Node | None) -> int | None:
    lines = [int(n) for span in data.objects(focus, PROV.wasDerivedFrom)
             for n in data.objects(span, SKG.startLine)]
    return min(lines) if lines else None


def _error_line(exc: Exception) -> str:
    found = re.search(r"line (\d+)", str(exc)) or re.search(r"at line (\d+)", repr(exc))
    return found[1] if found else "?"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
