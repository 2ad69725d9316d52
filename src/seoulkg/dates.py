"""Dates as printed in the report ('’22.1.21.', '2022. 2월', '상반기' ...), one parser for the project."""

from __future__ import annotations

import datetime as dt
import re

# '’22.1.21.', '’22. 1. 21', '2022.1.21'
_DAY = re.compile(r"[’'‘]?\s*(?P<y>\d{4}|\d{2})\s*\.\s*(?P<m>\d{1,2})\s*\.\s*(?P<d>\d{1,2})\s*\.?")


def _year(printed: str) -> int:
    return int(printed) if len(printed) == 4 else 2000 + int(printed)


def parse_day(text: str) -> dt.date | None:
    """The first full day ('’22.1.21.') in `text`, or None when it names no valid day."""
    match = _DAY.search(text)
    if not match:
        return None
    try:
        return dt.date(_year(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
