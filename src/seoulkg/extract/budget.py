"""The budget table of section Ⅰ (예산): budget, committed and spent amounts and their rates, per unit."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..errors import ExtractionWarning
from .codes import codes
from .dates import parse_day
from .money import to_krw
from .source import SourceDocument, Span
from .text import parse_number, squash


@dataclass(frozen=True)
class Figure:
    """A number as printed and as read."""

    printed: str
    value: Decimal
    krw: Decimal | None = None  # an amount of money in KRW; None for a rate or a unit that is not money


@dataclass(frozen=True)
class BudgetRow:
    name: str  # unit name without letter spacing, or '계' for the total row
    printed: str
    span: Span
    budget: Figure  # 예산현액
    committed: Figure  # 원인행위액
    spent: Figure  # 지출액
    committed_rate: Figure  # 집행률: 원인행위액 (%)
    spent_rate: Figure  # 집행률: 지출액 (%)


@dataclass(frozen=True)
class BudgetComponent:
    """A part of the total budget named in the table's footnote, e.g. 본예산(708,321백만원)."""

    label: str
    notation: str  # of the budget-component code list
    amount: Figure
    unit_text: str
    span: Span


@dataclass(frozen=True)
class BudgetTable:
    heading: Span  # '(단위 : 백만원, %, ’22.1.21. 기준)'
    unit_text: str  # '백만원'
    reference_text: str  # '’22.1.21. 기준'
    reference_date: dt.date | None  # None when the printed date cannot be read (warned)
    rows: tuple[BudgetRow, ...]
    components: tuple[BudgetComponent, ...]


# The footnote's parts of the budget (예산현액 = 본예산 + 예산 이체 + 이월액) -> budget-component notations.
COMPONENTS = codes("budget-component")
_UNIT = re.compile(r"\(\s*단위\s*:\s*(?P<unit>[^,]+?)\s*,.*?(?P<ref>[’'][^,)]*기준)\s*\)")
_ROW = re.compile(r"^\s*(?P<name>[^\d\s][^\d]*?)\s+(?P<nums>[\d,.]+(?:\s+[\d,.]+)*)\s*$")
_COMPONENT = re.compile(r"(?P<label>[^():+=]+?)\s*\((?P<amount>[\d,]+)(?P<unit>[^)\d,]+)\)")


def read_budget(doc: SourceDocument, warnings: list[ExtractionWarning], first: int = 1) -> BudgetTable | None:
    """Read the table after the '예 산' heading up to section Ⅱ; None (with a warning) when absent."""
    title = next((n for n, line in enumerate(doc.lines[first - 1:], first) if squash(line) == "예산"), None)
    heading = title and doc.find("단위", title, title + 2)
    unit = _UNIT.search(doc.line(heading)) if heading else None
    if not heading or not unit:
        warnings.append(ExtractionWarning(title or 1, "no budget table ('예 산' with '(단위 : …, … 기준)') found"))
        return None
    end = (doc.find("Ⅱ.", heading) or len(doc.lines)) - 1
    rows: list[BudgetRow] = []
    components: list[BudgetComponent] = []
    for number in range(heading + 1, end + 1):
        line = doc.line(number)
        if re.match(r"^\s*1\)", line):
            components.extend(_components(doc, number, warnings))
            continue
        row = _ROW.match(line)
        if not row:
            continue  # header lines ('구 분 예산현액1) …', '집행률', '원인행위액 지출액') and blanks
        read = [(p, parse_number(p)) for p in row["nums"].split()]
        figures = [Figure(p, value) for p, value in read if value is not None]
        if len(read) != 5 or len(figures) != 5:
            warnings.append(ExtractionWarning(number, f"budget row not read: {len(read)} figures, expected 5"))
            continue
        money = [_money(f, unit["unit"], number, warnings) for f in figures[:3]]
        rows.append(BudgetRow(squash(row["name"]), row["name"].strip(), doc.span(number), *money, *figures[3:]))
    reference_date = parse_day(unit["ref"])
    for kind, at in (("budget", heading), ("budget-composition", components[0].span.start if components else 0)):
        if reference_date is None and at:
            warnings.append(ExtractionWarning(at, f"{kind} table date '{unit['ref']}' unread"))
    return BudgetTable(doc.span(heading), unit["unit"], unit["ref"], reference_date, tuple(rows), tuple(components))


def _money(figure: Figure, unit_text: str, line: int, warnings: list[ExtractionWarning]) -> Figure:
    """The figure with its amount in KRW; warns when the unit is not money."""
    krw = to_krw(figure.value, unit_text)
    if krw is None:
        warnings.append(ExtractionWarning(line, f"amount unit '{unit_text}' is not money"))
    return replace(figure, krw=krw)


def _components(doc: SourceDocument, number: int, warnings: list[ExtractionWarning]) -> list[BudgetComponent]:
    """'1) 예산현액 : 본예산(708,321백만원) + 예산 이체(3,087백만원) + 이월액(42,568백만원)'."""
    _, _, parts = doc.line(number).partition(":")
    components = []
    for m in _COMPONENT.finditer(parts):
        label, unit = squash(m["label"]), m["unit"].strip()
        notation = COMPONENTS.get(label)
        if notation is None:
            warnings.append(ExtractionWarning(number, f"unknown budget component '{label}'"))
            continue
        value = parse_number(m["amount"])
        if value is None:
            warnings.append(ExtractionWarning(number, f"budget component '{label}' amount '{m['amount']}' not read"))
            continue
        amount = _money(Figure(m["amount"], value), unit, number, warnings)
        components.append(BudgetComponent(label, notation, amount, unit, doc.span(number)))
    return components
