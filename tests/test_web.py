"""`seoulkg serve`: the SPARQL 1.1 Protocol, the canned-query API, linked-data pages, dumps and VoID."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from starlette.testclient import TestClient
from support import free_port, running, site_of

from seoulkg.paths import BUILT_GRAPH
from seoulkg.queries.canned import catalogue
from seoulkg.web import endpoint
from seoulkg.web.app import create_app
from seoulkg.web.endpoint import HttpError, Limits, SparqlService
from seoulkg.web.workers import Outcome, Request

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
UNIT = "https://w3id.org/seoulkg/id/unit/economic-policy-division"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app([BUILT_GRAPH])) as app:
        yield app


def _count(response) -> int:
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
])
def test_select_in_every_result_format(client: TestClient, store: ox.Store, accept: str, media: str) -> None:
    response = client.get("/sparql", params={"query": COUNT}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    # the graph's triples with the ontology the site serves too (26,787 since the audit answers' tables and
    # the facility groups were read; the graph alone 25,927), in every format
    assert str(len(store)) in response.text and len(store) > 25_000


def test_get_post_form_and_direct_post_agree(client: TestClient) -> None:
    get = client.get("/sparql", params={"query": COUNT, "format": "json"})
    form = client.post("/sparql", data={"query": COUNT}, headers={"Accept": "application/sparql-results+json"})
    direct = client.post("/sparql", content=COUNT, headers={"Content-Type": "application/sparql-query",
                                                             "Accept": "application/sparql-results+json"})
    assert _count(get) == _count(form) == _count(direct) > 20_000


@pytest.mark.parametrize("name, media", [("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                                         ("nt", "application/n-triples")])
def test_construct_as_graph_formats(client: TestClient, name: str, media: str) -> None:
    query = f"CONSTRUCT {{ <{UNIT}> ?p ?o }} WHERE {{ <{UNIT}> ?p ?o }}"
    response = client.get("/sparql", params={"query": query, "format": name})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    graph = Graph().parse(data=response.text, format={"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}[name])
    assert len(graph) > 10 and any("경제정책과" in str(o) for o in graph.objects())


@pytest.mark.parametrize("request_kwargs", [
    {"method": "GET", "url": "/sparql", "params": {"update": "DROP ALL"}},
    {"method": "POST", "url": "/sparql", "data": {"update": "DROP ALL"}},
    {"method": "POST", "url": "/sparql", "content": "DROP ALL",
     "headers": {"Content-Type": "application/sparql-update"}},
    {"method": "POST", "url": "/sparql", "content": "INSERT DATA { <a:b> <a:c> <a:d> }",
     "headers": {"Content-Type": "application/sparql-query"}},
    {"method": "GET", "url": "/sparql", "params": {"query": "PREFIX x: <a:> DELETE WHERE { ?s ?p ?o }"}},
])
def test_updates_are_refused(client: TestClient, request_kwargs: dict) -> None:
    before = _count(client.get("/sparql", params={"query": COUNT, "format": "json"}))
    response = client.request(**request_kwargs)
    assert response.status_code == 403 and "read-only" in response.text
    assert _count(client.get("/sparql", params={"query": COUNT, "format": "json"})) == before


@pytest.fixture(scope="module")
def limited() -> Iterator[TestClient]:
    with TestClient(create_app([BUILT_GRAPH], limits=Limits(timeout=0.5, max_results=100,
                                                            max_query_bytes=4096))) as app:
        yield app


def test_time_limit_and_result_cap(limited: TestClient) -> None:
    slow = limited.get("/sparql", params={"query": CARTESIAN})
    assert slow.status_code == 503 and "time limit of 0.5 s" in slow.text
    big = limited.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert big.status_code == 413 and "cap of 100" in big.text
    assert limited.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"}).status_code == 200


def test_a_query_past_its_limit_is_killed_while_others_are_served(limited: TestClient) -> None:
    """The cartesian query's worker process is killed and replaced; meanwhile the other worker answers."""
    site = site_of(limited)

    def pids() -> set[int]:
        return {w.pid for w in list(site.service.pool.idle)}

    wait_for(lambda: len(pids()) == 2)
    before = pids()
    other = TestClient(limited.app, client=("198.51.100.7", 50000))  # another client than the slow one's
    with ThreadPoolExecutor(1) as runner:
        slow = runner.submit(limited.get, "/sparql", params={"query": CARTESIAN})
        answered = [other.get("/api/staffing", params={"format": "json"}) for _ in range(5)]
        assert slow.result().status_code == 503
    assert [(r.status_code, r.text[:200]) for r in answered if r.status_code != 200] == []
    assert all(len(r.json()["results"]["bindings"]) == 13 for r in answered)
    wait_for(lambda: len(pids()) == 2 and pids() != before)
    killed = before - pids()
    assert len(killed) == 1
    wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in killed))  # killed, and reaped


@pytest.mark.parametrize("query, status, text", [
    ("SELECT * WHERE " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000, 413, "exceeds 4096 bytes"),
    ("SELECT * WHERE " + "{" * 1_000 + " ?s ?p ?o " + "}" * 1_000, 400, "nests more than 64 levels deep"),
    ("SELECT * WHERE { FILTER(" + "(" * 100 + "1" + ")" * 100 + ") }", 400, "nests more than 64 levels"),
])
def test_oversized_and_deeply_nested_queries_are_refused(limited: TestClient, query: str, status: int,
                                                         text: str) -> None:
    for response in (limited.get("/sparql", params={"query": query}),
                     limited.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})):
        assert response.status_code == status and text in response.text
    assert limited.get("/api/staffing", params={"format": "csv"}).status_code == 200


def test_a_worker_that_dies_is_replaced(limited: TestClient) -> None:
    site = site_of(limited)
    wait_for(lambda: len(site.service.pool.idle) == 2)
    victim = site.service.pool.idle[0].pid
    os.kill(victim, signal.SIGKILL)
    wait_for(lambda: not Path(f"/proc/{victim}").exists())
    # distinct queries, so that none is answered from the cache
    statuses = [limited.get("/sparql", params={"query": f"SELECT ({n} AS ?n) WHERE {{}}"}).status_code
                for n in range(4)]
    assert statuses == [200] * 4  # the dead worker is found before a query is given to it
    wait_for(lambda: len(site.service.pool.idle) == 2)
    assert victim not in {w.pid for w in site.service.pool.idle}
    assert limited.get("/api/staffing", params={"format": "csv"}).status_code == 200


class HeldPool:
    """A stand-in for the worker pool: counts the queries it is given and answers them when released."""

    def __init__(self, outcome: Outcome) -> None:
        self.outcome, self.calls, self.release = outcome, 0, threading.Event()

    def run(self, request: Request, timeout: float, client: str = "") -> Outcome:
        self.calls += 1
        assert self.release.wait(30)
        return self.outcome


@pytest.mark.parametrize("outcome, expected", [
    ((200, b"answer", "text/csv"), (b"answer", "text/csv")),
    ((400, "malformed query: at line 1", ""), (400, "malformed query: at line 1")),
])
def test_a_crowd_asking_one_uncached_query_costs_one_evaluation(monkeypatch: pytest.MonkeyPatch, outcome,
                                                                expected) -> None:
    pool = HeldPool(outcome)
    monkeypatch.setattr(endpoint, "Pool", lambda *args: pool)
    service = SparqlService(Path("unused.nt"), Limits())

    arrived = []

    def ask() -> tuple:
        arrived.append(1)
        try:
            return service.answer("SELECT * WHERE { ?s ?p ?o }", None, "csv")
        except HttpError as exc:
            return exc.status, exc.message

    with ThreadPoolExecutor(8) as crowd:
        answers = [crowd.submit(ask) for _ in range(8)]
        wait_for(lambda: pool.calls >= 1 and len(arrived) == 8)
        time.sleep(0.3)  # the last to arrive reach the running answer while the first is held
        pool.release.set()
        assert [a.result() for a in answers] == [expected] * 8
    assert pool.calls == 1 and service.running == {}


def wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


@pytest.mark.parametrize("params, status, text", [
    ({"query": "SELEC * WHERE {}"}, 400, "malformed query"),
    ({"query": COUNT, "format": "yaml"}, 406, "format 'yaml' is not offered"),
])
def test_bad_requests(client: TestClient, params: dict, status: int, text: str) -> None:
    response = client.get("/sparql", params=params)
    assert response.status_code == status and text in response.text


def test_query_page_lists_canned_queries(client: TestClient) -> None:
    page = client.get("/sparql", headers={"Accept": "text/html"}).text
    assert "<textarea" in page and all(name in page for name in catalogue())


def test_dereferencing_a_thing_redirects_to_its_document(client: TestClient) -> None:
    for accept, extension in (("text/html", "html"), ("text/turtle", "ttl"), ("application/ld+json", "jsonld"),
                              ("application/n-triples", "nt")):
        response = client.get("/id/unit/economic-policy-division", headers={"Accept": accept},
                              follow_redirects=False)
        assert response.status_code == 303
        # relative to the request: the same server, wherever it runs (http://127.0.0.1:8000/ or w3id.org)
        assert response.headers["location"] == f"../../doc/unit/economic-policy-division.{extension}"
        assert "Accept" in response.headers["vary"].split(", ")


def test_html_page_shows_labels_links_and_source(client: TestClient) -> None:
    page = client.get("/doc/unit/economic-policy-division.html").text
    assert "경제정책과" in page and "Economic Policy Division" in page
    assert 'href="../../id/unit/economic-policy-office"' in page  # org:unitOf, linked through this site
    assert "<code>https://w3id.org/seoulkg/id/unit/economic-policy-division</code>" in page  # the IRI as it is
    assert "lines 100–100" in page and "경 제 정 책 과 131,125 120 120 0.1 0.1" in page  # the budget row
    assert "서울 경제정책 총괄" in page  # a duty


def test_document_formats(client: TestClient) -> None:
    turtle = client.get("/doc/unit/economic-policy-division.ttl")
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert turtle.headers["content-type"].startswith("text/turtle") and len(graph) > 20
    negotiated = client.get("/doc/unit/economic-policy-division", headers={"Accept": "application/n-triples"})
    assert negotiated.headers["content-type"].startswith("application/n-triples")


def test_unknown_resource_is_404(client: TestClient) -> None:
    assert client.get("/id/unit/no-such-unit").status_code == 404
    assert client.get("/doc/unit/no-such-unit.html").status_code == 404
    assert client.get("/dumps/other.ttl").status_code == 404
    assert client.get("/api/no-such-query").status_code == 404


def test_void_and_dcat(client: TestClient) -> None:
    graph = Graph().parse(data=client.get("/.well-known/void", headers={"Accept": "text/turtle"}).text,
                          format="turtle")
    text = graph.serialize(format="nt")
    assert "http://rdfs.org/ns/void#sparqlEndpoint> <https://w3id.org/seoulkg/sparql>" in text
    assert text.count("http://rdfs.org/ns/void#dataDump>") == 3
    triples = int(str(next(o for s, p, o in graph if str(p).endswith("#triples"))))
    assert triples == len(set(ox.parse(client.get("/dumps/seoulkg.nt").content, format=ox.RdfFormat.N_TRIPLES)))
    # one writer: the description the build wrote, one title per language
    dataset = URIRef("https://w3id.org/seoulkg/id/dataset/seoulkg")
    titles = sorted((getattr(o, "language", None), str(o))
                    for o in graph.objects(dataset, URIRef("http://purl.org/dc/terms/title")))
    built = ox.parse(path=BUILT_GRAPH, format=ox.RdfFormat.TURTLE)
    assert titles == sorted((t.object.language, t.object.value) for t in built if isinstance(t.object, ox.Literal)
                            and t.subject == ox.NamedNode(str(dataset))
                            and t.predicate == ox.NamedNode("http://purl.org/dc/terms/title"))
    assert [lang for lang, _ in titles] == ["en", "ko"]


@pytest.mark.parametrize("name, fmt", [("seoulkg.ttl", ox.RdfFormat.TURTLE), ("seoulkg.nt", ox.RdfFormat.N_TRIPLES),
                                       ("seoulkg.jsonld", ox.RdfFormat.JSON_LD)])
def test_dumps(client: TestClient, name: str, fmt: ox.RdfFormat) -> None:
    response = client.get(f"/dumps/{name}")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    dump = set(ox.parse(response.content, format=fmt))
    assert len(dump) > 20_000
    # the dataset description travels with the data
    endpoint = [t.object for t in dump if t.predicate.value == "http://rdfs.org/ns/void#sparqlEndpoint"]
    assert [o.value for o in endpoint] == ["https://w3id.org/seoulkg/sparql"]


def test_context_and_ontology(client: TestClient) -> None:
    context = client.get("/context.jsonld").json()["@context"]
    assert context["skg"] == "https://w3id.org/seoulkg/ontology#"
    page = client.get("/ontology", headers={"Accept": "text/html"}).text
    assert "https://w3id.org/seoulkg/ontology#AuditItem" in page and "감사 처리사항" in page  # pyLODE's
    assert "owl:Ontology" in client.get("/ontology", headers={"Accept": "text/turtle"}).text


def test_cors(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": COUNT}, headers={"Origin": "https://portal.example"})
    assert response.headers["access-control-allow-origin"] == "*"


def test_every_canned_query_through_the_api_gives_the_embedded_rows(client: TestClient, cli) -> None:
    api = client.get("/api/openapi.json").json()
    assert set(api["paths"]) == {f"/api/{name}" for name in catalogue()}
    for name in catalogue():
        embedded = cli("query", name, "--format", "csv").out
        served = client.get(f"/api/{name}", params={"format": "csv"}).text
        assert list(csv.reader(io.StringIO(served))) == list(csv.reader(io.StringIO(embedded))), name


def test_api_parameters(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get(
        "/api/overdue-by-unit", params={"as_of": "2022-07-01", "format": "csv"}).text)))
    assert rows[0] == {"unit": "일자리정책과", "overdue": "10",
                       "unit_iri": "https://w3id.org/seoulkg/id/unit/jobs-policy-division",
                       "report": "https://w3id.org/seoulkg/id/source/economic-policy-office/2022/"
                                 "seoul-economic-policy-office-2022-work-report"}
    bad = client.get("/api/overdue-by-unit", params={"as_of": "July"})
    assert bad.status_code == 400 and "not a valid xsd:date" in bad.text
    unknown = client.get("/api/overdue-by-unit", params={"year": "2022"})
    assert unknown.status_code == 400 and "no parameter 'year'" in unknown.text
    html = client.get("/api/programs", params={"format": "html"})
    assert "<table>" in html.text and "캠퍼스타운" in html.text


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A real uvicorn server on loopback, for HTTP clients (SPARQLWrapper)."""
    port = free_port()
    with running(create_app([BUILT_GRAPH]), port):
        yield f"http://127.0.0.1:{port}/sparql"


def test_sparqlwrapper_client(server: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(server)
    client.setQuery(COUNT)
    client.setReturnFormat(JSON)
    document = client.queryAndConvert()
    assert isinstance(document, dict)
    assert int(document["results"]["bindings"][0]["n"]["value"]) > 20_000


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_query_endpoint_option_gives_the_embedded_rows(server: str, cli, name: str) -> None:
    embedded = cli("query", name, "--format", "json").out
    remote = cli("query", name, "--endpoint", server, "--format", "json").out
    assert json.loads(remote) == json.loads(embedded)
