"""Section Ⅳ (2021년 행정사무감사 처리결과) as read from the report text: summary, items, follow-ups."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from seoulkg.errors import ExtractionWarning
from seoulkg.extract.audit import AuditItem, AuditSection, read_audit
from seoulkg.extract.outline import Outline, read_outline
from seoulkg.extract.source import SourceDocument
from seoulkg.extract.text import squash

REFERENCE = date(2022, 1, 21)


@pytest.fixture(scope="module")
def reading(doc: SourceDocument) -> tuple[AuditSection, list[ExtractionWarning]]:
    warnings: list[ExtractionWarning] = []
    section = read_audit(read_outline(doc, []), warnings)
    assert section is not None
    return section, warnings


@pytest.fixture(scope="module")
def audit(reading: tuple[AuditSection, list[ExtractionWarning]]) -> AuditSection:
    return reading[0]


def item(audit: AuditSection, category: str, number: int) -> AuditItem:
    return next(i for i in audit.items if i.category == category and i.number == number)


def dues(found: AuditItem) -> dict[str, date | None]:
    return {f.date_text: f.reading.due if f.reading else None for f in found.followups if f.date_text}


def test_heading_reference_date_and_stated_total(audit: AuditSection) -> None:
    assert audit.heading.start == 2272 and "2021년 행정사무감사 처리결과" in audit.heading.text
    assert audit.stated_total == 180 and audit.stated_total_span.start == 2287
    assert audit.reference_text == "’22.1.21 기준" and audit.reference_date == REFERENCE


def test_summary_table_as_printed(audit: AuditSection) -> None:
    rows = {r.category: r for r in audit.summary}
    assert list(rows) == [None, "correction", "suggestion", "data_request"]
    printed = {c: (r.total_printed, *(s.printed for s in r.by_status)) for c, r in rows.items()}
    assert printed == {
        None: ("180", "122", "56", "-", "2"),
        "correction": ("85", "37", "47", "1", "-"),
        "suggestion": ("16", "6", "9", "1", "-"),
        "data_request": ("79", "79", "-", "-", "-"),
    }
    assert [s.status for s in rows[None].by_status] == ["completed", "in_progress", "under_review", "not_adopted"]
    assert rows["correction"].by_status[3].count == 0  # '-' is nil
    assert rows["correction"].printed_label == "시정· 처리요구사항" and rows[None].span.start == 2296
    assert (audit.summary_span.start, audit.summary_span.end) == (2292, 2302)


def test_the_printed_total_row_is_kept_though_it_does_not_add_up(audit: AuditSection) -> None:
    # Line 2296 prints 검토 중 '-' and 미반영 2, but the category rows (2298-2302) give 1+1 = 2 under
    # review and none not adopted: the last two cells look swapped. The reader keeps what is printed.
    total, *categories = audit.summary
    by_column = [sum(r.by_status[k].count for r in categories) for k in range(4)]
    assert by_column == [122, 56, 2, 0]
    assert [s.count for s in total.by_status] == [122, 56, 0, 2]
    assert total.total == sum(r.total for r in categories) == 180


def test_note_on_the_two_items_added_by_the_reorganisation(audit: AuditSection) -> None:
    assert (audit.note_span.start, audit.note_span.end) == (2304, 2308)
    assert audit.note.startswith("’22.1.1.子 조직개편에 따라") and audit.note.endswith("(178건 → 180건)")
    # The note: one correction and one suggestion were added; both print '(추가)' before the demand.
    assert [(i.category, i.number) for i in audit.items if i.added] == [("correction", 85), ("suggestion", 16)]


def test_item_counts_per_category_and_status_match_the_summary(audit: AuditSection) -> None:
    counts: Counter[str | None] = Counter(i.category for i in audit.items)
    assert counts == {"correction": 85, "suggestion": 16, "data_request": 79}
    statuses: Counter[tuple[str | None, str | None]] = Counter((i.category, i.status) for i in audit.items)
    for row in audit.summary[1:]:
        assert counts[row.category] == row.total
        for cell in row.by_status:
            assert statuses[(row.category, cell.status)] == cell.count, (row.category, cell.status)


def test_numbers_restart_per_category_and_run_in_sequence(audit: AuditSection) -> None:
    for category, total in [("correction", 85), ("suggestion", 16), ("data_request", 79)]:
        assert [i.number for i in audit.items if i.category == category] == list(range(1, total + 1))
    assert item(audit, "suggestion", 1).span.start == 5603 and item(audit, "data_request", 1).span.start == 6219
    assert item(audit, "data_request", 79).span.end == 7304  # the bookmark dump after it is not read


def test_correction_1(audit: AuditSection) -> None:
    first = item(audit, "correction", 1)
    assert (first.span.start, first.span.end) == (2316, 2346)
    assert first.demand == ("2022년 신규 캠퍼스 조성 사업으로 강남북 균형 발전은 강조했으나, "
                            "동북권 캠퍼스 조성 계획이 필요해보임.")
    assert first.units == ("캠퍼스타운활성화과",) and first.unit_span.start == first.unit_span.end == 2326
    assert first.status == "in_progress" and first.status_printed == "추진 중"  # spelled with a space
    assert first.actions[0] == "동북권 25개 대학 중 ’22년 현재 18개 대학에서 캠퍼스타운 조성·운영"
    assert len(first.actions) == 4 and not first.combined
    assert [f.text for f in first.followups] == ["캠퍼스타운 사업 추진(’22년 32개소) : ’22년 연중",
                                                 "5단계 신규 대학 공모 : ’22년 상반기 중"]
    assert dues(first) == {"’22년 연중": date(2022, 12, 31), "’22년 상반기 중": date(2022, 6, 30)}
    assert [f.span.start for f in first.followups] == [2344, 2346]


def test_correction_2(audit: AuditSection) -> None:
    second = item(audit, "correction", 2)
    assert second.units == ("창업정책과",) and second.status == "completed" and second.status_printed == "추진완료"
    assert dues(second) == {"’22. 4월(예정)": date(2022, 4, 30)}
    assert second.followups[0].reading.kind == "month"


@pytest.mark.parametrize(("category", "number", "printed", "status"), [
    ("correction", 1, "추진 중", "in_progress"),
    ("correction", 3, "추진중", "in_progress"),
    ("correction", 2, "추진완료", "completed"),
    ("correction", 84, "검토중", "under_review"),
    ("suggestion", 16, "검토중", "under_review"),
])
def test_status_spellings(audit: AuditSection, category: str, number: int, printed: str, status: str) -> None:
    found = item(audit, category, number)
    assert (found.status_printed, found.status) == (printed, status)


def test_every_item_has_a_unit_and_a_known_status(audit: AuditSection) -> None:
    assert all(i.units and i.unit_span and i.status for i in audit.items)
    assert Counter(i.status_printed for i in audit.items) == {"추진완료": 122, "추진중": 48, "추진 중": 8, "검토중": 2}


def test_two_units_wrapped_over_two_lines(audit: AuditSection) -> None:
    found = item(audit, "data_request", 42)
    assert found.units == ("농업기술센터", "서울시립과학관")
    assert (found.unit_span.start, found.unit_span.end) == (6827, 6829)
    # The demand names the same bodies in a parenthesis of its own (6823-6825); that one stays.
    assert found.demand == "서울시 교육청과 협력요청 내용과 결과(농업기술센터, 서울시립과학관)"


def test_units_outside_the_office_are_still_units(audit: AuditSection) -> None:
    culture = item(audit, "data_request", 59)  # the culture division of another bureau answered
    assert culture.units == ("문화예술과",) and culture.actions == ("문화예술과에서 자료 제출 완료 (2021. 11. 15.)",)
    institutes = [i.number for i in audit.items if i.units == ("기술교육원",)]
    assert institutes == list(range(61, 80))  # data requests 61-79 went to the technical training institutes


@pytest.mark.parametrize(("category", "number", "line", "unit", "demand_end"), [
    ("correction", 18, 2991, "금융투자과", "투자액 격차 감소를 위한 방안 필요"),  # '방안 필요(금융투자과)'
    ("correction", 39, 3769, "금융투자과", "마련하는 것을 고려하길 요청함."),  # '요청함. (금융투자과)'
    ("suggestion", 16, 6183, "경제정책과", "사업단 이관 필요."),  # '이관 필요.(경제정책과)'
    ("data_request", 61, 7091, "기술교육원", "종강현황 및 대체훈련 현황"),  # '현황(기술교육원)'
])
def test_unit_printed_inline_at_the_end_of_a_line(audit: AuditSection, category: str, number: int, line: int,
                                                  unit: str, demand_end: str) -> None:
    found = item(audit, category, number)
    assert found.units == (unit,) and found.unit_span.start == found.unit_span.end == line
    assert found.demand.endswith(demand_end)


def test_other_parentheses_before_the_unit_stay_in_the_demand(audit: AuditSection) -> None:
    market = item(audit, "correction", 24)
    assert market.units == ("도시농업과",) and market.unit_span.start == 3174
    assert market.demand.endswith("(공익성을 강화하는 측면에서 출하자 단체에서 재지정기간을 5년에서 3년으로 축소, "
                                  "도매법인이나 경매사 등의 위법행위에 대한 행정처분 강화/"
                                  "농산물 가격 안정을 위한 역할을 부여 등)")
    council = item(audit, "data_request", 12)
    assert council.units == ("캠퍼스타운활성화과",)
    assert council.demand == "캠퍼스타운 지역활성화협의회 (지역협의회 구성 일자, 구성원 등)"


def test_page_headers_do_not_leak_into_items(audit: AuditSection) -> None:
    headers = ["시정및처리요구사항조치결과및향후추진계획", "건의사항조치결과", "자료제출등기타사항조치결과"]
    for found in audit.items:
        texts = [found.demand, *found.actions, *(f.text for f in found.followups)]
        assert not any(h in squash(t) for h in headers for t in texts), (found.category, found.number)
    # Headers at 2500, 5665 and 6291 fall between items: spans stop before them and start after them.
    assert item(audit, "correction", 5).span.end == 2496 and item(audit, "correction", 6).span.start == 2502
    assert item(audit, "suggestion", 2).span.end == 5661 and item(audit, "suggestion", 3).span.start == 5666
    assert item(audit, "data_request", 6).span.end == 6287 and item(audit, "data_request", 7).span.start == 6293


def test_actions_printed_on_the_heading_line_and_combined_blocks(audit: AuditSection) -> None:
    robot = item(audit, "correction", 28)  # '□ 추진내용 : 로봇과학관 건립공사 추진중(공정률 19.2%)'
    assert robot.actions == ("로봇과학관 건립공사 추진중(공정률 19.2%)",)
    assert dues(robot) == {"’22. 5월": date(2022, 5, 31), "’22. 12월": date(2022, 12, 31),
                           "’23. 7월": date(2023, 7, 31)}
    setec = item(audit, "correction", 4)  # '□ 추진내용 및 향후계획'
    assert setec.combined and setec.followups == ()
    assert setec.actions == ("당초 캠퍼스 조성계획 변경하여 SETEC 부지에 청년취업사관학교 조성계획 없음",)
    data = item(audit, "data_request", 1)  # '□ 추진내용 및 향후 추진계획'
    assert data.combined and data.actions == ("자료 제출 완료 (2021. 11. 3.)",)
    combined = [(i.category, i.number) for i in audit.items if i.combined and i.category != "data_request"]
    assert combined == [("correction", n) for n in (4, 5, 6, 7, 34, 40, 46, 47, 65)]
    assert all(i.combined for i in audit.items if i.category == "data_request")


def test_followup_date_positions(audit: AuditSection) -> None:
    # after the last ':'; before the first (date-first bullets); in the parentheses ending the bullet
    assert dues(item(audit, "correction", 17)) == {"’22.1월~": None}  # '◦ ’22.1월~ : 자치구 협의 …'
    assert item(audit, "correction", 17).followups[0].reading.start == date(2022, 1, 1)
    assert dues(item(audit, "correction", 42)) == {"’22.01.": date(2022, 1, 31), "’22.03.": date(2022, 3, 31),
                                                   "’22.09.": date(2022, 9, 30)}
    assert dues(item(audit, "suggestion", 7)) == {"’22. 상반기": date(2022, 6, 30)}
    assert dues(item(audit, "correction", 25)) == {"’22년 중": date(2022, 12, 31)}  # '… 시행(’22년 중)'
    assert dues(item(audit, "correction", 21)) == {"~’23년": date(2023, 12, 31)}  # '… 추진(~’23년)'
    assert dues(item(audit, "correction", 45)) == {"’22.上.": date(2022, 6, 30), "’22.下.": date(2022, 12, 31)}
    assert dues(item(audit, "correction", 53)) == {"’22. 5. ~ 6.": date(2022, 6, 30),
                                                   "’22. 7. ~ 12.": date(2022, 12, 31),
                                                   "’22. 9. ~ 12.": date(2022, 12, 31)}
    assert dues(item(audit, "correction", 63))["’24년중"] == date(2024, 12, 31)
    assert dues(item(audit, "correction", 22)) == {"2022. 2월": date(2022, 2, 28)}  # '- 일 시 : 2022. 2월'


def test_a_followup_wrapped_over_lines_keeps_its_date(audit: AuditSection) -> None:
    printing = item(audit, "correction", 48).followups[0]  # 4164-4168, the date on the last line
    assert (printing.span.start, printing.span.end) == (4164, 4168)
    assert printing.date_text == "’22.2" and printing.reading.due == date(2022, 2, 28)
    platform = item(audit, "correction", 80).followups[0]  # '… 검토 :' / '’22.3.~'
    assert (platform.date_text, platform.reading.kind, platform.reading.due) == ("’22.3.~", "from", None)


def test_followup_bullets_sub_bullets_and_headings(audit: AuditSection) -> None:
    camp = item(audit, "correction", 11)
    assert [f.marker for f in camp.followups][:3] == ["◦", "<", "◦"]
    assert camp.followups[1].text == "< 교육위탁기관 선정․운영 개선 >"
    beauty = item(audit, "correction", 14)  # plans for 2021 printed in a report of 2022
    assert [(f.marker, f.date_text) for f in beauty.followups if f.date_text] == [
        ("‣", "~’21.2"), ("‣", "~’21.4"), ("‣", "~’21.6까지 (예정)")]
    assert all(f.reading.due < REFERENCE for f in beauty.followups if f.reading and f.reading.due)


def test_a_plan_waiting_for_a_years_work_is_due_in_that_year(audit: AuditSection) -> None:
    """'’22년 사업 추진 시, …' opening a bullet (lines 2673, 2746) dates it by that year."""
    for number, printed in ((11, "’22년 사업 추진 시"), (12, "’22년 사업 시")):
        plan = item(audit, "correction", number).followups[0]
        assert plan.text.startswith(f"{printed}, ")
        assert plan.reading is not None
        assert (plan.date_text, plan.reading.start, plan.reading.due) == (printed, date(2022, 1, 1), date(2022, 12, 31))


def test_schedules_that_are_not_periods_carry_no_date(audit: AuditSection) -> None:
    printing = item(audit, "correction", 56)
    assert [f.text.rsplit(" : ", 1)[1] for f in printing.followups] == ["분기별 1회", "분기별 1회"]
    assert all(f.date_text is None for f in printing.followups)
    assert item(audit, "suggestion", 6).followups[-1].text == "경과보고 및 자문회의 : 상시"
    assert item(audit, "suggestion", 6).followups[-1].date_text is None


def test_unreadable_dates_are_kept_and_warned_with_their_lines(
        reading: tuple[AuditSection, list[ExtractionWarning]]) -> None:
    audit, warnings = reading
    followups = [f for i in audit.items for f in i.followups]
    unread = {(f.span.start, f.date_text) for f in followups if f.date_text and not f.reading}
    assert unread == {(4998, "’23. 31.~"), (5217, "’22,4,")}
    assert sorted(warnings) == [
        ExtractionWarning(2294, "audit summary row '계' prints 0 cells for a total and 4 statuses; skipped"),
        *[ExtractionWarning(first, f"correction item {item} table at line {header} ({columns} columns): lines "
                                   f"{first}-{last} do not fill the columns one cell each (cells spanning lines, "
                                   "or columns whose names cannot be told apart); not read")
          for item, header, columns, first, last in [(15, 2877, 2, 2879, 2890), (42, 3863, 6, 3865, 3883),
                                                     (51, 4285, 4, 4287, 4289)]],
        ExtractionWarning(4998, "correction item 68: follow-up date '’23. 31.~' not read"),
        ExtractionWarning(5041, "correction item 70 table at line 5040 (4 columns): lines 5041-5044 do not fill "
                                "the columns one cell each (cells spanning lines, or columns whose names cannot be "
                                "told apart); not read"),
        ExtractionWarning(5217, "correction item 75: follow-up date '’22,4,' not read"),
    ]


def test_tables_inside_an_item_continue_the_bullet_before_them(audit: AuditSection) -> None:
    jobs = item(audit, "correction", 3)  # the table of job targets, 2432-2445
    assert jobs.actions[1].endswith("(단위 : 개) 유형별 사업수 목표 총 계 88 134,677 직접일자리 20 34,971 "
                                    "간접일자리 68 99,706 직업훈련 6 3,147 고용서비스 4 39,610 창업지원 41 7,897 "
                                    "고용장려금 5 2,127 민간지원 8 46,357 공사인력 4 568")


def test_the_answers_tables_of_figures(audit: AuditSection) -> None:
    """Tables an answer prints, read as the programs' are: a header (or the line under '(단위 : …)') and rows
    filling its columns one cell each."""
    (jobs,) = item(audit, "correction", 3).tables  # lines 2432-2445, '(단위 : 개)' / '유형별 사업수 목표'
    assert jobs.columns == ("사업수", "목표") and jobs.unit_text == "개" and jobs.span.start == 2434
    rows = {r.label: [(c.column, c.value, c.role) for c in r.cells] for r in jobs.rows}
    assert rows["총계"] == [("사업수", 88, "total"), ("목표", 134_677, "total")]  # a 총계 row is the total
    assert rows["간접일자리"] == [("사업수", 68, "count"), ("목표", 99_706, "count")]
    assert len(jobs.rows) == 9 and sum(len(r.cells) for r in jobs.rows) == 18
    (hub,) = item(audit, "correction", 37).tables  # line 3717: '구 분 계 ’18년 ’19년 ’20년 ’21년 11월'
    assert hub.columns == ("계", "’18년", "’19년", "’20년", "’21년 11월") and hub.unit_text == "백만원"
    sales = hub.rows[0]
    assert sales.label == "매출액" and [c.printed for c in sales.cells] == [
        "173,542", "28,980", "31,766", "65,361", "47,435"]
    assert sales.cells[0].normalised == 173_542_000_000 and sales.cells[0].unit_code == "KRW"
    assert sales.cells[4].period.due == date(2021, 11, 30)
    (agencies,) = item(audit, "correction", 50).tables  # line 4235: agencies and their projects by year
    assert [(r.label, [c.value for c in r.cells]) for r in agencies.rows] == [
        ("기관수", [6, 7, 6, 7, 7, 10]), ("사업수", [11, 12, 11, 10, 14, 16])]
    (quarters,) = item(audit, "correction", 69).tables  # line 5017, its unit closing the title line 5015
    assert quarters.unit_text == "백만원" and [c.normalised for c in quarters.rows[0].cells][:2] == [
        5_298_000_000, 1_448_000_000]
    assert [(c.printed, c.unit_code) for c in quarters.rows[1].cells][:2] == [("99%", "PERCENT"), ("27%", "PERCENT")]
    # not read: cells with a rate in parentheses (70), decimals printed with no unit (51), words (42), names
    # beside counts under a <title> (15: '권 역 개소수 광역일자리카페')
    assert not item(audit, "correction", 70).tables and not item(audit, "correction", 51).tables
    assert not item(audit, "correction", 42).tables and not item(audit, "correction", 15).tables
    assert sum(len(i.tables) for i in audit.items) == 4


def _outline(*lines: str) -> Outline:
    return read_outline(SourceDocument(Path("synthetic.txt"), lines, "0" * 64), [])


def test_no_audit_section() -> None:
    warnings: list[ExtractionWarning] = []
    assert read_audit(_outline("Ⅰ. 일반현황", "인력현황"), warnings) is None
    assert warnings == [ExtractionWarning(1, "no audit section ('행정사무감사 처리결과') found")]


def test_what_cannot_be_read_is_warned_at_its_line() -> None:
    warnings: list[ExtractionWarning] = []
    section = read_audit(_outline(
        "Ⅳ. 2021년 행정사무감사 처리결과",  # 1
        "2 시정․처리 요구사항",  # 2
        "머리말",  # 3: before the first item
        "1. 캠퍼스 조성 필요",  # 4
        "(캠퍼스타운활",  # 5: a unit wrapped over two lines
        "성화과)",  # 6
        "□ 추진상황 : 추진 완료",  # 7
        "□ 추진내용",  # 8
        "◦ 공모 추진",  # 9
        "□ 향후계획",  # 10
        "◦ 공모 : ’22년 하반기",  # 11
        "3. 단위 없는 요구",  # 12: out of sequence, no unit
        "□ 추진상황 : 보류",  # 13: unknown status
        "□ 비고",  # 14: unknown heading
        "◦ 무시됨",  # 15
        "4. 상황 없는 요구 (경제정책과, 일자리정책과)",  # 16: no status, two units inline
        "□ 향후계획",  # 17
        "◦ 검토 : ’22.13.",  # 18: impossible month
    ), warnings)
    assert section is not None
    first, second, third = section.items
    assert (first.units, first.unit_span.start, first.unit_span.end) == (("캠퍼스타운활성화과",), 5, 6)
    assert first.status == "completed" and first.status_printed == "추진 완료"
    assert first.followups[0].reading.due == date(2022, 12, 31)
    # an unknown wording is kept as printed, with the status 'unknown'
    assert second.units == () and second.unit_span is None
    assert second.status == "unknown" and second.status_printed == "보류"
    assert third.units == ("경제정책과", "일자리정책과") and third.demand == "상황 없는 요구"
    assert third.followups[0].date_text == "’22.13." and third.followups[0].reading is None
    assert [w.line for w in sorted(warnings)] == [1, 1, 1, 3, 12, 12, 13, 14, 15, 16, 18]
    reasons = {w.line: w.reason for w in warnings if w.line > 1}
    assert reasons[3] == "correction part: line before the first item skipped"
    assert reasons[13] == "correction item 3: status '보류' not known; kept as printed, status 'unknown'"
    assert reasons[14] == "correction item 3: heading '□ 비고' not known; its lines are skipped"
    assert reasons[15] == "correction item 3: line outside any '□' block skipped"
    assert reasons[16] == "correction item 4: no status line ('□ 추진상황 : …')"
    assert reasons[18] == "correction item 4: follow-up date '’22.13.' not read"
    at_12 = sorted(w.reason for w in warnings if w.line == 12)
    assert at_12 == ["correction item 3: no responsible unit in parentheses ends the demand",
                     "correction item numbered 3 where 2 was expected"]
    assert sorted(w.reason for w in warnings if w.line == 1) == [
        "audit part '건의사항' not found", "audit part '기타사항(자료제출)' not found",
        "audit part '처리결과총괄' not found"]
