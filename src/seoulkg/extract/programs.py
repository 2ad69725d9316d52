"""Section Ⅳ (주요 업무 추진계획): what each numbered program of the outline prints: its title in the area's
overview box, its parts, labelled budget figures, targets and 2021 results."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..errors import ExtractionWarning
from .dates import DateReading, parse_due
from .money import KRW_PER_UNIT, krw
from .outline import HEADING, PART, Outline, OverviewEntry, Part, ProgramBlock
from .quantities import QUANTITY, Quantity, read_quantities
from .source import SourceDocument, Span
from .tables import ResultsTable, read_tables
from .text import NUMBER, collapse, read_number

# --- what each program prints ------------------------------------------------------------------------

# Labels of budget figures ('○ 소요예산 : 57,229백만원', '(사업예산) ’22년 38,846백만원', '총사업비 154억원(…)').
BUDGET_LABELS = ("소요예산", "총사업비", "사업예산", "사업규모", "지원금액", "운영예산", r"’\d{2}년\s*예산")
# Labels of statements that set a target or a planned scale ('○ 목표인원 : 7,830명', '(추진계획) ’22년 32개소 …').
TARGET_LABELS = frozenset({"목표인원", "추진목표", "사업목표", "사업규모", "지원규모", "훈련인원", "참여대상",
                           "참여기업", "추진계획", "추진규모"})
# Block headings by what their statements are: results of the past year (or years), background the program
# starts from (neither target nor result), an overview (targets only where labelled so), and the rest plans.
_RESULT_SECTION = re.compile(r"^추진실적|^추진현황$|^그간의\s*추진|’\d{2}년.*성과$")
# A construction progress printed without a target ('지하 터파기 공사 진행 중(공정률 18%)') is the state reached.
_PROGRESS = re.compile(r"공정률")
_BACKGROUND_SECTION = re.compile(r"^추진배경")
_OVERVIEW_SECTION = re.compile(r"개요$")


@dataclass(frozen=True)
class Amount:
    """An amount inside a budget figure's parenthesis ('인프라 조성 142', '’22년 14,169백만원', '시30억')."""

    label: str | None  # as printed: '인프라 조성', '’22년', '’22년 예산', '임대료'
    printed: str  # the number and the unit when one is printed ('142', '55억', '14,169백만원')
    value: Decimal
    unit: str  # as printed; a part that prints none is in its figure's unit
    krw: Decimal


@dataclass(frozen=True)
class BudgetFigure:
    """A labelled amount of money a program block prints."""

    label: str  # as printed: '소요예산', '’22년 예산', '’22년예산', '총사업비', '사업예산', '사업규모', '지원금액' …
    period: str | None  # a year printed between label and amount: '(사업예산) ’22년 38,846백만원'
    column: str | None  # the table column the amount stands in, for a table row ('운영예산 8,000백만원 …')
    printed: str  # from the amount to its closing parenthesis, as printed
    amount: Decimal
    unit: str  # as printed: '백만원', '억원' …
    krw: Decimal
    parts: tuple[Amount, ...]  # a breakdown printed in parentheses (a sum other than the amount is warned about)
    related: tuple[Amount, ...]  # other amounts in the parentheses: a year's share, an included item, a trend
    note: str | None  # the parenthesis as printed
    section: str | None  # the block heading it is printed under ('사업개요', '추진실적(’20~’21)' …)
    subprogram: int | None  # number of the sub-program it is printed in; None for the program itself
    span: Span


@dataclass(frozen=True)
class Measure:
    """A target or result statement and the quantities it prints, in printed order. A plan's statement
    that prints a past year's figure beside its target ('(’21년 4,452건 → ’22년 5,400건)') is read twice:
    as a result with the past figures and as a target with the others."""

    label: str | None  # the statement's own label as printed ('목표인원', '지원성과(’21년)'); None when unlabelled
    section: str | None  # the block heading it is printed under ('사업개요', '추진실적(’21년)' …)
    text: str  # the statement without its bullet, white space folded
    quantities: tuple[Quantity, ...]
    subprogram: int | None
    span: Span
    period_text: str | None = None  # the period it covers, as printed: '’21', '’18~’21', '’20~’21'
    period: DateReading | None = None
    as_of_text: str | None = None  # the date its figures are as of, as printed: '’22.1월 현재', '’21.12.31.기준'
    as_of: DateReading | None = None
    period_printed: bool = False  # the statement prints its period itself (not only its heading)


@dataclass(frozen=True)
class ProgramRecord:
    area: int
    number: int
    title: str  # as in the block header, white space folded
    overview_title: str | None  # as listed in the area's overview box; None when the box lists no such entry
    overview_span: Span | None
    subprograms: tuple[Part, ...]
    budgets: tuple[BudgetFigure, ...]
    targets: tuple[Measure, ...]
    results: tuple[Measure, ...]
    header: Span  # the header line
    span: Span
    tables: tuple[ResultsTable, ...] = ()  # tables of figures the block prints (results by year, progress …)


_BULLET = re.compile(r"^\s*[○◦－⇨‣※▸❚․-]\s*(?P<text>\S.*?)\s*$")
_LABEL = re.compile(r"^(?:\((?P<paren>[^()]{1,20})\)|(?P<colon>[^:\d][^:]{0,19}?)\s*:(?!\d))\s*")
# A statement's label that makes it a result: '지원성과(’21년)', '’21년 실적', '’21년', '실적', '지원사례 ①(…)'.
_RESULT_LABEL = re.compile(r"(?:실적|성과).*’\d{2}|’\d{2}.*(?:실적|성과)|^’\d{2}년$|^실적$|^지원사례")
# A period printed in parentheses ('(’18~’21)', '(’21년)') or opening a heading ('’21년 춘계 … 성과').
_PERIOD = re.compile(r"\((?P<p>’\d{2}(?:\s*[~∼]\s*’?\d{2})?)년?\)|^(?P<q>’\d{2})년\s")
_AS_OF = re.compile(r"\((?P<p>’[^()]*?)\s*(?:현재|기준)\)")
_MONEY = "|".join(sorted(map(re.escape, KRW_PER_UNIT), key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?P<label>{'|'.join(BUDGET_LABELS)})\)?\s*:?\s*(?P<period>’\d{{2}}년\s+)?"
    rf"(?P<printed>(?:총\s*)?(?P<amount>{NUMBER})(?P<unit>{_MONEY})(?![가-힣])(?:\s*\((?P<paren>[^()]*)\))?)")
_MORE_MONEY = re.compile(rf"\s+(?:{NUMBER})(?:{_MONEY})")
_PAREN_ITEM = re.compile(rf"(?:※\s*)?(?P<label>.*?)\s*:?\s*(?P<number>{NUMBER})(?P<unit>{_MONEY})?(?:\s*포함)?")
_FOOTNOTE = re.compile(r"^\s*\d{1,2}\)\s")
_TABLE_HEADER = re.compile(r"^\s*구\s*분\s+(?P<columns>\S.*?)\s*$")


def read_programs(outline: Outline, warnings: list[ExtractionWarning], year: int | None = None) -> list[ProgramRecord]:
    """Every numbered program with its overview title, parts, budget figures, targets, results and tables.
    `year` is the plan's year: a figure a plan prints for an earlier year is a result."""
    doc, blocks = outline.doc, outline.programs
    if not blocks:
        warnings.append(ExtractionWarning(1, "no numbered programs found in the work plan"))
        return []
    overviews = {o.area: o for o in outline.overviews}
    for area in sorted({b.area for b in blocks}):
        count = sum(1 for b in blocks if b.area == area)
        overview = overviews.get(area)
        if overview is None or len(overview.entries) != count:
            listed = len(overview.entries) if overview else 0
            warnings.append(ExtractionWarning(
                overview.span.start if overview else blocks[0].span.start,
                f"area {area} overview lists {listed} programs, the headers number {count}; "
                "overview titles not paired"))
            overviews.pop(area, None)
    records = []
    for block in blocks:
        entries = overviews[block.area].entries if block.area in overviews else ()
        entry = entries[block.number - 1] if 1 <= block.number <= len(entries) else None
        records.append(_program(doc, block, entry, year, warnings))
    return records


@dataclass(frozen=True)
class _Line:
    """Where a line of a block stands: under which heading, in which sub-program."""

    number: int
    text: str
    section: str | None
    subprogram: int | None


def _program(doc: SourceDocument, block: ProgramBlock, entry: OverviewEntry | None, year: int | None,
             warnings: list[ExtractionWarning]) -> ProgramRecord:
    lines = _layout(doc, block)
    tables, in_tables = read_tables(doc, block, warnings)
    budgets: list[BudgetFigure] = []
    targets: list[Measure] = []
    results: list[Measure] = []
    run: list[_Line] = []  # consecutive lines of a results section that are no statement: tables, wrapped text
    for line in lines:
        budgets += _figures(doc, block, line, warnings)
        section = line.section or ""
        in_results = bool(_RESULT_SECTION.search(section))
        for label, text in _statements(line.text, in_results):
            found = _measure(doc, line, label, text, in_results)
            if found is None or _BACKGROUND_SECTION.search(section):
                continue
            measure, result = found
            if result:
                results.append(measure)
            elif _is_target(measure, section):
                past = [q for q in measure.quantities if _before(q.period, year)]
                if past:
                    results.append(_only(measure, past))
                if len(past) < len(measure.quantities):
                    targets.append(_only(measure, [q for q in measure.quantities if q not in past]))
        if in_results and not _is_statement(line.text) and line.number not in in_tables:
            run.append(line)
        else:
            _warn_loose(run, block, warnings)
            run = []
    _warn_loose(run, block, warnings)
    return ProgramRecord(block.area, block.number, block.title, entry.title if entry else None,
                         entry.span if entry else None, block.parts, tuple(budgets), tuple(targets),
                         tuple(results), doc.span(block.span.start), block.span, tuple(tables))


def _measure(doc: SourceDocument, line: _Line, label: str | None, text: str,
             in_results: bool) -> tuple[Measure, bool] | None:
    """The statement as a measure and whether it is a result; None when it prints no quantity that is
    not a budget figure (those are BudgetFigures) or when it only describes a place's area."""
    blanked = _FIGURE.sub(lambda m: " " * len(m[0]), text)  # keep positions, drop budget figures
    quantities = tuple(read_quantities(blanked))
    if not quantities or all(q.unit_code == "M2" or q.unit == "평" for q in quantities):
        return None
    result = in_results or bool(label and _RESULT_LABEL.search(label)) or \
        bool(_PROGRESS.search(text) and "목표" not in text)
    own = _period_of(label or "", text)
    period_text = own or _period_of(line.section or "", "")
    as_of = _AS_OF.search(text)
    as_of_text = as_of["p"].strip() if as_of else None
    return Measure(label, line.section, text, quantities, line.subprogram, doc.span(line.number),
                   period_text, parse_due(period_text) if period_text else None,
                   as_of_text, parse_due(as_of_text) if as_of_text else None, own is not None), result


def _period_of(label: str, text: str) -> str | None:
    """The period a label, a statement or a heading prints: '(’18~’21)', '(’21년)', '’21년 춘계 … 성과'."""
    for where in (label, text):
        found = _PERIOD.search(where)
        if found:
            return (found["p"] or found["q"]).replace(" ", "").replace("∼", "~")
    return None


def _is_target(measure: Measure, section: str) -> bool:
    """A statement of a plan block, or of an overview where a label or the word 목표 says it is a target."""
    labelled = bool(measure.label and measure.label in TARGET_LABELS) or "목표" in measure.text
    if _OVERVIEW_SECTION.search(section) or not section:
        return labelled or measure.period_printed
    return True


def _before(period: str | None, year: int | None) -> bool:
    """Whether a printed period ('’21', '’18~’21') ends before the plan's year."""
    if period is None or year is None:
        return False
    reading = parse_due(period)
    return reading is not None and reading.due is not None and reading.due.year < year


def _only(measure: Measure, quantities: list[Quantity]) -> Measure:
    if len(quantities) == len(measure.quantities):
        return measure
    return Measure(measure.label, measure.section, measure.text, tuple(quantities), measure.subprogram,
                   measure.span, measure.period_text, measure.period, measure.as_of_text, measure.as_of,
                   measure.period_printed)


def _layout(doc: SourceDocument, block: ProgramBlock) -> list[_Line]:
    """Each non-blank line of the block after the header, with the heading and the part it stands under."""
    lines = []
    section = None
    for n in range(block.span.start + 1, block.span.end + 1):
        text = doc.line(n)
        if not text.strip():
            continue
        if HEADING.match(text):
            section = collapse(text.split(" : ", 1)[0])
        owner = next((s.number for s in block.parts if s.span.start <= n <= s.span.end), None)
        lines.append(_Line(n, text, section, owner))
    return lines


def _statements(text: str, in_results: bool) -> list[tuple[str | None, str]]:
    """(label, text) of each statement a line prints: a bullet, split at further '‣' bullets on the line;
    in a results section, also the text after its heading's colon (' 추진실적(’21년) : 총 16,572개사 …')."""
    if HEADING.match(text):
        _, colon, rest = text.partition(" : ")
        return [(None, collapse(rest))] if in_results and colon else []
    heading = PART.match(text)
    if heading:  # '①① 농식품 분야 스타트업 특화 보육 ⇨ 누적 167개 창업기업 성장 지원'
        return [(None, collapse(heading["title"]))]
    bullet = _BULLET.match(text)
    if not bullet:
        return []
    statements = []
    for part in re.split(r"\s+‣\s*", bullet["text"]):
        part = part.strip().rstrip(",")
        label = _LABEL.match(part)
        name = label and collapse(label["paren"] or label["colon"])
        statements.append((name or None, collapse(part)))
    return statements


def _is_statement(text: str) -> bool:
    """A bullet, heading or sub-program line, or a footnote ('5) 대기업 : …'): anything but table or wrapped text."""
    return bool(_BULLET.match(text) or HEADING.match(text) or PART.match(text) or _FOOTNOTE.match(text))


def _prints_figures(text: str) -> bool:
    """A quantity, or two bare numbers (a flattened table row)."""
    bare = [t for t in text.split() if re.fullmatch(r"\(?[\d,.]+%?\)?", t)]
    return bool(QUANTITY.search(text)) or len(bare) >= 2


def _warn_loose(run: list[_Line], block: ProgramBlock, warnings: list[ExtractionWarning]) -> None:
    """Warn once about a run of table or wrapped lines in a results section when some print figures."""
    loose = [line for line in run if _prints_figures(line.text)]
    if not loose:
        return
    first, last = loose[0].number, loose[-1].number
    where = f"lines {first}-{last}" if last > first else f"line {first}"
    warnings.append(ExtractionWarning(first, (
        f"program {block.area}-{block.number} '{loose[0].section}': figures on {where} stand outside bullet "
        "statements (a flattened table or wrapped text); not read as results")))


def _figures(doc: SourceDocument, block: ProgramBlock, line: _Line,
             warnings: list[ExtractionWarning]) -> list[BudgetFigure]:
    """The labelled amounts of money a line prints; a table row's amounts go to its header's columns."""
    figures = []
    for match in _FIGURE.finditer(line.text):
        amount = read_number(match["amount"])
        in_krw = krw(amount, match["unit"])
        parts, related = _parenthesis(match["paren"], match["unit"], in_krw, line.number, warnings)
        figure = BudgetFigure(
            label=match["label"], period=(match["period"] or "").strip() or None, column=None,
            printed=match["printed"], amount=amount, unit=match["unit"], krw=in_krw, parts=parts, related=related,
            note=match["paren"], section=line.section, subprogram=line.subprogram, span=doc.span(line.number))
        if _MORE_MONEY.match(line.text, match.end()):
            figures += _table_row(doc, block, line, figure, match.start(), warnings)
        else:
            figures.append(figure)
    return figures


def _table_row(doc: SourceDocument, block: ProgramBlock, line: _Line, first: BudgetFigure, start: int,
               warnings: list[ExtractionWarning]) -> list[BudgetFigure]:
    """'운영예산 8,000백만원 5,572백만원 4,798백만원' under '구 분 중부+남부 동부 북부': one figure per column."""
    amounts = re.findall(rf"({NUMBER})({_MONEY})", line.text[start:])
    header = next(((n, m) for n in range(line.number - 1, block.span.start, -1)
                   if (m := _TABLE_HEADER.match(doc.line(n)))), None)
    columns = header[1]["columns"].split() if header else []
    if header is None or len(columns) != len(amounts):
        warnings.append(ExtractionWarning(line.number, (
            f"'{first.label}' row prints {len(amounts)} amounts for {len(columns)} table columns; not read")))
        return []
    figures = []
    for column, (printed, unit) in zip(columns, amounts, strict=True):
        value = read_number(printed)
        figures.append(BudgetFigure(
            label=first.label, period=None, column=column, printed=printed + unit, amount=value, unit=unit,
            krw=krw(value, unit), parts=(), related=(), note=None, section=first.section,
            subprogram=first.subprogram, span=doc.span(header[0], line.number)))
    return figures


def _parenthesis(paren: str | None, unit: str, krw: Decimal, line: int,
                 warnings: list[ExtractionWarning]) -> tuple[tuple[Amount, ...], tuple[Amount, ...]]:
    """(parts, related amounts) of a figure's parenthesis.

    Parts: two or more amounts separated by ',' or '/', in the figure's unit or printing none (then in the
    figure's unit), nothing marked '포함' or '→'. Related: amounts that each print their own unit.
    """
    if not paren or not re.search(r"\d", paren):
        return (), ()
    items = [i.strip() for i in re.split(r",(?!\d{3})|/|→", paren) if i.strip()]
    read = [m for i in items if (m := _PAREN_ITEM.fullmatch(i))]
    if len(read) != len(items):
        warnings.append(ExtractionWarning(line, f"budget parenthesis '({paren})' not read"))
        return (), ()
    factor = KRW_PER_UNIT[unit]
    breakdown = (len(read) >= 2 and "→" not in paren and "포함" not in paren
                 and all(not m["unit"] or KRW_PER_UNIT[m["unit"]] == factor for m in read))
    if not breakdown and not all(m["unit"] for m in read):
        warnings.append(ExtractionWarning(line, f"budget parenthesis '({paren})' prints an amount without unit"))
        return (), ()
    amounts = tuple(_amount(m, unit) for m in read)
    if not breakdown:
        return (), amounts
    total = sum(a.krw for a in amounts)
    if total != krw:
        warnings.append(ExtractionWarning(
            line, f"budget breakdown '({paren})' adds up to {total} KRW, the figure is {krw} KRW"))
    return amounts, ()


def _amount(match: re.Match[str], figure_unit: str) -> Amount:
    unit = match["unit"] or figure_unit
    value = read_number(match["number"])
    printed = match["number"] + (match["unit"] or "")
    return Amount(collapse(match["label"]) or None, printed, value, unit, krw(value, unit))
