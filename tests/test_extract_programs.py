"""Section Ⅳ programs: overview titles, sub-programs, budget figures, targets and 2021 results."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from seoulkg.errors import ExtractionWarning
from seoulkg.extract.outline import read_outline
from seoulkg.extract.programs import ProgramRecord, read_programs
from seoulkg.extract.quantities import read_quantities
from seoulkg.extract.source import SourceDocument


def _read(doc: SourceDocument) -> tuple[list[ProgramRecord], list[ExtractionWarning]]:
    warnings: list[ExtractionWarning] = []
    return read_programs(read_outline(doc, warnings), warnings, 2022), warnings  # the report's year


def _edited(doc: SourceDocument, **lines: str) -> SourceDocument:
    """The report with some lines replaced: keys are 'l<number>'."""
    replaced = list(doc.lines)
    for key, text in lines.items():
        replaced[int(key[1:]) - 1] = text
    return SourceDocument(Path("edited.txt"), tuple(replaced), "0" * 64)


@pytest.fixture(scope="module")
def programs(doc: SourceDocument) -> dict[tuple[int, int], ProgramRecord]:
    return {(p.area, p.number): p for p in _read(doc)[0]}


def test_24_programs_in_five_areas(programs):
    counts = [sum(1 for area, _ in programs if area == a) for a in range(1, 6)]
    assert counts == [4, 5, 5, 5, 5]
    assert programs[(2, 4)].title == "서울형 뉴딜일자리 사업 추진"


def test_overview_title_kept_beside_header_title(programs):
    program = programs[(1, 2)]
    assert program.title == "중소기업 판로지원「 ON서울 마켓」시즌3 추진"
    assert program.overview_title == "중소기업 판로지원「ON(溫)서울 마켓」시즌3 추진"
    assert program.overview_span.start == 333
    assert all(p.overview_title for p in programs.values())


def test_overview_box_titles(doc):
    boxes = {o.area: o for o in read_outline(doc, []).overviews}
    assert boxes[4].title == "신산업 전략적 육성으로 미래 성장동력 확보"  # the list at 319 words it differently
    assert [len(boxes[a].entries) for a in range(1, 6)] == [4, 5, 5, 5, 5]


def test_sub_programs(programs):
    experience, museum = programs[(4, 5)].subprograms
    assert (experience.number, experience.title) == (1, "4차 산업혁명 체험센터 조성")
    assert (experience.span.start, experience.span.end) == (1772, 1803)
    assert museum.title == "서울로봇 인공지능과학관 건립"
    assert [s.number for s in programs[(1, 3)].subprograms] == [1, 2, 3]
    assert programs[(1, 3)].subprograms[2].span.end == 615  # ends before the program's '향후계획'
    assert sum(len(p.subprograms) for p in programs.values()) == 26


def test_budget_in_millions(programs):
    (figure,) = programs[(1, 1)].budgets
    assert (figure.label, figure.printed, figure.unit) == ("소요예산", "57,229백만원", "백만원")
    assert figure.krw == Decimal("57229000000")
    assert figure.subprogram is None and figure.section == "사업개요"
    assert figure.span.start == 364 and "57,229백만원" in figure.span.text


def test_budget_in_hundred_millions_with_breakdown(programs):
    figure = programs[(4, 1)].budgets[0]
    assert (figure.label, figure.amount, figure.unit) == ("’22년 예산", Decimal(262), "억원")
    assert figure.krw == Decimal("26200000000")
    assert [(p.label, p.printed, p.unit) for p in figure.parts] == [
        ("인프라 조성", "142", "억원"), ("민간위탁", "68", "억원"), ("임차‧관리 등", "52", "억원")]
    assert sum(p.krw for p in figure.parts) == figure.krw


def test_sub_program_budget_and_related_amount(programs):
    museum = next(b for b in programs[(4, 5)].budgets if b.subprogram == 2)
    assert museum.krw == Decimal("43697000000")
    assert [(a.label, a.printed) for a in museum.related] == [("’22년 예산", "14,312백만원")]
    assert museum.parts == ()
    assert [b.subprogram for b in programs[(1, 3)].budgets] == [1, 2, 3]


def test_budget_labels_and_table_columns(programs):
    labels = {b.label for p in programs.values() for b in p.budgets}
    assert labels == {"소요예산", "’22년 예산", "’22년예산", "총사업비", "사업예산", "사업규모", "지원금액", "운영예산"}
    schools = [(b.column, b.krw) for b in programs[(2, 5)].budgets]
    assert schools == [("중부+남부", Decimal("8000000000")), ("동부", Decimal("5572000000")),
                       ("북부", Decimal("4798000000"))]
    campus = programs[(3, 4)].budgets[0]
    assert (campus.label, campus.period, len(campus.parts)) == ("사업예산", "’22년", 3)
    total = programs[(5, 5)].budgets[0]
    assert total.krw == Decimal("985300000000") and [a.printed for a in total.related] == ["204억원", "506억원"]
    assert sum(len(p.budgets) for p in programs.values()) == 36


def test_targets(programs):
    (people,) = programs[(1, 1)].targets
    assert people.label == "목표인원"
    assert [(q.value, q.unit) for q in people.quantities] == [
        (Decimal(7830), "명"), (Decimal(1000), "명"), (Decimal(6830), "명")]
    assert [q.role for q in people.quantities] == ["total", "part", "part"]  # '(서울시 : 1,000명 / 자치구 : 6,830명)'
    (scale,) = programs[(2, 4)].targets
    assert [q.printed for q in scale.quantities] == ["3,700명"]  # 76,527백만원 is the 사업규모 budget figure
    sales = programs[(1, 2)].targets[0]
    assert sales.quantities[1].krw == Decimal("600000000000")  # '6천억'
    platforms = programs[(1, 2)].targets[1]  # line 441: '국내․외 비대면 유통플랫폼 16개 이상 확보'
    assert (platforms.span.start, platforms.quantities[0].value, platforms.quantities[0].role) == (
        441, Decimal(16), "threshold")
    # a plan's bullets with figures (’22 scales, yearly goals, thresholds), not only labelled ones: 11 before
    assert sum(len(p.targets) for p in programs.values()) == 72


def test_alternatives_under_one_bound_are_both_thresholds(programs):
    """Line 1205: '연매출액 10억 또는 투자유치 3억 이상 기록한 성장유망기업 51팀 발굴': 10억 and 3억 are the two
    thresholds a firm meets either of (10억 was read as an amount), 51팀 the count."""
    campus = programs[(3, 4)]
    (statement,) = [s for s in (*campus.targets, *campus.results) if s.span.start == 1205]
    assert [(q.printed, q.krw, q.role) for q in statement.quantities] == [
        ("10억", Decimal("1000000000"), "threshold"), ("3억", Decimal("300000000"), "threshold"),
        ("51팀", None, "count")]
    # only an alternative printed before a bound: 'A 또는 B' with no bound stays as read
    assert [q.role for q in read_quantities("예산 10억 또는 예비비 3억 사용")] == ["amount", "amount"]
    assert [q.role for q in read_quantities("매출 10억, 고용 3명 이상")] == ["amount", "threshold"]


def test_a_cumulative_series_stays_cumulative_along_its_arrows(programs):
    """Line 1014: '스타트업–CVC등 투자매칭(누적): 350개(’22) ⇨ 500개(’23) ⇨ 1천개(’24)': all three are running
    totals, each with its year (they were read as counts)."""
    (statement,) = [t for t in programs[(3, 1)].targets if t.span.start == 1014]
    assert [(q.printed, q.role, q.period) for q in statement.quantities] == [
        ("350개", "cumulative", "’22"), ("500개", "cumulative", "’23"), ("1천개", "cumulative", "’24")]
    # an arrow after a count, not a running total, changes nothing: '(’21년 3개 → ’22년 6개)'
    assert [q.role for q in read_quantities("온라인 채널 확대(’21년 3개 → ’22년 6개)")] == ["count", "count"]


def test_a_plan_printing_last_year_beside_its_target_is_read_as_both(programs):
    """Line 597: '이용객 증가 유도(’21년 4,452건 → ’22년 5,400건)': a 2021 result and a 2022 target."""
    studio = programs[(1, 3)]
    (target,) = [t for t in studio.targets if t.span.start == 597]
    (result,) = [r for r in studio.results if r.span.start == 597]
    assert [(q.printed, q.period) for q in target.quantities] == [("5,400건", "’22")]
    assert [(q.printed, q.period) for q in result.quantities] == [("4,452건", "’21")]
    assert target.subprogram == result.subprogram == 2


def test_2021_results(programs):
    jobs = programs[(1, 1)].results[0]
    assert jobs.section == "추진실적(’21년)" and jobs.span.start == 367
    assert [(q.value, q.unit) for q in jobs.quantities] == [
        (Decimal(14093), "명"), (Decimal(11374), "명"), (Decimal(124), "%")]
    heading = programs[(1, 2)].results[0]  # printed on the heading line itself
    assert heading.span.start == 431 and heading.quantities[1].krw == Decimal("566800000000")
    labelled = programs[(3, 5)].results[2]  # a '지원성과(’21년)' line under '추진계획', after two '지원사례' lines
    assert labelled.label == "지원성과(’21년)" and labelled.quantities[1].printed == "112,818뷰"
    assert [q.role for q in labelled.quantities] == ["count", "total", "average"]  # 67회, 총 112,818뷰, 평균 1,683뷰
    assert (labelled.period_text, labelled.period.start.isoformat()) == ("’21", "2021-01-01")
    interns = programs[(2, 2)].results[2]  # line 776: '… 148명(55.4%) 정규직 전환(’22.1월 현재)'
    assert (interns.as_of_text, interns.as_of.due.isoformat()) == ("’22.1월", "2022-01-31")
    jobs_total = programs[(2, 4)].results[0]  # line 872: '총 4,004명(市 2,230, 자치구 571, 투출기관 391, 민간기업 812)'
    assert [(q.role, q.normalised) for q in jobs_total.quantities] == [
        ("total", 4004), ("part", 2230), ("part", 571), ("part", 391), ("part", 812)]
    # 49 before: results blocks' statements plus progress states, '’21년 실적' asides, support cases (지원사례)
    # and past figures in plans
    assert sum(len(p.results) for p in programs.values()) == 60


def test_results_tables_are_read_cell_by_cell(programs):
    """The food start-up centre's performance table (lines 1292-1299) and Garak's progress (2253-2261)."""
    (table,) = programs[(3, 5)].tables
    assert table.columns == ("2017년", "2018년", "2019년", "2020년", "2021년", "계", "비고")
    sales = table.rows[0]
    assert (sales.label, sales.note, sales.span.start) == ("매출액", "입주기업 매출", 1293)
    assert [(c.printed, c.normalised) for c in sales.cells][:2] == [("85억원", 8_500_000_000),
                                                                    ("120억원", 12_000_000_000)]
    jobs = table.rows[1]
    assert (jobs.label, jobs.cells[-1].printed, jobs.cells[-1].role) == ("고용창출", "750명", "total")
    (progress,) = programs[(5, 5)].tables
    (row,) = progress.rows
    assert (row.label, row.span.start) == ("공정률", 2261)
    assert [(c.column, c.value) for c in row.cells][-1] == ("’21. 8~12월", Decimal("10.3"))
    assert row.cells[-1].period.due.isoformat() == "2021-12-31"


def test_warnings_on_the_report(doc):
    _, warnings = _read(doc)
    # the jobs-by-field table (369: seven header words for five columns), the campus table (708) and the
    # progress table's activity rows (2255: two cells glued on each line) cannot be read; 434 and 663 are now
    assert [w.line for w in warnings] == [371, 710, 2255]
    assert "do not fill the columns" in warnings[0].reason and "table at line 369" in warnings[0].reason


def test_breakdown_that_does_not_add_up_is_flagged(doc):
    edited = _edited(doc, l1391="○ ’22년 예산 : 262억원(인프라 조성 142, 민간위탁 68, 임차‧관리 등 50)")
    programs, warnings = _read(edited)
    assert any(w.line == 1391 and "adds up to" in w.reason for w in warnings)
    figure = programs[14].budgets[0]  # area 4 program 1: kept as printed, parts and all
    assert figure.krw == Decimal("26200000000") and figure.parts[2].printed == "50"


def test_overview_that_lists_fewer_programs_is_flagged(doc):
    programs, warnings = _read(_edited(doc, l337=""))
    assert any(w.line == 325 and "area 1 overview lists 3 programs" in w.reason for w in warnings)
    assert [p.overview_title for p in programs[:4]] == [None] * 4
    assert programs[4].overview_title is not None


def test_empty_input():
    programs, warnings = _read(SourceDocument(Path("empty.txt"), ("",), "0" * 64))
    assert programs == []
    assert [w.line for w in warnings] == [1]
