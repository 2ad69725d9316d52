"""Dumps and metadata as served: JSON-LD compacted with the one published context, Turtle with prefixes,
gzip, revalidation, the SPARQL service description and the shapes."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from starlette.testclient import TestClient
from support import isomorphic

from seoulkg.paths import BUILT_GRAPH, SHAPES_DIR, SHIPPED_CONTEXT
from seoulkg.web.app import create_app

SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app([BUILT_GRAPH]))


def test_jsonld_dump_is_compacted_with_the_published_context(client: TestClient) -> None:
    dump = client.get("/dumps/seoulkg.jsonld").json()
    context = client.get("/context.jsonld").json()["@context"]
    assert dump["@context"] == context
    assert context["skg"] == "https://w3id.org/seoulkg/ontology#"
    assert context["dueDate"] == {"@id": "skg:dueDate", "@type": "xsd:date"}
    assert context["auditStatus"] == {"@id": "skg:auditStatus", "@type": "@id"}
    assert context["demand"] == {"@id": "skg:demand", "@container": "@language"}
    assert context["title"] == {"@id": "dcterms:title", "@container": "@language"}
    # a local name two vocabularies share keeps its prefix, unless one of them is the project's own
    assert "schema:description" in context and "dcterms:description" in context
    assert context["startDate"] == {"@id": "skg:startDate", "@type": "xsd:date"} and "schema:startDate" in context
    # the one context: what the site serves is the file the build wrote and the package ships
    assert client.get("/context.jsonld").content == SHIPPED_CONTEXT.read_bytes()
    assert context["label"] == {"@id": "rdfs:label"}  # some labels carry no language: no language map
    item = next(n for n in dump["@graph"] if n["@id"].endswith("2021/correction/14"))
    assert item["auditStatus"] == "https://w3id.org/seoulkg/id/code/audit-status/in_progress"
    assert set(item["demand"]) == {"ko"} and item["demand"]["ko"].startswith("뷰티복합문화공간 조성")
    dataset = next(n for n in dump["@graph"] if n["@id"].endswith("id/dataset/seoulkg"))
    assert dataset["title"]["en"].startswith("seoulkg")


def test_jsonld_expands_to_the_turtle_dumps_triples(client: TestClient) -> None:
    turtle = client.get("/dumps/seoulkg.ttl").text
    assert turtle.startswith("@prefix ") and "@prefix skg: <https://w3id.org/seoulkg/ontology#> ." in turtle
    from_turtle = Graph().parse(data=turtle, format="turtle")
    from_jsonld = Graph().parse(data=client.get("/dumps/seoulkg.jsonld").text, format="json-ld")
    assert len(from_turtle) == len(from_jsonld) > 20_000 and isomorphic(from_turtle, from_jsonld)
    # the dumps are the built graph (as Oxigraph reads it: decimals in canonical form, 10.0 as 10)
    built, served = ox.Store(), ox.Store()
    built.load(path=str(BUILT_GRAPH), format=ox.RdfFormat.TURTLE)
    served.load(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    assert set(served) == set(built)


def test_gzip_on_request_and_gz_dumps(client: TestClient) -> None:
    plain = client.get("/dumps/seoulkg.nt", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    encoded = client.get("/dumps/seoulkg.nt", headers={"Accept-Encoding": "gzip"})
    assert encoded.headers["content-encoding"] == "gzip" and encoded.content == plain.content  # decoded
    assert "Accept-Encoding" in encoded.headers["vary"]
    gz = client.get("/dumps/seoulkg.nt.gz", headers={"Accept-Encoding": "identity"})
    assert gz.headers["content-type"] == "application/gzip" and gzip.decompress(gz.content) == plain.content
    assert len(gz.content) < len(plain.content) / 5
    assert client.get("/dumps/seoulkg.rdf.gz").status_code == 404


def test_revalidation(client: TestClient) -> None:
    first = client.get("/dumps/seoulkg.ttl", headers={"Accept-Encoding": "identity"})
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    again = client.get("/dumps/seoulkg.ttl", headers={"If-None-Match": etag, "Accept-Encoding": "identity"})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get("/dumps/seoulkg.ttl", headers={"If-Modified-Since": modified,
                                                     "Accept-Encoding": "identity"}).status_code == 304
    assert client.get("/dumps/seoulkg.ttl", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get("/dumps/seoulkg.ttl", headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT",
                                                     "Accept-Encoding": "identity"}).status_code == 200
    # the gzipped representation has a validator of its own
    assert client.get("/dumps/seoulkg.ttl", headers={"Accept-Encoding": "gzip"}).headers["etag"] != etag


def test_service_description_on_the_endpoint(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    service = URIRef("https://w3id.org/seoulkg/sparql")
    assert (service, URIRef(SD + "endpoint"), service) in graph
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in graph
    formats = set(graph.objects(service, URIRef(SD + "resultFormat")))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats and len(formats) == 7


def test_shapes_published(client: TestClient) -> None:
    turtle = client.get("/shapes", headers={"Accept": "text/turtle"})
    served = Graph().parse(data=turtle.text, format="turtle")
    shipped = Graph()
    for path in SHAPES_DIR.glob("*.ttl"):
        shipped.parse(path)
    assert isomorphic(served, shipped)
    page = client.get("/shapes", params={"lang": "en"}).text
    assert "ConceptShape" in page and "a concept belongs to exactly one scheme" in page
    korean = client.get("/shapes").text
    assert "개념은 하나의 코드 목록에 속해야 한다" in korean
    assert client.get("/shapes", params={"format": "ttl"}).headers["content-type"].startswith("text/turtle")
