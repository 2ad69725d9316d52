"""Bad input: one clear line on stderr, exit code 2, and no partial output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("seoulkg: error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_missing_source(cli, tmp_path: Path) -> None:
    run = cli("build", "--source", tmp_path / "nope.txt", "--out", tmp_path / "out")
    assert run.code == 2
    assert "nope.txt: source file not found" in _one_error_line(run.err)
    assert not (tmp_path / "out").exists()


def test_source_that_is_not_utf8(cli, tmp_path: Path) -> None:
    bad = tmp_path / "report.txt"
    bad.write_bytes("조직현황\n".encode() + "경제정책실\n".encode("euc-kr"))
    run = cli("build", "--source", bad, "--out", tmp_path / "out")
    assert run.code == 2
    assert "report.txt:2: source is not valid UTF-8" in _one_error_line(run.err)
    assert not (tmp_path / "out").exists()


def test_unreadable_source(cli, tmp_path: Path) -> None:
    run = cli("build", "--source", tmp_path, "--out", tmp_path / "out")
    assert run.code == 2
    assert "cannot read source file" in _one_error_line(run.err)


def test_source_without_an_organisation_chart(cli, tmp_path: Path) -> None:
    text = tmp_path / "other.txt"
    text.write_text("Ⅰ. 일 반 현 황\n\n인력현황 - 정원 1 / 현원 1명\n", encoding="utf-8")
    run = cli("build", "--source", text, "--out", tmp_path / "out")
    assert run.code == 2
    assert "no organisation chart" in _one_error_line(run.err)


def test_unwritable_output_leaves_no_files(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    run = cli("build", "--out", blocker / "out")
    assert run.code == 2
    assert f"cannot write output: {blocker} is not a directory" in _one_error_line(run.err)
    assert blocker.read_text() == "not a directory"


def test_failed_write_removes_temporary_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rdflib import Graph, Literal, URIRef

    from seoulkg.errors import SeoulKGError
    from seoulkg.store import serialize

    graph = Graph()  # what is written does not matter here, only that the second file's rename fails
    graph.add((URIRef("https://w3id.org/seoulkg/id/x"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
               Literal("x")))
    real_replace = serialize.os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(serialize.os, "replace", failing_replace)
    with pytest.raises(SeoulKGError, match="cannot write output: No space left"):
        serialize.write_outputs(graph, tmp_path)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_unknown_query(cli) -> None:
    run = cli("query", "no-such-query")
    assert run.code == 2
    assert "unknown query 'no-such-query'" in _one_error_line(run.err)
    assert "budget-execution" in run.err


@pytest.mark.parametrize("param, problem", [
    ("as_of", "malformed --param 'as_of'"),
    ("=3", "malformed --param '=3'"),
    ("year=2022", "has no parameter 'year'"),
])
def test_malformed_parameter(cli, param: str, problem: str) -> None:
    run = cli("query", "staffing", "--param", param)
    assert run.code == 2
    assert problem in _one_error_line(run.err)


def test_unparseable_data_file_names_file_and_line(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a> <http://b> <http://c> .\n<http://a> <http://b> oops .\n")
    run = cli("query", "staffing", "--data", bad)
    assert run.code == 2
    line = _one_error_line(run.err)
    assert "bad.ttl" in line and "line 2" in line


def test_missing_data_file(cli, tmp_path: Path) -> None:
    run = cli("query", "staffing", "--data", tmp_path / "none.ttl")
    assert run.code == 2
    assert "none.ttl: data file not found" in _one_error_line(run.err)


def test_usage_error_is_one_line(cli) -> None:
    run = cli("query", "staffing", "--format", "xml")
    assert run.code == 2
    assert "invalid choice: 'xml'" in _one_error_line(run.err)


def test_console_script_entry_point(tmp_path: Path) -> None:
    """The installed `seoulkg` script runs the CLI: a canned query's rows, and a bad source's one error line."""
    script = Path(sys.executable).with_name("seoulkg")
    done = subprocess.run([script, "query", "staffing", "--format", "csv"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.splitlines()[1].startswith("경제정책실,307,295,149,12,")
    done = subprocess.run([script, "build", "--source", tmp_path / "nope.txt", "--out", tmp_path / "out"],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "nope.txt: source file not found" in _one_error_line(done.stderr)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("option", [("--workers", "0"), ("--timeout", "-1"), ("--max-query-bytes", "0"),
                                    ("--cache-mb", "-1")])
def test_serve_refuses_limits_out_of_range_before_it_starts(cli, option: tuple[str, str]) -> None:
    run = cli("serve", "--port", "1", *option)
    assert run.code == 2
    assert "--cache-mb not negative" in _one_error_line(run.err)


def test_version_is_pyprojects() -> None:
    """`seoulkg --version` prints the version kept once, in pyproject.toml (read through the package metadata)."""
    import tomllib

    declared = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())["project"]["version"]
    run = subprocess.run([sys.executable, "-m", "seoulkg.cli", "--version"], capture_output=True, text=True)
    assert (run.returncode, run.stdout, run.stderr) == (0, f"seoulkg {declared}\n", "")


def test_no_canned_queries_found_is_an_error(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from seoulkg.queries import canned

    monkeypatch.setattr(canned, "QUERIES_DIR", tmp_path)
    run = cli("queries")
    assert run.code == 2
    assert f"{tmp_path}: no canned queries (*.rq) found" in _one_error_line(run.err)
    assert run.out == ""
    run = cli("query", "staffing")
    assert run.code == 2 and "no canned queries" in _one_error_line(run.err)
