"""The functions table of section Ⅰ (주요기능): each unit's duties as printed bullets."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ExtractionWarning
from .source import SourceDocument, Span
from .text import collapse, squash

BULLET = "∙"


@dataclass(frozen=True)
class UnitFunctions:
    name: str  # unit name without letter spacing
    printed: str  # as printed, wrapped lines joined by a space
    span: Span  # from the first line of the name to the last bullet
    functions: tuple[str, ...]  # bullet texts as printed, without the bullet


def read_functions(doc: SourceDocument, warnings: list[ExtractionWarning], first: int = 1) -> list[UnitFunctions]:
    """Read '구 분 담 당 업 무' rows: a (possibly wrapped) unit name, then bullet lines."""
    start = doc.find("주요기능", first)
    if start is None:
        warnings.append(ExtractionWarning(1, "no functions table ('주요기능') found"))
        return []
    end = next((n for n in range(start + 1, len(doc.lines) + 1) if squash(doc.line(n)) == "예산"),
               len(doc.lines) + 1) - 1
    header = doc.find("담 당 업 무", start, end) or start
    result: list[UnitFunctions] = []
    name_parts: list[str] = []
    name_start = 0
    current: dict | None = None
    for number in range(header + 1, end + 1):
        line = doc.line(number)
        if not line.strip():
            continue
        prefix, bullet, rest = line.partition(BULLET)
        if prefix.strip():
            name_parts.append(prefix.strip())
            name_start = name_start or number
        if not bullet:
            continue
        if name_parts:
            if current:
                result.append(_finish(doc, current))
            current = {"parts": name_parts, "start": name_start, "functions": []}
            name_parts, name_start = [], 0
        if current is None:
            warnings.append(ExtractionWarning(number, "duty bullet before any unit name; not read"))
            continue
        current["functions"].extend(collapse(b) for b in rest.split(BULLET) if b.strip())
        current["end"] = number
    if current:
        result.append(_finish(doc, current))
    if name_parts:
        warnings.append(ExtractionWarning(name_start, f"unit name '{' '.join(name_parts)}' has no duties"))
    return result


def _finish(doc: SourceDocument, current: dict) -> UnitFunctions:
    printed = " ".join(current["parts"])
    return UnitFunctions(squash(printed), printed, doc.span(current["start"], current["end"]),
                         tuple(current["functions"]))
