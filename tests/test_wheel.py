"""The package works installed: a wheel built from this checkout, installed into a fresh venv (no system
site-packages, dependencies from PyPI or pip's cache), run from a directory outside the checkout."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from seoulkg.paths import BUILT_GRAPH, DATA_DIR, QUERIES_DIR

pytestmark = [pytest.mark.slow, pytest.mark.runs_long]
REPO = Path(__file__).resolve().parents[1]
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


@dataclass(frozen=True)
class Installed:
    bin: Path  # the venv's bin/
    cwd: Path  # an empty directory outside the checkout
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.bin / "seoulkg"), *args], cwd=self.cwd, env=self.env,
                              capture_output=True, text=True, timeout=300)

    def python(self, code: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.bin / "python"), "-c", code], cwd=self.cwd, env=self.env,
                              capture_output=True, text=True, timeout=300)


def _pip(python: Path, *args: str) -> None:
    subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", "-q", *args], check=True,
                   capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    root = tmp_path_factory.mktemp("wheel")
    _pip(Path(sys.executable), "wheel", "--no-deps", "--wheel-dir", str(root / "dist"), str(REPO))
    wheels = list((root / "dist").glob("seoulkg-*.whl"))
    assert len(wheels) == 1, wheels
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True, timeout=120)
    _pip(root / "venv" / "bin" / "python", "install", str(wheels[0]))  # no extras: no pandas, no owlready2
    (root / "elsewhere").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    yield Installed(root / "venv" / "bin", root / "elsewhere", env)


def test_version(installed: Installed) -> None:
    run = installed.run("--version")
    assert (run.returncode, run.stdout) == (0, f"seoulkg {VERSION}\n"), run.stderr


def test_the_package_is_the_installed_copy(installed: Installed) -> None:
    run = installed.python("import seoulkg, seoulkg.paths as p; print(seoulkg.__file__); print(p.BUILT_GRAPH)")
    module, graph = run.stdout.split()
    venv = installed.bin.parent
    assert Path(module).is_relative_to(venv) and Path(graph).is_relative_to(venv), run.stdout
    assert Path(graph).read_bytes() == BUILT_GRAPH.read_bytes()


def test_queries_lists_every_canned_query(installed: Installed) -> None:
    run = installed.run("queries")
    assert run.returncode == 0, run.stderr
    listed = {line.split(":")[0] for line in run.stdout.splitlines() if not line.startswith(" ")}
    assert listed == {p.stem for p in QUERIES_DIR.glob("*.rq")}


def test_query_staffing(installed: Installed) -> None:
    run = installed.run("query", "staffing", "--format", "csv")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("unit,quota,current,women,vacancies")
    assert any(line.startswith("경제정책과,") for line in lines)
    assert len(lines) == 1 + 13  # the header and the table's 13 rows (the office's total row among them)


def test_validate_the_shipped_graph(installed: Installed) -> None:
    run = installed.run("validate")
    assert run.returncode == 0, run.stderr
    assert run.stdout.rstrip().endswith("conforms (warnings only)")
    # the budget table's committed total is not the sum of its rows
    assert "line 98: Warning:" in run.stdout and "its unit rows add up to 40937000000" in run.stdout


def test_build_reproduces_the_shipped_graph(installed: Installed) -> None:
    run = installed.run("build", "--out", "out")
    assert run.returncode == 0, run.stderr
    for name in ("seoulkg.ttl", "seoulkg.nt", "seoulkg.jsonld", "context.jsonld"):
        assert (installed.cwd / "out" / name).read_bytes() == (DATA_DIR / name).read_bytes(), name


def test_templates_and_submissions_validate_installed(installed: Installed) -> None:
    """The templates, their CSVW metadata, the submitted-data shapes and the shipped JSON-LD context are in
    the wheel: the printed template validates as submitted data, and so does the README's JSON-LD item,
    whose context is named by address and read from the installed copy."""
    template = installed.run("template", "audit-items")
    assert template.returncode == 0 and template.stdout.startswith("audit,"), template.stderr
    (installed.cwd / "items.csv").write_text(template.stdout, encoding="utf-8")
    checked = installed.run("validate", "--lang", "en", "items.csv")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    findings = checked.stdout.splitlines()
    assert findings[-1] == "conforms (warnings only)", checked.stdout
    # the template cannot carry English labels: the recommendation (Info) for the audit and the item only
    assert [line.split(": ")[1] for line in findings[:-1]] == ["Info", "Info"], checked.stdout
    example = REPO / "tests" / "fixtures" / "submissions" / "new-audit-item.jsonld"
    (installed.cwd / "item.jsonld").write_bytes(example.read_bytes())
    jsonld = installed.run("validate", "--lang", "en", "--format", "json", "item.jsonld")
    assert jsonld.returncode == 0, jsonld.stdout + jsonld.stderr
    assert json.loads(jsonld.stdout)["profile"] == "submitted"


def test_plot_and_synth_read_the_shipped_graph(installed: Installed) -> None:
    plot = installed.run("plot", "budget-execution", "--out", "budget.svg")
    assert plot.returncode == 0, plot.stderr
    assert "경제정책과 budget 131,125 백만원" in (installed.cwd / "budget.svg").read_text(encoding="utf-8")
    synth = installed.run("synth", "--scale", "1", "--out", "one.nt")
    assert synth.returncode == 0, synth.stderr
    assert (installed.cwd / "one.nt").stat().st_size > (DATA_DIR / "seoulkg.nt").stat().st_size // 2


def test_reason_without_its_extra_says_how_to_get_it(installed: Installed) -> None:
    run = installed.run("reason")
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.strip().splitlines() == [
        "seoulkg: error: the OWL reasoner needs owlready2: pip install 'seoulkg[reason]'"]


def test_serve_answers_a_request(installed: Installed) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(installed.bin / "seoulkg"), "serve", "--port", str(port), "--workers", "1"],
                              cwd=installed.cwd, env=installed.env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/api/staffing?format=json"
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:
                    body = json.load(answer)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(30)
    rows = body["results"]["bindings"]
    assert {row["unit"]["value"] for row in rows} >= {"경제정책과", "일자리정책과"}


def test_python_api(installed: Installed) -> None:
    code = ("import seoulkg; g = seoulkg.load(); rows = seoulkg.query('overdue-by-unit', as_of='2022-07-01'); "
            "kg = seoulkg.open(); rate = kg.query('budget-execution')[9]; "
            "print(len(g)); print(type(rows).__name__, rows[0]['unit'], rows[0]['overdue']); "
            "print(rate['unit'], repr(rate['committed_rate_computed'])); "
            "print(kg.sparql('ASK { ?i a <https://w3id.org/seoulkg/ontology#AuditItem> }'))")
    run = installed.python(code)
    assert run.returncode == 0, run.stderr
    triples, answer, rate, asked = run.stdout.splitlines()
    assert int(triples) == sum(1 for line in (DATA_DIR / "seoulkg.nt").open(encoding="utf-8") if line.strip())
    assert answer == "list 일자리정책과 10"  # no pandas in this venv: a list of dicts of Python values
    assert rate == "금융투자과 Decimal('0.1')"
    assert asked == "True"
