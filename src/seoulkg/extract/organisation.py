"""The organisation chart of section Ⅰ (조직현황): the office, its planning officers and bodies."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import ExtractionWarning, SeoulKGError
from .codes import codes
from .source import SourceDocument, Span
from .text import squash

# Notations of the unit-type code list (ontology/codelists.ttl), keyed by the report's wording.
# The kinds of body the chart lists after the units ("∘ 투자기관 : …"), printed as the unit-type code list spells them.
KIND_BY_LABEL = codes("unit-type", ("directly-attached-body", "business-office", "investment-agency",
                                    "contribution-agency"))
AFFILIATED_KINDS = frozenset({"investment-agency", "contribution-agency"})


@dataclass(frozen=True)
class UnitRecord:
    """A unit or body as the report names it."""

    name: str  # Korean name without letter spacing, e.g. 경제정책과
    printed: str  # as printed, e.g. '경 제 정 책 과'
    kind: str  # unit-type notation
    span: Span
    grade: str | None = None  # head's grade as printed, e.g. '3급'
    parent: str | None = None  # name of the unit it belongs to or is affiliated with


@dataclass(frozen=True)
class OrganisationChart:
    office: UnitRecord
    units: tuple[UnitRecord, ...]  # everything but the office, in report order
    composition: str  # '1실‧2기획관(10과)‧1센터‧1관'
    composition_span: Span
    reference_text: str  # '’22.1.21. 기준'

    @property
    def stated_counts(self) -> tuple[tuple[int, str], ...]:
        """(count, name ending) as the composition states them: '1실‧2기획관(10과)‧1센터‧1관' gives
        (1, '실'), (2, '기획관'), (10, '과'), (1, '센터'), (1, '관')."""
        return tuple((int(n), ending) for n, ending in _STATED.findall(self.composition))


CITY_NAME = "서울시"  # the city government, named before the office ('서울시 경제정책실')
# What an office's name ends in: 실, 본부, 국, 관 or 단 (a planning officer, 기획관, is not an office).
OFFICE_SUFFIXES = ("실", "본부", "국", "관", "단")
# A title naming the office, before or after the report's kind ('주요업무보고 행정국', '경제정책실 주요업무보고').
_TITLE_OFFICE = re.compile(r"(?:주요업무보고\s*(?P<after>\S+)|(?P<before>\S+)\s*주요업무보고)")
_STATED = re.compile(r"(\d+)\s*([가-힣]+)")
_COMPOSITION = re.compile(r"조직현황\s*-\s*(?P<comp>\S+)\s*\((?P<ref>[^)]*기준)\)")
_GRADED = re.compile(r"(?P<name>[^()\s,][^(),]*?)\s*\((?P<grade>[\d·‧]+급)\)")
_LISTING = re.compile(r"^\s*[∘◦○]\s*(?P<kinds>[^:]+?)\s*:\s*(?P<names>.+)$")


def read_organisation(doc: SourceDocument, warnings: list[ExtractionWarning], start: int = 1) -> OrganisationChart:
    """Read the chart between '조직현황' and '인력현황', from line `start` on (after any cover and contents).
    Without a chart (an extract), the office is the one the report's title names ('주요업무보고 행정국');
    raise when the office is named nowhere."""
    chart = doc.find("조직현황", start)
    if chart is None:
        return _titled_office(doc, start, warnings)
    start = chart
    end = (doc.find("인력현황", start) or min(start + 15, len(doc.lines) + 1)) - 1
    match = _COMPOSITION.search(doc.line(start))
    if not match:
        raise SeoulKGError(f"{doc.path}:{start}: cannot read the unit composition after '조직현황'")
    office: UnitRecord | None = None
    units: list[UnitRecord] = []
    for number in range(start + 1, end + 1):
        line = doc.line(number)
        graded = list(_GRADED.finditer(line))
        listing = _LISTING.match(line)
        if graded:
            for found in graded:
                name = squash(found["name"])
                record = UnitRecord(name, found["name"].strip(), "", doc.span(number), found["grade"])
                if name.endswith("기획관"):
                    units.append(replace(record, kind="planning-officer"))
                elif name.endswith(OFFICE_SUFFIXES) and office is None:
                    office = replace(record, kind="office")
                else:
                    warnings.append(ExtractionWarning(number, f"unit '{name}' of unknown type; not read"))
        elif listing:
            units.extend(_read_listing(doc, number, listing, warnings))
        elif re.fullmatch(r"(\s*\(\d+팀\))+\s*", line):
            warnings.append(ExtractionWarning(
                number, "team counts printed without the names of their units; not assigned to any unit"))
    if office is None:
        raise SeoulKGError(f"{doc.path}:{start}: no office ('…실', '…본부', '…국', '…관', '…단') named in the "
                           "organisation chart")
    parented = tuple(replace(unit, parent=office.name) for unit in units)
    return OrganisationChart(office, parented, match["comp"], doc.span(start), match["ref"])


def _read_listing(doc: SourceDocument, number: int, listing: re.Match[str],
                  warnings: list[ExtractionWarning]) -> list[UnitRecord]:
    """'∘ 직속기관 / 사업소 : 농업기술센터 / 서울시립과학관' pairs kinds with names in order."""
    kinds = [squash(k) for k in listing["kinds"].split("/")]
    names = [n.strip() for n in listing["names"].split("/")]
    if len(kinds) != len(names) or any(k not in KIND_BY_LABEL for k in kinds):
        warnings.append(ExtractionWarning(number, f"cannot pair body types {kinds} with names {names}"))
        return []
    return [UnitRecord(squash(n), n, KIND_BY_LABEL[k], doc.span(number)) for k, n in zip(kinds, names, strict=True)]


def _titled_office(doc: SourceDocument, start: int, warnings: list[ExtractionWarning]) -> OrganisationChart:
    """The office named by the report's title, for a text without an organisation chart."""
    for number in range(1, max(start, min(len(doc.lines), 10)) + 1):
        title = _TITLE_OFFICE.search(doc.line(number))
        name = squash((title["after"] or title["before"]) if title else "")
        if name.endswith(OFFICE_SUFFIXES) and not name.endswith("기획관"):
            warnings.append(ExtractionWarning(number, (
                f"no organisation chart ('조직현황'); the office '{name}' is read from the title, no units")))
            office = UnitRecord(name, name, "office", doc.span(number))
            return OrganisationChart(office, (), "", doc.span(number), "")
    raise SeoulKGError(f"{doc.path}:1: no organisation chart ('조직현황') and no title naming the office "
                       "('주요업무보고 …국')")
