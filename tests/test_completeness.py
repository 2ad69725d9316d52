"""Completeness: the counts the report states about itself are in the graph with their lines, and a graph
holding less than they say fails validation with a Violation at the stated count's line."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from seoulkg.paths import BUILT_GRAPH
from seoulkg.validation.shapes import validate

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"
SKG = "https://w3id.org/seoulkg/ontology#"


def test_stated_counts_are_in_the_graph_with_their_lines(store) -> None:
    rows = {(r["label"].value, int(r["count"].value), int(r["line"].value)) for r in store.query(f"""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?label ?count ?line WHERE {{
          ?s a <{SKG}StatedCount> ; <{SKG}statedCount> ?count ; rdfs:label ?label ; prov:wasDerivedFrom ?span .
          ?span <{SKG}startLine> ?line . FILTER (lang(?label) = "ko") }}""")}
    # the chart's composition '1실‧2기획관(10과)‧1센터‧1관', on line 3
    assert {r for r in rows if r[0].startswith("조직현황")} == {
        ("조직현황: 1실", 1, 3), ("조직현황: 2기획관", 2, 3), ("조직현황: 10과", 10, 3), ("조직현황: 1센터", 1, 3),
        ("조직현황: 1관", 1, 3)}
    # each area's overview box lists its programs: 4, 5, 5, 5, 5 (24 in all)
    programs = sorted((label, count) for label, count, _ in rows if "개요" in label)
    assert [c for _, c in programs] == [4, 5, 5, 5, 5]


def test_the_real_report_has_no_completeness_finding() -> None:
    shapes = {"AuditSummaryShortfallShape", "ProgramCountShape", "CompositionCountShape", "TableRowsShape"}
    assert not [f for f in validate([BUILT_GRAPH]).findings if f.shape.rsplit("#", 1)[-1] in shapes]


@pytest.mark.parametrize(("fixture", "shape", "lines"), [
    ("audit-items-missing.ru", "AuditSummaryShortfallShape", {2296, 2298}),  # the total row, the corrections row
    ("program-missing.ru", "ProgramCountShape", {1856}),  # area 5's overview box
    ("composition-division-missing.ru", "CompositionCountShape", {3}),  # 조직현황 - 1실‧2기획관(10과)‧…
    ("budget-row-missing.ru", "TableRowsShape", {92}),  # the budget table's heading
])
def test_a_shortfall_is_a_violation_at_the_stated_line(fixture: str, shape: str, lines: set[int],
                                                         tmp_path: Path) -> None:
    store = ox.Store()
    store.bulk_load(path=str(BUILT_GRAPH), format=ox.RdfFormat.TURTLE)
    store.update((FIXTURES / fixture).read_text(encoding="utf-8"))
    broken = tmp_path / "broken.nt"
    store.dump(str(broken), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    report = validate([broken])
    found = [f for f in report.findings if f.shape.endswith(f"#{shape}")]
    assert found and all(f.severity == "Violation" for f in found)
    assert {f.source_line for f in found} == lines
    assert not report.conforms
