"""`seoulkg build`: three canonical serialisations, byte-identical across builds, committed up to date."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from support import isomorphic

from seoulkg.paths import DATA_DIR
from seoulkg.rdf.graph import BuiltGraph
from seoulkg.store.context import CONTEXT_NAME
from seoulkg.store.serialize import OUTPUT_NAMES, to_jsonld, to_ntriples, to_turtle


def _build(out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "seoulkg.cli", "build", "--out", str(out)],
                   check=True, env=env, capture_output=True)


@pytest.mark.slow
def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """Two builds in processes of different hash seeds write the same bytes. (The fast tier's
    test_committed_graph_is_up_to_date compares one build with the bytes another process committed.)"""
    _build(tmp_path / "a", "1")
    _build(tmp_path / "b", "2")
    for name in (*OUTPUT_NAMES, CONTEXT_NAME):
        first, second = (tmp_path / "a" / name).read_bytes(), (tmp_path / "b" / name).read_bytes()
        assert first == second, name
        assert len(first) > (10_000 if name == CONTEXT_NAME else 100_000), name


@pytest.fixture(scope="module")
def written(built: BuiltGraph) -> dict[str, str]:
    """The built graph's three serialisations, made once for the tests below."""
    return {"seoulkg.ttl": to_turtle(built.graph), "seoulkg.nt": to_ntriples(built.graph),
            "seoulkg.jsonld": to_jsonld(built.graph)}


def test_committed_graph_is_up_to_date(written: dict[str, str]) -> None:
    """Fails when src/seoulkg/data/ was not rebuilt after a change: run `seoulkg build` and commit it."""
    for name in OUTPUT_NAMES:
        assert (DATA_DIR / name).read_text(encoding="utf-8") == written[name], name


def test_the_three_serialisations_hold_the_same_graph(built: BuiltGraph, written: dict[str, str]) -> None:
    turtle = Graph().parse(data=written["seoulkg.ttl"], format="turtle")
    ntriples = Graph().parse(data=written["seoulkg.nt"], format="nt")
    jsonld = Graph().parse(data=written["seoulkg.jsonld"], format="json-ld")
    assert len(turtle) == len(built.graph) > 2500
    assert isomorphic(turtle, ntriples) and isomorphic(turtle, jsonld)


def test_ntriples_sorted_and_jsonld_nodes_sorted(written: dict[str, str]) -> None:
    lines = written["seoulkg.nt"].splitlines()
    assert lines == sorted(lines)
    ids = [node["@id"] for node in json.loads(written["seoulkg.jsonld"])["@graph"]]
    assert ids == sorted(ids)
