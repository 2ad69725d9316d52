"""SHACL validation of a built graph (or any RDF files) against shapes/*.ttl, with pyshacl."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SH

from .engine import rdf_format
from .errors import SeoulKGError
from .namespaces import PROV, SKG
from .paths import ONTOLOGY, SHAPES_DIR


@dataclass(frozen=True, order=True)
class Finding:
    severity: str  # Violation, Warning or Info
    shape: str
    focus: str
    focus_label: str
    path: str
    message: str
    source_line: int | None


@dataclass(frozen=True)
class Report:
    conforms: bool  # no Violation (Warnings and Infos allowed)
    findings: tuple[Finding, ...]
    graph: Graph  # the standard SHACL validation report


def parse_files(paths: list[Path]) -> Graph:
    """All files in one rdflib graph; raise SeoulKGError naming the file (and line) that does not parse."""
    graph = Graph()
    for path in paths:
        fmt = rdf_format(path).media_type
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


def validate(paths: list[Path]) -> Report:
    """Validate the files (with the ontology) against every shapes file."""
    data = parse_files([*paths, ONTOLOGY])
    shapes = parse_files(sorted(SHAPES_DIR.glob("*.ttl")))
    _, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none",
                                  allow_warnings=True, allow_infos=True)
    findings = tuple(sorted(_finding(report, shapes, data, r)
                            for r in report.subjects(SH.resultSeverity, None)))
    return Report(not any(f.severity == "Violation" for f in findings), findings, report)


def _finding(report: Graph, shapes: Graph, data: Graph, result: URIRef) -> Finding:
    focus = report.value(result, SH.focusNode)
    messages = sorted(report.objects(result, SH.resultMessage), key=lambda m: (m.language != "en", str(m)))
    label = next((str(o) for o in data.objects(focus, RDFS.label) if getattr(o, "language", None) == "ko"), "")
    return Finding(
        severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
        shape=_shape_name(shapes, report.value(result, SH.sourceShape)),
        focus=str(focus),
        focus_label=label,
        path=str(report.value(result, SH.resultPath) or ""),
        message=str(messages[0]) if messages else "",
        source_line=_source_line(data, focus),
    )


def _shape_name(shapes: Graph, shape: URIRef | None) -> str:
    """A node shape's IRI, or for a property shape its node shape's IRI and path."""
    owner = shapes.value(None, SH.property, shape)
    if owner is None:
        return str(shape or "")
    path = shapes.value(shape, SH.path)
    return f"{owner} {shapes.qname(path) if isinstance(path, URIRef) else path}"


def _source_line(data: Graph, focus: URIRef | None) -> int | None:
    lines = [int(n) for span in data.objects(focus, PROV.wasDerivedFrom)
             for n in data.objects(span, SKG.startLine)]
    return min(lines) if lines else None


def _error_line(exc: Exception) -> str:
    found = re.search(r"line (\d+)", str(exc)) or re.search(r"at line (\d+)", repr(exc))
    return found[1] if found else "?"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
