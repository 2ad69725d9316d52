"""Two reports in one store, built by one `seoulkg build --source A --source B`: every canned query answers per
report exactly as that report's graph alone answers, and with no report asked for, gives each report's rows
and nothing else; no row of one report is in the other's answer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
import variants

from seoulkg.cli import main
from seoulkg.handle import python
from seoulkg.paths import BUILT_GRAPH, DEFAULT_SOURCE
from seoulkg.queries import canned
from seoulkg.store.files import load_store

# a unit of both reports, for the query that needs one
PARAMS = {"unit-portfolio": {"unit": "금융투자과"}}
# columns naming what belongs to one report (facilities and units are shared by the reports describing them)
SCOPED = ("item", "program", "milestone", "dataset")


@pytest.fixture(scope="module")
def next_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Next year's report of the office (tests/variants.py): every printed year one later."""
    path = tmp_path_factory.mktemp("reports") / "next-year.txt"
    path.write_text("\n".join(variants.next_year()), encoding="utf-8")
    return path


def _build(out: Path, *args: str | Path) -> ox.Store:
    assert main(["build", *map(str, args), "--out", str(out)]) == 0
    return load_store([out / "seoulkg.nt"])


@pytest.fixture(scope="module")
def together(next_year: Path, tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    return _build(tmp_path_factory.mktemp("together"), "--source", DEFAULT_SOURCE, "--source", next_year)


@pytest.fixture(scope="module")
def alone(next_year: Path, together: ox.Store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ox.Store]:
    """Each report's graph on its own, by the report's IRI: the shipped 2022 graph, and next year's built alone."""
    iris = {python(r[1]): python(r[0]) for r in canned.run(together, canned.get("reports"), {}).rows}
    return {iris[DEFAULT_SOURCE.name]: load_store([BUILT_GRAPH]),
            iris[next_year.name]: _build(tmp_path_factory.mktemp("alone"), "--source", next_year)}


def test_the_store_holds_two_reports(together: ox.Store) -> None:
    reports = canned.run(together, canned.get("reports"), {})
    assert [tuple(map(python, (r[1], r[3], r[4]))) for r in reports.rows] == [
        ("next-year.txt", "경제정책실", date(2023, 1, 21)),
        ("seoul-economic-policy-office-2022-work-report.txt", "경제정책실", date(2022, 1, 21))]


@pytest.mark.parametrize("name", sorted(canned.catalogue()))
def test_every_canned_query_answers_per_report(together: ox.Store, alone: dict[str, ox.Store], name: str) -> None:
    query = canned.get(name)
    params = PARAMS.get(name, {})
    answers = {}
    for report, single in alone.items():
        answer = canned.run(together, query, {**params, "report": report})
        at = answer.columns.index("report")
        assert {row[at] for row in answer.rows} <= {ox.NamedNode(report)}
        assert answer.rows == canned.run(single, query, params).rows, (name, report)
        answers[report] = answer
    first, second = answers.values()
    assert first.rows  # a real answer of the 2022 report
    # nothing of one report in the other's answer
    for column in set(SCOPED) & set(first.columns):
        at = first.columns.index(column)
        assert not {r[at] for r in first.rows} & {r[at] for r in second.rows}, column
    # no report asked for: every report's rows, each with its report
    every = canned.run(together, query, params).rows
    assert sorted(every, key=str) == sorted(first.rows + second.rows, key=str)


def test_without_as_of_each_report_is_judged_as_of_its_own_date(together: ox.Store) -> None:
    overdue = canned.run(together, canned.get("overdue-items"), {})
    rows = [dict(zip(overdue.columns, map(python, row), strict=True)) for row in overdue.rows]
    days = {(r["report"].rsplit("/", 1)[-1], r["number"]): r["days_overdue"] for r in rows}
    # correction 14, due 2021-02-28: 327 days late on the 2022 report's 2022-01-21; next year's, printed a year
    # later, is due a year later and as late on 2023-01-21
    assert days == {("seoul-economic-policy-office-2022-work-report", 14): 327, ("next-year", 14): 327}
