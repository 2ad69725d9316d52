"""The dataset's VoID/DCAT description against the official DCAT-AP 3.0.0 shapes (tests/dcat-ap/), with
RDFS inference, as pySHACL runs them: no violation, and of the recommended properties only those nothing
states are missing. Its triple count is the dumps'."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH, VOID

from seoulkg.paths import DATA_DIR

SHAPES = Path(__file__).parent / "dcat-ap"
DATA = DATA_DIR
KG = URIRef("https://w3id.org/seoulkg/id/dataset/seoulkg")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
# recommended properties the report and the project do not state (README, "Dataset description")
UNSTATED = {("https://sws.geonames.org/1835848/", str(DCAT.bbox)),
            ("https://sws.geonames.org/1835848/", str(DCAT.centroid)),
            ("https://w3id.org/seoulkg/id/agent/seoulkg-project", str(DCT.type)),
            ("https://creativecommons.org/licenses/by/4.0/", str(DCT.type))}


def dcat_ap_results(data: Graph) -> list[tuple[str, str, str]]:
    """(severity, focus node, path) of every result of the DCAT-AP 3.0.0 shapes on `data`."""
    shapes = Graph()
    for name in ("shapes.ttl", "range.ttl", "shapes_recommended.ttl"):
        shapes.parse(SHAPES / name, format="turtle")
    ranges = Graph().parse(SHAPES / "vocabulary-ranges.ttl", format="turtle")
    _, report, _ = validate(data, shacl_graph=shapes, ont_graph=ranges, inference="rdfs")
    return sorted((str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1], str(report.value(r, SH.focusNode)),
                   str(report.value(r, SH.resultPath))) for r in report.subjects(SH.focusNode, None))


@pytest.fixture(scope="module")
def built() -> Graph:
    return Graph().parse(DATA / "seoulkg.ttl", format="turtle")


# the official shapes run by pySHACL with RDFS inference over the whole dump: the slow tier
@pytest.mark.slow
@pytest.mark.runs_long
def test_the_description_passes_dcat_ap(built: Graph) -> None:
    results = dcat_ap_results(built)
    assert [r for r in results if r[0] != "Warning"] == []
    assert {(focus, path) for _, focus, path in results} == UNSTATED


def test_the_description_has_what_the_issue_found_missing(built: Graph) -> None:
    distributions = set(built.objects(KG, DCAT.distribution))
    assert len(distributions) == 4  # three dumps and the SPARQL endpoint
    for distribution in distributions:
        assert built.value(distribution, DCAT.accessURL) and built.value(distribution, DCT.license)
    assert {str(m) for d in distributions for m in built.objects(d, DCAT.mediaType)} == {
        "http://www.iana.org/assignments/media-types/text/turtle",
        "http://www.iana.org/assignments/media-types/application/n-triples",
        "http://www.iana.org/assignments/media-types/application/ld+json"}
    service = URIRef("https://w3id.org/seoulkg/sparql")
    assert Literal("seoulkg SPARQL endpoint", lang="en") in set(built.objects(service, DCT.title))
    assert len([t for t in built.objects(KG, DCT.title) if getattr(t, "language", None) == "en"]) == 1
    assert {getattr(d, "language", None) for d in built.objects(KG, DCT.description)} == {"ko", "en"}
    assert built.value(KG, DCT.source) is None  # the report is prov:wasDerivedFrom (dct:source wants a dataset)


@pytest.mark.parametrize("name", ["seoulkg.ttl", "seoulkg.nt", "seoulkg.jsonld"])
def test_the_triple_count_is_the_dumps(name: str) -> None:
    dump = set(ox.parse(path=DATA / name, format=ox.RdfFormat.from_extension(name.rsplit(".", 1)[1])))
    (count,) = (t.object for t in dump
                if t.subject == ox.NamedNode(str(KG)) and t.predicate == ox.NamedNode(str(VOID.triples)))
    assert isinstance(count, ox.Literal) and int(count.value) == len(dump)


# the official shapes run by pySHACL with RDFS inference over the whole dump: the slow tier
@pytest.mark.slow
@pytest.mark.runs_long
def test_the_served_description_passes_dcat_ap() -> None:
    """/.well-known/void as a portal harvests it: the same description, with the service description."""
    from starlette.testclient import TestClient

    from seoulkg.web.app import create_app

    client = TestClient(create_app([DATA / "seoulkg.ttl"], base="https://data.example.kr/seoul/"))
    served = Graph().parse(data=client.get("/.well-known/void", headers={"Accept": "text/turtle"}).text,
                           format="turtle")
    results = dcat_ap_results(served)
    assert [r for r in results if r[0] != "Warning"] == []
    assert {(focus, path) for _, focus, path in results} == {
        (focus.replace("https://w3id.org/seoulkg/id/", "https://data.example.kr/seoul/id/"), path)
        for focus, path in UNSTATED}
    assert str(served.value(URIRef("https://data.example.kr/seoul/id/dataset/seoulkg"), VOID.uriSpace)) == \
        "https://data.example.kr/seoul/id/"
