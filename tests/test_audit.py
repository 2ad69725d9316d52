"""The 2021 audit in the graph, and the audit queries (overdue items at several dates, summary counts)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF
from support import foreign_subjects, parse_outputs, python_value

from seoulkg.extract.source import SourceDocument
from seoulkg.namespaces import ID, SCHEMA, SKG
from seoulkg.paths import CURATION_DIR
from seoulkg.rdf.graph import BuiltGraph

AUDIT = "https://w3id.org/seoulkg/id/audit/economic-policy-office/2021"


def _rows(cli, *args: str) -> list[dict[str, str]]:
    run = cli("query", *args, "--format", "csv")
    assert run.code == 0, run.err
    return list(csv.DictReader(io.StringIO(run.out)))


def test_every_item_is_in_the_graph_with_unit_and_status(built: BuiltGraph) -> None:
    g = built.graph
    items = set(g.subjects(RDF.type, SKG.AuditItem))
    assert len(items) == 180  # the summary table's '총 180건'
    assert all(g.value(i, SKG.auditStatus) is not None and g.value(i, SCHEMA.agent) is not None for i in items)
    first = URIRef(f"{AUDIT}/correction/1")
    assert g.value(first, SCHEMA.agent) == ID["unit/campus-town-division"]
    assert g.value(first, SKG.auditStatus) == ID["code/audit-status/in_progress"]
    assert g.value(first, SKG.statusText) == Literal("추진 중")
    audit = URIRef(AUDIT)
    assert python_value(g, audit, SKG.referenceDate).isoformat() == "2022-01-21"
    assert g.value(audit, SKG.statedItemCount) == Literal(180)


def test_follow_ups_keep_printed_dates_and_due_dates(built: BuiltGraph) -> None:
    g = built.graph
    steps = {str(g.value(s, SKG.dateText)): s for s in g.objects(URIRef(f"{AUDIT}/correction/1"), SKG.followUp)}
    assert python_value(g, steps["’22년 연중"], SKG.dueDate).isoformat() == "2022-12-31"
    assert python_value(g, steps["’22년 상반기 중"], SKG.dueDate).isoformat() == "2022-06-30"


def test_a_plan_printed_in_dated_phases_keeps_each_date(built: BuiltGraph) -> None:
    """Lines 5285-5287 (correction 77): '… 홍보 지원(’22)→서울시 홈페이지, 서울런 등을 활용한 통합 홍보 검토(’23~)':
    the 2022 phase is due on 2022-12-31, the 2023 one starts then and is open; the ’22 was lost before."""
    g = built.graph
    item = URIRef(f"{AUDIT}/correction/77")
    phases = {str(g.value(s, SKG.dateText)): s for s in g.objects(item, SKG.followUp)}
    first, then = phases["’22"], phases["’23~"]
    assert str(g.value(first, SCHEMA.description)) == "기관별 홈페이지를 활용한 홍보 지원(’22)"
    assert python_value(g, first, SKG.dueDate).isoformat() == "2022-12-31"
    assert python_value(g, then, SKG.startDate).isoformat() == "2023-01-01"
    assert g.value(then, SKG.dueDate) is None
    assert first == URIRef(f"{item}/follow-up/5") and then == URIRef(f"{item}/follow-up/6")


def test_the_2022_phase_makes_its_item_overdue_in_2023(cli) -> None:
    """Correction 77 (추진중) is overdue from 2023 on: due 2022-12-31 by its ’22 phase (line 5285)."""
    item = f"{AUDIT}/correction/77"
    assert item not in {r["item"] for r in _rows(cli, "overdue-items", "--param", "as_of=2022-12-31")}
    late = [r for r in _rows(cli, "overdue-items", "--param", "as_of=2023-01-02") if r["item"] == item]
    assert [(r["unit"], r["due"], r["days_overdue"]) for r in late] == [("일자리정책과", "2022-12-31", "2")]


def test_units_outside_the_office_are_kept(built: BuiltGraph) -> None:
    g = built.graph
    institute = ID["unit/technical-education-institute"]
    assert g.value(institute, URIRef("http://www.w3.org/ns/org#classification")) == \
        ID["code/unit-type/external-unit"]
    assert len(set(g.subjects(SCHEMA.agent, institute))) == 19


def test_audit_items_lists_every_item_with_its_units(cli) -> None:
    rows = _rows(cli, "audit-items")
    assert len({r["item"] for r in rows}) == 180
    assert len(rows) == len({(r["item"], r["unit"]) for r in rows}) == 181  # one row per (item, unit)
    per_category = {c: len({r["item"] for r in rows if r["category"] == c})
                    for c in ("correction", "suggestion", "data_request")}
    assert per_category == {"correction": 85, "suggestion": 16, "data_request": 79}
    assert sum(r["unit"] == "일자리정책과" for r in rows) == 61  # as in unit-portfolio
    first = rows[0]
    assert (first["category"], first["number"], first["unit"], first["status"], first["latest_due"]) == (
        "correction", "1", "캠퍼스타운활성화과", "in_progress", "2022-12-31")


def test_audit_items_for_one_unit(cli) -> None:
    rows = _rows(cli, "audit-items", "--param", "unit=창업정책과")
    assert [(r["category"], r["number"], r["status"], r["latest_due"]) for r in rows] == [
        ("correction", "2", "completed", "2022-04-30"), ("data_request", "8", "completed", "")]


def test_summary_counts_match_except_where_the_report_contradicts_itself(cli) -> None:
    rows = _rows(cli, "audit-status-summary")
    assert len(rows) == 20
    cells = {(r["category"], r["status"]): (int(r["count"]), int(r["stated"])) for r in rows}
    assert cells[("total", "total")] == (180, 180)
    assert cells[("correction", "in_progress")] == (47, 47)
    # The printed total row says 검토 중 '-' and 미반영 2, while its own category rows give 1 + 1
    # under review and none not adopted; the items agree with the category rows.
    mismatches = {k: v for k, v in cells.items() if v[0] != v[1]}
    assert mismatches == {("total", "under_review"): (2, 0), ("total", "not_adopted"): (0, 2)}


def test_overdue_as_of_the_reference_date(cli) -> None:
    rows = _rows(cli, "overdue-items")  # default as_of: the audit's reference date, 2022-01-21
    assert rows == [{"unit": "경제정책과", "category": "correction", "number": "14", "status": "in_progress",
                     "due": "2021-02-28", "days_overdue": "327", "item": f"{AUDIT}/correction/14",
                     "report": "https://w3id.org/seoulkg/id/source/economic-policy-office/2022/seoul-economic-policy-office-2022-work-report"}]


@pytest.mark.parametrize("as_of, total, top", [
    ("2021-01-01", 0, None),
    ("2022-01-21", 1, ("경제정책과", "1")),
    ("2022-07-01", 28, ("일자리정책과", "10")),
    ("2023-01-01", None, ("일자리정책과", None)),
])
def test_overdue_by_unit_at_several_dates(cli, as_of: str, total: int | None, top) -> None:
    rows = _rows(cli, "overdue-by-unit", "--param", f"as_of={as_of}")
    if total is not None:
        assert sum(int(r["overdue"]) for r in rows) == total
    if top is None:
        assert rows == []
    else:
        assert rows[0]["unit"] == top[0] and (top[1] is None or rows[0]["overdue"] == top[1])
    counts = [int(r["overdue"]) for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_overdue_grows_with_the_date(cli) -> None:
    totals = [len(_rows(cli, "overdue-items", "--param", f"as_of={d}"))
              for d in ("2022-01-21", "2022-04-01", "2022-07-01", "2022-10-01", "2023-01-01")]
    assert totals == sorted(totals) and totals[0] == 1 and totals[-1] > totals[2]


def test_completed_items_are_never_overdue(cli) -> None:
    rows = _rows(cli, "overdue-items", "--param", "as_of=2030-01-01")
    assert rows and all(r["status"] != "completed" for r in rows)
    items = _rows(cli, "audit-items")
    completed = {r["item"] for r in items if r["status"] == "completed"}
    assert not completed & {r["item"] for r in rows}


def test_an_audit_heading_without_a_year_leaves_the_audit_out_with_a_warning(cli, doc: SourceDocument,
                                                                             tmp_path: Path) -> None:
    """The audit's IRI needs the heading's year: without one, no audit, item or audit link is written (a link
    once went out under the relative IRI 'None/correction/11', and the Turtle did not parse)."""
    line = next(n for n, text in enumerate(doc.lines, start=1) if "2021년 행정사무감사 처리결과" in text)
    lines = list(doc.lines)
    lines[line - 1] = lines[line - 1].replace("2021년 ", "")
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    run = cli("build", "--source", source, "--curation", CURATION_DIR, "--out", tmp_path)  # another text
    assert run.code == 0, run.err
    assert f"report.txt:{line}: warning: audit heading names no year" in run.err
    triples = parse_outputs(tmp_path)
    assert not foreign_subjects(triples)
    subjects = {str(t.subject) for t in triples}
    assert not any(s.startswith(f"<{ID['audit/']}") for s in subjects)
    assert not any(t.predicate.value == str(SKG.concerns) for t in triples)  # only audit items concern things
    # the rest of the report is still read
    assert f"<{ID['program/economic-policy-office/2022/youth-intern-job-camp']}>" in subjects
