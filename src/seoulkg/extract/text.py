"""Small normalisers for text as printed in the report."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_SPACE = re.compile(r"\s+")
# A number as printed, for patterns to embed: '1,234', '3.5', '12' (read it with read_number).
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def squash(text: str) -> str:
    """Remove all white space: '경 제 정 책 과' -> '경제정책과' (the PDF dump letter-spaces names)."""
    return _SPACE.sub("", text)


def collapse(text: str) -> str:
    """Fold runs of white space to one space and strip the ends."""
    return _SPACE.sub(" ", text).strip()


def parse_number(printed: str) -> Decimal | None:
    """A printed number ('753,976', '5.5', '△0.5' for negative) as Decimal; None when not a number."""
    cleaned = printed.strip().replace(",", "")
    negative = cleaned.startswith(("△", "-", "－")) and len(cleaned) > 1
    if negative:
        cleaned = cleaned[1:]
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return -value if negative else value


def read_number(printed: str) -> Decimal:
    """parse_number() of text a pattern has already matched as a number; ValueError if it is not one."""
    value = parse_number(printed)
    if value is None:
        raise ValueError(f"not a number: {printed!r}")
    return value
