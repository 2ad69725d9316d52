"""Real remote stores on loopback: the Oxigraph server (PyPI `oxigraph`), loaded with `seoulkg publish`
through the Graph Store Protocol; every canned query gives the embedded rows through it."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from seoulkg.queries import catalogue

GRAPH = "https://w3id.org/seoulkg/id/dataset/seoulkg"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("oxigraph")
    assert binary, "the oxigraph server is a dev dependency (pip install oxigraph)"
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(10)


def test_publish_replaces_the_graph_and_verifies_the_count(oxigraph_server: str, cli, tmp_path: Path) -> None:
    store = f"{oxigraph_server}/store"
    first = cli("publish", "--endpoint", store, "--graph", GRAPH)
    assert first.code == 0, first.err
    assert "count verified" in first.out
    again = cli("publish", "--endpoint", store, "--graph", GRAPH)  # replace, not append
    assert again.out == first.out
    count = json.loads(urllib.request.urlopen(
        f"{oxigraph_server}/query?query=" + urllib.request.quote(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"), timeout=10).read())
    published = int(first.out.split()[1])
    assert int(count["results"]["bindings"][0]["n"]["value"]) == published > 20_000


@pytest.fixture(scope="module")
def published(oxigraph_server: str) -> str:
    from seoulkg.paths import BUILT_GRAPH
    from seoulkg.publish import publish

    assert publish(f"{oxigraph_server}/store", [BUILT_GRAPH], GRAPH) > 20_000
    return f"{oxigraph_server}/query"


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_canned_query_gives_the_embedded_rows_on_oxigraph_server(published: str, cli, name: str) -> None:
    embedded = json.loads(cli("query", name, "--format", "json").out)
    remote = cli("query", name, "--endpoint", published, "--format", "json")
    assert remote.code == 0, remote.err
    assert json.loads(remote.out) == embedded


def test_unreachable_store_is_a_clear_error(cli) -> None:
    run = cli("publish", "--endpoint", f"http://127.0.0.1:{_free_port()}/store")
    assert run.code == 2 and "PUT failed" in run.err and "Traceback" not in run.err
