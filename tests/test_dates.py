"""The project's date parser: days ('’22.1.21.') and the periods the audit's plans are due in."""

from __future__ import annotations

from datetime import date

import pytest

from seoulkg.extract.dates import DateReading, parse_day, parse_due


@pytest.mark.parametrize(("text", "day"), [
    ("’22.1.21. 기준", date(2022, 1, 21)),
    ("(기준 : ’22.1.21 기준)", date(2022, 1, 21)),
    ("자료 제출 완료 (2021. 11. 3.)", date(2021, 11, 3)),
    ("’22.2.30.", None),
    ("’22. 3월", None),
])
def test_parse_day_reads_the_first_full_day(text: str, day: date | None) -> None:
    assert parse_day(text) == day


# Every form the audit section prints for its follow-ups ('□ 향후계획'), and a few from its actions, with
# the source line of one occurrence. A follow-up is due at the END of its period.
@pytest.mark.parametrize(("text", "kind", "start", "due"), [
    # a month -> its last day
    ("’22.2.", "month", date(2022, 2, 1), date(2022, 2, 28)),  # 2449
    ("’22.3.", "month", date(2022, 3, 1), date(2022, 3, 31)),
    ("’22.2", "month", date(2022, 2, 1), date(2022, 2, 28)),  # 3323, no closing dot
    ("’22.01.", "month", date(2022, 1, 1), date(2022, 1, 31)),  # 3903, zero-padded
    ("’22. 2.", "month", date(2022, 2, 1), date(2022, 2, 28)),  # 4800
    ("’22. 3월", "month", date(2022, 3, 1), date(2022, 3, 31)),  # 2910
    ("’22.1월", "month", date(2022, 1, 1), date(2022, 1, 31)),  # 3965
    ("2022. 2월", "month", date(2022, 2, 1), date(2022, 2, 28)),  # 3122, four-digit year
    ("’22. 4월(예정)", "month", date(2022, 4, 1), date(2022, 4, 30)),  # 2394
    ("’22.12월 중", "month", date(2022, 12, 1), date(2022, 12, 31)),  # 3288
    ("’23. 7월", "month", date(2023, 7, 1), date(2023, 7, 31)),  # 3362
    # a half -> 30 June or 31 December
    ("’22년 상반기", "half", date(2022, 1, 1), date(2022, 6, 30)),
    ("’22년 상반기 중", "half", date(2022, 1, 1), date(2022, 6, 30)),  # 2346
    ("’22. 상반기", "half", date(2022, 1, 1), date(2022, 6, 30)),  # 6211
    ("’22.상반기", "half", date(2022, 1, 1), date(2022, 6, 30)),  # 3325
    ("’22.상", "half", date(2022, 1, 1), date(2022, 6, 30)),  # 3844
    ("’22.上", "half", date(2022, 1, 1), date(2022, 6, 30)),  # 3030
    ("’22.上.", "half", date(2022, 1, 1), date(2022, 6, 30)),  # 4058
    ("’22.下.", "half", date(2022, 7, 1), date(2022, 12, 31)),  # 4060
    ("’22년 하반기", "half", date(2022, 7, 1), date(2022, 12, 31)),
    # a year -> 31 December
    ("’22년 중", "year", date(2022, 1, 1), date(2022, 12, 31)),  # 3253
    ("’22년 연중", "year", date(2022, 1, 1), date(2022, 12, 31)),  # 2344
    ("’24년중", "year", date(2024, 1, 1), date(2024, 12, 31)),  # 4808
    ("‘24년중", "year", date(2024, 1, 1), date(2024, 12, 31)),  # 4871, opening quote
    # a closed range -> from the start of its first period to the end of its last
    ("’22.1~6월", "range", date(2022, 1, 1), date(2022, 6, 30)),
    ("’22. 1 ~ 6월", "range", date(2022, 1, 1), date(2022, 6, 30)),  # 4681
    ("’22. 5. ~ 6.", "range", date(2022, 5, 1), date(2022, 6, 30)),  # 4382
    ("’22. 3 ~ 12.", "range", date(2022, 3, 1), date(2022, 12, 31)),
    ("’22.2.~3.", "range", date(2022, 2, 1), date(2022, 3, 31)),  # 4745
    ("’22. 7.~12.", "range", date(2022, 7, 1), date(2022, 12, 31)),  # 4996
    ("’22. 4월~11월", "range", date(2022, 4, 1), date(2022, 11, 30)),  # 4616
    ("’22. 3.~ 11", "range", date(2022, 3, 1), date(2022, 11, 30)),  # 3963
    ("’21.12.~’22.4.", "range", date(2021, 12, 1), date(2022, 4, 30)),  # 5195, across years
    ("’21.6.11.~6.25.", "range", date(2021, 6, 11), date(2021, 6, 25)),  # 2869, days
    ("’21년~’22년", "range", date(2021, 1, 1), date(2022, 12, 31)),
    # an upper bound -> the end of that period, no start
    ("~’22. 3", "until", None, date(2022, 3, 31)),  # 2941
    ("~’21.2", "until", None, date(2021, 2, 28)),  # 2842
    ("~’21.6까지 (예정)", "until", None, date(2021, 6, 30)),  # 2846
    ("~’23년", "until", None, date(2023, 12, 31)),  # 3092, printed in parentheses
    ("~’22.10.31까지", "until", None, date(2022, 10, 31)),
    # an open range -> a start and no due date
    ("’22.3.~", "from", date(2022, 3, 1), None),  # 3051
    ("’22.1.~", "from", date(2022, 1, 1), None),  # 3005
    ("’22.1월~", "from", date(2022, 1, 1), None),  # 2983
    ("’22.6월~", "from", date(2022, 6, 1), None),  # 3969
    ("’22.3 ~", "from", date(2022, 3, 1), None),  # 3484
    ("’22. 1. ~", "from", date(2022, 1, 1), None),  # 5215
    ("’22.~", "from", date(2022, 1, 1), None),  # 3650
    ("’24년~", "from", date(2024, 1, 1), None),  # 5461
    ("’23~", "from", date(2023, 1, 1), None),  # 5287
    # a year's work the plan waits for -> that year
    ("’22년 사업 추진 시", "year", date(2022, 1, 1), date(2022, 12, 31)),  # 2673
    ("’22년 사업 시", "year", date(2022, 1, 1), date(2022, 12, 31)),  # 2746
    ("’22년 지도점검 시", "year", date(2022, 1, 1), date(2022, 12, 31)),  # 3327
    # a full day
    ("’22.1.21.", "day", date(2022, 1, 21), date(2022, 1, 21)),
    ("2021. 11. 3.", "day", date(2021, 11, 3), date(2021, 11, 3)),
])
def test_parse_due_reads_every_printed_form(text: str, kind: str, start: date | None,
                                            due: date | None) -> None:
    assert parse_due(text) == DateReading(text, start, due, kind)


def test_parse_due_keeps_the_printed_text_and_ignores_surrounding_space() -> None:
    reading = parse_due("  ’22년 상반기 중 ")
    assert reading is not None and reading.printed == "’22년 상반기 중" and reading.due == date(2022, 6, 30)


@pytest.mark.parametrize("text", [
    "’22,4,",  # 5217: commas for dots
    "’23. 31.~",  # 4998: no month 31
    "상시",  # 5812: 'always'
    "분기별 1회",  # 4492: 'once a quarter'
    "’22.13.",
    "’22.2.30.",
    "’22.4~3월",  # ends before it starts
    "’21.10.30~31",  # a day or a month: cannot be told
    "~’22.3~",
    "’22.1.21. 기준",  # the whole text must be a period
    "",
    "~",
])
def test_parse_due_rejects_what_it_cannot_read(text: str) -> None:
    assert parse_due(text) is None
