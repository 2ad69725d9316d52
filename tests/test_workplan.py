"""The work plan in the graph and its queries: programs, owners, budgets, strategy, indicators, audits."""

from __future__ import annotations

import csv
import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS
from support import python_value

from seoulkg.errors import SeoulKGError
from seoulkg.extract import extract
from seoulkg.extract.source import SourceDocument
from seoulkg.namespaces import ID, SCHEMA, SKG
from seoulkg.paths import CURATION_DIR
from seoulkg.rdf.graph import BuiltGraph

PLAN = "https://w3id.org/seoulkg/id/plan/economic-policy-office/2022"
PROGRAM = "https://w3id.org/seoulkg/id/program/economic-policy-office/2022/"
AUDIT = "https://w3id.org/seoulkg/id/audit/economic-policy-office/2021/"


def _rows(cli, *args: str) -> list[dict[str, str]]:
    run = cli("query", *args, "--format", "csv")
    assert run.code == 0, run.err
    return list(csv.DictReader(io.StringIO(run.out)))


def test_programs_per_area_with_budgets_and_owners(cli) -> None:
    rows = _rows(cli, "programs")
    programs = {r["program"]: r for r in rows}
    assert len(programs) == 24
    per_area = [sum(1 for r in programs.values() if r["area"] == str(a)) for a in range(1, 6)]
    assert per_area == [4, 5, 5, 5, 5]
    jobs = programs[f"{PROGRAM}public-jobs-safety-net"]
    assert (jobs["area"], jobs["number"], jobs["budget_krw"]) == ("1", "1", "57229000000")  # 57,229백만원
    assert programs[f"{PROGRAM}yangjae-ai-hub"]["budget_krw"] == "26200000000"  # ’22년 예산 262억원
    assert programs[f"{PROGRAM}campus-town"]["unit"] == "캠퍼스타운활성화과"
    # no duty line or audit item ties open innovation to a unit: the graph names no owner
    assert programs[f"{PROGRAM}open-innovation"]["unit"] == ""


def test_a_program_with_no_stated_owner_has_none(built: BuiltGraph) -> None:
    assert built.graph.value(URIRef(f"{PROGRAM}seoul-food-startup-center"), SKG.owner) is None
    owned = set(built.graph.subjects(SKG.owner, None))
    assert len(owned) == 22


def test_owner_quotes_are_checked_against_the_report(doc: SourceDocument, tmp_path: Path) -> None:
    copy = tmp_path / "curation"
    shutil.copytree(CURATION_DIR, copy)
    owners = copy / "program-owners.csv"
    lines = owners.read_text(encoding="utf-8").splitlines()
    # program,unit,anchor,evidence,…: the anchor finds line 4360, which does not print this evidence
    lines[1] = lines[1].replace(",안심일자리에,안심일자리에,", ",안심일자리에,이 문장은 보고서에 없다,")
    owners.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SeoulKGError, match=r"program-owners\.csv:2: the evidence is not printed on line 4360"):
        extract(doc, copy)


def test_sub_programs_and_budget_parts(built: BuiltGraph) -> None:
    g = built.graph
    robot = URIRef(f"{PROGRAM}citizen-innovation-technology-experience/part/2")
    assert g.value(robot, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) == Literal(
        "서울로봇 인공지능과학관 건립", lang="ko")
    budgets = {str(g.value(f, SKG.printedText)): python_value(g, f, URIRef("https://schema.org/value"))
               for f in g.objects(robot, SKG.budgetFigure)}
    # 소요예산 : 43,697백만원(’22년 예산 : 14,312백만원): the figure and the year's share beside it
    assert budgets == {"43,697백만원(’22년 예산 : 14,312백만원)": 43_697_000_000, "14,312백만원": 14_312_000_000}
    yangjae = URIRef(f"{PROGRAM}yangjae-ai-hub/budget/budget-2022")
    parts = sorted(python_value(g, p, URIRef("https://schema.org/value")) for p in g.objects(yangjae, SKG.budgetPart))
    # 262억원(인프라 조성 142, 민간위탁 68, 임차‧관리 등 52)
    assert parts == [5_200_000_000, 6_800_000_000, 14_200_000_000]


def test_strategy_areas_and_sub_goals(built: BuiltGraph) -> None:
    g = built.graph
    plan = URIRef(PLAN)
    assert g.value(plan, SKG.vision) == Literal("다시 뛰는 글로벌 경제혁신 도시 서울", lang="ko")
    areas = set(g.objects(plan, SKOS.hasTopConcept)) | set(g.subjects(SKOS.topConceptOf, plan))
    assert len(areas) == 5
    first = URIRef(f"{PLAN}/area/1")
    typo = Literal("코로나 위기 극복 민생경재 활력 회복", lang="ko")  # kept as printed
    assert typo in set(g.objects(first, SKOS.altLabel))
    goals = set(g.subjects(SKOS.broader, None))
    assert len(goals) == 15
    sub_goals = {g.value(x, SKOS.prefLabel) for x in g.objects(first, SKOS.narrower)}
    assert Literal("취업취약계층 고용안전망 강화", lang="ko") in sub_goals


def test_indicators_with_their_years(built: BuiltGraph) -> None:
    g = built.graph
    ds = "https://w3id.org/seoulkg/id/dataset/economic-policy-office/economic-indicators/2022"
    population = URIRef(f"{ds}/population/seoul-share-of-national/2021/not-stated/indicatorValue")
    assert str(g.value(population, SKG.indicatorValue)) == "18.4"
    rate = URIRef(f"{ds}/employment-rate/seoul/2021/statistics-korea/indicatorValue")
    assert str(g.value(rate, SKG.printedText)) == "59.2"
    outlooks = [o for o in g.subjects(SKG.indicator, ID["code/indicator/employment-change-outlook"])]
    assert len(outlooks) == 3  # 정부 28, 한은 25, KDI 30 (만명, printed '만영')
    assert (URIRef(f"{ds}/grdp/seoul-share-of-national/2020/not-stated/indicatorValue"), RDF.type, None) in g


def test_program_audits(cli) -> None:
    rows = {r["program"]: r for r in _rows(cli, "program-audits")}
    academy = rows[f"{PROGRAM}technical-education-institutes"]
    assert (academy["demands"], academy["overdue"]) == ("23", "0")
    beauty = rows[f"{PROGRAM}beauty-industry"]  # correction 14 (뷰티복합문화공간) is overdue already
    assert (beauty["demands"], beauty["overdue"]) == ("6", "1")
    later = {r["program"]: r for r in _rows(cli, "program-audits", "--param", "as_of=2022-07-01")}
    assert later[f"{PROGRAM}technical-education-institutes"]["overdue"] == "3"
    counts = [int(r["demands"]) for r in rows.values()]
    assert counts == sorted(counts, reverse=True)


def test_unit_portfolio(cli) -> None:
    rows = _rows(cli, "unit-portfolio", "--param", "unit=도시농업과")
    kinds = {r["kind"] for r in rows}
    assert {"program", "budget", "staffing", "audit-item"} <= kinds
    programs = {r["subject"] for r in rows if r["kind"] == "program"}
    assert programs == {f"{PROGRAM}garak-market-modernisation", f"{PROGRAM}wholesale-market-rent-relief"}
    budget = {r["label"]: r["value"] for r in rows if r["kind"] == "budget"}
    assert budget["current budget"] == "94657000000"
    staffing = {r["label"]: r["value"] for r in rows if r["kind"] == "staffing"}
    assert staffing == {"authorised staff (quota)": "30", "current staff": "30", "women": "17"}
    assert sum(r["kind"] == "audit-item" for r in rows) == 18


def test_facilities_with_address_area_cost_and_progress(cli) -> None:
    rows = _rows(cli, "facilities")
    facilities = {r["name"]: r for r in rows}
    # 61: 57, then the two groups of 마곡 R&D centres and 양곡도매시장 (lines 1617, 1425), and 강남취창업허브센터,
    # which correction 15's answer describes (line 2873)
    assert len(facilities) == 61
    assert sum(1 for r in facilities.values() if r["address"]) == 30
    robot = facilities["서울로봇 인공지능과학관"]
    assert (robot["address"], robot["floor_area_m2"], robot["total_cost_krw"], robot["progress_percent"]) == (
        "도봉구 창동 1-25", "7405", "43697000000", "22.8")  # 연면적 7,405㎡; 43,697백만원; 현 공정률 22.8%
    assert robot["program"] == f"{PROGRAM}citizen-innovation-technology-experience/part/2"
    campus = facilities["청년취업사관학교 용산캠퍼스"]  # 나진전자월드, 용산구 청파로 109, 연면적 2,254.56㎡ (3층)
    assert (campus["address"], campus["floor_area_m2"]) == ("용산구 청파로 109", "2254.56")
    cinematheque = facilities["서울시네마테크"]
    assert (cinematheque["completion"], cinematheque["progress_percent"]) == ("2023-03-31", "30")
    hub = facilities["강남취창업허브센터"]  # '강남취창업허브센터(’22.3.개관예정)', correction 15's answer (line 2873)
    assert (hub["completion"], hub["program"]) == ("2022-03-31", f"{AUDIT}correction/15")


def test_facility_floors_and_area_basis(built: BuiltGraph) -> None:
    g = built.graph
    robot = URIRef("https://w3id.org/seoulkg/id/facility/서울로봇-인공지능과학관")
    assert str(g.value(robot, SKG.floors)) == "지하2층~지상4층"
    size = g.value(robot, URIRef("https://schema.org/floorSize"))
    assert str(g.value(size, SKG.areaBasis)) == "연면적"


def test_districts_and_complexes_have_a_site_area_not_a_floor_size(built: BuiltGraph) -> None:
    """양재 AI 혁신지구 (line 1387), 마곡 산업단지 (1573) and G밸리 (1677): land, not a building's floor."""
    g = built.graph
    sites = {}
    for name in ("양재-AI-혁신지구", "마곡-산업단지", "G밸리"):
        site = URIRef(f"https://w3id.org/seoulkg/id/facility/{name}")
        assert g.value(site, URIRef("https://schema.org/floorSize")) is None
        area = g.value(site, SKG.siteArea)
        sites[name] = (float(str(g.value(area, URIRef("https://schema.org/value")))),
                       str(g.value(area, SKG.printedText)))
    assert sites == {"양재-AI-혁신지구": (3_000_000, "약 300만㎡"), "마곡-산업단지": (1_124_000, "1,124천㎡"),
                     "G밸리": (1_920_000, "192만㎡")}
    # and the plot a building stands on, printed as 부지 (line 1425: '(現 양곡도매시장 부지 32,803㎡)'): 3 before
    campus = URIRef("https://w3id.org/seoulkg/id/facility/양재-AI%E2%80%A7R%26D-캠퍼스")
    plot, floor = g.value(campus, SKG.siteArea), g.value(campus, URIRef("https://schema.org/floorSize"))
    assert plot is not None and floor is not None
    assert (python_value(g, plot, URIRef("https://schema.org/value")), str(g.value(plot, SKG.areaBasis))) == (
        32803, "부지")
    assert python_value(g, floor, URIRef("https://schema.org/value")) == 186400  # 연면적 186,400㎡ (line 1427)
    # 5: and the grain market's site itself (양곡도매시장, line 1425); 28 floor sizes: 26, then the two groups of
    # 마곡 R&D centres (line 1617); 29 before sites were told apart
    assert len(set(g.subjects(SKG.siteArea, None))) == 5
    assert len(set(g.subjects(URIRef("https://schema.org/floorSize"), None))) == 28
    market = g.value(URIRef("https://w3id.org/seoulkg/id/facility/양곡도매시장"), SKG.siteArea)
    assert market is not None
    assert (python_value(g, market, URIRef("https://schema.org/value")), str(g.value(market, SKG.printedText))) == (
        32803, "부지 32,803㎡")


def test_a_group_of_places_is_one_facility_with_the_group_s_figures(built: BuiltGraph) -> None:
    """Line 1617: '공공형 1개소(9천㎡), 민간형 4개소(43천㎡)': two facilities, each the group as printed."""
    g = built.graph
    found = {}
    for name in ("마곡-R%26D센터-공공형", "마곡-R%26D센터-민간형"):
        group = URIRef(f"https://w3id.org/seoulkg/id/facility/{name}")
        size = g.value(group, URIRef("https://schema.org/floorSize"))
        assert size is not None
        found[name] = (python_value(g, group, SKG.placeCount), python_value(g, size, URIRef("https://schema.org/value")),
                       str(g.value(size, SKG.printedText)), g.value(size, SKG.areaBasis))
        assert g.value(group, URIRef("https://schema.org/containedInPlace")) == URIRef(
            "https://w3id.org/seoulkg/id/facility/마곡-산업단지")
    assert found == {"마곡-R%26D센터-공공형": (1, 9000, "9천㎡", None),
                     "마곡-R%26D센터-민간형": (4, 43000, "43천㎡", None)}
    assert len(set(g.subjects(SKG.placeCount, None))) == 2


def test_a_budget_printed_alone_is_the_year_s_not_the_project_s_cost(cli) -> None:
    """소요예산 printed alone is the plan year's budget (서울먹거리창업센터, line 1285: 1,152백만원 with its rent);
    printed with a year's share it is the project's total (서울로봇 인공지능과학관, line 1818)."""
    facilities = {r["name"]: r for r in _rows(cli, "facilities")}
    food = facilities["서울먹거리창업센터"]
    assert (food["total_cost_krw"], food["year_budget_krw"]) == ("", "1152000000")
    robot = facilities["서울로봇 인공지능과학관"]
    assert (robot["total_cost_krw"], robot["year_budget_krw"]) == ("43697000000", "")
    magok = facilities["마곡 산업단지"]
    assert (magok["site_area_m2"], magok["floor_area_m2"]) == ("1124000", "")
    assert sum(1 for r in facilities.values() if r["year_budget_krw"]) == 4  # 체험센터, V-커머스, 먹거리, 뷰티


def test_program_measures_query_lists_quantities_with_roles(cli) -> None:
    rows = _rows(cli, "program-measures", "--param", "kind=result")
    assert {r["kind"] for r in rows} == {"result"}
    budget = [(r["printed"], r["role"], r["value"]) for r in rows if r["line"] == "401"]
    assert budget == [("99.7%", "rate", "99.7"), ("72,281백만원", "total", "72281000000"),
                      ("72,059백만원", "part", "72059000000")]  # '총 72,281백만원 중 72,059백만원 지출'
    ai = [(r["printed"], r["role"], r["period"]) for r in rows if r["line"] == "1394"]
    assert ai == [("113개소", "count", "’21"), ("35개소", "change", "’21")]  # '(’21년 35개소 확대)'
    targets = _rows(cli, "program-measures", "--param", "kind=target")
    views = [r for r in targets if r["printed"] == "1억뷰"]  # line 2057: '추진목표 : 1억뷰, 500만$ 수주 달성'
    assert [(r["line"], r["value"], r["unit"]) for r in views] == [
        ("2057", "100000000", "http://qudt.org/vocab/unit/NUM")]
    assert len({r["measure"] for r in targets}) == 72


def test_milestones_in_a_window(cli) -> None:
    rows = _rows(cli, "milestones", "--param", "from=2022-07-01", "--param", "to=2022-07-31")
    relief = [r for r in rows if r["subject"] == f"{PROGRAM}wholesale-market-rent-relief"]
    assert [(r["start"], r["due"], r["unit"]) for r in relief] == [("2022-07-01", "2022-07-31", "도시농업과")]
    assert "임대료 등 감면액 정산" in relief[0]["text"]
    everything = _rows(cli, "milestones", "--param", "from=1900-01-01", "--param", "to=2100-12-31")
    january = _rows(cli, "milestones", "--param", "from=2022-01-01", "--param", "to=2022-01-31")
    assert 0 < len(january) < len(everything)
    # an open-ended step ('’22.3.~') has no due date and stays in every later window
    open_ended = [r for r in everything if r["start"] and not r["due"]]
    assert open_ended and all(r in _rows(cli, "milestones", "--param", "from=2030-01-01", "--param",
                                         "to=2030-12-31") for r in open_ended)


def test_milestones_per_program(built: BuiltGraph) -> None:
    g = built.graph
    relief = URIRef(f"{PROGRAM}wholesale-market-rent-relief")
    due = sorted(str(g.value(m, SKG.dueDate)) for m in g.objects(relief, SKG.milestone))
    assert due == ["2022-06-30", "2022-07-31"]  # ’22.1~6월, ’22.7월


def test_audit_items_link_to_the_facilities_they_concern(built: BuiltGraph) -> None:
    g = built.graph
    robot = URIRef("https://w3id.org/seoulkg/id/facility/서울로봇-인공지능과학관")
    audit = "https://w3id.org/seoulkg/id/audit/economic-policy-office/2021"
    assert set(g.subjects(SKG.concerns, robot)) == {URIRef(f"{audit}/correction/28"),
                                                    URIRef(f"{audit}/data_request/58")}
    # every link quotes its alias: a curation record per link
    links = list(g.subject_objects(SKG.concerns))
    assert len(links) == 75 + 81


def test_targets_and_results_carry_roles_periods_and_normalised_values(built: BuiltGraph) -> None:
    g = built.graph
    role = "https://w3id.org/seoulkg/id/code/quantity-role/"
    people = URIRef(f"{PROGRAM}public-jobs-safety-net/target/1")  # line 350: 목표인원 : 7,830명 (서울시 : 1,000명 / …)
    assert str(g.value(people, SKG.statement)).startswith("목표인원 : 7,830명")
    quantities = sorted(g.objects(people, SKG.quantity), key=str)
    assert [(str(g.value(q, SKG.printedText)), g.value(q, SKG.quantityRole)) for q in quantities] == [
        ("7,830명", URIRef(role + "total")), ("1,000명", URIRef(role + "part")), ("6,830명", URIRef(role + "part"))]
    # line 1323, after the two support cases of 1313 and 1315 ('지원사례 ①(HN노바텍) : …', results too)
    live = URIRef(f"{PROGRAM}seoul-food-startup-center/part/2/result/3")
    assert str(g.value(live, SKG.periodText)) == "’21"
    assert python_value(g, live, SCHEMA.endDate).isoformat() == "2021-12-31"
    average = URIRef(f"{live}/quantity/3")  # '(방송 당 평균 1,683뷰)'
    assert (g.value(average, SKG.quantityRole), python_value(g, average, SKG.normalisedValue)) == (
        URIRef(role + "average"), 1683)
    sales = URIRef(f"{PROGRAM}on-seoul-market/result/1/quantity/2")  # line 431: '5,668억원 매출지원'
    assert python_value(g, sales, SKG.normalisedValue) == 566_800_000_000
    assert g.value(sales, URIRef("http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure")) == \
        URIRef("http://qudt.org/vocab/currency/KRW")
    assert len(set(g.subjects(RDF.type, SKG.Target))) == 72 and len(set(g.subjects(RDF.type, SKG.Result))) == 60


def test_results_tables_are_data_cube_datasets_with_every_cell(built: BuiltGraph) -> None:
    g = built.graph
    qb = "http://purl.org/linked-data/cube#"
    table = URIRef(f"{PROGRAM}seoul-food-startup-center/part/1/table/1")  # lines 1292-1299
    assert g.value(table, URIRef(qb + "structure")) == URIRef("https://w3id.org/seoulkg/id/structure/program-table")
    cells = set(g.subjects(URIRef(qb + "dataSet"), table))
    assert len(cells) == 4 * 6  # 매출액, 고용창출, 투자유치, 지적재산권 × 2017…2021 and 계
    ip_2021 = URIRef(f"{table}/지적재산권/2021년")  # line 1299: '… 145건 475건 특허/상표/디자인'
    assert (python_value(g, ip_2021, SKG.tableValue), str(g.value(ip_2021, SKG.printedText))) == (145, "145건")
    assert str(g.value(ip_2021, SKOS.note)) == "특허/상표/디자인"
    lines = {python_value(g, s, SKG.startLine) for s in g.objects(ip_2021, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
             if g.value(s, SKG.startLine) is not None}
    assert lines == {1292, 1299}  # the header and the row
    progress = URIRef(f"{PROGRAM}garak-market-modernisation/table/1/공정률/%E2%80%9921.8~12월")  # ’21.8~12월, line 2261
    assert python_value(g, progress, SKG.tableValue) == Decimal("10.3")
    assert python_value(g, progress, SCHEMA.endDate).isoformat() == "2021-12-31"
    # the programs' four, and four the audit answers print (corrections 3, 37, 50 and 69)
    assert len(set(g.objects(None, SKG.figureTable))) == 8
    # lines 2432-2445: '(단위 : 개)' / '유형별 사업수 목표' / '총 계 88 134,677' …
    jobs = URIRef(f"{AUDIT}correction/3/table/1")
    assert (URIRef(f"{AUDIT}correction/3"), SKG.figureTable, jobs) in g
    total = URIRef(f"{jobs}/총계/목표")
    assert (python_value(g, total, SKG.tableValue), str(g.value(total, SKG.printedText))) == (134677, "134,677")
    assert g.value(total, SKG.quantityRole) == URIRef("https://w3id.org/seoulkg/id/code/quantity-role/total")
    assert len(set(g.subjects(URIRef(qb + "dataSet"), jobs))) == 18
