"""Section Ⅳ's physical places (campuses, centres, hubs, complexes …) and what the report prints of each.

Which printed names are facilities, and where each is described, is curated in
data/curation/facilities.csv: a stable name, the anchor line (a unique piece of its text, in a program or
in an audit item's answer), how the anchor prints the name, and for a flattened table the column.
Everything else — address, area, floors, cost, dates, construction progress, the number of places a group
stands for — is read from the text, each value with the line it is printed on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..errors import ExtractionWarning
from .audit import AuditItem, AuditSection
from .curation import FacilityEntry
from .dates import REFERENCE_WORDS, DateReading, paren_period, period_at, read_period
from .money import krw
from .outline import Outline
from .source import SourceDocument, Span
from .text import collapse, read_number, squash


@dataclass(frozen=True)
class Location:
    text: str  # as printed, white space folded ('도봉구 창동 1-25', 'G밸리 1단지 내 JnK디지털타워')
    span: Span


@dataclass(frozen=True)
class Area:
    printed: str  # '연면적 7,405㎡', '약 34만평', '180여평'
    value: Decimal  # the printed number
    unit: str  # '㎡', '천㎡', '만㎡', '평', '만평'
    basis: str | None  # '연면적', '전용면적', '건축연면적', '면적', '부지', or the size label ('규모' …)
    approximate: bool  # printed with 약 or 여
    square_metres: Decimal | None  # for the metric units; None for 평
    span: Span


@dataclass(frozen=True)
class Floors:
    printed: str  # '지하2층~지상4층', '8층, 9층', '9층 일부'
    lowest: int  # basement floors negative: 지하2층 -> -2
    highest: int
    span: Span


@dataclass(frozen=True)
class Cost:
    label: str  # '총사업비' or '소요예산'
    printed: str  # '43,697백만원'
    amount: Decimal
    unit: str
    krw: Decimal
    span: Span
    share: str | None = None  # a year's share printed after it: '’22년 예산 : 14,312백만원'

    @property
    def is_total(self) -> bool:
        """A project's whole cost: 총사업비, or a 소요예산 printed with a year's share of it. A 소요예산 printed
        alone is what the plan's year requires (a running facility's operating budget, a year's works)."""
        return self.label == "총사업비" or self.share is not None


@dataclass(frozen=True)
class FacilityDate:
    """A dated step of the facility's life as printed ('완공(’23.4.)', '(운영) ’22.8.~', '개 소 ’21. 4월')."""

    event: str | None  # the printed word ('완공', '건축 착공 및 준공', '개관' …); None when none is printed
    kind: str | None  # opening, completion, works_start, construction, design, acquisition, designation,
    # project (사업기간); None when the event is not printed or not known
    date_text: str
    reading: DateReading | None
    span: Span


@dataclass(frozen=True)
class Progress:
    percent: Decimal
    printed: str  # '현 공정률 22.8%', '공정률 30%'
    as_of_text: str | None  # '’21.12.31.기준', '’21년'
    as_of: DateReading | None
    span: Span


@dataclass(frozen=True)
class Facility:
    name: str
    kind: str
    printed: str
    program: tuple[int, int] | None  # (area, number) of the program it is described under; None in an answer
    subprogram: str | None
    part_of: str | None
    building: str | None  # the building it occupies, as printed ('나진전자월드 (민간)')
    location: Location | None
    area: Area | None  # the first area of its size field (or, lacking one, of its location)
    other_areas: tuple[Area, ...]  # every other area printed in those fields
    floors: Floors | None
    cost: Cost | None
    dates: tuple[FacilityDate, ...]
    progress: tuple[Progress, ...]
    mentions: tuple[int, ...]  # other lines of the programs that name it
    span: Span  # where it is described: its block, or the whole table
    places: int | None = None  # a group of places described together ('민간형 4개소(43천㎡)': 4); its figures
    # are the group's, never split among them
    item: tuple[str, int] | None = None  # (category, number) of the audit item whose answer describes it


# Field labels (without spaces) and what they give.
_LOCATION_LABELS = ("위치", "대상지", "시설위치")
_SIZE_LABELS = ("규모", "면적", "연면적", "시설규모")
_BOTH = "위치/규모"
_FIELD = re.compile(r"^\s*(?:[○－❚․‣\-]\s*)?(?P<label>[^:：()]{1,12}?)\s*[:：]\s*(?P<value>.*?)\s*$")
_MARKED = re.compile(r"^\s*[○◦－‣※▸❚․·*⇨<【①-⑳]|^\s*-\s")
_AREA = re.compile(r"(?:(?P<basis>건축연면적|연면적|전용면적|면적|부지)\s*:?\s*)?(?P<approx>약|총)?\s*"
                   r"(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<more>여)?\s*(?P<unit>천㎡|만㎡|㎡|만평|평)")
# An area printed right after the name on its anchor line, with the number of places the name covers where
# printed: '민간형 4개소(43천㎡)', '양곡도매시장 부지 32,803㎡'.
_NAMED_SIZE = re.compile(r"\s*(?:(?P<places>\d+)\s*개소\s*)?\(?\s*(?P<size>" + _AREA.pattern + ")")
_BASIS_AFTER = re.compile(r"^\s*\([^()]*?(?P<basis>전용면적|연면적)\s*기준\)")
_SQUARE_METRES = {"㎡": Decimal(1), "천㎡": Decimal(1000), "만㎡": Decimal(10000)}
_TRAILING_AREA = re.compile(r"\s*(?:,\s+|\()(?:총|약)?\s*\d[\d,.]*\s*여?\s*(?:천㎡|만㎡|㎡|만평|평)\)?\s*$")
_FLOOR = r"(?:(?:지하|B)\s*)?\d+(?:·\d+)*\s*층"
_FLOORS = re.compile(rf"(?:지하|B)\s*\d+\s*층\s*[~～/]\s*(?:지상\s*)?\d+\s*층"
                     rf"|{_FLOOR}(?:\s*,\s*{_FLOOR})*(?:\s*일부)?")
_PLACE_PAREN = re.compile(r"\((?P<place>[^(),]*?\d+층)\s*,\s*(?P<size>\d[\d,.]*\s*(?:㎡|평)[^()]*)\)")
_COST = re.compile(r"(?P<label>총사업비|소요예산)\s*:?\s*(?P<number>\d[\d,]*(?:\.\d+)?)\s*"
                   r"(?P<unit>백만원|천만원|억원|조원|천원|만원|원)(?:\s*\((?P<share>’\d{2}년[^()]*)\))?")
_PROGRESS = re.compile(r"(?P<printed>(?:현\s*)?공정률\s*(?P<percent>\d+(?:\.\d+)?)\s*%)"
                       r"(?:\s*(?:달성\s*)?\((?P<inner>[^()]*)\))?(?P<target>\s*달성\s*목표)?")
_EVENT = re.compile(r"(?:(?:건축\s*)?(?:착공\s*및\s*준공|준공(?:\s*목표)?|착공)|완공|(?:정식\s*)?개관|개소"
                    r"|(?:시범|사전|본격)?\s*운영|조성|건립|실내공사|(?:기본·실시)?설계(?:보완|공모)?|매입완료|지정)"
                    r"(?=예정|[^가-힣]|$)")  # '개관예정': a planned opening
_CLAUSE_BREAK = re.compile(r"[⇨,:※○]")
_ROW_KINDS = {"시설위치": "location", "위치": "location", "시설규모": "area", "규모": "area",
              "개소": "date", "조성": "date", "운영": "date", "설계": "date", "공사": "date"}
_OWNED_CELL = re.compile(r"\S.*?\((?:市\s*소유|임차|민간)\)")
_ADDRESS = r"[가-힣]+(?:구|시)\s+[가-힣\d]+(?:로|길)(?:\s+\d+(?:-\d+)?(?![\d가-힣]))?"
_ADDRESS_CELL = re.compile(rf"{_ADDRESS}(?:/{_ADDRESS})?")
_AREA_CELL = re.compile(r"\d[\d,.]*\s*㎡(?:\s*\([^()]*\))?(?:/\d[\d,.]*\s*㎡)?")
_DATE_CELL = re.compile(r"기\s*완료|’\d{2}\.?\s*\d{0,2}\.?\s*월?(?:[~～](?:’\d{2}\.?\s*\d{1,2}\.?)?)?")
_CELLS = {"location": (_OWNED_CELL, _ADDRESS_CELL), "area": (_AREA_CELL,), "date": (_DATE_CELL,)}
_PAREN = re.compile(r"\((?P<inner>[^()]*)\)")
_FOOTNOTE = re.compile(r"^\s*\d+\)\s")


def read_facilities(outline: Outline, warnings: list[ExtractionWarning], entries: Sequence[FacilityEntry],
                    audit: AuditSection | None = None) -> list[Facility]:
    """Every curated facility (facilities.csv, read by extract/curation.py) found where the curation says,
    with what its description prints: in a program, or on a line of an audit item's answer."""
    doc = outline.doc
    if not outline.programs:
        warnings.append(ExtractionWarning(1, "no programs found; no facilities read"))
        return []
    reader = _Reader(doc, outline, warnings, {e.name: _name_patterns(e) for e in entries})
    program_lines = [n for p in outline.programs for n in range(p.span.start, p.span.end + 1)]
    answers = {n: item for item in (audit.items if audit else ()) for n in range(item.span.start, item.span.end + 1)}
    anchors: dict[int, list[FacilityEntry]] = {}
    for entry in entries:
        found = [n for n in program_lines if entry.anchor in doc.line(n)]  # the programs' first, else an answer's
        found = found or [n for n in answers if entry.anchor in doc.line(n)]
        if len(found) != 1:
            warnings.append(ExtractionWarning(found[0] if found else outline.programs[0].span.start, (
                f"facility '{entry.name}': anchor '{entry.anchor}' is on {len(found)} lines, not one; "
                "left out")))
            continue
        anchors.setdefault(found[0], []).append(entry)
    facilities: list[Facility] = []
    for line, group in sorted(anchors.items()):
        if line in answers:
            facilities += [f for e in group if (f := reader.answer(line, e, answers[line]))]
        elif any(e.column for e in group):
            facilities += reader.table(line, group)
        else:
            facilities += [f for e in group if (f := reader.block(line, e))]
    reader.check_unclaimed([f.span for f in facilities])
    order = {e.name: e.line for e in entries}
    return sorted(facilities, key=lambda f: (f.span.start, order[f.name]))


def _name_patterns(entry: FacilityEntry) -> tuple[re.Pattern[str], ...]:
    """The facility's name and aliases, matching however the report spaces them."""
    return tuple(re.compile(r"\s*".join(map(re.escape, squash(n)))) for n in (entry.name, *entry.aliases))


def _name_end(entry: FacilityEntry, text: str) -> int:
    """Where the name as the anchor prints it ends on the anchor line (however spaced)."""
    found = re.search(r"\s*".join(map(re.escape, squash(entry.printed))), text)
    return found.end() if found else len(text)


@dataclass(frozen=True)
class _Mention:
    line: int
    at: int  # where the name ends on the line
    stop: int  # where the next other facility's name starts (or the line's end)


@dataclass
class _Reader:
    """Reads the curated facilities of one report, warning where the text does not say."""

    doc: SourceDocument
    outline: Outline
    warnings: list[ExtractionWarning]
    names: dict[str, tuple[re.Pattern[str], ...]]  # facility -> its name patterns

    def block(self, anchor: int, entry: FacilityEntry) -> Facility | None:
        """A facility described by labelled lines under its anchor (a program, a sub-program, a bullet)."""
        doc, where = self.doc, f"facility '{entry.name}'"
        if squash(entry.printed) not in squash(doc.line(anchor)):
            self.warn(anchor, f"{where}: '{entry.printed}' is not on its anchor line; left out")
            return None
        first, last = _description(doc, self.outline, anchor)
        lines = [n for n in range(first, last + 1) if doc.line(n).strip()]
        fields = _fields(doc, lines)
        places: list[tuple[str, Span, str | None]] = [(v, s, None) for label, v, s in fields
                                                      if label in _LOCATION_LABELS]
        places += [(v.split(" / ", 1)[0], s, None) for label, v, s in fields if label == _BOTH]
        sizes: list[tuple[str, Span, str | None]] = [(v, s, label) for label, v, s in fields
                                                     if label in _SIZE_LABELS]
        sizes += [(v.split(" / ", 1)[1], s, label) for label, v, s in fields if label == _BOTH and " / " in v]
        for number in lines:  # '(DDP 패션몰 4층, 150평의 5개 스튜디오)'
            if not places and (place := _PLACE_PAREN.search(doc.line(number))):
                places.append((place["place"], doc.span(number), None))
                sizes.append((place["size"], doc.span(number), None))
        location = None
        if len(places) > 1:
            self.warn(places[1][1].start, f"{where}: {len(places)} locations printed; left out")
        elif places:
            location = Location(_TRAILING_AREA.sub("", collapse(places[0][0])), places[0][1])
        areas = [a for text, span, label in [*sizes, *places] for a in _areas(text, span, label)]
        group = None
        if not areas and (named := _NAMED_SIZE.match(doc.line(anchor), _name_end(entry, doc.line(anchor)))):
            areas = _areas(named["size"], doc.span(anchor), None)
            group = int(named["places"]) if named["places"] else None
        costs = [(m, s) for label, v, s in fields for m in _COST.finditer(f"{label} : {v}")]
        cost = None
        if len(costs) > 1:
            self.warn(costs[1][1].start, f"{where}: {len(costs)} costs printed; left out")
        elif costs:
            cost = _cost(*costs[0])
        dates = _field_dates(fields)
        own = [n for n in lines
               if n == anchor or doc.line(n).lstrip().startswith("※") or "공정률" in doc.line(n)]
        for number in own:
            dates += self.line_dates(number, number == anchor, where)
        progress = [p for n in own for p in _progress(doc, n, 0, len(doc.line(n)))]
        return self.facility(entry, anchor, doc.span(first, last), None, location, areas,
                             self.floors([*places, *sizes], where), cost, dates, progress, group)

    def answer(self, anchor: int, entry: FacilityEntry, item: AuditItem) -> Facility | None:
        """A facility an audit item's answer names on its anchor line, with the dates that line prints
        ('강남취창업허브센터(’22.3.개관예정)')."""
        where = f"facility '{entry.name}'"
        if squash(entry.printed) not in squash(self.doc.line(anchor)):
            self.warn(anchor, f"{where}: '{entry.printed}' is not on its anchor line; left out")
            return None
        return Facility(entry.name, entry.kind, entry.printed, None, None, entry.part_of, None, None, None, (),
                        None, None, tuple(self.line_dates(anchor, True, where)), (), (), self.doc.span(anchor),
                        item=(item.category, item.number))

    def facility(self, entry: FacilityEntry, anchor: int, span: Span, building: str | None,
                 location: Location | None, areas: list[Area], floors: Floors | None, cost: Cost | None,
                 dates: list[FacilityDate], progress: list[Progress], places: int | None = None) -> Facility:
        """The record, with the dates and progress printed on other lines that name the facility."""
        mentions = self.mentions(entry, span)
        dates += [d for m in mentions for d in _mention_dates(self.doc, m)]
        progress += [p for m in mentions for p in _progress(self.doc, m.line, m.at, m.stop)]
        program = self.outline.program_of(anchor)
        part = self.outline.part_at(anchor)
        return Facility(
            entry.name, entry.kind, entry.printed, (program.area, program.number),
            part.title if part else None, entry.part_of, building, location,
            areas[0] if areas else None, tuple(areas[1:]), floors, cost,
            tuple(sorted(dates, key=lambda d: d.span.start)), tuple(progress),
            tuple(m.line for m in mentions), span, places)

    def mentions(self, entry: FacilityEntry, description: Span) -> list[_Mention]:
        """Each other line of the programs naming the facility (the last place it is named on the line)."""
        found: dict[int, _Mention] = {}
        for program in self.outline.programs:
            for number in range(program.span.start, program.span.end + 1):
                text = self.doc.line(number)
                ends = [m.end() for p in self.names[entry.name] for m in p.finditer(text)]
                if not ends or description.start <= number <= description.end:
                    continue
                at = max(ends)
                others = [m.start() for name, patterns in self.names.items() if name != entry.name
                          for p in patterns for m in p.finditer(text, at)]
                found[number] = _Mention(number, at, min(others, default=len(text)))
        return [found[n] for n in sorted(found)]

    def line_dates(self, line: int, anchor: bool, where: str) -> list[FacilityDate]:
        """The dated steps of one of the facility's own lines: 'EVENT(PERIOD)', '(PERIOD EVENT)',
        'EVENT : PERIOD'. On the anchor, a date without an event word takes the line's first event."""
        text = self.doc.line(line)
        dates = []
        for paren in _PAREN.finditer(text):
            found = paren_period(paren["inner"])
            if not found or found[1] in REFERENCE_WORDS:
                continue
            period, words = found
            before = text[: paren.start()].rstrip()
            event = _EVENT.search(words) or _last_event(_CLAUSE_BREAK.split(before)[-1])
            if event is None and anchor:
                event = _EVENT.search(before)
            if event is None and not anchor:
                continue
            if read_period(period) is None:
                self.warn(line, f"{where}: date '{period}' not read (no year printed, or not a period)")
            dates.append(_date(collapse(event.group()) if event else None, period, self.doc.span(line)))
        if ":" in text:
            before, after = text.rsplit(":", 1)
            event = _last_event(before)
            if event and (printed := period_at(after.strip())):
                dates.append(_date(collapse(event.group()), printed, self.doc.span(line)))
        return dates

    def floors(self, texts: list[tuple[str, Span, str | None]], where: str) -> Floors | None:
        """The one floor expression printed in the location and size fields; warn when there are several."""
        found = [(collapse(m.group()), span) for text, span, _ in texts for m in _FLOORS.finditer(text)]
        printed = {p for p, _ in found}
        if len(printed) > 1:
            self.warn(found[0][1].start,
                      f"{where}: several floor expressions ({', '.join(sorted(printed))}); floors left out")
            return None
        return _floor_reading(*found[0]) if found else None

    def table(self, header: int, group: list[FacilityEntry]) -> list[Facility]:
        """The facilities of a table whose header names one column each ('구 분 영등포 (’20.10월 개관) 금천 …'):
        its rows ('위 치 …', '규 모 …', '조 성 …'), '‣시설명' cards, or a row of names under the columns."""
        doc = self.doc
        labels = list(dict.fromkeys(e.column for e in group if e.column))
        last_head, heads = _header(doc, header, labels)
        if heads is None:
            self.warn(header, f"table header does not print the columns {labels}; its facilities left out")
            return []
        cells: dict[str, list[_Cell]] = {label: [] for label in labels}
        program = self.outline.program_of(header)
        stops = {h.line for h in self.outline.headings} | {s.span.start for s in self.outline.parts}
        needs_names = any(not _in_column(e) for e in group)  # a row of names under the columns ('채소2동')
        last, cards = last_head, list[list[int]]()
        for number in range(last_head + 1, program.span.end + 1):
            text = doc.line(number)
            if number in stops or re.match(r"^\s*[○※]", text):
                break
            if not text.strip():
                continue
            last = number
            if text.lstrip().startswith("‣"):
                if "시설명" in squash(text) or not cards:
                    cards.append([])
                cards[-1].append(number)
                continue
            kind, label, rest = _row(text)
            if kind is None:
                if needs_names and len(text.split()) == len(labels):
                    for column, cell in zip(labels, text.split(), strict=True):
                        cells[column].append(_Cell("names", "", cell, doc.span(number)))
                    needs_names = False
                continue
            split = _split_cells(rest, kind, len(labels))
            if split is None:
                self.warn(number, f"table row '{label}' does not split into {len(labels)} cells; left out")
                continue
            for column, cell in zip(labels, split, strict=False):
                cells[column].append(_Cell(kind, squash(label), cell, doc.span(number)))
        if cards and len(cards) != len(labels):
            self.warn(cards[0][0], f"{len(cards)} '‣시설명' cards for {len(labels)} columns; cards left out")
            cards = []
        for column, card in zip(labels, cards, strict=False):
            for number in card:
                if field := _FIELD.match(doc.line(number)):
                    label = squash(field["label"])
                    kind = {"시설명": "building", "위치": "location"}.get(label, "area")
                    cells[column].append(_Cell(kind, label, field["value"], doc.span(number)))
        span = doc.span(header, last)
        read = [self.column(entry, span, heads[name], cells[name]) for entry in group if (name := entry.column)]
        return [f for f in read if f]

    def column(self, entry: FacilityEntry, span: Span, head: tuple[str, Span],
               cells: list[_Cell]) -> Facility | None:
        """One column's facility: its cells (its part of a joined column) and its header's dates."""
        where = f"facility '{entry.name}'"
        names = [c for c in cells if c.kind == "names"]
        if not _in_column(entry) and not (names and entry.printed in names[0].text.split(",")):
            self.warn(span.start, f"{where}: '{entry.printed}' is not printed in column '{entry.column}'; "
                                  "left out")
            return None
        parts = len((entry.column or "").split("+"))
        own: list[_Cell] = []
        for cell in cells:  # a joined column ('중부+남부') prints joined cells ('용산구 한남로/군포시 고산로')
            pieces = cell.text.split("/") if entry.slot and cell.kind in ("location", "area") else [cell.text]
            if len(pieces) > 1 and len(pieces) != parts:
                self.warn(cell.span.start, f"{where}: cell '{cell.text}' does not split like column "
                                           f"'{entry.column}'; left out")
                continue
            own.append(_Cell(cell.kind, cell.label, pieces[(entry.slot or 1) - 1] if len(pieces) > 1 else cell.text,
                             cell.span))
        located = [c for c in own if c.kind == "location"]
        location = Location(collapse(located[0].text), located[0].span) if located else None
        building = next((collapse(c.text) for c in own if c.kind == "building"), None)
        areas = [a for c in own if c.kind == "area" for a in _areas(c.text, c.span, c.label)]
        floors = self.floors([(c.text, c.span, None) for c in own if c.kind in ("location", "area")], where)
        dates = [_date(found[1] or entry.column, found[0], head[1]) for paren in _PAREN.finditer(head[0])
                 if (found := paren_period(paren["inner"]))]
        dates += [_date(c.label, c.text, c.span) for c in own
                  if c.kind == "date" and squash(c.text) != "기완료"]  # '기 완료': done, no date printed
        return self.facility(entry, span.start, span, building, location, areas, floors, None, dates, [])

    def check_unclaimed(self, described: list[Span]) -> None:
        """Warn about a place described in the programs ('위 치 : …', a table's '위 치' row) that no curated
        facility covers."""
        for program in self.outline.programs:
            for number in range(program.span.start, program.span.end + 1):
                field = _FIELD.match(self.doc.line(number))
                label = squash(field["label"]) if field else ""
                if not field and _row(self.doc.line(number))[0] == "location":
                    label = squash(_row(self.doc.line(number))[1])
                if label in (*_LOCATION_LABELS, _BOTH, "시설명") \
                        and not any(s.start <= number <= s.end for s in described):
                    self.warn(number, f"a place is described ('{label}') that no curated facility covers")

    def warn(self, line: int, reason: str) -> None:
        self.warnings.append(ExtractionWarning(line, reason))


def _description(doc: SourceDocument, outline: Outline, anchor: int) -> tuple[int, int]:
    """The anchor's lines: a program's 사업개요 block, a sub-program, or a '○' bullet and its sub-bullets."""
    program = outline.program_of(anchor)
    stops = sorted({h.line for h in outline.headings} | {s.span.start for s in outline.parts})
    if anchor == program.span.start:
        overview = next((h.line for h in program.headings if "개요" in h.title), None)
        if overview is None:
            return anchor, anchor
        last = min([s - 1 for s in stops if s > overview] + [program.span.end])
        return anchor, _last_text(doc, overview, last)
    sub = outline.part_at(anchor)
    if sub and sub.span.start == anchor:
        return anchor, sub.span.end
    if not doc.line(anchor).lstrip().startswith("○"):
        return anchor, anchor
    later = [n for n in range(anchor + 1, program.span.end + 1)
             if doc.line(n).lstrip().startswith("○") or n in stops or _FOOTNOTE.match(doc.line(n))]
    return anchor, _last_text(doc, anchor, (later[0] - 1) if later else program.span.end)


def _last_text(doc: SourceDocument, first: int, last: int) -> int:
    return max(n for n in range(first, last + 1) if doc.line(n).strip() or n == first)


def _fields(doc: SourceDocument, lines: list[int]) -> list[tuple[str, str, Span]]:
    """(label without spaces, value, span) of every 'label : value' line; unmarked lines right after one
    continue its value ('－ 위 치 : 서초구 양재대로12길 36 일대' / '(現 양곡도매시장 부지 32,803㎡)')."""
    fields: list[tuple[str, str, Span]] = []
    previous = None
    for number in lines:
        text = doc.line(number)
        field = _FIELD.match(text)
        if field:
            fields.append((squash(field["label"]), field["value"], doc.span(number)))
        elif fields and previous == fields[-1][2].end and not _MARKED.match(text):
            label, value, span = fields[-1]
            fields[-1] = (label, f"{value} {text.strip()}", doc.span(span.start, number))
        previous = number
    return fields


def _areas(text: str, span: Span, label: str | None) -> list[Area]:
    """Every area printed in a field's text, the first one's basis falling back on the size label."""
    found: list[Area] = []
    for match in _AREA.finditer(text):
        basis = match["basis"]
        after = _BASIS_AFTER.match(text[match.end():])
        if basis is None and after:
            basis = after["basis"]
        if basis is None and not found and label in (*_SIZE_LABELS, _BOTH):
            basis = "규모" if label == _BOTH else label
        value = read_number(match["number"])
        factor = _SQUARE_METRES.get(match["unit"])
        found.append(Area(collapse(match.group()), value, match["unit"], basis,
                          match["approx"] == "약" or bool(match["more"]),
                          value * factor if factor is not None else None, span))
    return found


def _floor_reading(printed: str, span: Span) -> Floors:
    levels = []
    for part in re.finditer(r"(?P<below>지하|B)?\s*(?P<numbers>\d+(?:·\d+)*)\s*층", printed):
        levels += [-int(n) if part["below"] else int(n) for n in part["numbers"].split("·")]
    return Floors(printed, min(levels), max(levels), span)


def _cost(match: re.Match[str], span: Span) -> Cost:
    amount = read_number(match["number"])
    return Cost(match["label"], f"{match['number']}{match['unit']}", amount, match["unit"],
                krw(amount, match["unit"]), span, match["share"])


# Date kinds by the words of the printed event, first match wins ('착공 및 준공' is a construction period).
_KINDS = (("construction", ("착공및준공",)), ("completion", ("준공", "완공")), ("works_start", ("착공",)),
          ("opening", ("개관", "개소", "운영")), ("construction", ("조성", "건립", "공사")), ("design", ("설계",)),
          ("acquisition", ("매입",)), ("designation", ("지정",)), ("project", ("기간",)))


def _event_kind(event: str | None) -> str | None:
    flat = squash(event or "")
    return next((kind for kind, words in _KINDS if any(w in flat for w in words)), None)


def _date(event: str | None, date_text: str, span: Span) -> FacilityDate:
    return FacilityDate(event, _event_kind(event), date_text, read_period(date_text), span)


def _field_dates(fields: list[tuple[str, str, Span]]) -> list[FacilityDate]:
    """사업기간 / 기간 ('(조성) ’22.3 ~ ’22.7. (운영) ’22.8.~' gives two) and 단지유형 ('(’64.4.15.지정)')."""
    dates = []
    for label, value, span in fields:
        if label in ("사업기간", "기간"):
            parts = re.findall(r"\((?P<event>[가-힣]+)\)\s*(?P<date>[^()]+?)\s*(?=\([가-힣]+\)|$)", value)
            if parts:
                dates += [_date(event, date, span) for event, date in parts]
            elif period_at(value) == value:
                dates.append(_date(label, value, span))
        elif label == "단지유형":
            for paren in _PAREN.finditer(value):
                if (found := paren_period(paren["inner"])) and found[1]:
                    dates.append(_date(found[1], found[0], span))
    return dates


def _last_event(text: str) -> re.Match[str] | None:
    """The event word that ends `text` ('… 글로벌협력동 완공', '사업부지 매입완료'), else None."""
    found = list(_EVENT.finditer(text))
    return found[-1] if found and not text[found[-1].end():].strip(" ’”」｣』)") else None


# Mentions -----------------------------------------------------------------------------------------

# What may stand between a name and its event: closing quotes, a list ('/창업복지센터', '및 수산동'),
# a parenthesis that is not a date ('(27실)').
_AFTER_NAME = re.compile(r"(?:\s*(?:/|및|,)\s*[^\s/(),:]+)*[’”」｣』)]*\s*(?:\((?P<aside>[^()]*)\))?[’”」｣』]*\s*")


def _mention_dates(doc: SourceDocument, mention: _Mention) -> list[FacilityDate]:
    """The event printed right after the name, with its date: '산업박물관 정식 개관(’22.3.)',
    '체험센터 조성(인테리어 및 장비설치) : ’22. 3. ~ 7.'."""
    text = doc.line(mention.line)
    gap = _AFTER_NAME.match(text, mention.at)
    if gap is None or (gap["aside"] is not None and paren_period(gap["aside"])):
        return []  # 'X(’20년)': dated, but no event printed
    event = _EVENT.match(text, gap.end())
    if not event:
        return []
    rest = text[event.end():]
    date = re.match(r"\s*\((?P<inner>[^()]*)\)", rest)
    if date and (found := paren_period(date["inner"])):
        return [_date(collapse(event.group()), found[0], doc.span(mention.line))]
    colon = re.match(r"\s*(?:\([^()]*\)\s*)?:\s*", rest)
    if colon and (period := period_at(rest[colon.end():])):
        return [_date(collapse(event.group()), period, doc.span(mention.line))]
    return []


def _progress(doc: SourceDocument, line: int, at: int, stop: int) -> list[Progress]:
    """Construction progress printed between `at` and `stop` on the line (a target '달성 목표' is not)."""
    found = []
    for match in _PROGRESS.finditer(doc.line(line)[:stop], at):
        if match["target"]:
            continue
        reference = paren_period(match["inner"]) if match["inner"] else None
        found.append(Progress(read_number(match["percent"]), collapse(match["printed"]),
                              match["inner"].strip() if reference else None,
                              read_period(reference[0]) if reference else None, doc.span(line)))
    return found


# Flattened tables ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cell:
    kind: str  # location, area, date, building or names
    label: str  # the row's label without spaces ('조성', '시설규모', '연면적' …)
    text: str
    span: Span


def _header(doc: SourceDocument, header: int,
            labels: list[str]) -> tuple[int, dict[str, tuple[str, Span]] | None]:
    """The header's last line (columns may be printed one under another, each over its period) and each
    column's header cell with its line ('영등포 (’20.10월 개관)'); None when a column is not printed."""
    pieces = [(collapse(doc.line(header)), header)]
    for number in range(header + 1, len(doc.lines) + 1):
        line = collapse(doc.line(number))
        pending = [label for label in labels if all(label not in p for p, _ in pieces)]
        if line and not (pending and any(label in line for label in pending)) \
                and not (re.fullmatch(r"\([^()]*\)", line) and paren_period(line[1:-1])):
            break
        if line:
            pieces.append((line, number))
    text = " ".join(p for p, _ in pieces)
    owner = [n for p, n in pieces for _ in p + " "]  # owner[i]: the line of text[i]
    positions, at = [], 0
    for label in labels:
        found = text.find(label, at)
        if found < 0:
            return pieces[-1][1], None
        positions.append(found)
        at = found + len(label)
    ends = [*positions[1:], len(text)]
    return pieces[-1][1], {label: (text[start:end].strip(), doc.span(owner[start], owner[end - 1]))
                           for label, start, end in zip(labels, positions, ends, strict=False)}


def _row(text: str) -> tuple[str | None, str, str]:
    """(kind, label as printed, the cells' text) of a table row; kind None when it is not a known row."""
    for label, kind in _ROW_KINDS.items():
        match = re.match(r"\s*" + r"\s*".join(label) + r"\s+", text)
        if match:
            return kind, collapse(match.group()), text[match.end():].strip()
    return None, "", text


def _split_cells(text: str, kind: str, count: int) -> list[str] | None:
    """The row's cells, when one cell pattern of the row's kind covers the whole text in `count` cells."""
    for pattern in _CELLS[kind]:
        cells = [m.group().strip() for m in pattern.finditer(text)]
        if len(cells) == count and not pattern.sub("", text).strip():
            return cells
    return None


def _in_column(entry: FacilityEntry) -> bool:
    return entry.printed == entry.column or entry.printed in (entry.column or "").split("+")
