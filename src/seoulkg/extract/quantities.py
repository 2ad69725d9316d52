"""Quantities printed in a statement of the work plan ('총 16,572개사(누적)', '평균 1,683뷰', '16개 이상'):
each number with its unit as printed, its value in a normalised unit, its role in the statement and the
period printed with it.

Roles (the code list `quantity-role`), read from the words printed around the number only:
- `average` after 평균 ('방송 당 평균 1,683뷰');
- `threshold` after 최대/최소/최고 or a range's '~', or before 이상/이하/이내/초과/미만/↑ ('16개 이상', '연 200명↑'),
  and an alternative printed before such a bound ('연매출액 10억 또는 투자유치 3억 이상': both are bounds);
- `change` before 증가/확대/감소/늘어 or after ▲ ('’21년 35개소 확대', '30만명 증가');
- `cumulative` after 누적/누계 or before '(누적)' ('누적 720팀', '16,572개사(누적)', '투자매칭(누적): 350개'), and
  the figures that carry such a series on after an arrow ('350개(’22) ⇨ 500개(’23) ⇨ 1천개(’24)');
- `total` after 총/합계/계 ('총 4,004명'), or when a parenthesis right after it breaks it into parts;
- `part` inside such a parenthesis ('(市 2,230, 자치구 571 …)': bare numbers there take the total's unit), or
  after another quantity and 중 ('총 72,281백만원 중 72,059백만원 지출');
- `rate` a percentage not read otherwise; `count` a number of things; `amount` money, areas and durations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .money import KRW_PER_UNIT
from .text import NUMBER, read_number

# Printed unit -> (normalised unit notation, factor). Notations name QUDT units (rdf/programs.py):
# NUM (a count), PERCENT, KRW, USD, M2, MO (months). 평 is kept as printed: no normalised unit.
COUNT_UNITS = {"명": 1, "천명": 1000, "여명": 1, "개": 1, "천개": 1000, "여개": 1, "개사": 1, "개社": 1,
               "개소": 1, "개국": 1, "社": 1, "업체": 1, "건": 1, "회": 1, "팀": 1, "편": 1, "실": 1,
               "뷰": 1, "만뷰": 10_000, "억뷰": 100_000_000, "개동": 1, "개 과정": 1, "개과정": 1, "종": 1, "개팀": 1}
OTHER_UNITS = {"%": ("PERCENT", 1), "㎡": ("M2", 1), "천㎡": ("M2", 1000), "만㎡": ("M2", 10_000),
               "개월": ("MO", 1), "만$": ("USD", 10_000), "만불": ("USD", 10_000), "평": (None, 1)}
UNITS: dict[str, tuple[str | None, int | Decimal]] = {
    **{u: ("NUM", f) for u, f in COUNT_UNITS.items()}, **OTHER_UNITS,
    **{u: ("KRW", f) for u, f in KRW_PER_UNIT.items()}}

# Any unit of UNITS, longest first, for patterns to embed.
UNIT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
QUANTITY = re.compile(rf"(?<![\d.,’‘'A-Za-z])(?P<number>{NUMBER})(?P<unit>{UNIT})(?![가-힣])")
# A part printed with its year: '’20년 6,877', '’18년 182명'.
_YEAR_PART = re.compile(rf"[’‘']\d{{2}}년?\s*(?:{NUMBER})(?:{UNIT})?")
_BARE = re.compile(rf"(?<![\d.,’‘'A-Za-z~])(?P<number>{NUMBER})(?![\d가-힣%.~])")
# A year or range printed before a number ('’21년 4,452건', '(’22)50명') or right after it ('350개(’22)').
_YEAR_BEFORE = re.compile(r"(?:\(?(?P<y>[’‘']\d{2}(?:\s*[~∼]\s*[’‘']?\d{2})?)\s*(?:년|\))?\s*(?:총\s*|말\s*)?)$")
_YEAR_AFTER = re.compile(r"^\s*\((?P<y>[’‘']\d{2}(?:\s*[~∼]\s*[’‘']?\d{2})?)년?\)")
# Cues in the order they are tried: the first role whose words stand before or after the number wins.
_CUES = (
    ("average", re.compile(r"평균\s*$"), None),
    ("threshold", re.compile(r"(?:최대|최소|최고|\d\s*~)\s*$"),  # '10~15팀': 15 is a bound
     re.compile(r"^\s*(?:이상|이하|이내|초과(?!\s*달성)|미만|↑)")),  # '124% 초과 달성' is a rate
    ("change", re.compile(r"▲\s*$"), re.compile(r"^\s*(?:증가|확대|감소|늘어|↓)")),
    ("cumulative", re.compile(r"(?:누적|누계)\)?\s*:?\s*$"), re.compile(r"^\s*\((?:누적|누계)\)")),  # '(누적): 350개'
    ("part", re.compile(rf"\d(?:{UNIT})\s+중\s+$"), None),  # '총 72,281백만원 중 72,059백만원' ('공사 중' is no part)
    ("total", re.compile(r"(?:^|[\s(])(?:총|합계|계)\s*:?\s*$"), None),
)


# Between two alternatives ('연매출액 10억 또는 투자유치 3억 이상'): 또는/혹은/이나 and words, no other figure.
_ALTERNATIVE = re.compile(r"\s*(?:또는|혹은|이나)\s+[^\d,.()]*")
# Between two figures of one series: the first one's period, then an arrow ('350개(’22) ⇨ 500개').
_NEXT_IN_SERIES = re.compile(r"\s*(?:\([^()]*\))?\s*[⇨→]\s*")


@dataclass(frozen=True)
class Quantity:
    """A number printed with its unit ('7,830명', '5,668억원', '124%'), or a bare number inside a total's
    parenthesis, which takes the total's unit ('市 2,230')."""

    printed: str
    value: Decimal  # as printed
    unit: str  # as printed (for a bare part: its total's)
    normalised: Decimal | None  # the value in `unit_code`
    unit_code: str | None  # NUM, PERCENT, KRW, USD, M2, MO; None for a unit kept as printed (평)
    role: str  # a notation of the quantity-role code list
    period: str | None  # a year or years printed with the number ('’21', '’18~’21'), as printed
    krw: Decimal | None  # the amount in KRW when the unit is money

    @property
    def is_money(self) -> bool:
        return self.unit_code == "KRW"


def read_quantities(text: str) -> list[Quantity]:
    """Every quantity a statement prints, in printed order, with its role and period."""
    found: list[tuple[int, int, Quantity]] = []
    for match in QUANTITY.finditer(text):
        found.append((match.start(), match.end(), _quantity(text, match, match["unit"], None)))
    for start, end, total in list(found):
        parts = _parts(text, end, total)
        if parts and (start, end, total) in found:  # not itself a part read before
            found[found.index((start, end, total))] = (start, end, _with_role(total, "total"))
            starts = {p[0] for p in parts}
            found = [f for f in found if f[0] not in starts] + parts
    found.sort(key=lambda f: f[0])
    for i in range(1, len(found)):  # 'X 중 Y': X is the whole Y is part of
        if found[i][2].role == "part" and re.fullmatch(r"\s+중\s+", text[found[i - 1][1]:found[i][0]]):
            found[i - 1] = (*found[i - 1][:2], _with_role(found[i - 1][2], "total"))
    for i in range(1, len(found)):  # '(누적): 350개(’22) ⇨ 500개(’23)': the series goes on, cumulative still
        before, after = found[i - 1][2], found[i][2]
        if before.role == "cumulative" and after.role == "count" and before.unit_code == after.unit_code \
                and _NEXT_IN_SERIES.fullmatch(text[found[i - 1][1]:found[i][0]]):
            found[i] = (*found[i][:2], _with_role(after, "cumulative"))
    for i in range(len(found) - 1, 0, -1):  # 'X 또는 … Y 이상': alternatives under one bound, X a bound too
        before, after = found[i - 1][2], found[i][2]
        if after.role == "threshold" and before.unit_code == after.unit_code \
                and _ALTERNATIVE.fullmatch(text[found[i - 1][1]:found[i][0]]):
            found[i - 1] = (*found[i - 1][:2], _with_role(before, "threshold"))
    return [q for _, _, q in found]


def _quantity(text: str, match: re.Match[str], unit: str, role: str | None) -> Quantity:
    value = read_number(match["number"])
    code, factor = UNITS[unit]
    before, after = text[:match.start()], text[match.end():]
    if role is None:
        role = next((r for r, ahead, behind in _CUES
                     if ahead.search(before) or (behind and behind.search(after))), _default_role(code))
    year = _YEAR_BEFORE.search(before) or _YEAR_AFTER.search(after)
    normalised = value * factor if code else None
    return Quantity(match[0] if match["unit"] else match["number"], value, unit, normalised, code, role,
                    year["y"].replace(" ", "") if year else None, normalised if code == "KRW" else None)


def _default_role(code: str | None) -> str:
    return {"NUM": "count", "PERCENT": "rate"}.get(code or "", "amount")


def _with_role(quantity: Quantity, role: str) -> Quantity:
    if quantity.role not in ("count", "amount"):
        return quantity  # a role the words printed say wins ('누적 …(…)' stays cumulative)
    return Quantity(quantity.printed, quantity.value, quantity.unit, quantity.normalised, quantity.unit_code,
                    role, quantity.period, quantity.krw)


def _parts(text: str, end: int, total: Quantity) -> list[tuple[int, int, Quantity]]:
    """The parts a parenthesis right after a quantity breaks it into: two or more numbers of the total's
    unit (or printing none), separated by ',' or '/', none of them a year."""
    paren = re.match(r"\s*\((?P<inner>[^()]*)\)", text[end:])
    if not paren or total.unit_code in (None, "PERCENT"):
        return []
    inner_start = end + paren.start("inner")
    inner = paren["inner"]
    pieces = [p for p in re.split(r",(?!\d{3})|/", inner) if p.strip()]
    parts = []
    offset = 0
    for piece in pieces:
        at = inner.index(piece, offset)
        offset = at + len(piece)
        if re.search(r"[’‘']\d{2}", piece) and not _YEAR_PART.fullmatch(piece.strip()):
            return []  # a date, not a part ('’22.1월 현재')
        unit_match = QUANTITY.search(piece)
        if unit_match and UNITS[unit_match["unit"]][0] == total.unit_code and \
                UNITS[unit_match["unit"]][1] == UNITS[total.unit][1]:
            parts.append((inner_start + at + unit_match.start(), unit_match, unit_match["unit"]))
            continue
        bare = list(_BARE.finditer(piece))
        if unit_match or len(bare) != 1:
            return []
        parts.append((inner_start + at + bare[0].start(), bare[0], total.unit))
    if len(parts) < 2:
        return []
    return [(start, start + len(m[0]), _part(text[:start], m, unit)) for start, m, unit in parts]


def _part(before: str, match: re.Match[str], unit: str) -> Quantity:
    value = read_number(match["number"])
    code, factor = UNITS[unit]
    normalised = value * factor if code else None
    year = _YEAR_BEFORE.search(before)
    return Quantity(match[0], value, unit, normalised, code, "part", year["y"].replace(" ", "") if year else None,
                    normalised if code == "KRW" else None)
