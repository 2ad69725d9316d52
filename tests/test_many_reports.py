"""Two reports in one store, built by one `seoulkg build --source A --source B`: every canned query answers per
report exactly as that report's graph alone answers, and with no report asked for, gives each report's rows
and nothing else; no row of one report is in the other's answer. Both reports are curated, so both describe
the 57 facilities they share: each report's figures of a facility stay that report's."""

from __future__ import annotations

import dataclasses
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
from seoulkg.validation.collection import validate_collection
from seoulkg.validation.shapes import ENGINES, validate

pytestmark = pytest.mark.runs_long  # three builds: started first
# a unit of both reports, for the query that needs one
PARAMS = {"unit-portfolio": {"unit": "금융투자과"}}
# columns naming what belongs to one report (facilities and units are shared by the reports describing them,
# and an audit item may concern a facility: program-audits' `program` column)
SCOPED = ("item", "program", "milestone", "dataset")
SHARED = ("https://w3id.org/seoulkg/id/facility/", "https://w3id.org/seoulkg/id/unit/")


@pytest.fixture(scope="module")
def next_year(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Next year's report of the office (tests/variants.py: every printed year one later) and its curation
    (the shipped folder naming that text, its rows quoting a year quoting next year's)."""
    directory = tmp_path_factory.mktemp("reports")
    path = variants.write(directory, ["next-year"])["next-year"]
    return path, variants.next_year_curation(path, directory / "curation-2023")


def _build(out: Path, *args: str | Path) -> ox.Store:
    assert main(["build", *map(str, args), "--out", str(out)]) == 0
    return load_store([out / "seoulkg.nt"])


@pytest.fixture(scope="module")
def together_out(next_year: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory `seoulkg build` wrote both reports' graph to."""
    text, curation = next_year
    out = tmp_path_factory.mktemp("together")
    _build(out, "--source", DEFAULT_SOURCE, "--source", text, "--curation", curation)
    return out


@pytest.fixture(scope="module")
def together(together_out: Path) -> ox.Store:
    return load_store([together_out / "seoulkg.nt"])


@pytest.fixture(scope="module")
def alone(next_year: tuple[Path, Path], together: ox.Store,
          tmp_path_factory: pytest.TempPathFactory) -> dict[str, ox.Store]:
    """Each report's graph on its own, by the report's IRI: the shipped 2022 graph, and next year's built alone."""
    text, curation = next_year
    iris = {python(r[1]): python(r[0]) for r in canned.run(together, canned.get("reports"), {}).rows}
    return {iris[DEFAULT_SOURCE.name]: load_store([BUILT_GRAPH]),
            iris[text.name]: _build(tmp_path_factory.mktemp("alone"), "--source", text, "--curation", curation)}


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
        both = {r[at] for r in first.rows} & {r[at] for r in second.rows}
        assert not {iri for iri in both if not python(iri).startswith(SHARED)}, column
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


FACILITY = "https://w3id.org/seoulkg/id/facility/AI지원센터"
SHAPES = "https://w3id.org/seoulkg/shapes#"


def _figures(store: ox.Store, path: str) -> set[tuple[str, float, str]]:
    """A facility's figures on a path: (figure IRI, value, the report it is quoted from)."""
    rows = store.query(f"""PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?figure ?value ?report WHERE {{ <{FACILITY}> <{path}> ?figure .
          ?figure <https://schema.org/value> ?value ; prov:wasDerivedFrom/prov:wasQuotedFrom ?report }}""")
    assert isinstance(rows, ox.QuerySolutions)
    return {(python(r["figure"]).removeprefix(FACILITY), python(r["value"]), python(r["report"]).rsplit("/", 1)[-1])
            for r in rows}


def test_a_shared_facility_keeps_each_reports_figures(together: ox.Store) -> None:
    """Both reports print AI지원센터's 연면적 10,020㎡ and 총사업비: one facility, one floor area and one cost
    per report, each quoted from its report (the build passed the shapes that allow one of each per report)."""
    report_2022 = "seoul-economic-policy-office-2022-work-report"
    assert _figures(together, "https://schema.org/floorSize") == {
        ("/economic-policy-office/2022/floor-area", 10020, report_2022),
        ("/economic-policy-office/2023/floor-area", 10020, "next-year")}
    costs = _figures(together, "https://w3id.org/seoulkg/ontology#totalCost")
    assert {(iri, report) for iri, _, report in costs} == {
        ("/economic-policy-office/2022/cost", report_2022), ("/economic-policy-office/2023/cost", "next-year")}
    assert len({value for _, value, _ in costs}) == 1
    facilities = canned.run(together, canned.get("facilities"), {})
    rows = {(python(r[facilities.columns.index("report")]).rsplit("/", 1)[-1],
             python(r[facilities.columns.index("floor_area_m2")]))
            for r in facilities.rows if python(r[0]) == FACILITY}
    assert rows == {(report_2022, 10020), ("next-year", 10020)}


def _facility_alone(store: ox.Store, out: Path, update: str = "") -> Path:
    """AI지원센터 as the two-report store holds it (the facility, everything it names, their source spans and
    the reports quoted), with an update applied, as N-Triples."""
    part = ox.Store()
    triples = store.query(f"""PREFIX prov: <http://www.w3.org/ns/prov#>
        CONSTRUCT {{ ?s ?p ?o }} WHERE {{
          {{ BIND (<{FACILITY}> AS ?s) }} UNION {{ <{FACILITY}> ?named ?s }}
          UNION {{ <{FACILITY}> ?named ?thing . ?thing prov:wasDerivedFrom ?s }}
          UNION {{ <{FACILITY}> ?named ?thing . ?thing prov:wasDerivedFrom?/prov:wasQuotedFrom ?s }}
          ?s ?p ?o }}""")
    assert isinstance(triples, ox.QueryTriples)
    part.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    if update:
        part.update(update)
    path = out / "facility.nt"
    part.dump(str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return path


def _facility_findings(path: Path, engine: str) -> set[tuple[str, str, str]]:
    return {(f.shape.removeprefix(SHAPES), f.path, f.message) for f in validate([path], engine).findings
            if f.focus == FACILITY}


@pytest.mark.parametrize("engine", ENGINES)
def test_one_figure_per_report_is_checked_per_report(together: ox.Store, engine: str, tmp_path: Path) -> None:
    """Two reports each stating a floor area conform; a second floor area quoted from the same report is a
    Violation naming the facility, the property and the report, from either engine alike."""
    assert _facility_findings(_facility_alone(together, tmp_path), engine) == set()
    # next year's floor area re-quoted from the 2022 report's line: two floor areas of one report
    span = "https://w3id.org/seoulkg/id/source/economic-policy-office/2022/"
    requoted = _facility_alone(together, tmp_path, f"""PREFIX prov: <http://www.w3.org/ns/prov#>
        DELETE {{ ?area prov:wasDerivedFrom ?span }} INSERT {{ ?area prov:wasDerivedFrom ?old }} WHERE {{
          BIND (<{FACILITY}/economic-policy-office/2023/floor-area> AS ?area)
          ?area prov:wasDerivedFrom ?span .
          <{FACILITY}/economic-policy-office/2022/floor-area> prov:wasDerivedFrom ?old }}""")
    report = f"{span}seoul-economic-policy-office-2022-work-report"
    assert _facility_findings(requoted, engine) == {
        ("FacilityShape", "https://schema.org/floorSize",
         f"a facility has at most one floor area per report; {report} states 2")}


def test_validating_the_two_report_graph_splits_it_into_its_reports(together_out: Path) -> None:
    """The graph of both reports validated report by report (units and facilities shared by both parts)
    finds what validating it whole finds, each finding once."""
    graph = together_out / "seoulkg.nt"
    split = validate_collection([graph], jobs=2)
    whole = validate_collection([graph], together=True)
    assert len(split.parts) == 2 and {f.graph for f in split.findings} == {str(graph)}
    assert [dataclasses.replace(f, graph="") for f in split.findings] == list(whole.findings)
    # the 2022 report's findings (its lines, its resources) are among them, as the shipped graph alone gives them
    shipped = {(f.shape, f.focus, f.message) for f in validate([BUILT_GRAPH]).findings}
    assert shipped <= {(f.shape, f.focus, f.message) for f in split.findings}
