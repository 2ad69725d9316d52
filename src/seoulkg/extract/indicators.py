"""Section Ⅱ (現 경제상황): the economic indicators the report quotes, one observation per printed value.

The section is a page of short bullets: Seoul's share of national figures (two columns interleaved on each
line), growth and employment outlooks, employment rates, manufacturing growth by quarter and venture figures.
Each reader below reads one of these bullets; a value whose period, label or unit the text does not print next
to it takes them from the line that does (its heading or parent bullet), which is quoted as context. Where the
text prints no geography the observation has none, with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..errors import ExtractionWarning, SeoulKGError
from .codes import codes
from .money import to_krw
from .outline import Outline
from .source import SourceDocument, Span
from .text import collapse, parse_number, squash

# Geographies as printed -> notations.
INDICATORS = codes("indicator")
# A label printed for several series ('대/중소제조업 생산증가율') -> each series' own name in the code list.
SERIES: dict[tuple[str, str | None], str] = {
    ("대/중소제조업 생산증가율", "대"): "대제조업 생산증가율",
    ("대/중소제조업 생산증가율", "중소제조업"): "중소제조업 생산증가율",
}
NOT_STATED = "not-stated"
SOURCES = codes("data-source", ("ministry-of-economy-and-finance", "imf", "kdi", "statistics-korea", "government",
                                "bank-of-korea"))
GEOGRAPHIES = codes("geography", ("seoul-share-of-national", "korea", "seoul", "world"))
# Units the section's values are printed in; another unit is kept as printed, with a warning ('만영', sic).
UNITS = frozenset({"%", "만명", "조원", "개"})


@dataclass(frozen=True)
class Observation:
    label: str  # letter spacing folded: '종사자수', 'GRDP', '취업자수 증감 전망'
    label_printed: str  # as printed: '종 사 자 수', '대/중소제조업 생산증가율'
    series: str | None  # one segment of a label printed for several series: '대' or '중소제조업'
    geography: str | None  # a GEOGRAPHIES notation; None when the text prints none
    geography_printed: str | None
    period_printed: str  # '’21년기준', '’22년', '(’19)', '(’21.1Q)', '(2Q)', '’17.'
    year: int
    quarter: int | None
    value_printed: str  # '18.4', '△0.5'
    value: Decimal
    unit: str  # as printed: '%', '만명', '만영' (sic), '조원', '개'
    krw: Decimal | None  # when the unit is money
    source: str | None  # organisation as printed: '기재부', 'IMF', 'KDI', '통계청', '정부', '한은'
    kind: str  # 'share' (of the national figure), 'observed' or 'forecast'
    span: Span  # the line printing the value
    context: tuple[Span, ...]  # other lines the label, period, geography, unit or source are read from
    change: bool = False  # printed as a change over its period ('30만명 증가', '(28↑)'), not as a level
    indicator: str = ""  # notation of the indicator code list, set by read_indicators
    source_code: str = NOT_STATED  # notation of the data-source code list, set by read_indicators


_SHARE = re.compile(r"(?P<name>[^()]+?)\s*\((?P<value>[\d.]+)(?P<unit>%)\)\s*\((?P<period>’(?P<yy>\d{2})년\s*기준)\)")
_YEAR = re.compile(r"’(?P<yy>\d{2})년")
_GROWTH = re.compile(r"(?P<geo>한국|세계)\s*(?P<label>\S*성장률)\s*(?P<value>[\d.]+)(?P<unit>%)\((?P<source>[^)]+)\)")
_CHANGE = re.compile(r"(?P<label>[가-힣][가-힣 ]*?)\s+(?P<value>[\d.]+)(?P<unit>%|만명)\s*(?:상승|증가)")
_OUTLOOK_SOURCE = re.compile(r"\((?P<source>\S+)\s*경제전망\)")
_SUBSECTION_SOURCE = re.compile(r"\(\s*자료\s*:\s*(?P<source>[^)]+?)\s*\)")
_RATE_HEAD = re.compile(r"\((?P<label>[^,()]+),\s*(?P<unit>[^)]+)\)")
_RATE = re.compile(r"(?P<geo>전국|서울)?\s*\((?P<period>’(?P<yy>\d{2}))\)\s*(?P<value>[\d.]+)")
_PLANS = re.compile(r"(?P<label>[^－()]+전망)\((?P<basis>[^,]+),\s*(?P<unit>[^)]+)\)")
_PLAN = re.compile(r"▲(?P<source>[^(▲]+?)\((?P<value>[\d.]+)↑\)")
_QUARTER = re.compile(r"\((?P<period>(?:’(?P<yy>\d{2})\.)?(?P<q>[1-4])Q)\)\s*(?P<values>△?[\d.]+(?:/△?[\d.]+)+)")
_GROWTH_HEAD = re.compile(r"(?P<label>(?P<series>\S+/\S+?)\s*\S*증가율)\((?P<unit>[^,)]+),[^)]*\)")
_TREND = re.compile(r"(?P<label>[^(),－]+?)\((?P<items>[^()]*→[^()]*)\)")
_TREND_ITEM = re.compile(r"(?P<period>’(?P<yy>\d{2})\.)\s*(?P<value>[\d.]+)(?P<unit>[^\d\s→]+)")


def read_indicators(outline: Outline, warnings: list[ExtractionWarning]) -> list[Observation]:
    """Every value section Ⅱ prints, in reading order; warns about each bullet it expected and did not find."""
    doc, found = outline.doc, outline.section("economy")
    if found is None:
        warnings.append(ExtractionWarning(1, "no economic situation section ('Ⅱ. 現 경제상황') found"))
        return []
    section = found.body
    observations: list[Observation] = []
    for reader in (_shares, _growth, _rates, _employment_plans, _manufacturing, _venture):
        observations += reader(doc, section, warnings)
    for line, unit in dict.fromkeys((o.span.start, o.unit) for o in observations if o.unit not in UNITS):
        warnings.append(ExtractionWarning(line, f"unit printed '{unit}' is not a known unit; kept as printed"))
    return [coded for o in observations if (coded := _coded(o, warnings))]


def _coded(observation: Observation, warnings: list[ExtractionWarning]) -> Observation | None:
    """The observation with its indicator and source notations; None, warned, when a code list lacks one."""
    name = SERIES.get((observation.label, observation.series), observation.label)
    indicator = INDICATORS.get(squash(name))
    source = SOURCES.get(squash(observation.source)) if observation.source else NOT_STATED
    if indicator is None or source is None:
        warnings.append(ExtractionWarning(observation.span.start, (
            f"indicator '{observation.label}' ({observation.source or 'no source'}) not in the code lists")))
        return None
    return replace(observation, indicator=indicator, source_code=source)


def _find(doc: SourceDocument, section: range, needle: str | re.Pattern[str], warnings: list[ExtractionWarning],
          what: str) -> int | None:
    """The first line of the section containing `needle` (a string or a pattern), or None with a warning."""
    pattern = needle if isinstance(needle, re.Pattern) else re.compile(re.escape(needle))
    number = next((n for n in section if pattern.search(doc.line(n))), None)
    if number is None:
        warnings.append(ExtractionWarning(section.start - 1, f"section Ⅱ prints no {what} ('{pattern.pattern}')"))
    return number


def _fold(label: str) -> str:
    """Fold letter spacing ('종 사 자 수' -> '종사자수', 'G R D P' -> 'GRDP'); other labels keep their spaces."""
    words = collapse(label).split()
    return "".join(words) if all(len(w) == 1 for w in words) else " ".join(words)


def _observation(doc: SourceDocument, line: int, *, label: str, geography: str | None, period: str, year: int,
                 value: str, unit: str, source: str | None, kind: str, context: tuple[int, ...] = (),
                 series: str | None = None, quarter: int | None = None, change: bool = False) -> Observation:
    number = parse_number(value)
    if number is None:
        raise SeoulKGError(f"{doc.path}:{line}: value '{value}' is not a number")
    return Observation(
        label=_fold(label), label_printed=collapse(label), series=series,
        geography=GEOGRAPHIES.get(squash(geography)) if geography else None,
        geography_printed=geography, period_printed=period, year=2000 + year, quarter=quarter,
        value_printed=value, value=number, unit=unit, krw=to_krw(number, unit), source=source, kind=kind,
        span=doc.span(line), context=tuple(doc.span(n) for n in dict.fromkeys(context) if n != line), change=change)


def _shares(doc: SourceDocument, section: range, warnings: list[ExtractionWarning]) -> list[Observation]:
    """'인 구 (18.4%) (’21년기준) 종 사 자 수 (23.7%) (’20년 기준)': two columns on a line, each name with its value."""
    heading = _find(doc, section, "전국 대비", warnings, "share of national figures")
    if heading is None:
        return []
    found = []
    for n in range(heading + 1, section.stop):
        line = doc.line(n)
        if not line.strip():
            continue
        pairs = list(_SHARE.finditer(line))
        if not pairs:
            break
        if _SHARE.sub("", line).strip():
            warnings.append(ExtractionWarning(n, "share line prints text outside its (name, value, year) pairs"))
        found += [_observation(doc, n, label=m["name"], geography="전국 대비", period=m["period"],
                               year=int(m["yy"]), value=m["value"], unit=m["unit"], source=None, kind="share",
                               context=(heading,))
                  for m in pairs]
    if not found:
        warnings.append(ExtractionWarning(heading, "no '(value%) (’yy년 기준)' pairs under the share heading"))
    return found


def _growth(doc: SourceDocument, section: range, warnings: list[ExtractionWarning]) -> list[Observation]:
    """'○ ’22년 한국 경제성장률 3.1%(기재부), 세계 경제성장률 4.9%(IMF) 전망' and its KDI sub-bullet."""
    n = _find(doc, section, _GROWTH, warnings, "growth outlook")
    year = _YEAR.search(doc.line(n)) if n else None
    if n is None or year is None:
        if n:
            warnings.append(ExtractionWarning(n, "growth outlook prints no year"))
        return []
    kind = "forecast" if "전망" in doc.line(n) else "observed"
    found = [_observation(doc, n, label=m["label"], geography=m["geo"], period=year[0], year=int(year["yy"]),
                          value=m["value"], unit=m["unit"], source=m["source"], kind=kind)
             for m in _GROWTH.finditer(doc.line(n))]
    outlook = next(((s, m["source"]) for s in range(n + 1, section.stop)
                    if (m := _OUTLOOK_SOURCE.search(doc.line(s)))), None)
    if outlook is None:
        warnings.append(ExtractionWarning(n, "no '(… 경제전망)' sub-bullet under the growth outlook"))
        return found
    sub, source = outlook
    changes = list(_CHANGE.finditer(doc.line(sub)))
    if not changes:
        warnings.append(ExtractionWarning(sub, "no 'label value unit 상승/증가' in the outlook sub-bullet"))
    warnings.append(ExtractionWarning(sub, (
        "outlook sub-bullet prints no geography and its parent bullet prints two (한국, 세계); "
        "its values are left without one")))
    found += [_observation(doc, sub, label=m["label"], geography=None, period=year[0], year=int(year["yy"]),
                           value=m["value"], unit=m["unit"], source=source, kind="forecast", context=(n,),
                           change=True)
              for m in changes]
    return found


def _rates(doc: SourceDocument, section: range, warnings: list[ExtractionWarning]) -> list[Observation]:
    """'－ (고용률, %) 전국(’19)60.9⇨ (’20)60.1⇨ (’21)60.4' and the next line's '서울(’19)60.0⇨ …'."""
    head = _find(doc, section, "(고용률", warnings, "employment rates")
    if head is None:
        return []
    rate = _RATE_HEAD.search(doc.line(head))
    if rate is None:
        warnings.append(ExtractionWarning(head, "employment-rate line prints no '(label, unit)'"))
        return []
    subsection = max((s for s in section if s < head and _SUBSECTION_SOURCE.search(doc.line(s))), default=None)
    cited = _SUBSECTION_SOURCE.search(doc.line(subsection)) if subsection else None
    source = cited["source"] if cited else None
    found = []
    for n in range(head, section.stop):
        line = doc.line(n)
        if not line.strip():
            continue
        points = list(_RATE.finditer(line))
        if not points or (n > head and not points[0]["geo"]):
            break
        geography = None
        for m in points:
            geography = m["geo"] or geography
            found.append(_observation(doc, n, label=rate["label"], geography=geography, period=f"({m['period']})",
                                      year=int(m["yy"]), value=m["value"], unit=rate["unit"], source=source,
                                      kind="observed", context=(head, subsection or head)))
    if not found:
        warnings.append(ExtractionWarning(head, "no '전국(’yy)value' points on the employment-rate line"))
    return found


def _employment_plans(doc: SourceDocument, section: range,
                      warnings: list[ExtractionWarning]) -> list[Observation]:
    """'－ 전국 취업자수 증감 전망(전년비, 만영) ▲정부(28↑) ▲한은(25↑) ▲KDI(30↑)', dated by its parent bullet."""
    n = _find(doc, section, "증감 전망", warnings, "employment-change outlooks")
    head = _PLANS.search(doc.line(n)) if n else None
    if n is None or head is None:
        if n:
            warnings.append(ExtractionWarning(n, "employment-change outlook prints no '(basis, unit)'"))
        return []
    parent = max((p for p in section if p < n and doc.line(p).lstrip().startswith("○")), default=None)
    year = _YEAR.search(doc.line(parent)) if parent else None
    if year is None:
        warnings.append(ExtractionWarning(n, "employment-change outlook: no year on its parent bullet"))
        return []
    label = head["label"].strip()
    geography = next((g for g in GEOGRAPHIES if label.startswith(g)), None)
    unit = head["unit"].strip()
    return [_observation(doc, n, label=label.removeprefix(geography or "").strip(), geography=geography,
                         period=year[0], year=int(year["yy"]), value=m["value"], unit=unit,
                         source=m["source"].strip(), kind="forecast", context=(parent or n,), change=True)
            for m in _PLAN.finditer(doc.line(n))]


def _manufacturing(doc: SourceDocument, section: range, warnings: list[ExtractionWarning]) -> list[Observation]:
    """'－ 대/중소제조업 생산증가율(%,동기비): (’21.1Q) 6.1/△0.5' and '⇨ (2Q) 14.3/9.2 ⇨ (3Q) 6.6/△0.1'."""
    n = _find(doc, section, "생산증가율", warnings, "manufacturing production growth")
    head = _GROWTH_HEAD.search(doc.line(n)) if n else None
    if n is None or head is None:
        if n:
            warnings.append(ExtractionWarning(n, "production growth prints no 'series/series …(unit, basis)' label"))
        return []
    series = head["series"].split("/")
    warnings.append(ExtractionWarning(n, "manufacturing production growth prints no geography; left without one"))
    found = []
    year: tuple[int, int] | None = None  # (two-digit year, line printing it)
    for line in range(n, section.stop):
        text = doc.line(line)
        if not text.strip():
            continue
        if line > n and not text.lstrip().startswith("⇨"):
            break
        for m in _QUARTER.finditer(text):
            year = (int(m["yy"]), line) if m["yy"] else year
            values = m["values"].split("/")
            if year is None or len(values) != len(series):
                warnings.append(ExtractionWarning(line, (
                    f"quarter '{m['period']}': {len(values)} values for {len(series)} series"
                    if year else f"quarter '{m['period']}' prints no year and none precedes it")))
                continue
            found += [_observation(doc, line, label=head["label"], series=name, geography=None,
                                   period=f"({m['period']})", year=year[0], quarter=int(m["q"]), value=value,
                                   unit=head["unit"], source=None, kind="observed", context=(n, year[1]))
                      for name, value in zip(series, values, strict=True)]
    return found


def _venture(doc: SourceDocument, section: range, warnings: list[ExtractionWarning]) -> list[Observation]:
    """'－ 벤처투자액(’17. 2.4조원 → ’21. 5.3조원), 유니콘·예비유니콘기업(’17. 118개 → ’21. 407개)'."""
    n = _find(doc, section, "벤처투자액", warnings, "venture investment")
    if n is None:
        return []
    warnings.append(ExtractionWarning(n, "venture investment and unicorn counts print no geography; left without one"))
    found = []
    for trend in _TREND.finditer(doc.line(n)):
        found += [_observation(doc, n, label=trend["label"], geography=None, period=m["period"],
                               year=int(m["yy"]), value=m["value"], unit=m["unit"], source=None, kind="observed")
                  for m in _TREND_ITEM.finditer(trend["items"])]
    return found
