"""Money as printed (an amount in 백만원, 억원, 조원 …) normalised to KRW."""

from __future__ import annotations

from decimal import Decimal

# Multipliers of the money units the report prints.
KRW_PER_UNIT: dict[str, Decimal] = {
    "백만원": Decimal(10) ** 6,
    "천억원": Decimal(10) ** 11,
    "천억": Decimal(10) ** 11,
    "천만원": Decimal(10) ** 7,
    "천원": Decimal(10) ** 3,
    "만원": Decimal(10) ** 4,
    "억원": Decimal(10) ** 8,
    "억": Decimal(10) ** 8,
    "조원": Decimal(10) ** 12,
    "조": Decimal(10) ** 12,
    "원": Decimal(1),
}


def krw(amount: Decimal, unit_text: str) -> Decimal:
    """`amount` printed in a money unit a pattern has matched (one of KRW_PER_UNIT) as KRW."""
    return amount * KRW_PER_UNIT[unit_text.replace(" ", "")]


def to_krw(amount: Decimal, unit_text: str) -> Decimal | None:
    """`amount` printed in `unit_text` (e.g. '백만원') as KRW; None for a unit that is not money."""
    factor = KRW_PER_UNIT.get(unit_text.replace(" ", ""))
    return None if factor is None else amount * factor
