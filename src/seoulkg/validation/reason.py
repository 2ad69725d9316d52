"""OWL consistency of the ontology plus data, checked by HermiT through owlready2.

HermiT accepts only the OWL 2 datatype map, which lacks xsd:date and rdf:langString; the copy handed to
the reasoner writes dates as xsd:dateTime at midnight and language-tagged ranges as rdf:PlainLiteral.
It also leaves out the Data Cube typing of properties (skg:orgUnit a qb:DimensionProperty), a pun that
owlready2 cannot load. Nothing else changes, so a contradiction HermiT finds is one of the ontology and
the data.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, QB, RDF, XSD

from ..errors import SeoulKGError
from ..paths import ONTOLOGY
from ..store.files import parse_files

LANG_STRING = RDF.langString
PLAIN_LITERAL = URIRef(str(RDF) + "PlainLiteral")


@dataclass(frozen=True)
class Reasoning:
    consistent: bool
    unsatisfiable: tuple[str, ...]  # IRIs of classes that can have no member
    triples: int


def reason(paths: list[Path]) -> Reasoning:
    """Run HermiT over the ontology and the files; raise SeoulKGError when Java or owlready2 is missing."""
    try:
        import owlready2  # slow to import: only here
    except ImportError:
        raise SeoulKGError("the OWL reasoner needs owlready2: pip install 'seoulkg[reason]'") from None
    if shutil.which("java") is None:
        raise SeoulKGError("the OWL reasoner needs Java: run `make setup` (it installs Debian's "
                           "default-jre-headless) or install a JRE")

    logging.getLogger("owlready2").setLevel(logging.ERROR)
    graph = _for_hermit(parse_files([ONTOLOGY, *paths]))
    with tempfile.TemporaryDirectory(prefix="seoulkg-reason-") as directory:
        path = Path(directory) / "input.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        world.get_ontology(path.as_uri()).load()
        try:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return Reasoning(False, (), len(graph))
        except owlready2.OwlReadyJavaError as exc:
            detail = next((line for line in str(exc).splitlines() if "Exception" in line), str(exc)[:200])
            raise SeoulKGError(f"HermiT failed: {detail.strip()}") from None
        unsatisfiable = tuple(sorted(c.iri for c in world.inconsistent_classes() if c is not OWL.Nothing))
    return Reasoning(True, unsatisfiable, len(graph))


def _for_hermit(graph: Graph) -> Graph:
    converted = Graph()
    properties = {s for kind in (OWL.ObjectProperty, OWL.DatatypeProperty) for s in graph.subjects(RDF.type, kind)}
    for subject, predicate, obj in graph:
        if predicate == RDF.type and subject in properties and str(obj).startswith(str(QB)):
            continue
        if isinstance(obj, Literal) and obj.datatype == XSD.date:
            obj = Literal(f"{obj}T00:00:00", datatype=XSD.dateTime)
        elif obj == XSD.date:
            obj = XSD.dateTime
        elif obj == LANG_STRING:
            obj = PLAIN_LITERAL
        converted.add((subject, predicate, obj))
    return converted
