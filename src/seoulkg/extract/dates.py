"""Dates as printed in the report ('’22.1.21.', '2022. 2월', '상반기' ...), one parser for the project."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# '’22.1.21.', '’22. 1. 21', '2022.1.21'
_DAY = re.compile(r"[’'‘]?\s*(?P<y>\d{4}|\d{2})\s*\.\s*(?P<m>\d{1,2})\s*\.\s*(?P<d>\d{1,2})\s*\.?")


def _year(printed: str) -> int:
    """A printed year as a number: two digits are 20xx up to ’49 and 19xx from ’50 ('’64.4.15.' is 1964)."""
    if len(printed) == 4:
        return int(printed)
    return (1900 if int(printed) >= 50 else 2000) + int(printed)


def parse_day(text: str) -> dt.date | None:
    """The first full day ('’22.1.21.') in `text`, or None when it names no valid day."""
    match = _DAY.search(text)
    if not match:
        return None
    try:
        return dt.date(_year(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


@dataclass(frozen=True)
class DateReading:
    """A printed period read as dates: when it starts and when what it dates is due (its end).

    kind is 'day', 'month', 'half', 'year' (one period), 'range' ('’22.1~6월'), 'until' ('~’22. 3':
    no start) or 'from' ('’22.3.~': ongoing, no due date).
    """

    printed: str
    start: dt.date | None
    due: dt.date | None
    kind: str


# One printed point: a year ('’22', '2022', then '년' or '.'), then a half, a month or a month and day.
_YEAR = r"(?:’\s*(?P<yy>\d{2})|(?P<yyyy>(?:19|20)\d{2}))\s*(?:년|\.)?"
_WITHIN = (r"\s*(?:(?P<half>상반기|하반기|上|下|상|하)\s*\.?"
           r"|(?P<month>\d{1,2})\s*(?:월|\.)?(?:\s*(?P<day>\d{1,2})\s*\.?)?)?")
_START = re.compile(_YEAR + _WITHIN)
_END = re.compile(f"(?:{_YEAR})?{_WITHIN}")  # a range's end may leave out the year: '’22.1~6월'
_QUOTES = str.maketrans({"‘": "’", "'": "’", "`": "’", "∼": "~", "～": "~"})
# Words after a period that do not change it: '’22년 상반기 중', '’22. 4월(예정)', '~’21.6까지', '’22년 연중',
# '’22.2.28.限' (by that day), and '’22년 사업 추진 시' (when the work of that year is done: read as the year).
_SUFFIX = re.compile(r"\s*(?:\(예정\)|예정|까지|연중|중|限|(?<=년)(?:\s+[가-힣]+){1,2}\s+시)\s*$")
# A weekday after a day: '’22.3.18(금) ~ 3.23(수)'.
_WEEKDAY = re.compile(r"\s*\([월화수목금토일]\)")
_HAS_YEAR = re.compile(r"’|(?:19|20)\d{2}")  # after _QUOTES
_FIRST_HALF = ("상반기", "上", "상")


def parse_due(text: str, year: int | None = None) -> DateReading | None:
    """Read a whole printed period ('’22.3.', '’22년 상반기 중', '’22. 5. ~ 6.', '~’22. 3', '’22.3.~').

    A period is due at its end: a month on its last day, a half on 30 June or 31 December, a year on
    31 December, a range at the end of its last period. Two-digit years are read as `_year` says.
    Weekdays after days ('’22.3.18(금)') are ignored. `year` reads a period that prints none ('5월')
    in that year; give it only when the same printed date names the year ('’22. 2월(1차), 5월(2차)').
    None when the text is anything else, names an impossible date, or ends before it starts.
    """
    printed = text.strip()
    rest = _WEEKDAY.sub("", printed.translate(_QUOTES))
    while (suffix := _SUFFIX.search(rest)) and suffix.start() > 0:
        rest = rest[: suffix.start()]
    until = rest.startswith("~")
    rest = rest.removeprefix("~").lstrip()
    if year is not None and rest and not _HAS_YEAR.match(rest):
        rest = f"{year}.{rest}"
    first = _START.match(rest)
    if first is None:
        return None
    start = _period(_year(first["yy"] or first["yyyy"]), first)
    if start is None:
        return None
    rest = rest[first.end():].strip()
    if not rest:
        if until:
            return DateReading(printed, None, start[1], "until")
        return DateReading(printed, start[0], start[1], _kind(first))
    if until or not rest.startswith("~"):
        return None
    rest = rest[1:].strip()
    if not rest:
        return DateReading(printed, start[0], None, "from")
    last = _END.fullmatch(rest)
    if not last or not (last["yy"] or last["yyyy"] or last["half"] or last["month"]):
        return None
    if first["day"] and not last["day"] and last["month"] and not (last["yy"] or last["yyyy"]):
        return None  # '’21.10.30~31': the end may be a day or a month
    year = _year(last["yy"] or last["yyyy"]) if last["yy"] or last["yyyy"] else start[0].year
    end = _period(year, last)
    if end is None or end[1] < start[0]:
        return None
    return DateReading(printed, start[0], end[1], "range")


def _kind(point: re.Match[str]) -> str:
    if point["day"]:
        return "day"
    return "month" if point["month"] else "half" if point["half"] else "year"


def _period(year: int, point: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the period a matched point names, or None when it is no real date."""
    if point["half"]:
        if point["half"] in _FIRST_HALF:
            return dt.date(year, 1, 1), dt.date(year, 6, 30)
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    if not point["month"]:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(point["month"])
    if not 1 <= month <= 12:
        return None
    if point["day"]:
        try:
            day = dt.date(year, month, int(point["day"]))
        except ValueError:
            return None
        return day, day
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


# --- periods in running text -------------------------------------------------------------------

# The start of a printed period: a year ('’22', '2022') or a month without one ('7월', '5~10월', '~2월').
_PERIOD_START = r"~?\s*(?:[’‘'`]\s*\d{2}(?!\d)|(?:19|20)\d{2}(?!\d)|\d{1,2}\s*(?:~\s*\d{1,2}\s*)?월)"
# What a period may go on with: digits, dots, '~', 년/월, halves, '중', '까지', '限', '(예정)', a weekday.
_PERIOD_BODY = (r"(?:[\d\s.~～’‘'`]|년|월|상반기|하반기|[상하중](?![가-힣])|上|下|까지|예정|限"
                r"|\((?:예정|[월화수목금토일])\))*")
PERIOD = re.compile(_PERIOD_START + _PERIOD_BODY)
YEAR_PRINTED = re.compile(r"[’‘'`]\s*\d{2}|(?:19|20)\d{2}")
REFERENCE_WORDS = ("기준", "현재")  # '(’21.12.31.기준)' dates a figure, not a plan


def period_at(text: str) -> str | None:
    """The printed period `text` starts with ('’22.3.~ 추진' -> '’22.3.~'), or None."""
    match = PERIOD.match(text)
    if not match:
        return None
    if match.group().rstrip()[-1:].isdigit() and re.match(r"[가-힣%]|,\d", text[match.end():]):
        return None  # '’21년 35개소', '’22년 26,788백만원': a count or an amount, not a period
    return match.group().strip()


def paren_period(inner: str) -> tuple[str, str] | None:
    """(period, words) when a parenthesis prints a period, maybe with words after it ('’23.3월 준공 목표',
    '5~10월, 3개소' -> ('5~10월', '')); None for anything else ('’21년 3개 → ’22년 6개', '50개')."""
    for piece in re.split(r",(?!\d)", inner):  # not the comma of '4,452'
        piece = piece.strip()
        period = period_at(piece)
        words = piece[len(period):].strip() if period else ""
        if period and re.fullmatch(r"[가-힣\s]*", words):
            return period, words
    return None


def read_period(date_text: str, year: int | None = None) -> DateReading | None:
    """parse_due, and None at once for a period that prints no year (unless `year` is given)."""
    if year is None and not YEAR_PRINTED.search(date_text):
        return None
    return parse_due(date_text, year)
