"""What the report states about its own figures, so that the shapes can check it against itself: a total
printed with the parts it breaks into, a count printed with the items it counts, a rounded figure whose
parts a footnote prints, an average printed with its total and count, and the period an audit answer
states for a piece of work its plans date.

Only statements whose form says which figure is the whole and which are its parts are read; anything
else is left alone (a missed check is honest, a wrong pairing would be a false finding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .audit import AuditItem, AuditSection, FollowUp
from .dates import DateReading, parse_due
from .outline import Outline
from .source import SourceDocument, Span
from .text import NUMBER, collapse, read_number


@dataclass(frozen=True)
class Owner:
    """Where a statement is printed: a program (and the part it stands under) or an audit item."""

    program: tuple[int, int] | None = None  # (area, number)
    part: str | None = None  # the part's title
    item: tuple[str, int] | None = None  # (category, number)


@dataclass(frozen=True)
class Figure:
    """A labelled number with its unit, as printed ('위촉직 12', '대기업 … 2,612개')."""

    label: str  # as printed, white space folded
    printed: str  # the number and its unit as printed ('12', '2,612개')
    value: Decimal
    unit: str  # as printed; a part printing none is in its total's unit
    span: Span


@dataclass(frozen=True)
class StatedSum:
    """A total and the parts the report breaks it into: exact ('총 12명' … '학계 3, 코트라 3 …') or rounded
    ('대·중견기업 7천여개사' with the parts a footnote prints), then the range it stands for."""

    owner: Owner
    text: str  # the statement, white space folded
    printed: str  # the total as printed ('총 12명', '7천여개사')
    low: Decimal  # the total; for a rounded figure the least value it stands for ...
    high: Decimal  # ... and the greatest ('7천여': 7,000 to 7,999)
    unit: str
    parts: tuple[Figure, ...]
    footnote: int | None  # the number of the footnote that prints the parts
    span: Span  # the line printing the total
    open_ended: bool = False  # the parts end in 등: not all are named, so they may add up to less


@dataclass(frozen=True)
class ListedCount:
    """A count printed with the items it counts ('7개 직무분야' and '※ 직무분야 : 경영일반, …')."""

    owner: Owner
    text: str  # the statement printing the count, folded
    printed: str  # '7개 직무분야'
    count: int
    items: tuple[str, ...]  # as printed, in order
    span: Span  # the count's line to the list's
    open_ended: bool = False  # the list ends in 등 ('…, 기타 등'): not all are named, nothing to check


@dataclass(frozen=True)
class StatedAverage:
    """An average printed beside its total and count ('라이브방송 67회, 총 112,818뷰(방송 당 평균 1,683뷰)')."""

    owner: Owner
    text: str
    average: Figure
    total: Figure
    count: Figure
    span: Span


@dataclass(frozen=True)
class StatedPeriod:
    """The period an audit answer's actions state for a piece of work ('- 용역기간 : ’22.4. ~ 10.'), and the
    item's plans that date carrying it out ('- 용역시행 : ’22.1.')."""

    owner: Owner
    activity: str  # the work, as printed before 기간 ('용역')
    text: str
    date_text: str
    reading: DateReading
    plans: tuple[int, ...]  # 1-based positions of the item's follow-ups that carry the work out
    span: Span


@dataclass(frozen=True)
class StatedShare:
    """A part of a whole an audit item prints, in the council's demand or in the answer ('출자출연기관들이 26곳이
    있는데 이들 중에서 … 기관은 9개', '총 26개 투자출연기관 중 10개')."""

    owner: Owner
    block: str  # '요구사항' (the demand) or '추진내용' (the answer's actions)
    printed: str  # as printed, white space folded
    whole: Decimal
    part: Decimal
    unit: str  # the counter: '명', or '개' for 개 and 곳 (both count things)
    span: Span


@dataclass(frozen=True)
class Tallies:
    sums: tuple[StatedSum, ...]
    counts: tuple[ListedCount, ...]
    averages: tuple[StatedAverage, ...]
    periods: tuple[StatedPeriod, ...]
    shares: tuple[StatedShare, ...]


_COUNTER = r"개사|개소|개국|개|명|社|건|회|팀"
# '총 18명(위촉직 12, 당연직 6)', '5개소[공공형 1개소(9천㎡), 민간형 4개소(43천㎡)]'
_TOTAL_THEN_PARTS = re.compile(
    rf"(?<![\d.,’'])(?P<total>(?:총\s*)?(?P<n>{NUMBER})(?P<unit>{_COUNTER}))"
    r"\s*(?:\((?P<round>(?:[^()]|\([^()]*\))*)\)|\[(?P<square>(?:[^\[\]]|\([^()]*\))*)\])")
# '’22년 32개소 캠퍼스타운 조성·운영 (종합형 15, 단위형 17)': the parts closing the line, only words between
_TOTAL_WORDS_PARTS = re.compile(
    rf"(?<![\d.,’'])(?P<total>(?:총\s*)?(?P<n>{NUMBER})(?P<unit>{_COUNTER}))"
    r"(?P<words>\s+[^\d()\[\]’]*?[가-힣][^\d()\[\]’]*?)\s*\((?P<round>[^()]*)\)\s*$")
# '… 중도 포기자는 85명임.' closing a line, and under it
# '- 중도 포기 사유 : 취업·창업 48명, 타사업 참여 6명, 기타 27명 등'
_NOUN_TOTAL = re.compile(rf"(?P<noun>[가-힣]+(?:\s[가-힣]+)?)(?:은|는|이|가)\s*"
                         rf"(?P<total>(?P<n>{NUMBER})(?P<unit>{_COUNTER}))\s*(?:임|이다|입니다)?\.?\s*$")
_LABEL_PARTS = re.compile(r"^\s*-\s*(?P<label>[가-힣\s]+?)\s*:\s*(?P<parts>.+?)\s*$")
# '(개선 총 12명) 학계 3, 코트라 3, 법률 3, 회계 3, VC 3'
_PARTS_AFTER_TOTAL = re.compile(
    rf"\([^()]*?(?P<total>총\s*(?P<n>{NUMBER})(?P<unit>{_COUNTER}))\)\s*(?P<parts>[^()]+?)\s*$")
# '81개: 창업지원시설(42개), 민간 창업지원시설(14개), …'
_TOTAL_COLON_PARTS = re.compile(
    rf"(?<![\d.,’'])(?P<total>(?P<n>{NUMBER})(?P<unit>{_COUNTER}))\s*:\s*(?P<parts>.+)$")
_PART = re.compile(rf"^(?P<label>[^\d()]*?[^\d\s()])\s*(?P<n>{NUMBER})(?P<unit>{_COUNTER})?(?:\s*\([^()]*\))?$")
_PART_IN_PAREN = re.compile(rf"^(?P<label>[^\d()]*?[^\d\s()])\s*\((?P<n>{NUMBER})(?P<unit>{_COUNTER})\)$")
# '7개 직무분야' with the next line '※ 직무분야 : 경영일반, …'; '(2개: 베트남·인도)', '신규(6개) : 무신사, …'
_COUNT_NOUN = re.compile(r"(?<![\d.,’'])(?P<printed>(?P<n>\d+)개\s*(?P<noun>[가-힣]+))")
_NOTE_LIST = re.compile(r"^\s*※\s*(?P<noun>[가-힣]+)\s*:\s*(?P<items>.+?)\s*$")
_COUNT_THEN_LIST = re.compile(
    r"(?P<printed>\(\s*(?P<n>\d+)개\s*(?::\s*(?P<inner>[^()]+)\)|\)\s*:\s*(?P<outer>.+)$))")
# '7천여개사', '3만여명'
_ROUNDED = re.compile(
    rf"(?P<label>[가-힣]+(?:·[가-힣]+)+)\s*(?P<printed>(?P<n>\d+)(?P<scale>천|만)여(?P<unit>{_COUNTER}))")
_SCALE = {"천": 1000, "만": 10000}
_FOOTNOTE = re.compile(r"^\s*(?P<number>\d{1,2})\)\s+(?P<text>\S.*?)\s*$")
_ENTRY = re.compile(r"(?P<label>[가-힣A-Za-z]+)\s*:\s*(?P<text>[^:]+?)(?=,\s*[가-힣A-Za-z]+\s*:|$)")
_ENTRY_FIGURE = re.compile(rf"(?<![\d.,’'])(?P<n>{NUMBER})(?P<unit>{_COUNTER})(?![가-힣])")
# '…(방송 당 평균 1,683뷰)' after '라이브방송 67회, 총 112,818뷰'
_AVERAGE = re.compile(
    rf"(?P<noun>[가-힣]+)\s*(?P<count>(?P<c>{NUMBER})(?P<cunit>{_COUNTER}))\s*,\s*"
    rf"(?P<total>총\s*(?P<t>{NUMBER})(?P<unit>[가-힣A-Za-z]+))\s*"
    rf"\(\s*(?P<per>[가-힣]+)\s*당\s*평균\s*(?P<average>(?P<a>{NUMBER})(?P=unit))\s*\)")
# '- 용역기간 : ’22.4. ~ 10. (7개월)'
_PERIOD = re.compile(r"^\s*[-◦‣○]?\s*(?P<activity>[가-힣]+?)\s*기\s*간\s*:\s*(?P<date>[^()]+?)\s*(?:\([^()]*\))?\s*$")
# '26곳이 있는데 이들 중에서 … 기관은 9개', '총 26개 투자출연기관 중 10개': a whole, then '중' as a word, then the part
_SHARE = re.compile(
    r"(?<![\d.,’'])(?P<whole>\d[\d,]*)\s*(?P<unit>개|곳|명)(?![월국소사\d])[^.\d]*?(?:중에서|가운데|중)(?=\s)"
    r"[^.\d]*?(?P<part>\d[\d,]*)\s*(?P<partunit>개|곳|명)(?![월국소사\d])")
_OPEN_END = re.compile(r"\s+등\s*$")  # '…, 기타 27명 등': the list goes on
_MARKER = re.compile(r"^\s*(?:[○◦－‣※▸❚⇨]|-(?=\s))\s*")
_CARRY_OUT = ("시행", "수행", "실시", "추진", "진행")
_PLAN_LABEL = re.compile(r"^(?P<label>[^:]+?)\s*:")


def read_tallies(outline: Outline, audit: AuditSection | None) -> Tallies:
    """Every checkable total, count, rounded figure, average and stated period of the work plan's programs
    and the audit's items."""
    doc = outline.doc
    sums: list[StatedSum] = []
    counts: list[ListedCount] = []
    averages: list[StatedAverage] = []
    for owner, lines in _owned_lines(outline, audit):
        for position, n in enumerate(lines):
            text = _statement(doc.line(n))
            sums += _sums(doc, owner, n, text)
            sums += _apart(doc, owner, n, lines[position + 1 : position + 2])
            averages += _averages(doc, owner, n, text)
            counts += _counts(doc, owner, n, text, lines[position + 1 : position + 3])
        if owner.program:
            sums += _footnoted(doc, owner, lines)
    periods = [p for item in (audit.items if audit else ()) for p in _periods(doc, item)]
    shares = [s for item in (audit.items if audit else ()) for s in _shares(doc, item)]
    return Tallies(tuple(sums), tuple(counts), tuple(averages), tuple(periods), tuple(shares))


def _statement(line: str) -> str:
    """A line without its bullet, white space folded."""
    return collapse(_MARKER.sub("", line, count=1))


def _owned_lines(outline: Outline, audit: AuditSection | None) -> list[tuple[Owner, list[int]]]:
    """The non-blank lines of each program (by part: a part's lines are its own) and of each audit item."""
    doc = outline.doc
    owned = []
    for block in outline.programs:
        program = (block.area, block.number)
        in_parts = {n for part in block.parts for n in range(part.span.start, part.span.end + 1)}
        own = [n for n in range(block.span.start, block.span.end + 1) if n not in in_parts]
        owned.append((Owner(program=program), own))
        for part in block.parts:
            owned.append((Owner(program=program, part=part.title),
                          list(range(part.span.start, part.span.end + 1))))
    for item in audit.items if audit else ():
        owned.append((Owner(item=(item.category, item.number)), list(range(item.span.start, item.span.end + 1))))
    return [(owner, [n for n in lines if doc.line(n).strip()]) for owner, lines in owned]


def _sums(doc: SourceDocument, owner: Owner, n: int, text: str) -> list[StatedSum]:
    """A total printed with its parts on one line, in one of three forms (see the patterns)."""
    found = []
    for match in _TOTAL_THEN_PARTS.finditer(text):
        parts = _parts(match["round"] or match["square"] or "", match["unit"], doc.span(n), _PART)
        if parts:
            found.append(_exact(owner, text, match, parts, doc.span(n)))
    for pattern, part in ((_TOTAL_WORDS_PARTS, _PART), (_PARTS_AFTER_TOTAL, _PART),
                          (_TOTAL_COLON_PARTS, _PART_IN_PAREN)):
        after = pattern.search(text)
        printed = after and (after["round"] if pattern is _TOTAL_WORDS_PARTS else after["parts"])
        if after and printed and (parts := _parts(printed, after["unit"], doc.span(n), part)):
            found.append(_exact(owner, text, after, parts, doc.span(n)))
    return found


def _apart(doc: SourceDocument, owner: Owner, n: int, following: list[int]) -> list[StatedSum]:
    """A figure closing a line ('중도 포기자는 85명임.') and its breakdown on the next line, labelled by the same
    noun ('- 중도 포기 사유 : 취업·창업 48명, …'): the label starts with the noun but for its last letter."""
    total = _NOUN_TOTAL.search(doc.line(n))
    below = _LABEL_PARTS.match(doc.line(following[0])) if total and following else None
    noun = re.sub(r"\s+", "", total["noun"]) if total else ""
    if total is None or below is None or len(noun) < 3 \
            or not re.sub(r"\s+", "", below["label"]).startswith(noun[:-1]):
        return []
    span = doc.span(n, following[0])
    parts = _parts(below["parts"], total["unit"], doc.span(following[0]), _PART)
    if not parts:
        return []
    value = read_number(total["n"])
    text = f"{_statement(doc.line(n))} {collapse(doc.line(following[0]))}"  # the breakdown with its bullet
    return [StatedSum(owner, text, collapse(total["total"]), value, value, total["unit"], parts, None, span,
                      _ends_open(below["parts"]))]


def _parts(printed: str, unit: str, span: Span, pattern: re.Pattern[str]) -> tuple[Figure, ...]:
    """Two or more labelled parts, each in the total's unit or printing none (the last may end in 등); ()
    for anything else."""
    printed = _OPEN_END.sub("", printed)
    items = [i.strip() for i in re.split(r",\s+(?![^()]*\))", printed) if i.strip()]
    matches = [pattern.fullmatch(i) for i in items]
    if len(items) < 2 or not all(matches):
        return ()
    parts = tuple(Figure(collapse(m["label"]), m["n"] + (m["unit"] or ""), read_number(m["n"]),
                         m["unit"] or unit, span) for m in matches if m)
    return parts if all(p.unit == unit for p in parts) else ()


def _exact(owner: Owner, text: str, match: re.Match[str], parts: tuple[Figure, ...], span: Span) -> StatedSum:
    value = read_number(match["n"])
    listed = next(g for g in ("round", "square", "parts") if g in match.re.groupindex and match[g])
    return StatedSum(owner, text, collapse(match["total"]), value, value, match["unit"], parts, None, span,
                     _ends_open(match[listed]))


def _footnoted(doc: SourceDocument, owner: Owner, lines: list[int]) -> list[StatedSum]:
    """A rounded figure whose label joins a footnote's entries ('대·중견기업 7천여개사' and '5) 대기업 : …
    2,612개(’21.4), 중견기업 : 5,526개사'), the footnote's marker printed above the figure in the same program."""
    notes = {}
    for n in lines:
        if (note := _FOOTNOTE.match(doc.line(n))) and (entries := _entries(note["text"], doc.span(n))):
            notes[int(note["number"])] = entries
    found = []
    for n in lines:
        text = _statement(doc.line(n))
        for match in _ROUNDED.finditer(text):
            for number, entries in sorted(notes.items()):
                marked = any(re.search(rf"[^\s\d]{number}\)", doc.line(m)) for m in lines if m <= n)
                if marked and _joins(match["label"], [e.label for e in entries]):
                    scale = _SCALE[match["scale"]]
                    low = int(match["n"]) * scale
                    found.append(StatedSum(owner, text, match["printed"], Decimal(low), Decimal(low + scale - 1),
                                           match["unit"], entries, number, doc.span(n)))
    return found


def _entries(text: str, span: Span) -> tuple[Figure, ...]:
    """A footnote's 'label : definition' entries, each with the figure its definition ends on; () when the
    footnote is not two or more such entries."""
    entries = []
    for match in _ENTRY.finditer(text):
        figures = list(_ENTRY_FIGURE.finditer(match["text"]))
        if not figures:
            return ()
        last = figures[-1]
        entries.append(Figure(match["label"], last[0], read_number(last["n"]), last["unit"], span))
    return tuple(entries) if len(entries) >= 2 else ()


def _joins(label: str, labels: list[str]) -> bool:
    """Whether a '·'-joined label names exactly these labels: '대·중견기업' is 대기업 and 중견기업 (the
    last member's ending is shared by the others)."""
    members = label.split("·")
    last = members[-1]
    for cut in range(1, len(last)):
        ending = last[cut:]
        if sorted([*(m + ending for m in members[:-1]), last]) == sorted(labels):
            return True
    return False


def _counts(doc: SourceDocument, owner: Owner, n: int, text: str, following: list[int]) -> list[ListedCount]:
    """A count with the list of what it counts: on the next lines as a note defining its noun, or right
    after it ('(2개: 베트남·인도)', '(6개) : 무신사, …'). A list whose items print figures is a sum."""
    found = []
    for match in _COUNT_NOUN.finditer(text):
        for m in following:
            note = _NOTE_LIST.match(doc.line(m))
            if note and note["noun"] == match["noun"]:
                items = _items(note["items"])
                if items:
                    found.append(ListedCount(owner, text, match["printed"], int(match["n"]), items,
                                             doc.span(n, m), _ends_open(note["items"])))
    for match in _COUNT_THEN_LIST.finditer(text):
        listed = match["inner"] or match["outer"]
        items = _items(listed)
        if items:
            found.append(ListedCount(owner, text, f"{match['n']}개", int(match["n"]), items, doc.span(n),
                                     _ends_open(listed)))
    return found


def _ends_open(printed: str) -> bool:
    """Whether a printed list ends in 등: not all its items are named."""
    return bool(_OPEN_END.search(printed))


def _items(printed: str) -> tuple[str, ...]:
    """The items of a list: separated by commas, or by '·' in a list without commas, without a closing 등
    (the list is kept, marked open: not all are named); () when an item prints a figure (a breakdown, not a
    list)."""
    printed = _OPEN_END.sub("", printed)
    separator = "," if "," in printed else "·"
    items = tuple(collapse(i) for i in printed.split(separator))
    if any(not i or re.search(r"\d", i) for i in items):
        return ()
    if len(set(items)) != len(items):
        return ()  # an item printed twice: a list the graph (a set of items) cannot keep as printed
    return items


def _averages(doc: SourceDocument, owner: Owner, n: int, text: str) -> list[StatedAverage]:
    """'라이브방송 67회, 총 112,818뷰(방송 당 평균 1,683뷰)': the average per what the count counts."""
    found = []
    for match in _AVERAGE.finditer(text):
        if not match["noun"].endswith(match["per"]):
            continue
        span = doc.span(n)
        average = Figure(f"{match['per']} 당 평균", match["average"], read_number(match["a"]), match["unit"], span)
        total = Figure("총", collapse(match["total"]), read_number(match["t"]), match["unit"], span)
        count = Figure(match["noun"], match["count"], read_number(match["c"]), match["cunit"], span)
        found.append(StatedAverage(owner, text, average, total, count, span))
    return found


def _periods(doc: SourceDocument, item: AuditItem) -> list[StatedPeriod]:
    """'- 용역기간 : ’22.4. ~ 10.' in an item's actions, and the item's plans that carry the work out
    ('용역시행 : ’22.1.', '용역 추진 : …')."""
    found = []
    plans_start = min((f.span.start for f in item.followups), default=item.span.end + 1)
    for n in range(item.span.start, plans_start):
        match = _PERIOD.match(doc.line(n))
        reading = parse_due(match["date"]) if match else None
        if match is None or reading is None or reading.start is None or reading.due is None:
            continue
        activity = match["activity"]
        plans = tuple(position for position, plan in enumerate(item.followups, start=1)
                      if _carries_out(plan, activity))
        found.append(StatedPeriod(Owner(item=(item.category, item.number)), activity, _statement(doc.line(n)),
                                  collapse(match["date"]), reading, plans, doc.span(n)))
    return found


def _carries_out(plan: FollowUp, activity: str) -> bool:
    """Whether a plan's label is the work carried out: '용역시행', '용역 시행', '용역 추진' …"""
    label = _PLAN_LABEL.match(plan.text)
    return label is not None and re.sub(r"\s+", "", label["label"]) in {activity + verb for verb in _CARRY_OUT}


def _shares(doc: SourceDocument, item: AuditItem) -> list[StatedShare]:
    """The parts of wholes an item prints in its demand (the lines before '□ 추진상황') and in its answer's
    actions (from '□ 추진내용' to '□ 향후계획'), lines joined as the demand is."""
    blocks: dict[str, list[int]] = {"요구사항": [], "추진내용": []}
    block: str | None = "요구사항"
    for n in range(item.span.start, item.span.end + 1):
        text = doc.line(n)
        if text.lstrip().startswith("□"):
            block = "추진내용" if re.match(r"^\s*□\s*추진내용", text) else None
            continue
        if block and text.strip():
            blocks[block].append(n)
    found = []
    for name, lines in blocks.items():
        starts, joined = [], ""
        for n in lines:
            starts.append(len(joined))
            joined += _statement(doc.line(n)) + " "
        for match in _SHARE.finditer(joined):
            unit = "명" if match["unit"] == "명" else "개"
            if unit != ("명" if match["partunit"] == "명" else "개"):
                continue
            first = lines[max(i for i, at in enumerate(starts) if at <= match.start())]
            last = lines[max(i for i, at in enumerate(starts) if at < match.end())]
            found.append(StatedShare(Owner(item=(item.category, item.number)), name, collapse(match[0]),
                                     read_number(match["whole"]), read_number(match["part"]), unit,
                                     doc.span(first, last)))
    return found
