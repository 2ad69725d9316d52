"""Shared fixtures: the report, its extraction, the built graph, and the CLI run in-process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from seoulkg.cli import main
from seoulkg.extract import Extraction, extract
from seoulkg.extract.source import SourceDocument
from seoulkg.paths import BUILT_GRAPH, DEFAULT_SOURCE
from seoulkg.rdf.graph import BuiltGraph, build_graph
from seoulkg.store.files import load_store


@dataclass(frozen=True)
class CliRun:
    code: int
    out: str
    err: str


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The modules holding a test marked runs_long come first: under pytest-xdist (`make check`, `make test`
    run `-n 2 --dist loadscope`, a module whole on one worker) their long run starts at once, beside the rest."""
    long_modules = {item.nodeid.split("::", 1)[0] for item in items if item.get_closest_marker("runs_long")}
    items.sort(key=lambda item: item.nodeid.split("::", 1)[0] not in long_modules)


# Tests whose parameters are each a work unit of their own under `--dist loadscope` (the rest go a module whole
# to one worker): the longest runs, spread over both workers instead of bounding the run on one.
SPREAD = ("tests/test_invalid_fixtures.py::test_the_reference_engine_gives_the_same_findings",
          "tests/test_fuzz_extraction.py::test_mutated_report_builds_or_fails_cleanly")
# Modules whose tests are grouped by their parameter: every test of one parameter (one variant report, built
# once for them) is one work unit, so the module's builds are shared over both workers.
BY_PARAMETER = ("tests/test_variants.py",)


def work_unit(nodeid: str) -> str:
    """The scope a test runs in under `--dist loadscope`: its module, its own nodeid for a SPREAD test, or its
    module and parameter in a BY_PARAMETER module."""
    module, _, rest = nodeid.partition("::")
    if nodeid.split("[", 1)[0] in SPREAD:
        return nodeid
    if module in BY_PARAMETER and rest.endswith("]"):
        return f"{module}[{rest.split('[', 1)[1]}"
    return module


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """Under `--dist loadscope`, tests are scheduled by `work_unit`, in the order collected (the runs_long
    modules first), not xdist's default of the units with the most tests first, which put the longest units
    (one test each: a pySHACL cross-check, a fuzz run, the load test) last."""
    if config.getoption("dist", None) != "loadscope":
        return None
    config.option.loadscopereorder = False
    from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

    class Spread(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return Spread(config, log)


@pytest.fixture(scope="session")
def doc() -> SourceDocument:
    return SourceDocument.read(DEFAULT_SOURCE)


@pytest.fixture(scope="session")
def extraction(doc: SourceDocument) -> Extraction:
    return extract(doc)


@pytest.fixture(scope="session")
def built(extraction: Extraction) -> BuiltGraph:
    return build_graph(extraction)


@pytest.fixture(scope="session")
def store():
    """The committed graph (data/seoulkg.ttl) in the embedded engine."""
    return load_store([BUILT_GRAPH])


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run `seoulkg ARGS…` in-process and return its exit code, stdout and stderr."""

    def run(*args: str | Path) -> CliRun:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run
