"""The default SHACL engine (the Rust `shacl` package) on the W3C SHACL test suite, core and SPARQL
(tests/w3c-shacl, copied from w3c/data-shapes: see its SOURCE.md), and the project's shapes using only
features that pass there.

A test passes when the engine's results match the manifest's expected report on conformance and on each
result's focus node, path, severity and constraint component (blank nodes compared as blank; messages
and sh:sourceShape not compared), or, for an expected sht:Failure, when the engine refuses the shapes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import shacl as rust_shacl
from rdflib import BNode, Graph, Literal, Namespace
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from seoulkg.paths import SHAPES_DIR

SUITE = Path(__file__).parent / "w3c-shacl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")

# the suite's tests the engine fails (shacl 0.3.4), and why
EXPECTED_FAILURES = {
    # sh:uniqueLang "1"^^xsd:boolean (a non-canonical true) is not read as true
    "core/property/uniqueLang-002",
    # a SELECT the spec says must be refused (it binds a pre-bound variable in a way the engine allows)
    "sparql/pre-binding/unsupported-sparql-004",
}
Key = tuple[str, str, str, str]


def _graph(path: Path) -> Graph:
    return Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())


@cache
def _tests() -> dict[str, tuple[Path, Node]]:
    found = {}
    for path in sorted(SUITE.rglob("*.ttl")):
        if path.name == "manifest.ttl":
            continue
        graph = _graph(path)
        for test in graph.subjects(RDF.type, SHT.Validate):
            found[path.relative_to(SUITE).with_suffix("").as_posix()] = (path, test)
    return found


def _term(node: Node | None) -> str:
    if node is None:
        return ""
    return "_" if isinstance(node, BNode) else node.n3() if isinstance(node, Literal) else str(node)


def _rust_term(text: str | None) -> str:
    text = text or ""
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    return "_" if text.startswith("_:") or (text and not text.startswith('"')) else text


def _run(name: str, tmp: Path) -> tuple[bool, set[Key]] | None:
    """The engine's conformance and results, or None when it refuses the shapes."""
    path, test = _tests()[name]
    manifest = _graph(path)
    action = manifest.value(test, MF.action)
    data, shapes = (_graph(Path(str(manifest.value(action, p)).removeprefix("file://")))
                    for p in (SHT.dataGraph, SHT.shapesGraph))
    triples = tmp / "data.nt"
    triples.write_text(data.serialize(format="nt"), encoding="utf-8")
    try:
        report = rust_shacl.Shapes.from_turtle(shapes.serialize(format="turtle")).validate_file(
            str(triples), inference="none", allow_warnings=True)
    except ValueError:
        return None
    results = {(_rust_term(r.focus_node), _rust_term(r.path), r.severity, r.component_iri.rsplit("#")[-1])
               for r in report.results}
    return not results, results


def _expected(name: str) -> tuple[bool, set[Key]] | None:
    path, test = _tests()[name]
    manifest = _graph(path)
    report = manifest.value(test, MF.result)
    if report == SHT.Failure:
        return None
    conforms = manifest.value(report, SH.conforms)
    results = {(_term(manifest.value(r, SH.focusNode)), _term(manifest.value(r, SH.resultPath)),
                str(manifest.value(r, SH.resultSeverity)).rsplit("#")[-1],
                str(manifest.value(r, SH.sourceConstraintComponent)).rsplit("#")[-1])
               for r in manifest.objects(report, SH.result)}
    return isinstance(conforms, Literal) and conforms.toPython() is True, results


def test_suite_has_the_validate_tests_of_core_and_sparql() -> None:
    names = _tests()
    assert len(names) == 121
    assert sum(n.startswith("core/") for n in names) == 98 and set(names) >= EXPECTED_FAILURES


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True)) if n in EXPECTED_FAILURES
                                  else n for n in sorted(_tests())])
def test_w3c_shacl(name: str, tmp_path: Path) -> None:
    assert _run(name, tmp_path) == _expected(name)


def _shapes_features(graph: Graph) -> set[str]:
    return {str(p).removeprefix(str(SH)) for p in graph.predicates() if str(p).startswith(str(SH))} | {
        str(o).removeprefix(str(SH)) for o in graph.objects(None, RDF.type) if str(o).startswith(str(SH))}


def test_project_shapes_use_only_features_that_pass_in_the_suite() -> None:
    """Every sh: term the project's shapes use appears in the shapes of a test the engine passes, and the
    features of the failing tests are not used the way they fail (uniqueLang only as canonical true)."""
    passing: set[str] = set()
    for name, (path, test) in _tests().items():
        if name not in EXPECTED_FAILURES:
            manifest = _graph(path)
            action = manifest.value(test, MF.action)
            passing |= _shapes_features(_graph(Path(str(manifest.value(action, SHT.shapesGraph))
                                                    .removeprefix("file://"))))
    project = Graph()
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        project.parse(path)
    used = _shapes_features(project)
    assert {"sparql", "qualifiedValueShape", "lessThanOrEquals", "in", "severity", "deactivated"} <= used
    assert used <= passing, sorted(used - passing)
    assert {str(v) for v in project.objects(None, SH.uniqueLang)} == {"true"}
