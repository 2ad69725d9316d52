"""`seoulkg validate`: the built graph conforms to the structural shapes; broken data does not."""

from __future__ import annotations

import json
from pathlib import Path

from seoulkg.paths import BUILT_GRAPH

OBS = "https://w3id.org/seoulkg/id/dataset/economic-policy-office/budget/2022-01-21/economic-policy-division/budgetAmount"


def test_built_graph_conforms(cli) -> None:
    run = cli("validate", "--format", "json")
    assert run.code == 0
    assert json.loads(run.out) == {"conforms": True, "results": []}


def test_observation_without_printed_text_is_a_violation(cli, tmp_path: Path) -> None:
    text = BUILT_GRAPH.read_text(encoding="utf-8")
    broken = tmp_path / "broken.nt"
    lines = (BUILT_GRAPH.with_suffix(".nt")).read_text(encoding="utf-8").splitlines()
    kept = [l for l in lines if not (l.startswith(f"<{OBS}>") and "#printedText>" in l)]
    assert len(kept) == len(lines) - 1 and text
    broken.write_text("\n".join(kept) + "\n", encoding="utf-8")
    run = cli("validate", broken, "--format", "json")
    assert run.code == 1
    report = json.loads(run.out)
    assert report["conforms"] is False
    assert [(r["focus"], r["severity"], r["source_line"]) for r in report["results"]] == [(OBS, "Violation", 100)]
    assert report["results"][0]["message"] == "an observation keeps exactly one printed text"


def test_unparseable_file_is_an_error(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b .\n")
    run = cli("validate", bad)
    assert run.code == 2
    assert "bad.ttl:2:" in run.err and "Traceback" not in run.err
