"""The Python API: `seoulkg.load()`, `seoulkg.query(name, **params)` and the handle `seoulkg.open()`."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal

import pyoxigraph as ox
import pytest

import seoulkg
import seoulkg.handle
from seoulkg.errors import SeoulKGError


def test_load_gives_the_graph() -> None:
    graph = seoulkg.load()
    assert len(graph) > 20_000


def test_query_gives_python_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # without pandas: a list of dicts
    rows = seoulkg.query("overdue-items", as_of="2022-07-01")
    first = rows[0]
    assert isinstance(first["due"], dt.date) and isinstance(first["days_overdue"], int)
    assert sum(1 for r in rows if r["unit"] == "일자리정책과") == 10
    budget = seoulkg.query("budget-execution")
    assert budget[0]["unit"] == "경제정책실" and budget[0]["budget"] == 753976
    assert isinstance(seoulkg.query("programs")[0]["budget_krw"], Decimal)


def test_query_gives_a_dataframe_with_pandas() -> None:
    pandas = pytest.importorskip("pandas")
    frame = seoulkg.query("staffing")
    assert isinstance(frame, pandas.DataFrame) and list(frame.columns) == ["unit", "quota", "current", "women",
                                                                          "vacancies", "unit_iri", "report"]
    assert frame.loc[frame["unit"] == "경제정책과", "vacancies"].item() == -3


@pytest.fixture(scope="module")
def kg() -> seoulkg.handle.Handle:
    return seoulkg.open()


def test_a_handle_answers_canned_queries_with_typed_values(kg, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    budget = {row["unit"]: row for row in kg.query("budget-execution")}
    finance = budget["금융투자과"]  # the report prints a 1.0 % commitment rate for 26 of 26,920 (0.1 %)
    assert (finance["committed_rate"], finance["committed_rate_computed"]) == (Decimal("1.0"), Decimal("0.1"))
    assert isinstance(finance["committed_rate"], Decimal) and isinstance(finance["committed"], int)
    assert finance["unit_iri"] == "https://w3id.org/seoulkg/id/unit/finance-investment-division"
    late = kg.query("overdue-items", as_of=dt.date(2022, 7, 1))  # a date as a Python value
    assert late == kg.query("overdue-items", as_of="2022-07-01")
    assert all(isinstance(r["due"], dt.date) and isinstance(r["days_overdue"], int) for r in late)
    assert sum(1 for r in late if r["unit"] == "일자리정책과") == 10


def test_a_handle_runs_ones_own_sparql(kg, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    items = kg.sparql("PREFIX skg: <https://w3id.org/seoulkg/ontology#>\n"
                      "SELECT ?category (COUNT(?item) AS ?n) WHERE { ?item a skg:AuditItem ; skg:auditCategory ?c . "
                      "?c <http://www.w3.org/2004/02/skos/core#notation> ?category } GROUP BY ?category "
                      "ORDER BY ?category")
    assert all(isinstance(row["n"], int) for row in items) and sum(row["n"] for row in items) == 180
    assert kg.sparql("ASK { <https://w3id.org/seoulkg/id/unit/economic-policy-division> ?p ?o }") is True
    described = kg.sparql("DESCRIBE <https://w3id.org/seoulkg/id/unit/economic-policy-division>")
    assert len(described) > 10 and any(str(o) == "경제정책과" for o in described.objects())


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "# a comment\nPREFIX skg: <https://w3id.org/seoulkg/ontology#>\nDELETE WHERE { ?s skg:demand ?o }",
    "DROP ALL", "LOAD <http://example.org/data.ttl>",
])
def test_a_handle_refuses_updates(kg, update: str) -> None:
    before = len(kg)
    with pytest.raises(SeoulKGError, match="read-only: SPARQL Update is refused"):
        kg.sparql(update)
    assert len(kg) == before


def test_a_handle_names_a_malformed_query(kg) -> None:
    with pytest.raises(SeoulKGError, match="not a valid SPARQL query"):
        kg.sparql("SELECT ?x WHERE { ?x")


def test_a_handle_gives_the_rdflib_graph_of_what_it_queries(kg) -> None:
    graph = kg.graph()
    assert len(graph) == len(kg) > len(seoulkg.load())  # the data and the ontology
    assert graph is kg.graph()


def test_query_keeps_its_store_between_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    from seoulkg import handle

    loads = []

    def load_store(files: object) -> ox.Store:
        loads.append(files)
        return ox.Store()

    monkeypatch.setattr(handle, "load_store", load_store)
    handle._cached.cache_clear()
    seoulkg.query("staffing")
    seoulkg.query("overdue-by-unit", as_of="2022-07-01")
    assert len(loads) == 1
    handle._cached.cache_clear()


def test_a_term_met_again_gives_the_same_value_as_met_once(kg, monkeypatch: pytest.MonkeyPatch) -> None:
    """rows() converts each repeated term once (reports, units, codes recur in every row); the values are
    those of converting every cell on its own, and a mutable value is never shared between cells."""
    from seoulkg.queries import canned

    monkeypatch.setitem(sys.modules, "pandas", None)  # rows as lists of dicts
    result = canned.run(kg.store, canned.get("program-measures"), {})
    each = [{c: seoulkg.handle.python(t) for c, t in zip(result.columns, row, strict=True)}
            for row in result.rows]
    assert seoulkg.handle.rows(result.columns, result.rows) == each and len(each) > 100
    assert {row["role"] for row in each} >= {"total", "count"}
    xml = ox.Literal("<a/>", datatype=ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral"))
    first, second = seoulkg.handle.rows(("x",), [(xml,), (xml,)])
    assert first["x"] is not second["x"]
