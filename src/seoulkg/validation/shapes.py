"""SHACL validation of a built graph, or of new data (RDF files or filled CSV templates), against shapes/*.ttl.

The ontology, the code lists and the Data Cube structures are loaded with the data; for the "submitted"
profile (data not read from a report text) the shipped graph's units are too, so references to them
resolve, and findings on that reference data are not reported. Each finding says where: the source line
for report-derived data, `file:line` for an RDF file that names the node, `file:row:column` for CSV.

Two engines give the same results. The fast path loads the files into Oxigraph, runs the core shapes
through the Rust engine `shacl` and each SPARQL constraint once over the whole graph on Oxigraph (no
rdflib graph of the data is built: parsing a million triples into rdflib alone takes 27 s). The
reference path (`engine="pyshacl"`) runs everything through pySHACL on an rdflib graph; the tests check
that both agree on the real graph and on every fixture. Either way the report is the standard SHACL
validation report.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import shacl as rust_shacl
from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from ..errors import SeoulKGError
from ..namespaces import PROV, SCHEMA, SKG
from ..paths import BUILT_NTRIPLES, ONTOLOGY, REFERENCE_DATA, SHAPES_DIR
from ..store.files import load_store, parse_files, rdf_format
from . import sparql_constraints
from .inputs import Inputs, read_inputs

ENGINES = ("fast", "pyshacl")
PROFILES = ("report", "submitted")
LANGUAGES = ("ko", "en")
# What the report says about itself (the counts it states, where it contradicts itself, stale plans): findings
# about the report's content. Every other shapes file is structural, about the graph's form; a build checks those.
CONTENT_SHAPES = ("completeness.ttl", "consistency.ttl")


@dataclass(frozen=True, order=True)
class Finding:
    severity: str  # Violation, Warning or Info
    shape: str  # the node shape (and, for a property shape, its path)
    focus: str
    focus_label: str
    path: str
    message: str  # in the language asked for where the shape gives one
    source_line: int | None  # the first source line the focus node was read from
    component: str  # the SHACL constraint component
    value: str = ""  # the offending value (N-Triples term), if the result names one
    where: str = ""  # the source line, file:line or file:row:column (column name)
    graph: str = ""  # in a collection validated part by part, the part's file(s)


@dataclass(frozen=True)
class Report:
    conforms: bool  # no Violation (Warnings and Infos allowed)
    findings: tuple[Finding, ...]
    profile: str = "report"
    lang: str = "en"
    parts: tuple[str, ...] = ()  # a collection's parts (their files), each validated on its own

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
            graph.add((result, SH.focusNode, _term(finding.focus)))
            graph.add((result, SH.sourceConstraintComponent, URIRef(finding.component)))
            graph.add((result, SH.resultMessage, Literal(finding.message, lang=self.lang)))
            if finding.value:
                graph.add((result, SH.value, _term(finding.value)))
            if finding.path:
                graph.add((result, SH.resultPath, URIRef(finding.path)))
            if finding.shape.startswith("http") and " " not in finding.shape:
                graph.add((result, SH.sourceShape, URIRef(finding.shape)))
        return graph


def shapes_graph(profile: str = "report", *, structural: bool = False) -> Graph:
    """Every shapes file (only the structural ones if asked); for "submitted" the source-span requirements are
    left out and the deactivated submitted-data shapes switched on."""
    shapes = parse_files(sorted(SHAPES_DIR.glob("*.ttl")))
    if structural:  # the content files' shapes go; their prefix declarations stay (other files' SPARQL uses them)
        content = parse_files([SHAPES_DIR / name for name in CONTENT_SHAPES])
        for shape in set(content.subjects(RDF.type, SH.NodeShape)):
            for part in [*shapes.objects(shape, SH.property), *shapes.objects(shape, SH.sparql)]:
                shapes.remove((part, None, None))
            shapes.remove((shape, None, None))
    deactivated = set(shapes.subjects(SH.deactivated, Literal(True)))
    if profile == "submitted":
        for shape in deactivated:
            shapes.remove((shape, SH.deactivated, None))
        for owner, prop in list(shapes.subject_objects(SH.property)):
            qualified = shapes.value(prop, SH.qualifiedValueShape)
            if qualified is not None and shapes.value(qualified, SH["class"]) == SKG.SourceSpan:
                shapes.remove((owner, SH.property, prop))
    else:
        for shape in deactivated:
            for prop in list(shapes.objects(shape, SH.property)):
                shapes.remove((prop, None, None))
            shapes.remove((shape, None, None))
    return shapes


def validate(paths: list[Path], engine: str = "fast", *, lang: str = "en", profile: str | None = None,
             structural: bool = False) -> Report:
    """Validate the files (RDF or filled CSV templates, with the ontology and the reference data) against
    the shapes of the profile (only the structural shapes if asked); without a profile, "report" if the data
    cites source spans, else "submitted"."""
    return validate_graph(paths, engine, lang=lang, profile=profile, structural=structural)[0]


def validate_graph(paths: list[Path], engine: str = "fast", *, lang: str = "en", profile: str | None = None,
                   structural: bool = False, located_in: list[Path] | None = None) -> tuple[Report, frozenset[str]]:
    """`validate`, and the reports (`schema:Report`s, the source texts) the data was read from. A finding's
    file position is looked up in `located_in` if given (the file a part was split from), else in `paths`."""
    # an ill-typed value (the date 2023-02-30) is a finding of the shapes; rdflib would also log it with a traceback
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    inputs = read_inputs(paths)
    store = load_store(inputs.rdf_paths)
    for converted in inputs.converted:
        store.load(converted.graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    reports = frozenset(q.subject.value for q in store.quads_for_pattern(
        None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SCHEMA.Report))) if isinstance(q.subject, ox.NamedNode))
    if profile is None:
        profile = "report" if store.query(f"ASK {{ ?s a <{SKG.SourceSpan}> }}") else "submitted"
    prepared = _prepared(profile, structural)
    reference_only = {s for s in prepared.reference_subjects
                      if not any(store.quads_for_pattern(ox.NamedNode(s), None, None))}
    store.load(prepared.reference_ntriples, format=ox.RdfFormat.N_TRIPLES)
    shapes = prepared.shapes
    if engine == "pyshacl":
        data = parse_files([*inputs.rdf_paths, ONTOLOGY])
        data += prepared.reference  # in place: `+` would copy the data graph (a second per report)
        for converted in inputs.converted:
            data += converted.graph
        findings = _pyshacl_findings(_QueriesParsedOnce(data), shapes, _RdflibFocus(data), lang)
    else:
        focus = _StoreFocus(store)
        lone = inputs.rdf_paths[0] if len(inputs.rdf_paths) == 1 and not inputs.converted else None
        ntriples = lone if lone is not None and rdf_format(lone) == ox.RdfFormat.N_TRIPLES else None
        findings = _core_findings(store, prepared, focus, lang, ntriples)
        for constraint in prepared.constraints:
            findings += [_sparql_finding(shapes, r, focus, lang) for r in sparql_constraints.run(store, constraint)]
    findings += _literals_for_resources(store, prepared.resource_paths, lang)
    where = read_inputs(located_in) if located_in else inputs
    kept = [_located(_explained(f, lang), where, profile) for f in findings
            if f.focus not in reference_only and not f.focus.startswith('"')]
    ordered = tuple(sorted(set(kept)))
    return Report(not any(f.severity == "Violation" for f in ordered), ordered, profile, lang), reports


@dataclass(frozen=True)
class _Prepared:
    """What validating with a profile needs besides the data, made once per process (about a second's work:
    parsing the shapes and the code lists), so a collection validated report by report pays it once."""

    shapes: Graph
    core: rust_shacl.Shapes  # the core shapes, compiled by the Rust engine
    messages: dict[str, Literal]  # every sh:message by its text (the Rust engine gives the text)
    constraints: tuple[sparql_constraints.SparqlConstraint, ...]
    reference: Graph
    reference_ntriples: bytes
    context_ntriples: bytes  # the ontology and the reference data: what the store holds besides the data
    reference_subjects: frozenset[str]
    resource_paths: tuple[str, ...]  # paths whose values must be resources (see _literals_for_resources)


@functools.cache
def _prepared(profile: str, structural: bool = False) -> _Prepared:
    shapes = shapes_graph(profile, structural=structural)
    reference = _reference_data(profile)
    reference_ntriples = reference.serialize(format="nt", encoding="utf-8")
    core = rust_shacl.Shapes.from_turtle(sparql_constraints.without_sparql(shapes).serialize(format="turtle"))
    return _Prepared(
        shapes=shapes, core=core, messages={str(m): m for m in shapes.objects(None, SH.message)
                                            if isinstance(m, Literal)},
        constraints=tuple(sparql_constraints.constraints(shapes)), reference=reference,
        reference_ntriples=reference_ntriples,
        context_ntriples=_context_ntriples(reference_ntriples),
        reference_subjects=frozenset(str(s) for s in reference.subjects() if isinstance(s, URIRef)),
        resource_paths=_resource_paths(shapes))


def _context_ntriples(reference_ntriples: bytes) -> bytes:
    """The ontology and the reference data as N-Triples (Oxigraph's blank node labels are random 128-bit
    numbers, so they cannot meet a data file's labels in one file)."""
    store = load_store([])
    store.load(reference_ntriples, format=ox.RdfFormat.N_TRIPLES)
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""


def _reference_data(profile: str) -> Graph:
    """The code lists and structures; for submitted data also the shipped graph's units (type and names)."""
    reference = parse_files(list(REFERENCE_DATA))
    if profile == "submitted":
        built = ox.Store()
        built.bulk_load(path=str(BUILT_NTRIPLES), format=ox.RdfFormat.N_TRIPLES)
        units = built.query("""PREFIX org: <http://www.w3.org/ns/org#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            CONSTRUCT { ?unit a ?type ; rdfs:label ?label ; org:classification ?kind }
            WHERE { VALUES ?type { org:OrganizationalUnit org:FormalOrganization }
                    ?unit a ?type ; rdfs:label ?label ; org:classification ?kind }""")
        assert isinstance(units, ox.QueryTriples)
        reference.parse(data=units.serialize(format=ox.RdfFormat.N_TRIPLES), format="nt")
    return reference


def _resource_paths(shapes: Graph) -> tuple[str, ...]:
    """The paths the shapes give a class, a code list (a list of IRIs) or sh:nodeKind sh:IRI."""
    return tuple(sorted({str(p) for p in shapes.objects(None, SH.path) if isinstance(p, URIRef)
                         for shape in shapes.subjects(SH.path, p)
                         if (shape, SH["class"], None) in shapes or (shape, SH.nodeKind, SH.IRI) in shapes
                         or any(isinstance(member, URIRef) for listed in shapes.objects(shape, SH["in"])
                                for member in Collection(shapes, listed))}))


def _literals_for_resources(store: ox.Store, wanted: Sequence[str], lang: str) -> list[Finding]:
    """Text where a resource is expected (on the paths `_resource_paths` gives), reported on the subject
    that holds it."""
    found = []
    labels = _StoreFocus(store)
    for name in wanted:
        for quad in store.quads_for_pattern(None, ox.NamedNode(name), None):
            if isinstance(quad.object, ox.Literal) and isinstance(quad.subject, ox.NamedNode):
                text = quad.object.value
                messages = [Literal(f"{name}의 값은 자원(IRI)이어야 하는데 글자 \"{text}\"이다", lang="ko"),
                            Literal(f"{name} expects a resource (an IRI), not the text \"{text}\"", lang="en")]
                focus = quad.subject.value
                found.append(Finding("Violation", "input: a resource expected", focus, labels.label(focus), name,
                                     _in_language(messages, lang), labels.source_line(focus),
                                     str(SH.NodeKindConstraintComponent), str(quad.object)))
    return found


def _explained(finding: Finding, lang: str) -> Finding:
    """A datatype finding also says that the value is not of the datatype (e.g. the date 2023-02-30)."""
    if not finding.component.endswith("DatatypeConstraintComponent") or not finding.value.startswith('"'):
        return finding
    note = (f" (값 {finding.value}은 형식에 맞지 않는다)" if lang == "ko"
            else f" (the value {finding.value} is not of the required datatype)")
    return dataclasses.replace(finding, message=finding.message + note)


def _located(finding: Finding, inputs: Inputs, profile: str) -> Finding:
    """The finding with where it is: the source line (report profile), else the file position of the node."""
    if profile == "report" and finding.source_line:
        where = f"line {finding.source_line}"
    else:
        where = inputs.where(finding.focus, finding.path) or (
            f"line {finding.source_line}" if finding.source_line else "")
    return dataclasses.replace(finding, where=where)


def _term(text: str) -> Node:
    """An N-Triples-like term as the findings keep it (an IRI bare, a literal in N-Triples) as an rdflib node."""
    if text.startswith('"'):
        parsed = Graph().parse(data=f"<urn:x:s> <urn:x:p> {text} .", format="nt")
        return next(iter(parsed.objects()))
    return BNode(text[2:]) if text.startswith("_:") else URIRef(text)


class _QueriesParsedOnce(Graph):
    """The data graph (sharing its store) with each distinct SPARQL text parsed once. pySHACL sends a
    constraint's query as text once per focus node, and rdflib parses text on every call: on the built graph
    that parsing was two thirds of pySHACL's time. The prepared query is what rdflib makes of the same text
    with the same namespaces, so the results are the same."""

    def __init__(self, data: Graph) -> None:
        super().__init__(store=data.store, identifier=data.identifier)
        self._prepared: dict[str, Query] = {}

    def query(self, query_object: str | Query, processor: Any = "sparql", result: Any = "sparql",
              initNs: Any = None, initBindings: Any = None, *args: Any, **kwargs: Any) -> Result:
        if isinstance(query_object, str) and processor == "sparql" and not initNs and not kwargs:
            if query_object not in self._prepared:
                self._prepared[query_object] = prepareQuery(query_object, initNs=dict(self.namespaces()))
            query_object = self._prepared[query_object]
        return super().query(query_object, processor, result, initNs, initBindings, *args, **kwargs)


class _RdflibFocus:
    """A focus node's Korean label and first source line, read from an rdflib graph."""

    def __init__(self, data: Graph) -> None:
        self.data = data

    def label(self, focus: str) -> str:
        if not _is_iri(focus):
            return ""
        return next((str(o) for o in self.data.objects(URIRef(focus), RDFS.label)
                     if getattr(o, "language", None) == "ko"), "")

    def source_line(self, focus: str) -> int | None:
        if not _is_iri(focus):
            return None
        lines = [int(str(n)) for span in self.data.objects(URIRef(focus), PROV.wasDerivedFrom)
                 for n in self.data.objects(span, SKG.startLine)]
        return min(lines) if lines else None


class _StoreFocus:
    """The same, read from the Oxigraph store."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def label(self, focus: str) -> str:
        if not _is_iri(focus):
            return ""
        labels = self.store.quads_for_pattern(ox.NamedNode(focus), ox.NamedNode(str(RDFS.label)), None)
        korean = (q.object.value for q in labels if isinstance(q.object, ox.Literal) and q.object.language == "ko")
        return next(korean, "")

    def source_line(self, focus: str) -> int | None:
        if not _is_iri(focus):
            return None
        start = ox.NamedNode(str(SKG.startLine))
        derived = ox.NamedNode(str(PROV.wasDerivedFrom))
        lines = [int(line.object.value)
                 for span in self.store.quads_for_pattern(ox.NamedNode(focus), derived, None)
                 if not isinstance(span.object, ox.Literal)
                 for line in self.store.quads_for_pattern(span.object, start, None)
                 if isinstance(line.object, ox.Literal)]
        return min(lines) if lines else None


def _is_iri(focus: str) -> bool:
    return not focus.startswith(('"', "_:"))


def _text(node: Node | None) -> str:
    """A term as findings keep it: an IRI bare, a literal or blank node in N-Triples."""
    if node is None:
        return ""
    return str(node) if isinstance(node, URIRef) else node.n3()


def _pyshacl_findings(data: Graph, shapes: Graph, focus: _RdflibFocus, lang: str) -> list[Finding]:
    try:
        _, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none",
                                      allow_warnings=True, allow_infos=True)
    except Exception as exc:  # pySHACL fails on some ill-typed values (e.g. comparing the date 2023-02-30)
        raise SeoulKGError(f"the reference engine (pySHACL) cannot validate this data: {exc}; "
                           "the default engine (--engine fast) reports it") from None
    findings = []
    for result in report.subjects(SH.resultSeverity, None):
        node = _text(report.value(result, SH.focusNode))
        findings.append(Finding(
            severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            shape=_shape_name(shapes, report.value(result, SH.sourceShape)),
            focus=node,
            focus_label=focus.label(node),
            path=str(report.value(result, SH.resultPath) or ""),
            message=_in_language(list(report.objects(result, SH.resultMessage)), lang),
            source_line=focus.source_line(node),
            component=str(report.value(result, SH.sourceConstraintComponent)),
            # pySHACL gives a SPARQL result without ?value the focus node as its value; the fast path none
            value="" if report.value(result, SH.sourceConstraintComponent) == SH.SPARQLConstraintComponent
            and _text(report.value(result, SH.value)) == node else _text(report.value(result, SH.value))))
    return findings


def _core_findings(store: ox.Store, prepared: _Prepared, focus: _StoreFocus, lang: str,
                   ntriples: Path | None = None) -> list[Finding]:
    """The core (non-SPARQL) shapes, run by the Rust engine `shacl` on the store's triples (given a data
    file in N-Triples, that file followed by the ontology and reference data: the same triples, written in
    a tenth of the time of a dump of the store)."""
    # handed over as a file, not a Python string: at 10M triples the string took 41 s and 9.8 GB
    with tempfile.TemporaryDirectory(prefix="seoulkg-validate-") as work:
        triples = Path(work) / "data.nt"
        report = None
        if ntriples is not None:
            with triples.open("wb") as out, ntriples.open("rb") as data:
                shutil.copyfileobj(data, out)
                out.write(b"\n" + prepared.context_ntriples)
            try:
                report = prepared.core.validate_file(str(triples), inference="none", allow_warnings=True)
            except ValueError:  # a file Oxigraph read and the engine's parser cannot: the store's own dump then
                report = None
        if report is None:
            store.dump(output=str(triples), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            report = prepared.core.validate_file(str(triples), inference="none", allow_warnings=True)
    shapes, messages = prepared.shapes, prepared.messages
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
            message=_in_language([messages.get(m, Literal(m)) for m in result.messages], lang),
            source_line=focus.source_line(node),
            component=result.component_iri,
            value=_unbracket(result.value)))
    return findings


def _unbracket(term: str | None) -> str:
    """An IRI as the Rust engine writes it ('<…>'), without its brackets; a blank node as it is."""
    term = term or ""
    return term[1:-1] if term.startswith("<") and term.endswith(">") else term


def _sparql_finding(shapes: Graph, result: sparql_constraints.SparqlResult, focus: _StoreFocus,
                    lang: str) -> Finding:
    return Finding(
        severity=str(result.constraint.severity).rsplit("#", 1)[-1],
        shape=_shape_name(shapes, result.constraint.shape),
        focus=result.focus,
        focus_label=focus.label(result.focus),
        path=result.path,
        message=_in_language(list(result.messages), lang),
        source_line=focus.source_line(result.focus),
        component=str(SH.SPARQLConstraintComponent))


def _in_language(messages: Sequence[Node], lang: str) -> str:
    """The message in the language asked for; else the English one; else any."""
    ordered = sorted(messages, key=lambda m: (getattr(m, "language", None) != lang,
                                              getattr(m, "language", None) != "en", str(m)))
    return str(ordered[0]) if ordered else ""


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    """A shape's IRI (a node shape, or a named property shape that several node shapes reference), or for a
    blank property shape its node shape's IRI and path."""
    owner = shapes.value(None, SH.property, shape)
    if owner is None or isinstance(shape, URIRef):
        return str(shape or "")
    path = shapes.value(shape, SH.path)
    return f"{owner} {shapes.qname(path) if isinstance(path, URIRef) else path}"
