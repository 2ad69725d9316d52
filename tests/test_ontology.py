"""The ontology, the shapes, the queries and the data agree on their terms."""

from __future__ import annotations

import re

from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from seoulkg.namespaces import SKG
from seoulkg.paths import ONTOLOGY, QUERIES_DIR, REFERENCE_DATA, SHAPES_DIR
from seoulkg.rdf.graph import BuiltGraph

TERM = re.compile(r"(?:skg:|<https://w3id\.org/seoulkg/ontology#)([A-Za-z][A-Za-z0-9]*)")
ID_IRI = re.compile(r"<(https://w3id\.org/seoulkg/id/(?:code|structure)/[^>]*[^>/])>")
PREFIXED_ID = re.compile(r"\b(staff|status|category|structure):([a-z_-]+)\b")
PREFIX_IRIS = {"staff": "https://w3id.org/seoulkg/id/code/staff-type/",
               "status": "https://w3id.org/seoulkg/id/code/audit-status/",
               "category": "https://w3id.org/seoulkg/id/code/audit-category/",
               "structure": "https://w3id.org/seoulkg/id/structure/"}


def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


def _declared() -> set[str]:
    graph = _ontology()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {str(s).removeprefix(str(SKG)) for k in kinds for s in graph.subjects(RDF.type, k)
            if str(s).startswith(str(SKG))}


def _texts() -> dict[str, str]:
    files = [*SHAPES_DIR.glob("*.ttl"), *QUERIES_DIR.glob("*.rq"), *REFERENCE_DATA]
    return {f.name: f.read_text(encoding="utf-8") for f in files}


def test_every_term_used_by_shapes_queries_and_reference_data_is_declared() -> None:
    declared = _declared()
    for name, text in _texts().items():
        used = set(TERM.findall(text))
        assert used <= declared, (name, sorted(used - declared))


def test_every_term_the_data_uses_is_declared(built: BuiltGraph) -> None:
    used = {str(t).removeprefix(str(SKG)) for triple in built.graph for t in triple
            if str(t).startswith(str(SKG))} - {""}  # '' is the namespace itself (void:vocabulary)
    assert used and used <= _declared(), sorted(used - _declared())


def test_every_declared_class_has_a_shape() -> None:
    shapes = Graph()
    for path in SHAPES_DIR.glob("*.ttl"):
        shapes.parse(path)
    targeted = set(shapes.objects(None, SH.targetClass))
    classes = {c for c in _ontology().subjects(RDF.type, OWL.Class) if str(c).startswith(str(SKG))}
    assert classes and classes <= targeted, sorted(map(str, classes - targeted))


def test_every_term_has_korean_and_english_labels_and_a_definition() -> None:
    graph = _ontology()
    for name in _declared():
        term = SKG[name]
        languages = {label.language for label in graph.objects(term, RDFS.label) if isinstance(label, Literal)}
        assert {"ko", "en"} <= languages, name
        assert graph.value(term, SKOS.definition) is not None, name


def test_code_and_structure_iris_in_queries_and_shapes_exist() -> None:
    reference = Graph()
    for path in REFERENCE_DATA:
        reference.parse(path)
    subjects = {str(s) for s in reference.subjects()}
    for name, text in _texts().items():
        iris = set(ID_IRI.findall(text))
        iris |= {PREFIX_IRIS[p] + local for p, local in PREFIXED_ID.findall(text)
                 if f"PREFIX {p}:" in text or f'sh:prefix "{p}"' in text}
        assert iris <= subjects, (name, sorted(iris - subjects))


def test_the_ontology_states_the_package_version() -> None:
    """The version is kept once (pyproject.toml); the ontology's versionInfo and versionIRI must agree with it."""
    import seoulkg

    graph = _ontology()
    ontology = next(graph.subjects(RDF.type, OWL.Ontology))
    assert graph.value(ontology, OWL.versionInfo) == Literal(seoulkg.__version__)
    assert str(graph.value(ontology, OWL.versionIRI)) == f"{ontology}/{seoulkg.__version__}"


def test_every_class_of_the_ontology_has_a_structural_shape() -> None:
    """Every skg: class is the target of a node shape outside the consistency checks."""
    shapes = Graph()
    for path in SHAPES_DIR.glob("*.ttl"):
        if path.name != "consistency.ttl":
            shapes.parse(path)
    targeted = set(shapes.objects(None, SH.targetClass))
    classes = {c for c in _ontology().subjects(RDF.type, OWL.Class) if str(c).startswith(str(SKG))}
    # 18: the stated sums, listed counts, averages and shares (the report's figures about its figures) added four
    assert {SKG.DatedStatement, SKG.StatedCount, SKG.StatedSum} <= classes and len(classes) == 18
    assert classes - targeted == set()
