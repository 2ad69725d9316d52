"""Section Ⅳ's plan blocks as read from the report: every dated item, its period as printed and as read."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from seoulkg.errors import ExtractionWarning
from seoulkg.extract.dates import DateReading, parse_due
from seoulkg.extract.milestones import Milestone, read_milestones
from seoulkg.extract.outline import Heading, read_outline
from seoulkg.extract.source import SourceDocument


@pytest.fixture(scope="module")
def reading(doc: SourceDocument) -> tuple[list[Milestone], list[ExtractionWarning]]:
    warnings: list[ExtractionWarning] = []
    return read_milestones(read_outline(doc, []), warnings), warnings


@pytest.fixture(scope="module")
def milestones(reading: tuple[list[Milestone], list[ExtractionWarning]]) -> list[Milestone]:
    return reading[0]


def at(milestones: list[Milestone], line: int) -> list[Milestone]:
    return [m for m in milestones if m.span.start == line]


def test_counts(milestones: list[Milestone]) -> None:
    assert len(milestones) == 122 and len({m.span.start for m in milestones}) == 103
    assert sum(1 for m in milestones if m.reading) == 112
    assert sum(1 for m in milestones if m.reading and m.reading.due is None) == 18  # open-ended ('’22.3.~')
    per_program = Counter(m.program for m in milestones)
    assert per_program[(1, 1)] == 3 and per_program[(1, 4)] == 2 and per_program[(2, 4)] == 5
    assert per_program[(3, 1)] == 10 and per_program[(4, 5)] == 9 and per_program[(5, 1)] == 10
    assert len(per_program) == 24  # every program plans something dated


def test_a_month_and_a_range_are_due_at_their_end(milestones: list[Milestone]) -> None:
    [refund] = at(milestones, 670)
    assert refund.program == (1, 4) and refund.block == "향후계획" and refund.marker == "○"
    assert refund.text == "임대료 등 감면액 정산 및 감면 지원금 지급 : ’22.7월"
    assert refund.reading == DateReading("’22.7월", date(2022, 7, 1), date(2022, 7, 31), "month")
    [relief] = at(milestones, 668)
    assert relief.date_text == "’22.1~6월" and relief.reading.start == date(2022, 1, 1)
    assert relief.reading.due == date(2022, 6, 30) and relief.span.text == "○ " + relief.text


def test_an_open_ended_plan_has_no_due_date(milestones: list[Milestone]) -> None:
    [course] = at(milestones, 622)
    assert course.date_text == "’22. 6월~" and course.reading.kind == "from"
    assert (course.reading.start, course.reading.due) == (date(2022, 6, 1), None)


@pytest.mark.parametrize(("line", "date_text", "start", "due"), [
    (404, "’22.1.10. ~ 6.30.", date(2022, 1, 10), date(2022, 6, 30)),  # days
    (879, "’22. 1.19. ~ 2.4.", date(2022, 1, 19), date(2022, 2, 4)),
    (929, "’22.2.28.限", date(2022, 2, 28), date(2022, 2, 28)),  # 'by that day'
    (2053, "’22.3.18(금) ~ 3.23(수)", date(2022, 3, 18), date(2022, 3, 23)),  # weekdays; ', 6일간' left out
    (1925, "’22. 9. 30 ~ 10. 2 (예정)", date(2022, 9, 30), date(2022, 10, 2)),  # ', DDP 알림2관' left out
    (1917, "~’22. 6월", None, date(2022, 6, 30)),
    (1020, "’22 상", date(2022, 1, 1), date(2022, 6, 30)),  # dated in parentheses at the end
    (1012, "’22~’24", date(2022, 1, 1), date(2024, 12, 31)),
    (2100, "’23.3월", date(2023, 3, 1), date(2023, 3, 31)),  # '(’23.3월 준공 목표)'
    (1358, "2017.10 ~ 2022.9", date(2017, 10, 1), date(2022, 9, 30)),  # '(2017.10 ~ 2022.9, 5년)'
])
def test_printed_forms(milestones: list[Milestone], line: int, date_text: str, start: date | None,
                       due: date) -> None:
    [found] = at(milestones, line)
    assert found.date_text == date_text and (found.reading.start, found.reading.due) == (start, due)


def test_items_listing_several_dated_steps(milestones: list[Milestone]) -> None:
    steps = at(milestones, 825)  # '－ 공고 및 접수(’22.4월), 심의 및 현장 실사(’22.5~6월), 선정(’22.6월)'
    assert [(m.text, m.reading.due) for m in steps] == [
        ("공고 및 접수(’22.4월)", date(2022, 4, 30)), ("심의 및 현장 실사(’22.5~6월)", date(2022, 6, 30)),
        ("선정(’22.6월)", date(2022, 6, 30))]
    assert {m.context for m in steps} == {"청년 일자리 확대를 위한 ‘서울형 강소기업’ 추가 발굴 (50개)"}
    rounds = at(milestones, 881)  # '… 선정 : ’22. 2월(1차), 5월(2차)': the second round takes the printed year
    assert [(m.date_text, m.reading.due) for m in rounds] == [
        ("’22. 2월(1차)", date(2022, 2, 28)), ("5월(2차)", date(2022, 5, 31))]
    chain = at(milestones, 1528)  # '※ 사업부지 매입완료(’21.3)⇨기본·실시설계(’22)⇨착공(’23)⇨홍릉 R&D지원센터 완공(’25)'
    assert [m.text for m in chain] == ["사업부지 매입완료(’21.3)", "기본·실시설계(’22)", "착공(’23)",
                                       "홍릉 R&D지원센터 완공(’25)"]
    fund = at(milestones, 1128)  # '혁신성장펀드(’18~’22) 성과분석, … 수립(’22.7.)': dated by its own period
    assert [(m.date_text, m.reading.due) for m in fund] == [("’22.7.", date(2022, 7, 31))]
    campuses = at(milestones, 724)  # '용산(’22.11월 개관) 마포(’22.4월 운영) 강동(’22.11월 개관)'
    assert [(m.text, m.date_text) for m in campuses] == [
        ("용산(’22.11월 개관)", "’22.11월"), ("마포(’22.4월 운영)", "’22.4월"), ("강동(’22.11월 개관)", "’22.11월")]
    cinema = at(milestones, 2110)  # '(’21.12.31.기준)' dates the progress figure, not a plan
    assert [m.date_text for m in cinema] == ["’22.下", "’23.3."]


def test_where_each_milestone_is_printed(milestones: list[Milestone]) -> None:
    [operate] = at(milestones, 1803)
    assert (operate.program, operate.subprogram, operate.block) == ((4, 5), "4차 산업혁명 체험센터 조성", "향후계획")
    [plan] = at(milestones, 1911)
    assert (plan.block, plan.context, plan.marker) == ("추진계획", "추진일정", "－")
    assert plan.subprogram == "뷰티산업 트렌드 상설체험「뷰티복합문화공간」조성 (’22.6.)"
    [centre] = at(milestones, 992)  # an unmarked heading line right under '추진계획(’22년)'
    assert (centre.block, centre.marker, centre.reading.due) == ("추진계획(’22년)", "", date(2022, 3, 31))
    [week] = at(milestones, 2053)
    assert week.block == "’22년 춘계 서울패션위크 계획"


def test_undated_items_footnotes_and_tables_are_left_out(milestones: list[Milestone]) -> None:
    lines = {m.span.start for m in milestones}
    assert not lines & {722, 744, 1840}  # undated bullets
    assert 1081 not in lines  # footnote '6) ESG : … (’25년~)'
    assert not lines & {2197, 2198, 2199, 2210, 2211}  # flattened tables: their dates belong to facilities
    assert 1512 not in lines  # '총사업비 : 53,419백만원(’22년 26,788백만원)': an amount, not a period
    assert 597 not in lines  # '(’21년 4,452건 → ’22년 5,400건)'
    assert not {m.program for m in milestones if m.span.start in range(1404, 1463)}  # '추진내용' is no plan block


def test_unread_dates_are_kept_and_warned(reading) -> None:
    milestones, warnings = reading
    unread = [(m.span.start, m.date_text) for m in milestones if m.reading is None]
    assert unread == [(927, "’22.2.9.~15."), (1232, "7월"), (1240, "5~10월"), (1653, "10월"), (1842, "~2월"),
                      (1842, "~8월"), (1842, "9월~"), (1846, "~8월"), (1846, "9월~"), (1850, "2월~7월")]
    assert [w.line for w in warnings] == [line for line, _ in unread]
    assert warnings[0].reason == ("plan date '’22.2.9.~15.' not read: "
                                  "신청법인 현장 확인 및 적격자심의위원회 개최 : ’22.2.9.~15.")
    assert warnings[4].reason == "plan date '~2월' prints no year: 터파기(~2월)"


def test_outline_of_sub_programs(doc: SourceDocument) -> None:
    outline = read_outline(doc, [])
    assert len(outline.programs) == 24
    robot = outline.part_at(1831)
    assert robot.title == "서울로봇 인공지능과학관 건립" and (robot.span.start, robot.span.end) == (1807, 1852)
    assert outline.part_at(617) is None  # P1.3's 향후계획 follows its sub-programs, outside them
    assert Heading(1798, "향후계획") in outline.headings


@pytest.mark.parametrize(("text", "year", "kind", "start", "due"), [
    ("’22.2.28.限", None, "day", date(2022, 2, 28), date(2022, 2, 28)),
    ("’22.3.18(금) ~ 3.23(수)", None, "range", date(2022, 3, 18), date(2022, 3, 23)),
    ("’22. 1.19. ~ 2.4.", None, "range", date(2022, 1, 19), date(2022, 2, 4)),
    ("’64.4.15.", None, "day", date(1964, 4, 15), date(1964, 4, 15)),  # G밸리 designated in 1964
    ("’08. 12. 30.", None, "day", date(2008, 12, 30), date(2008, 12, 30)),
    ("5월", 2022, "month", date(2022, 5, 1), date(2022, 5, 31)),  # the year printed earlier in the same date
])
def test_date_forms_added_for_the_plans(text: str, year: int | None, kind: str, start: date, due: date) -> None:
    assert parse_due(text, year) == DateReading(text, start, due, kind)


@pytest.mark.parametrize("text", ["’22.2.9.~15.", "5월", "~8월"])
def test_date_forms_still_rejected(text: str) -> None:
    assert parse_due(text) is None  # a bare end after a day stays ambiguous; no year, no date
