"""Test helpers: running an app in this process (uvicorn on a loopback port, in a thread); reading a build's
files; comparing graphs; the bench's load generator (bench/load.py, not shipped in the package) for the tests
that need it."""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
import uvicorn
from pyoxigraph import Triple
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node
from starlette.applications import Starlette
from starlette.testclient import TestClient

from seoulkg.namespaces import BASE
from seoulkg.paths import BUILT_GRAPH, REFERENCE_DATA
from seoulkg.store.serialize import OUTPUT_NAMES
from seoulkg.web.app import Site

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from load import free_port, rss_mb, run_load, serving, wait_until_answering  # noqa: F401  (bench/load.py)


@contextmanager
def running(app: Starlette, port: int) -> Iterator[None]:
    """The app served by uvicorn on 127.0.0.1:port until the block ends."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(10)



def parse_outputs(out_dir: Path) -> set[Triple]:
    """The triples of a build's three files, parsed strictly (Oxigraph); each file must hold the same triples."""
    parsed = [set(pyoxigraph.parse(path=out_dir / name, format=pyoxigraph.RdfFormat.from_extension(name[8:])))
              for name in OUTPUT_NAMES]  # seoulkg.{ttl,nt,jsonld}
    assert parsed[0] == parsed[1] == parsed[2], "the Turtle, N-Triples and JSON-LD files differ"
    return parsed[0]


def isomorphic(first: Graph, second: Graph) -> bool:
    """Whether two rdflib graphs are the same up to blank node names: their canonical forms (RDFC-1.0, by
    Oxigraph) hold the same triples. rdflib's `compare.isomorphic` decides the same, slowly: 10 s of CPU on the
    shapes' 1,281 triples, where this takes 0.1 s."""
    return _canonical(first) == _canonical(second)


def _canonical(graph: Graph) -> set[pyoxigraph.Quad]:
    dataset = pyoxigraph.Dataset(pyoxigraph.parse(graph.serialize(format="nt", encoding="utf-8"),
                                                  format=pyoxigraph.RdfFormat.N_TRIPLES))
    dataset.canonicalize(pyoxigraph.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


def foreign_subjects(triples: set[Triple]) -> set[str]:
    """Subjects outside the project's base that the committed build does not describe too (the fixed terms of
    the reference data and the dataset description: code lists, licence, media types): a build mints every
    IRI it reads from the report under the base."""
    return {str(t.subject) for t in triples
            if not (isinstance(t.subject, pyoxigraph.NamedNode) and t.subject.value.startswith(BASE))
            and t.subject not in _reference_subjects()}


@cache
def _reference_subjects() -> frozenset[pyoxigraph.NamedNode | pyoxigraph.BlankNode | Triple]:
    return frozenset(t.subject for path in (*REFERENCE_DATA, BUILT_GRAPH) for t in pyoxigraph.parse(path=path))


def python_value(graph: Graph, subject: Node, predicate: URIRef) -> Any:
    """The Python value of the subject's literal for predicate; fails where it has none."""
    literal = graph.value(subject, predicate)
    assert isinstance(literal, Literal), f"{subject} has no literal {predicate}"
    return literal.toPython()


def site_of(client: TestClient) -> Site:
    """The Site behind a test client of create_app()."""
    assert isinstance(client.app, Starlette)
    return client.app.state.site


def require(*tools: str, install: str) -> list[str]:
    """The paths of external programs a test needs. Where one is missing the test skips with the reason,
    except under CI=true, where every tier runs and a missing tool fails the test."""
    found = [shutil.which(tool) for tool in tools]
    missing = [tool for tool, path in zip(tools, found, strict=True) if path is None]
    if missing:
        reason = f"{', '.join(missing)} not found ({install})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: CI runs every test tier", pytrace=False)
        pytest.skip(reason)
    return [path for path in found if path is not None]
