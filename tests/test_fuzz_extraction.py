"""Fuzzed report text (hypothesis): truncated, reordered, re-wrapped or garbled, the build never crashes —
it reads what it can and warns with line numbers, writing files that parse with every subject under the base,
or stops with one clear SeoulKGError."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import foreign_subjects, parse_outputs

from seoulkg.errors import SeoulKGError
from seoulkg.extract import extract
from seoulkg.extract.source import SourceDocument
from seoulkg.paths import DEFAULT_SOURCE
from seoulkg.rdf.graph import build_graph
from seoulkg.store.serialize import write_outputs

LINES = DEFAULT_SOURCE.read_text(encoding="utf-8").split("\n")
GARBAGE = st.text(alphabet=st.sampled_from(list("0123456789.,:;()[]~’ -—/가나다계과실㎡%□◦○∙\t")), max_size=12)


@st.composite
def mutated(draw: st.DrawFn) -> list[str]:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["truncate", "drop", "move", "join", "split", "garble"]))
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        width = draw(st.integers(1, 400))
        if kind == "truncate":
            lines = lines[:at]
        elif kind == "drop":
            del lines[at:at + width]
        elif kind == "move":
            chunk = lines[at:at + width]
            del lines[at:at + width]
            to = draw(st.integers(0, len(lines)))
            lines[to:to] = chunk
        elif kind == "join" and at + 1 < len(lines):
            lines[at:at + 2] = [lines[at] + " " + lines[at + 1]]
        elif kind == "split" and lines:
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at:at + 1] = [line[:cut], line[cut:]]
        elif kind == "garble" and lines:
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + draw(GARBAGE) + line[cut + draw(st.integers(0, 5)):]
    return lines


def _document(lines: list[str], tmp_path: Path) -> SourceDocument | None:
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        return SourceDocument.read(path)
    except SeoulKGError:
        return None  # an empty file: a clear error already


@pytest.mark.slow
@pytest.mark.runs_long
@pytest.mark.parametrize("half", [1, 2])  # 2 x 20 examples: under xdist one half on each worker (conftest.SPREAD)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=mutated())
def test_mutated_report_builds_or_fails_cleanly(half: int, lines: list[str], tmp_path: Path) -> None:
    doc = _document(lines, tmp_path)
    if doc is None:
        return
    try:
        built = build_graph(extract(doc))
    except SeoulKGError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for warning in built.warnings:  # a line of the report, or a row of the curated table it names
        last = len(Path(warning.file).read_text(encoding="utf-8").splitlines()) if warning.file else len(doc.lines)
        assert 1 <= warning.line <= last, warning
    write_outputs(built.graph, tmp_path)
    triples = parse_outputs(tmp_path)  # each file parses, and holds the graph
    assert len(triples) == len(built.graph)
    assert not foreign_subjects(triples)
