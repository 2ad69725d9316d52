"""`seoulkg validate` on a collection: report by report, in a process pool, merged deterministically.

Two reports: the built graph as it is, and a copy of it with every IRI of the report moved elsewhere (a
report of its own, `schema:Report` included) and one observation's printed text taken out (a Violation of
that report only)."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest

from seoulkg.namespaces import ID
from seoulkg.paths import BUILT_GRAPH, BUILT_NTRIPLES
from seoulkg.synth import SHARED
from seoulkg.validation.collection import expand, validate_collection
from seoulkg.validation.shapes import Finding, Report, validate

HERE = Path(__file__).parent / "fixtures" / "submissions"
OBSERVATION = "<http://purl.org/linked-data/cube#Observation>"
PRINTED = "<https://w3id.org/seoulkg/ontology#printedText>"


def _rekeyed(text: str, name: str) -> str:
    return re.sub(rf"<{re.escape(str(ID))}(?!{'|'.join(SHARED)})", f"<{ID}synthetic/{name}/", text)


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(A: a copy of the report with one observation's printed text gone, B: the built graph, that observation)."""
    folder = tmp_path_factory.mktemp("collection")
    lines = _rekeyed(BUILT_NTRIPLES.read_text(encoding="utf-8"), "office-a").splitlines()
    observations = sorted(line.split(" ", 1)[0] for line in lines if line.endswith(f"> {OBSERVATION} ."))
    target = next(o for o in observations if any(line.startswith(f"{o} {PRINTED} ") for line in lines))
    kept = [line for line in lines if not line.startswith(f"{target} {PRINTED} ")]
    assert len(kept) == len(lines) - 1
    a, b = folder / "a.nt", folder / "b.nt"
    a.write_text("\n".join(kept) + "\n", encoding="utf-8")
    shutil.copyfile(BUILT_NTRIPLES, b)
    return a, b, target.strip("<>")


def _alone(path: Path) -> list[Finding]:
    return [dataclasses.replace(f, graph=str(path)) for f in validate([path]).findings]


@pytest.fixture(scope="module")
def merged(two: tuple[Path, Path, str]) -> Report:
    return validate_collection(two[:2], jobs=2)


def test_each_finding_is_reported_under_its_own_report(two: tuple[Path, Path, str], merged: Report) -> None:
    a, b, observation = two
    assert merged.parts == (str(a), str(b)) and not merged.conforms
    violations = [f for f in merged.findings if f.severity == "Violation"]
    assert [(f.graph, f.focus, f.message) for f in violations] == [
        (str(a), observation, "an observation keeps exactly one printed text")]
    # B's findings are the report's own warnings, none of A's: the same as B validated alone
    assert [f for f in merged.findings if f.graph == str(b)] == _alone(b)
    assert {f.graph for f in merged.findings} == {str(a), str(b)}


def test_the_merged_result_is_the_union_of_single_report_runs(two: tuple[Path, Path, str], merged: Report) -> None:
    a, b, _ = two
    assert list(merged.findings) == _alone(a) + _alone(b)
    # one process gives the same report; in the other order, the parts come in that order
    assert validate_collection([a, b], jobs=1) == merged
    assert list(validate_collection([b, a], jobs=1).findings) == _alone(b) + _alone(a)


def test_jobs_1_and_jobs_2_give_identical_output(cli, two: tuple[Path, Path, str]) -> None:
    a, b, _ = two
    one, both = (cli("validate", a, b, "--lang", "en", "--jobs", jobs) for jobs in ("1", "2"))
    assert one.code == both.code == 1  # the worst of the parts: A does not conform
    assert one.out == both.out and one.err == both.err == ""
    text = one.out.splitlines()
    assert text[-1] == "does not conform (2 graphs, each validated on its own)"
    (violation,) = (f for f in validate([a]).findings if f.severity == "Violation")
    assert [line.split(": ")[:3] for line in text if ": Violation: " in line] == [
        [str(a), f"line {violation.source_line}", "Violation"]]


def test_files_of_one_report_are_validated_together_and_submitted_data_apart(cli, tmp_path: Path) -> None:
    # the built graph's Turtle and N-Triples are one report: one part, its findings once
    shutil.copyfile(BUILT_GRAPH, tmp_path / "seoulkg.ttl")
    shutil.copyfile(BUILT_NTRIPLES, tmp_path / "copy.nt")
    submission = HERE / "new-audit-item.ttl"
    run = cli("validate", tmp_path / "seoulkg.ttl", tmp_path / "copy.nt", submission, "--format", "json",
              "--lang", "en", "--jobs", "2")
    report = json.loads(run.out)
    assert run.code == 0
    assert report["parts"] == [f"{tmp_path / 'seoulkg.ttl'} + {tmp_path / 'copy.nt'}", str(submission)]
    assert report["profile"] == "report,submitted"
    built = validate([BUILT_GRAPH]).findings
    assert [(r["focus"], r["message"]) for r in report["results"] if r["graph"] == report["parts"][0]] == [
        (f.focus, f.message) for f in built]


def test_a_directory_is_its_graph_files_one_serialisation_each(tmp_path: Path) -> None:
    for folder in ("2022", "2023"):
        (tmp_path / folder).mkdir()
        for suffix in (".ttl", ".nt", ".jsonld"):
            (tmp_path / folder / f"seoulkg{suffix}").write_text("")
        (tmp_path / folder / "context.jsonld").write_text("{}")  # the build's JSON-LD context, not a graph
    (tmp_path / "notes.md").write_text("not a graph")
    assert expand([tmp_path]) == [tmp_path / "2022" / "seoulkg.nt", tmp_path / "2023" / "seoulkg.nt"]


@pytest.mark.parametrize("args, problem", [
    (["--jobs", "0"], "--jobs must be a positive number of processes, not 0"),
    (["EMPTY"], "no RDF files"),
    (["BAD"], "bad.ttl:2: not valid"),
])
def test_bad_collections_are_one_line_errors(cli, tmp_path: Path, args: list[str], problem: str) -> None:
    (tmp_path / "empty").mkdir()
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b .\n")
    given = [{"EMPTY": tmp_path / "empty", "BAD": bad}.get(arg, arg) for arg in args]
    run = cli("validate", BUILT_NTRIPLES, *given, "--jobs", "2") if "--jobs" not in args else \
        cli("validate", BUILT_NTRIPLES, bad, *given)
    assert run.code == 2 and run.out == ""
    assert len(run.err.splitlines()) == 1 and problem in run.err and "Traceback" not in run.err


def test_together_validates_the_files_as_one_graph(two: tuple[Path, Path, str]) -> None:
    a, b, observation = two
    together = validate_collection([a, b], together=True)
    assert together.parts == () and {f.graph for f in together.findings} == {""}
    assert [f.focus for f in together.findings if f.severity == "Violation"] == [observation]


def test_a_file_of_several_reports_is_split_into_its_reports(two: tuple[Path, Path, str], tmp_path: Path) -> None:
    """Both reports in one file: validated report by report (a part each), with the findings of the file
    validated whole, each once, under the file."""
    a, b, observation = two
    both = tmp_path / "both.nt"
    both.write_text(a.read_text(encoding="utf-8") + b.read_text(encoding="utf-8"), encoding="utf-8")
    split = validate_collection([both], jobs=2)
    whole = validate_collection([both], together=True)
    source = "source/economic-policy-office/2022/seoul-economic-policy-office-2022-work-report"
    assert split.parts == (f"{both} [{source}]", f"{both} [synthetic/office-a/{source}]")
    assert {f.graph for f in split.findings} == {str(both)}
    assert [dataclasses.replace(f, graph="") for f in split.findings] == list(whole.findings)
    assert not split.conforms and [f.focus for f in split.findings if f.severity == "Violation"] == [observation]
    # the same findings as the two files validated one by one
    assert [dataclasses.replace(f, graph="", where="") for f in split.findings] == sorted(
        {dataclasses.replace(f, graph="", where="") for f in _alone(a) + _alone(b)})
    assert validate_collection([both], jobs=1) == split


def test_a_malformed_file_of_several_reports_is_one_line_error(cli, two: tuple[Path, Path, str],
                                                               tmp_path: Path) -> None:
    a, b, _ = two
    both = tmp_path / "both.nt"
    text = a.read_text(encoding="utf-8") + b.read_text(encoding="utf-8")
    both.write_text(text + "<https://x/s> <https://x/p> oops .\n", encoding="utf-8")
    run = cli("validate", both)
    assert run.code == 2 and run.out == ""
    assert run.err.startswith(f"seoulkg: error: {both}:{text.count(chr(10)) + 1}: not valid N-Triples")
    assert len(run.err.splitlines()) == 1
