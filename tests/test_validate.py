"""`seoulkg validate`: structural shapes hold on the built graph; the consistency shapes report exactly
the places where the report's own figures disagree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seoulkg.paths import BUILT_GRAPH

ID = "https://w3id.org/seoulkg/id/"
BUDGET = f"{ID}dataset/economic-policy-office/budget/2022-01-21/"
SUMMARY = f"{ID}dataset/economic-policy-office/audit-summary/2022-01-21/economic-policy-office/total/"
AUDIT = f"{ID}audit/economic-policy-office/2021/"
PROGRAM = f"{ID}program/economic-policy-office/2022/"  # the report's programs
PLAN = f"{AUDIT}correction/14/follow-up/"
SHAPES = "https://w3id.org/seoulkg/shapes#"

# Every disagreement inside the report: (shape, focus, source line, message).
REPORT_FINDINGS = [
    ("AreaConversionShape", f"{ID}facility/의료기기-개발지원센터/economic-policy-office/2022/floor-area", 1701,
     "553 ㎡ is 167.3 평, printed as 168 평"),
    ("AuditSummaryCountShape", f"{SUMMARY}not_adopted/itemCount", 2296,
     "the summary table states 2 items, the items number 0"),
    ("AuditSummaryCountShape", f"{SUMMARY}under_review/itemCount", 2296,
     "the summary table states 0 items, the items number 2"),
    ("AuditSummarySumShape", f"{SUMMARY}not_adopted/itemCount", 2296,
     "the summary table's total 2 differs from the sum 0 along its column"),
    ("AuditSummarySumShape", f"{SUMMARY}under_review/itemCount", 2296,
     "the summary table's total 0 differs from the sum 2 along its column"),
    ("ExecutionOrderShape", f"{BUDGET}finance-investment-division/spentAmount", 108,
     "spent 269000000 exceeds committed 26000000"),
    ("ExecutionRateShape", f"{BUDGET}finance-investment-division/committedRate", 108,
     "the printed rate 1.0% differs from the 0.1% its amounts give"),
    # '대·중견기업 7천여개사' (line 969) and footnote 5 (line 987): 대기업 2,612개 + 중견기업 5,526개사
    ("FootnoteSumShape", f"{PROGRAM}open-innovation/sum/1", 969,
     "the figures of footnote 5) add up to 8138, the text prints '7천여개사' (7000 to 7999)"),
    # '7개 직무분야' (line 770) and '※ 직무분야 : 경영일반, 홍보·광고·디자인, 마케팅·영업, 웹/앱개발, (글로벌)경영,
    # (글로벌)마케팅·영업' (line 772)
    ("ListedCountShape", f"{PROGRAM}youth-intern-job-camp/list/1", 770,
     "'7개 직무분야' is printed with 6 items listed"),
    ("NarrativeOrderShape", f"{PROGRAM}technical-education-institutes/dated/3", 920,
     "dated 2021-01-06, before 2021-12-29 printed above it on line 918"),
    ("NarrativeOrderShape", f"{PROGRAM}technical-education-institutes/dated/4", 924,
     "dated 2021-01-19, before 2021-12-29 printed above it on line 918"),
    ("PeriodLabelShape", f"{PROGRAM}fashion-hub-seoul-fashion-week/part/2/dated/1", 2038,
     "labelled '’21년 춘계' (2021-03-01 to 2021-05-31), the event runs 2021-10-07 to 2021-10-19"),
    ("PeriodLabelShape", f"{PROGRAM}open-innovation/milestone/6", 1020,
     "labelled '’22 상' (2022-01-01 to 2022-06-30), the event runs 2022-07-01 to 2022-07-31"),
    ("ProgressAgreementShape", f"{ID}facility/서울로봇-인공지능과학관", 1807,
     "the construction progress is printed as 19.2% and as 22.8%, with no date between them"),
    ("StalePlanShape", f"{PLAN}5", 2842,
     "a plan of an item not completed was due on 2021-02-28, before the report's reference date 2022-01-21"),
    ("StalePlanShape", f"{PLAN}6", 2844,
     "a plan of an item not completed was due on 2021-04-30, before the report's reference date 2022-01-21"),
    ("StalePlanShape", f"{PLAN}7", 2846,
     "a plan of an item not completed was due on 2021-06-30, before the report's reference date 2022-01-21"),
    # '라이브방송 67회, 총 112,818뷰(방송 당 평균 1,683뷰)': 112,818 / 67 = 1,683.85, 1,684 as a whole number
    ("StatedAverageShape", f"{PROGRAM}seoul-food-startup-center/part/2/average/1", 1323,
     "총 112,818뷰 / 67회 is 1683.9, printed as an average of 1,683뷰"),
    ("StatedDurationShape", f"{PROGRAM}fashion-hub-seoul-fashion-week/part/2/dated/1", 2038,
     "2021-10-07 to 2021-10-19 is 13 days, printed as 10 days"),
    # suggestion 6 (DMC 홍보관): '용역기간 : ’22.4. ~ 10. (7개월)' (line 5792), its plan '용역시행 : ’22.1.'
    ("StatedPeriodShape", f"{AUDIT}suggestion/6/follow-up/4", 5810,
     "the plan dates the 용역 '’22.1.', outside the period '’22.4. ~ 10.' (2022-04-01 to 2022-10-31) the answer "
     "states for it"),
    # correction 50: the demand '출자출연기관들이 26곳이 있는데 이들 중에서 뉴딜일자리를 하고 있는 기관은 9개'
    # (lines 4203-4207), the answer '총 26개 투자출연기관 중 10개(16개 사업) 참여' (its table: 10 in ’21)
    ("StatedShareShape", f"{AUDIT}correction/50/share/2", 4217,
     "the answer prints '26개 투자출연기관 중 10개', the demand 9 of the same 26"),
    # correction 20: '(개선 총 12명) 학계 3, 코트라 3, 법률 3, 회계 3, VC 3' (its '(기존 총 4명) 학계 2, 코트라 1,
    # 법률 1' above adds up)
    ("StatedSumShape", f"{AUDIT}correction/20/sum/2", 3045, "'총 12명' is printed with parts that add up to 15"),
    ("TableTotalShape", f"{BUDGET}economic-policy-office/committedAmount", 98,
     "the total row states 41181000000, its unit rows add up to 40937000000"),
    ("UnreadDateShape", f"{AUDIT}correction/68/follow-up/2", 4998,
     "the date '’23. 31.~' cannot be read as a date"),
    ("UnreadDateShape", f"{AUDIT}correction/75/follow-up/2", 5217,
     "the date '’22,4,' cannot be read as a date"),
    ("UnreadDateShape", f"{ID}facility/동북권-성장-유망기업지원센터/economic-policy-office/2022/date/1", 1232,
     "the date '7월' cannot be read as a date"),
    ("UnreadDateShape", f"{PROGRAM}campus-town/part/1/milestone/1", 1232,
     "the date '7월' cannot be read as a date"),
    ("UnreadDateShape", f"{PROGRAM}campus-town/part/1/milestone/2", 1240,
     "the date '5~10월' cannot be read as a date"),
    ("UnreadDateShape", f"{PROGRAM}citizen-innovation-technology-experience/part/2/milestone/1", 1842,
     "the date '~2월' cannot be read as a date"),
    ("UnreadDateShape", f"{PROGRAM}citizen-innovation-technology-experience/part/2/milestone/2", 1842,
     "the date '~8월' cannot be read as a date"),
    ("UnreadDateShape", f"{PROGRAM}citizen-innovation-technology-experience/part/2/milestone/3", 1842,
     "the date '9월~' cannot be read as a date"),
    ("UnreadDateShape", f"{PROGRAM}citizen-innovation-technology-experience/part/2/milestone/4", 1846,
     "the date '~8월' cannot be read as a date"),
    ("UnreadDateShape", f"{PROGRAM}citizen-innovation-technology-experience/part/2/milestone/5", 1846,
     "the date '9월~' cannot be read as a date"),
    ("UnreadDateShape", f"{PROGRAM}citizen-innovation-technology-experience/part/2/milestone/6", 1850,
     "the date '2월~7월' cannot be read as a date"),
    ("UnreadDateShape", f"{PROGRAM}magok-rd-complex/part/3/milestone/1", 1653,
     "the date '10월' cannot be read as a date"),
    ("UnreadDateShape", f"{PROGRAM}technical-education-institutes/milestone/1", 927,
     "the date '’22.2.9.~15.' cannot be read as a date"),
]


def _json(run) -> dict:
    return json.loads(run.out)


def test_built_graph_conforms_with_the_reports_own_contradictions_as_warnings(cli) -> None:
    run = cli("validate", "--format", "json")
    assert run.code == 0
    report = _json(run)
    assert report["conforms"] is True
    found = [(r["shape"].removeprefix(SHAPES), r["focus"], r["source_line"], r["message"])
             for r in report["results"]]
    assert found == REPORT_FINDINGS
    assert {r["severity"] for r in report["results"]} == {"Warning"}


def test_strict_fails_on_warnings(cli) -> None:
    assert cli("validate", "--strict").code == 1


def test_text_output_names_source_line_focus_and_message(cli) -> None:
    out = cli("validate", "--lang", "en").out
    assert (f"line 2842: Warning: 시정·처리 요구사항 14 향후계획 5 <{PLAN}5>: a plan of an item not completed "
            "was due on 2021-02-28, before the report's reference date 2022-01-21\n") in out
    assert out.rstrip().endswith("conforms (warnings only)")


def test_turtle_output_is_a_shacl_validation_report(cli) -> None:
    from rdflib import Graph
    from rdflib.namespace import SH

    report = Graph().parse(data=cli("validate", "--format", "turtle").out, format="turtle")
    assert len(set(report.subjects(None, SH.ValidationResult))) == len(REPORT_FINDINGS)
    assert any(report.objects(None, SH.conforms))


@pytest.fixture
def without_printed_text(tmp_path: Path) -> Path:
    obs = f"{BUDGET}economic-policy-division/budgetAmount"
    lines = BUILT_GRAPH.with_suffix(".nt").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not (line.startswith(f"<{obs}>") and "#printedText>" in line)]
    assert len(kept) == len(lines) - 1
    broken = tmp_path / "broken.nt"
    broken.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return broken


def test_observation_without_printed_text_is_a_violation(cli, without_printed_text: Path) -> None:
    run = cli("validate", without_printed_text, "--format", "json")
    assert run.code == 1
    report = _json(run)
    violations = [r for r in report["results"] if r["severity"] == "Violation"]
    assert report["conforms"] is False
    assert [(r["focus"], r["source_line"], r["message"]) for r in violations] == [
        (f"{BUDGET}economic-policy-division/budgetAmount", 100, "an observation keeps exactly one printed text")]


def test_unparseable_file_is_an_error(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b .\n")
    run = cli("validate", bad)
    assert run.code == 2
    assert "bad.ttl:2:" in run.err and "Traceback" not in run.err


def test_an_ntriples_file_is_handed_to_the_fast_engine_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """A lone N-Triples file goes to the Rust engine followed by the ontology and reference data, instead
    of a dump of the store; the findings are the same as the Turtle file's (dumped), and the same again
    when the engine cannot read the file so handed over (the dump is the fallback)."""
    from seoulkg.validation import shapes

    dumped = shapes.validate([BUILT_GRAPH]).findings
    handed = shapes.validate([BUILT_GRAPH.with_suffix(".nt")]).findings
    assert len(dumped) > 30 and handed == dumped  # every finding on the report (listed above)
    prepared = shapes._prepared("report")
    broken = shapes.dataclasses.replace(prepared, context_ntriples=b"<not N-Triples")
    monkeypatch.setattr(shapes, "_prepared", lambda profile, structural=False: broken)
    assert shapes.validate([BUILT_GRAPH.with_suffix(".nt")]).findings == dumped
