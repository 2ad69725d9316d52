"""Robustness: round trips through every RDF syntax, and bad input to `validate` and `build`."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from support import isomorphic

from seoulkg.paths import BUILT_GRAPH
from seoulkg.rdf.graph import BuiltGraph


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "xml"])
def test_round_trip_through_every_syntax_is_isomorphic(built: BuiltGraph, fmt: str) -> None:
    """rdflib's own writers and parsers (what a Python user's code uses) carry the whole graph through every
    syntax. (The fast tier checks the build's own three files.)"""
    text = built.graph.serialize(format=fmt)
    again = Graph().parse(data=text, format=fmt)
    assert len(again) == len(built.graph) > 20_000
    assert isomorphic(again, built.graph)


def test_validate_refuses_a_file_in_another_encoding(cli, tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.ttl"
    legacy.write_bytes('<https://x/a> <https://x/b> "경제정책과" .\n'.encode("euc-kr"))
    run = cli("validate", legacy)
    assert run.code == 2 and "legacy.ttl" in run.err and "Traceback" not in run.err


def test_validate_handles_a_huge_literal(cli, tmp_path: Path) -> None:
    huge = tmp_path / "huge.nt"
    text = BUILT_GRAPH.with_suffix(".nt").read_text(encoding="utf-8")
    huge.write_text(text + f'<https://w3id.org/seoulkg/id/x> <http://www.w3.org/2000/01/rdf-schema#comment> '
                           f'"{"가" * 5_000_000}" .\n', encoding="utf-8")
    run = cli("validate", huge, "--format", "json")
    assert run.code == 0 and '"conforms": true' in run.out


@pytest.mark.parametrize("content, problem", [
    (b"\x00\x01\x02binary", "not valid"),
    (b"@prefix x: <http://x/> .\nx:a x:b x:c ;\n", "not valid"),
    (b'{"@context": 5, "@id": ', "not valid"),
])
def test_validate_refuses_malformed_rdf(cli, tmp_path: Path, content: bytes, problem: str) -> None:
    suffix = ".jsonld" if content.startswith(b"{") else ".ttl"
    bad = tmp_path / f"bad{suffix}"
    bad.write_bytes(content)
    run = cli("validate", bad)
    assert run.code == 2 and problem in run.err and "Traceback" not in run.err and len(run.err.splitlines()) == 1
