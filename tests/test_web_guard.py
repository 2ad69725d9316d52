"""The endpoint opens no outbound connection, refuses hostile query shapes before a worker sees them, and
survives what reaches a worker: a memory bomb ends as 503 for its own client and a replaced worker."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import site_of

from seoulkg.paths import BUILT_GRAPH
from seoulkg.web.app import create_app
from seoulkg.web.endpoint import Limits
from seoulkg.web.guard import Complexity, Refused, inspect
from seoulkg.web.workers import WorkerFailed


class Listener:
    """A TCP listener on loopback that records every connection it accepts."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.accepted: list[tuple[str, int]] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, peer = self.socket.accept()
            except TimeoutError:
                continue
            self.accepted.append(peer)
            connection.close()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(5)
        self.socket.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


@pytest.fixture(scope="module")
def site_client() -> Iterator[TestClient]:
    with TestClient(create_app([BUILT_GRAPH], limits=Limits(timeout=5, worker_memory_mb=256))) as app:
        yield app


def _fetching_queries(port: int) -> list[tuple[str, str]]:
    target = f"http://127.0.0.1:{port}/sparql"
    return [
        (f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}", "SERVICE"),
        (f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}", "SERVICE"),
        ("SELECT * WHERE { ?a ?b ?c OPTIONAL { { "
         f"SERVICE <{target}> {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} }} }}", "SERVICE"),
        (f"SELECT * WHERE {{ VALUES ?e {{ <{target}> }} SERVICE ?e {{ ?s ?p ?o }} }}", "SERVICE"),
        (f"PREFIX e: <http://127.0.0.1:{port}/> ASK {{ SERVICE e:sparql {{ ?s ?p ?o }} }}", "SERVICE"),
        (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}", "SERVICE"),
        (f"SELECT * FROM <{target}> WHERE {{ ?s ?p ?o }}", "FROM"),
        (f"LOAD <{target}>", "LOAD"),
        (f"LOAD SILENT <{target}> INTO GRAPH <urn:x:g>", "LOAD"),
    ]


def _requests(query: str) -> list[dict]:
    """The query as GET (where it fits in a URL), form POST and direct POST."""
    get = [{"method": "GET", "url": "/sparql", "params": {"query": query}}] if len(query) < 16_000 else []
    return [*get, {"method": "POST", "url": "/sparql", "data": {"query": query}},
            {"method": "POST", "url": "/sparql", "content": query,
             "headers": {"Content-Type": "application/sparql-query"}}]


def test_no_query_makes_the_server_connect_anywhere(site_client: TestClient, listener: Listener) -> None:
    pool = site_of(site_client).service.pool
    before = {w.pid for w in pool.idle}
    for query, word in _fetching_queries(listener.port):
        for request in _requests(query):
            response = site_client.request(**request)
            assert response.status_code == 400, (query, request["method"], response.text)
            assert word in response.text and response.text.count("\n") == 1  # one line
    time.sleep(0.3)
    assert listener.accepted == []
    assert {w.pid for w in pool.idle} == before  # refused before any worker saw it


def test_workers_have_no_network_even_past_the_guard(site_client: TestClient, listener: Listener) -> None:
    """Defence in depth: a SERVICE query handed to a worker directly (no guard) reaches nothing."""
    pool = site_of(site_client).service.pool
    if not pool.zygote.isolated and not os.environ.get("CI"):
        pytest.skip("this kernel grants no network namespace here (neither root nor user namespaces)")
    assert pool.zygote.isolated
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    outcome = pool.run((query, None, "json"), 5.0)
    assert outcome is not None, "no worker was free"
    status, message, _ = outcome
    assert status == 400 and "Network is unreachable" in str(message)
    time.sleep(0.3)
    assert listener.accepted == []


def test_dataset_parameters_are_refused(site_client: TestClient) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    for name in ("default-graph-uri", "named-graph-uri"):
        get = site_client.get("/sparql", params={"query": query, name: "urn:x:g"})
        form = site_client.post("/sparql", data={"query": query, name: "urn:x:g"})
        direct = site_client.post(f"/sparql?{name}=urn:x:g", content=query,
                                  headers={"Content-Type": "application/sparql-query"})
        for response in (get, form, direct):
            assert response.status_code == 400 and f"{name} refused" in response.text


PREFIXES = "PREFIX : <urn:x:> "
HOSTILE = {  # shaped like those that crashed a worker before the guard (30,000 terms, 10,000 steps), but
    # small enough to fit in the 64 KB request limit when form-encoded
    "a sum of 12,000 terms": ("SELECT (" + "+".join(["1"] * 12_000) + " AS ?x) {}", "levels deep"),
    "a path of 5,000 steps": (PREFIXES + "SELECT * { ?s " + "/".join([":p"] * 5_000) + " ?o }", "more than 32 steps"),
    "10,000 nested groups": ("SELECT * WHERE " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000, "levels deep"),
    "10,000 nested brackets": ("SELECT * { FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }", "levels deep"),
    "a wide union": ("SELECT * {" + " UNION ".join(["{ ?s ?p ?o }"] * 200) + "}", "alternatives"),
    "a path of many alternatives": (PREFIXES + "ASK { ?s (" + "|".join([":p"] * 100) + ")* ?o }", "steps"),
    "many terms": ("SELECT * { VALUES ?x { " + " ".join(str(n) for n in range(5_000)) + " } }", "terms"),
    "malformed": ("SELECT * WHERE { ?s ?p }", "malformed query: line 1"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_shapes_are_refused_before_a_worker(site_client: TestClient, name: str) -> None:
    query, reason = HOSTILE[name]
    pool = site_of(site_client).service.pool
    before = {w.pid for w in pool.idle}
    for request in _requests(query):
        response = site_client.request(**request)
        assert response.status_code == 400 and reason in response.text, response.text[:200]
    assert {w.pid for w in pool.idle} == before
    assert site_client.get("/api/staffing", params={"format": "csv"}).text.count("\n") == 14


def test_canned_queries_pass_the_guard_with_room_to_spare() -> None:
    from seoulkg.queries.canned import catalogue, prepare

    bounds = Complexity()
    for query in catalogue().values():
        shape = inspect(prepare(query, {}), bounds)
        assert shape.form == "select"
        assert shape.depth <= bounds.max_depth // 2 and shape.terms <= bounds.max_terms // 10


def test_updates_are_403_and_load_400() -> None:
    with pytest.raises(Refused) as update:
        inspect("PREFIX x: <urn:x:> INSERT DATA { x:a x:b x:c }", Complexity())
    with pytest.raises(Refused) as load:
        inspect("CLEAR ALL ; LOAD <http://example.org/x>", Complexity())
    assert (update.value.status, load.value.status) == (403, 400)


def _bomb(levels: int) -> str:
    """A query of about 200 bytes whose answer is 10^(levels+1) characters long."""
    text = '"aaaaaaaaaa"'
    for _ in range(levels):
        text = f'REPLACE({text}, "a", "aaaaaaaaaa")'
    return f"SELECT (STRLEN({text}) AS ?n) WHERE {{}}"


def test_a_memory_bomb_ends_as_503_and_a_replaced_worker(site_client: TestClient) -> None:
    pool = site_of(site_client).service.pool
    before = {w.pid for w in pool.idle}
    bomb = site_client.get("/sparql", params={"query": _bomb(8)})  # 1 GB of text, past the 256 MB ceiling
    assert bomb.status_code == 503 and "256 MB of memory" in bomb.text
    answered = [site_client.get("/sparql", params={"query": f"SELECT ({n} AS ?n) {{}}", "format": "csv"})
                for n in range(4)]  # distinct: none from the cache
    assert [r.status_code for r in answered] == [200] * 4
    after = {w.pid for w in pool.idle}
    assert len(after) == 2 and len(before - after) == 1  # one worker replaced, the other untouched
    assert site_client.get("/sparql", params={"query": _bomb(6), "format": "csv"}).text.split() == ["n", "10000000"]


def test_a_worker_past_its_ceiling_fails_alone(tmp_path: Path) -> None:
    """Two bombs at once on two workers: each bomb's own request fails; a third client is answered."""
    from seoulkg.web.workers import Pool

    graph = tmp_path / "g.nt"
    graph.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    pool = Pool(graph, 3, 100, 128)
    try:
        outcomes: dict[str, object] = {}

        def ask(client: str, query: str) -> None:
            try:
                outcomes[client] = pool.run((query, None, "csv"), 10.0, client)
            except WorkerFailed as exc:
                outcomes[client] = type(exc).__name__

        threads = [threading.Thread(target=ask, args=(c, _bomb(8))) for c in ("bomber-1", "bomber-2")]
        for thread in threads:
            thread.start()
        ask("reader", "SELECT ?s WHERE { ?s ?p ?o }")
        for thread in threads:
            thread.join(30)
        assert outcomes["bomber-1"] == outcomes["bomber-2"] == "WorkerFailed"
        assert outcomes["reader"] == (200, b"s\r\nurn:x:a\r\n", "text/csv; charset=utf-8")
    finally:
        pool.close()


VALID = [  # SPARQL 1.1 features the guard must let through (Oxigraph runs each)
    "PREFIX ex: <http://ex.org/> "
    "SELECT ?s WHERE { ?s ex:p/ex:q* ?o . ?o ^ex:r ?x . ?x !(ex:a|^ex:b) ?y . ?y ex:c? ?z }",
    'SELECT * WHERE { VALUES (?a ?b) { (1 2) (UNDEF "x") } BIND(?a + 1 AS ?c) }',
    'SELECT ?g (GROUP_CONCAT(DISTINCT ?l; SEPARATOR=", ") AS ?ls) (COUNT(*) AS ?n) WHERE { ?g <urn:p> ?l } '
    "GROUP BY ?g HAVING (COUNT(*) > 1) ORDER BY DESC(?n) LIMIT 10 OFFSET 5",
    "SELECT * WHERE { ?s a [ <urn:p> ( 1 2 3 ) ] FILTER NOT EXISTS { ?s <urn:q> ?o } MINUS { ?s <urn:r> ?x } "
    'OPTIONAL { ?s <urn:label> ?l FILTER(LANGMATCHES(LANG(?l), "ko")) } }',
    "BASE <http://ex.org/> PREFIX : <> "
    "SELECT * { :a.b :c 1.5e3, -2, true, \"서울\"@ko, '''two\nlines''', \"e\\n\\\"q\\\"\" }",
    "DESCRIBE * WHERE { ?s ?p ?o } LIMIT 1",
    "CONSTRUCT { ?s <urn:p> ?o } WHERE { { SELECT ?s ?o WHERE { ?s ?p ?o } LIMIT 3 } }",
    "ASK { <http://example.org/서울> ?p ?o }",
    'SELECT (SUBSTR(STR(?s), 1, 3) AS ?x) (COALESCE(?z, 0) AS ?c) WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "^a", "i")) }',
    "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o . } # a comment that mentions SERVICE and LOAD",
]


@pytest.mark.parametrize("query", VALID)
def test_valid_queries_pass_the_guard(query: str) -> None:
    import pyoxigraph as ox

    ox.Store().query(query)  # valid for the engine
    assert inspect(query, Complexity()).form in ("select", "construct", "describe", "ask")
