"""Canned queries: their headers, parameters, and their answers on the committed graph."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from seoulkg.errors import SeoulKGError
from seoulkg.paths import QUERIES_DIR
from seoulkg.queries import canned

BUDGET_COLUMNS = ["unit", "budget", "committed", "spent", "committed_rate", "spent_rate",
                  "committed_rate_computed", "spent_rate_computed", "unit_iri", "report"]
REPORT = "https://w3id.org/seoulkg/id/source/economic-policy-office/2022/seoul-economic-policy-office-2022-work-report"


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_query_has_a_header() -> None:
    found = canned.catalogue()
    assert {"staffing", "budget-execution"} <= set(found)
    for query in found.values():
        assert query.title and query.description, query.name
        assert query.text.lstrip().startswith("#+ summary:"), query.name


def test_budget_execution_prints_every_row_of_the_table(cli) -> None:
    run = cli("query", "budget-execution", "--format", "csv")
    assert run.code == 0
    assert run.out.splitlines()[0] == ",".join(BUDGET_COLUMNS)
    rows = _csv(run.out)
    assert [r["unit"] for r in rows] == [
        "경제정책실", "경제정책과", "창업정책과", "일자리정책과", "제조산업혁신과", "캠퍼스타운활성화과", "도시농업과",
        "전략산업기반과", "바이오AI산업과", "금융투자과", "미디어콘텐츠산업과", "서울시립과학관", "농업기술센터"]
    office = rows[0]
    assert (office["budget"], office["committed"], office["spent"]) == ("753976", "41181", "19488")
    assert (office["committed_rate"], office["spent_rate"]) == ("5.5", "2.6")
    finance = next(r for r in rows if r["unit"] == "금융투자과")
    # Printed rate 1.0 % against a computed 0.1 %: the report's committed amount (26) disagrees.
    assert (finance["committed"], finance["committed_rate"], finance["committed_rate_computed"]) == ("26", "1", "0.1")
    assert finance["unit_iri"] == "https://w3id.org/seoulkg/id/unit/finance-investment-division"
    farming = next(r for r in rows if r["unit"] == "도시농업과")
    assert (farming["spent"], farming["spent_rate"], farming["spent_rate_computed"]) == ("20", "0", "0")


def test_staffing_prints_every_row_of_the_table(cli) -> None:
    run = cli("query", "staffing", "--format", "csv")
    rows = _csv(run.out)
    assert run.out.splitlines()[0] == "unit,quota,current,women,vacancies,unit_iri,report"
    assert len(rows) == 13
    assert rows[0] == {"unit": "경제정책실", "quota": "307", "current": "295", "women": "149", "vacancies": "12",
                       "unit_iri": "https://w3id.org/seoulkg/id/unit/economic-policy-office", "report": REPORT}
    policy = next(r for r in rows if r["unit"] == "경제정책과")
    assert (policy["quota"], policy["current"], policy["women"], policy["vacancies"]) == ("39", "42", "18", "-3")
    assert sum(int(r["quota"]) for r in rows[1:]) == 307


def test_json_is_sparql_results_json(cli) -> None:
    document = json.loads(cli("query", "staffing", "--format", "json").out)
    assert document["head"]["vars"] == ["unit", "quota", "current", "women", "vacancies", "unit_iri", "report"]
    first = document["results"]["bindings"][0]
    assert first["unit"] == {"type": "literal", "value": "경제정책실", "xml:lang": "ko"}
    assert first["quota"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_table_format_aligns_korean_names(cli) -> None:
    out = cli("query", "staffing").out.splitlines()
    assert out[0].split() == ["unit", "quota", "current", "women", "vacancies", "unit_iri", "report"]
    assert out[-1] == "(13 rows)"
    assert out[2].startswith("경제정책실") and out[2].split()[1:] == ["307", "295", "149", "12",
                                                                 "https://w3id.org/seoulkg/id/unit/economic-policy-office",
                                                                 REPORT]


def test_queries_lists_titles(cli) -> None:
    run = cli("queries")
    assert "budget-execution: Budget execution by unit (예산 집행현황)" in run.out


QUERY_WITH_PARAMS = """#+ summary: test
#+ description: a query with typed parameters
#+ params:
#+   - {name: as_of, type: "xsd:date", default: "2022-01-21", description: the day}
#+   - {name: limit, type: "xsd:integer", description: how many}
SELECT ?_as_of ?_limit
WHERE {}
"""


@pytest.fixture
def param_query(tmp_path: Path) -> canned.CannedQuery:
    (tmp_path / "dated.rq").write_text(QUERY_WITH_PARAMS, encoding="utf-8")
    return canned.get("dated", tmp_path)


def test_parameters_bind_as_typed_literals(param_query: canned.CannedQuery) -> None:
    bound = {v.value: t for v, t in canned.bind(param_query, {"as_of": "2022-07-01"}).items()}
    assert bound["_as_of"] == ox.Literal("2022-07-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    assert "_limit" not in bound  # no default, no value: left unbound
    assert canned.bind(param_query, {})  # the default applies


@pytest.mark.parametrize("values, problem", [
    ({"as_of": "2022-13-01"}, "not a valid xsd:date"),
    ({"as_of": '2022-01-01"^^x } DROP ALL #'}, "not a valid xsd:date"),
    ({"limit": "ten"}, "not a valid xsd:integer"),
    ({"unit": "경제정책과"}, "has no parameter 'unit'"),
])
def test_bad_parameters_are_refused(param_query: canned.CannedQuery, values: dict, problem: str) -> None:
    with pytest.raises(SeoulKGError, match=problem):
        canned.bind(param_query, values)


def test_queries_dir_holds_only_valid_headers() -> None:
    assert all(canned.parse_header(p).name == p.stem for p in QUERIES_DIR.glob("*.rq"))


@pytest.mark.parametrize("name", sorted(canned.catalogue()))
def test_every_query_carries_an_iri_column_to_cite_a_row_by(store, name: str) -> None:
    import pyoxigraph as ox

    result = canned.run(store, canned.get(name), {})
    assert result.rows, name
    cited = [c for i, c in enumerate(result.columns)
             if all(isinstance(row[i], ox.NamedNode) for row in result.rows)]
    assert cited, f"{name}: no column holds an IRI in every row"
