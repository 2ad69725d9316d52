"""Section Ⅳ's facilities as read from the report: where they are, how big, what they cost, when they open."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from seoulkg.errors import ExtractionWarning, SeoulKGError
from seoulkg.extract.audit import read_audit
from seoulkg.extract.curation import FACILITY_CURATION, read_facility_table
from seoulkg.extract.facilities import Facility, read_facilities
from seoulkg.extract.outline import read_outline
from seoulkg.extract.source import SourceDocument


@pytest.fixture(scope="module")
def reading(doc: SourceDocument) -> tuple[list[Facility], list[ExtractionWarning]]:
    warnings: list[ExtractionWarning] = []
    outline = read_outline(doc, [])
    return read_facilities(outline, warnings, read_facility_table(), read_audit(outline, [])), warnings


@pytest.fixture(scope="module")
def facilities(reading: tuple[list[Facility], list[ExtractionWarning]]) -> dict[str, Facility]:
    return {f.name: f for f in reading[0]}


def dues(facility: Facility) -> dict[str | None, list[date | None]]:
    found: dict[str | None, list[date | None]] = {}
    for d in facility.dates:
        found.setdefault(d.kind, []).append(d.reading.due if d.reading else None)
    return found


def test_every_curated_facility_is_found_once(reading, facilities: dict[str, Facility]) -> None:
    # 61: 57, then the two groups of 마곡 R&D centres and the market site of 양곡도매시장 (3 areas more), and the
    # start-up hub an audit answer names with its opening (강남취창업허브센터)
    assert len(reading[0]) == len(facilities) == len(read_facility_table()) == 61
    assert sum(1 for f in facilities.values() if f.location) == 30
    assert sum(1 for f in facilities.values() if f.area) == 32
    assert sum(1 for f in facilities.values() if f.cost) == 12
    assert sum(1 for f in facilities.values() if f.progress) == 5
    assert sum(1 for f in facilities.values() if any(d.reading for d in f.dates)) == 49


def test_robot_science_hall(facilities: dict[str, Facility]) -> None:
    hall = facilities["서울로봇 인공지능과학관"]
    assert hall.program == (4, 5) and hall.subprogram == "서울로봇 인공지능과학관 건립"
    assert hall.location.text == "도봉구 창동 1-25" and hall.location.span.start == 1812
    assert (hall.area.value, hall.area.unit, hall.area.basis) == (Decimal("7405"), "㎡", "연면적")
    assert hall.area.square_metres == 7405 and hall.area.span.start == 1814
    assert (hall.floors.printed, hall.floors.lowest, hall.floors.highest) == ("지하2층~지상4층", -2, 4)
    assert (hall.cost.label, hall.cost.printed, hall.cost.krw) == ("소요예산", "43,697백만원", 43_697_000_000)
    [progress] = hall.progress
    assert progress.percent == Decimal("22.8") and progress.printed == "현 공정률 22.8%"
    assert progress.as_of is None and progress.span.start == 1831
    assert dues(hall) == {"project": [date(2023, 7, 31)], "works_start": [date(2021, 5, 31)]}
    assert "도봉구 창동 1-25" in hall.span.text and (hall.span.start, hall.span.end) == (1807, 1852)


def test_campuses_from_the_flattened_table_and_the_cards(facilities: dict[str, Facility]) -> None:
    yongsan = facilities["청년취업사관학교 용산캠퍼스"]
    assert yongsan.printed == "용산" and yongsan.program == (2, 1)
    assert yongsan.building == "나진전자월드 (민간)" and yongsan.location.text == "용산구 청파로 109"
    assert (yongsan.area.value, yongsan.area.basis, yongsan.area.span.start) == (Decimal("2254.56"), "연면적", 730)
    assert yongsan.floors.printed == "3층"
    assert [(d.event, d.date_text, d.reading.due) for d in yongsan.dates] == [("개관", "’22.11월", date(2022, 11, 30))]
    mapo = facilities["청년취업사관학교 마포캠퍼스"]
    assert mapo.building == "서울창업허브 (市소유)" and mapo.location.text == "마포구 백범로31길 21"
    assert (mapo.area.value, mapo.area.basis, mapo.floors.printed) == (Decimal("290.4"), "면적", "9층 일부")
    assert dues(mapo) == {"opening": [date(2022, 4, 30)]}  # '마포(’22.4월 운영)'
    assert facilities["청년취업사관학교 금천캠퍼스"].location.text == "금천구 가산로 70"
    assert dues(facilities["청년취업사관학교 영등포캠퍼스"]) == {"opening": [date(2020, 10, 31)]}


def test_a_joined_column_is_split_in_parallel(facilities: dict[str, Facility]) -> None:
    # '구 분 중부+남부 …' / '시설위치 용산구 한남로/군포시 고산로 …' / '시설규모 5,456㎡/58,523㎡ …'
    central, south = facilities["중부기술교육원"], facilities["남부기술교육원"]
    assert (central.location.text, central.area.value) == ("용산구 한남로", Decimal("5456"))
    assert (south.location.text, south.area.value) == ("군포시 고산로", Decimal("58523"))
    assert central.area.basis == "시설규모" and facilities["북부기술교육원"].location.text == "노원구 덕릉로길"


def test_labelled_blocks(facilities: dict[str, Facility]) -> None:
    food = facilities["서울먹거리창업센터"]  # '위치/규모 : 강동구 천호대로 1139(강동그린타워 8층, 9층) / 3,123㎡'
    assert food.location.text == "강동구 천호대로 1139(강동그린타워 8층, 9층)"
    assert (food.area.value, food.area.basis) == (Decimal("3123"), "규모")
    assert (food.floors.printed, food.floors.lowest, food.floors.highest) == ("8층, 9층", 8, 9)
    assert food.cost.krw == 1_152_000_000 and food.program == (3, 5)
    ai = facilities["AI지원센터"]
    assert ai.location.text == "서초구 태봉로 108(舊 품질시험소 별관)" and ai.part_of == "양재 AI 혁신지구"
    assert (ai.floors.lowest, ai.floors.highest, ai.cost.krw) == (-1, 7, 35_369_000_000)
    assert ai.progress[0].percent == 18 and ai.progress[0].as_of_text is None
    assert dues(ai) == {"construction": [date(2023, 4, 30)], "completion": [date(2023, 4, 30)]}
    campus = facilities["양재 AI‧R&D 캠퍼스"]  # the location goes on over a second line
    assert campus.location.text == "서초구 양재대로12길 36 일대 (現 양곡도매시장 부지 32,803㎡)"
    assert (campus.location.span.start, campus.location.span.end) == (1423, 1425)
    assert campus.area.value == 186_400 and [(a.basis, a.value) for a in campus.other_areas] == [("부지", 32_803)]
    centre = facilities["동북권 성장 유망기업지원센터"]  # '자양동 2-6(건대입구역 특별계획구역), 총 3,500㎡'
    assert centre.location.text == "자양동 2-6(건대입구역 특별계획구역)" and centre.area.value == 3500
    experience = facilities["4차 산업혁명 체험센터"]  # '1,137.4㎡(세부 7구획, 전용면적 기준)'
    assert (experience.area.value, experience.area.basis, experience.floors.printed) == (
        Decimal("1137.4"), "전용면적", "지하1층")
    assert experience.cost.krw == 1_200_000_000
    assert dues(experience) == {"construction": [date(2022, 7, 31)], "opening": [None]}  # '(운영) ’22.8.~'
    beauty = facilities["뷰티복합문화공간"]  # '대 상 지 : DDP 디자인장터 (180여평)'
    assert beauty.location.text == "DDP 디자인장터"
    assert (beauty.area.value, beauty.area.unit, beauty.area.approximate, beauty.area.square_metres) == (
        Decimal("180"), "평", True, None)
    studio = facilities["V-커머스 스튜디오"]  # '(DDP 패션몰 4층, 150평의 5개 스튜디오)'
    assert (studio.location.text, studio.floors.printed, studio.area.printed) == ("DDP 패션몰 4층", "4층", "150평")


def test_complexes_and_districts(facilities: dict[str, Facility]) -> None:
    gvalley = facilities["G밸리"]
    assert gvalley.location.text == "구로구 구로동, 금천구 가산동 일대"
    assert gvalley.area.square_metres == 1_920_000  # '192만㎡'
    assert [(d.kind, d.reading.due) for d in gvalley.dates] == [("designation", date(1964, 4, 15))]
    magok = facilities["마곡 산업단지"]
    assert magok.printed == "마곡 융복합 R&D단지" and magok.location is None
    assert (magok.area.printed, magok.area.square_metres) == ("1,124천㎡", 1_124_000)
    assert [a.printed for a in magok.other_areas] == ["약 34만평"] and magok.other_areas[0].approximate
    assert dues(magok) == {"designation": [date(2008, 12, 30)]}
    yangjae = facilities["양재 AI 혁신지구"]
    assert (yangjae.area.printed, yangjae.area.square_metres, yangjae.area.basis) == ("약 300만㎡", 3_000_000, None)
    market = facilities["가락시장"]
    assert (market.area.value, market.area.basis) == (513_159, "건축연면적")
    assert market.cost.printed == "9,853억원" and market.cost.krw == 985_300_000_000
    assert dues(market) == {"project": [date(2031, 12, 31)]}


def test_a_group_of_places_printed_as_one_keeps_the_group_s_figures(facilities: dict[str, Facility]) -> None:
    """Line 1617: '우선 추진 5개소[공공형 1개소(9천㎡), 민간형 4개소(43천㎡)] 건립 관리': the 마곡 R&D centres in two
    groups, each with its number of places and its area as printed, never split among the four."""
    public, private = facilities["마곡 R&D센터 공공형"], facilities["마곡 R&D센터 민간형"]
    assert (public.printed, public.places, public.part_of) == ("공공형", 1, "마곡 산업단지")
    assert (public.area.printed, public.area.value, public.area.unit, public.area.square_metres) == (
        "9천㎡", 9, "천㎡", 9000)
    assert (private.printed, private.places, private.area.printed, private.area.square_metres) == (
        "민간형", 4, "43천㎡", 43_000)
    assert public.area.basis is None and private.area.basis is None  # the report prints no basis
    assert public.span.start == private.span.start == public.area.span.start == 1617
    assert public.program == (4, 3) and not public.dates and not public.other_areas
    assert sum(1 for f in facilities.values() if f.places is not None) == 2


def test_a_market_site_printed_as_land(facilities: dict[str, Facility]) -> None:
    """Line 1425: '(現 양곡도매시장 부지 32,803㎡)', the grain market's site where the campus is to stand."""
    market = facilities["양곡도매시장"]
    assert (market.kind, market.printed, market.places) == ("market", "양곡도매시장", None)
    assert (market.area.printed, market.area.basis, market.area.square_metres, market.area.span.start) == (
        "부지 32,803㎡", "부지", 32_803, 1425)
    assert market.location is None and market.span.start == 1425


def test_a_start_up_hub_an_audit_answer_names_with_its_opening(facilities: dict[str, Facility]) -> None:
    """Line 2873, correction 15's answer: '‣ 강남구(동남권) 1개소 선정 : 강남취창업허브센터(’22.3.개관예정)'."""
    hub = facilities["강남취창업허브센터"]
    assert (hub.kind, hub.printed, hub.program, hub.item) == ("centre", "강남취창업허브센터", None, ("correction", 15))
    [opening] = hub.dates
    assert (opening.event, opening.kind, opening.date_text, opening.reading.due, opening.span.start) == (
        "개관", "opening", "’22.3.", date(2022, 3, 31), 2873)
    assert hub.span.start == hub.span.end == 2873 and hub.location is None and hub.area is None


def test_progress_with_its_as_of_date(facilities: dict[str, Facility]) -> None:
    cinema = facilities["서울시네마테크"]  # '공정률 30%(’21.12.31.기준)'
    [progress] = cinema.progress
    assert (progress.percent, progress.as_of_text, progress.as_of.due) == (30, "’21.12.31.기준", date(2021, 12, 31))
    assert cinema.location.text == "중구 마른내로 38(초동)" and cinema.floors.printed == "지하3층~10층"
    assert dues(cinema) == {"completion": [date(2023, 3, 31), date(2023, 3, 31)], "construction": [date(2022, 12, 31)]}
    veg = facilities["가락시장 채소2동"]  # '공정률 10.3% 달성(’21년)'; '’22년 공정률 59.6% 달성 목표' is a target
    assert [(p.percent, p.as_of_text, p.as_of.due, p.span.start) for p in veg.progress] == [
        (Decimal("10.3"), "’21년", date(2021, 12, 31), 2251)]
    assert veg.part_of == "가락시장" and [d.event for d in veg.dates] == ["도매권(1공구)"]
    assert veg.dates[0].reading.due == date(2023, 12, 31) and veg.mentions == (2251, 2266)
    hub = facilities["서울바이오허브 글로벌협력동"]
    assert hub.progress[0].percent == 41 and hub.cost.krw == 53_419_000_000 and hub.floors.highest == 7


def test_dates_printed_where_the_facility_is_named_again(facilities: dict[str, Facility]) -> None:
    device = facilities["의료기기 개발지원센터"]
    assert device.mentions == (1684, 1762)
    assert [(d.event, d.kind, d.date_text, d.span.start) for d in device.dates] == [
        ("준공", "completion", "’21.12.", 1684), ("본격 운영", "opening", "’22.3~", 1699),
        ("개관", "opening", "’22.3.~", 1762)]
    museum = facilities["산업박물관"]
    assert [(d.event, d.span.start) for d in museum.dates] == [("사전운영", 1686), ("정식 개관", 1747), ("개관", 1762)]
    # '서울창업허브M+ 등 7대 시설 내 “오픈이노베이션센터” 개소 (’22.3.)' opens the centres, not the hub
    assert [d.date_text for d in facilities["서울창업허브M+"].dates] == ["’21.12."]
    assert [d.span.start for d in facilities["오픈이노베이션특화센터"].dates] == [992, 1035]
    rnd = facilities["홍릉 R&D지원센터"]  # '※ 사업부지 매입완료(’21.3)⇨기본·실시설계(’22)⇨착공(’23)⇨… 완공(’25)'
    assert [(d.kind, d.date_text) for d in rnd.dates] == [
        (None, "’25년"), ("acquisition", "’21.3"), ("design", "’22"), ("works_start", "’23"), ("completion", "’25")]


def test_table_dates(facilities: dict[str, Facility]) -> None:
    leather = facilities["강동 가죽 솔루션앵커"]
    assert [(d.event, d.date_text) for d in leather.dates] == [("조성", "’21.6.～’22.1."), ("운영", "’22.3.~")]
    assert dues(leather) == {"construction": [date(2022, 1, 31)], "opening": [None]}
    shoes = facilities["성동 수제화 스마트앵커"]  # '설 계 기 완료 …': no design date
    assert [(d.kind, d.reading.due) for d in shoes.dates] == [("construction", date(2022, 7, 31))]
    atelier = facilities["서울패션허브 창업뜰"]
    assert atelier.location.text == "동대문종합시장 B동 4층 (임차)" and atelier.part_of == "서울패션허브"
    assert (atelier.area.value, atelier.other_areas[0].printed) == (3140, "약 950평")
    assert dues(atelier) == {"opening": [date(2021, 5, 31)]}


def test_every_span_quotes_the_source(doc: SourceDocument, facilities: dict[str, Facility]) -> None:
    for facility in facilities.values():
        spans = [facility.span, *(d.span for d in facility.dates), *(p.span for p in facility.progress)]
        spans += [v.span for v in (facility.location, facility.area, facility.floors, facility.cost) if v]
        for span in spans:
            assert span.text == "\n".join(doc.lines[span.start - 1: span.end])
        if facility.location:
            assert facility.location.text.split()[0] in facility.location.span.text


def test_warnings_name_their_lines(reading) -> None:
    assert [(w.line, w.reason) for w in reading[1]] == [
        (1232, "facility '동북권 성장 유망기업지원센터': date '7월' not read (no year printed, or not a period)"),
        (1980, "facility '서울패션허브': several floor expressions (4·5층, 4층); floors left out"),
    ]


def _curation(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "facilities.csv"
    path.write_text("\n".join([FACILITY_CURATION.read_text(encoding="utf-8").splitlines()[0], *rows]) + "\n",
                    encoding="utf-8")
    return path


def test_a_misplaced_anchor_is_warned_and_left_out(doc: SourceDocument, tmp_path: Path) -> None:
    path = _curation(tmp_path, "AI지원센터,centre,○ AI지원센터 조성,AI지원센터,,,,",
                     "없는센터,centre,이런 줄은 없다,없는센터,,,,", "G밸리,industrial_complex,G밸리,G밸리,,,,")
    warnings: list[ExtractionWarning] = []
    read = read_facilities(read_outline(doc, []), warnings, read_facility_table(path))
    assert [f.name for f in read] == ["AI지원센터"]
    anchors = [(w.line, w.reason) for w in warnings if "anchor" in w.reason]
    assert anchors == [
        (341, "facility '없는센터': anchor '이런 줄은 없다' is on 0 lines, not one; left out"),
        (1540, "facility 'G밸리': anchor 'G밸리' is on 17 lines, not one; left out")]
    # the places the short curation misses are named, with their lines
    unclaimed = {w.line for w in warnings if "no curated facility" in w.reason}
    assert {710, 907, 1277, 1812, 1988, 2102} <= unclaimed and 1409 not in unclaimed


@pytest.mark.parametrize("rows", [
    ("가,centre,x,가,,,,", "가,centre,y,가,,,,"),  # duplicate name
    ("가,centre,x,가,,,없는곳,",),  # part_of names no facility
    ("가,centre,,가,,,,",),  # no anchor
    ("가,centre,x,가,,하나,,",),  # slot not a number
])
def test_a_malformed_curation_is_an_error(tmp_path: Path, rows: tuple[str, ...]) -> None:
    with pytest.raises(SeoulKGError, match=r"facilities\.csv:"):
        read_facility_table(_curation(tmp_path, *rows))
