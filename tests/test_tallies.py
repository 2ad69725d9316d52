"""What the report states about its own figures (extract/tallies.py): each total with its parts, count with
its items, rounded figure with its footnote, average with its total and count, and audit answer's stated
period, read from the report with its lines; and the consistency shapes silent wherever those agree."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from seoulkg.extract.audit import read_audit
from seoulkg.extract.outline import read_outline
from seoulkg.extract.source import SourceDocument
from seoulkg.extract.tallies import Tallies, read_tallies
from seoulkg.paths import BUILT_GRAPH, DEFAULT_SOURCE
from seoulkg.validation.shapes import validate

ID = "https://w3id.org/seoulkg/id/"
AUDIT = f"{ID}audit/economic-policy-office/2021/"
PROGRAM = f"{ID}program/economic-policy-office/2022/"
CHECKS = {"StatedSumShape", "FootnoteSumShape", "ListedCountShape", "StatedAverageShape", "StatedPeriodShape",
          "StatedShareShape"}


@pytest.fixture(scope="module")
def tallies() -> Tallies:
    doc = SourceDocument.read(DEFAULT_SOURCE)
    outline = read_outline(doc, [])
    return read_tallies(outline, read_audit(outline, []))


def test_totals_with_their_parts(tallies: Tallies) -> None:
    found = {s.span.start: (s.printed, s.low, s.high, [(p.label, p.value) for p in s.parts]) for s in tallies.sums}
    # every one the report prints on one line, with the form that says which is the whole, adds up but one
    assert found[872] == ("총 4,004명", 4004, 4004,
                          [("市", 2230), ("자치구", 571), ("투출기관", 391), ("민간기업", 812)])
    assert found[1156][0] == "81개" and sum(v for _, v in found[1156][3]) == 81  # 42 + 14 + 9 + 16
    assert found[1590] == ("총 5개소", 5, 5, [("공공", 1), ("민간", 4)])
    assert found[1617] == ("5개소", 5, 5, [("공공형", 1), ("민간형", 4)])
    assert found[1835][:3] == ("총 21명", 21, 21)
    assert found[3043] == ("총 4명", 4, 4, [("학계", 2), ("코트라", 1), ("법률", 1)])
    assert found[3045] == ("총 12명", 12, 12, [("학계", 3), ("코트라", 3), ("법률", 3), ("회계", 3), ("VC", 3)])
    assert found[4960] == ("총 18명", 18, 18, [("위촉직", 12), ("당연직", 6)])
    assert found[3506] == found[5929] == ("9명", 9, 9, [("임명직", 2), ("위촉직", 7)])
    # the rounded figure and the footnote that prints its parts (marker '71社5)' on line 967)
    footnoted = next(s for s in tallies.sums if s.footnote is not None)
    assert (footnoted.span.start, footnoted.footnote, footnoted.printed) == (969, 5, "7천여개사")
    assert (footnoted.low, footnoted.high) == (Decimal(7000), Decimal(7999))
    assert [(p.label, p.printed, p.span.start) for p in footnoted.parts] == [
        ("대기업", "2,612개", 987), ("중견기업", "5,526개사", 987)]
    # a breakdown printed apart from its total: after words on its line, or on the next line under the
    # total's noun, its parts ending in 등 (open-ended: 81 of 85 named)
    assert found[1196] == ("32개소", 32, 32, [("종합형", 15), ("단위형", 17)])
    assert found[2661] == ("85명", 85, 85, [("취업·창업", 48), ("타사업 참여", 6), ("기타", 27)])
    dropouts = next(s for s in tallies.sums if s.span.start == 2661)
    assert dropouts.open_ended and dropouts.span.end == 2663 and dropouts.owner.item == ("correction", 11)
    assert [s.span.start for s in tallies.sums if s.open_ended] == [2661]
    assert sorted(found) == [872, 969, 1156, 1196, 1590, 1617, 1835, 2661, 3043, 3045, 3506, 4960, 5929]


def test_counts_with_their_items(tallies: Tallies) -> None:
    found = {c.span.start: (c.printed, c.count, c.items) for c in tallies.counts}
    assert found == {
        555: ("6개", 6, ("무신사", "W컨셉", "하이서울쇼룸", "LF몰", "지그재그", "스타일 크루")),
        770: ("7개 직무분야", 7, ("경영일반", "홍보·광고·디자인", "마케팅·영업", "웹/앱개발", "(글로벌)경영",
                               "(글로벌)마케팅·영업")),
        1057: ("2개", 2, ("베트남", "인도")),
    }
    assert next(c for c in tallies.counts if c.count == 7).span.end == 772  # the note that lists them


def test_average_and_stated_period(tallies: Tallies) -> None:
    (average,) = tallies.averages
    assert average.span.start == 1323
    assert (average.total.printed, average.count.printed, average.average.printed) == (
        "총 112,818뷰", "67회", "1,683뷰")
    (period,) = tallies.periods
    assert (period.span.start, period.owner.item, period.activity, period.date_text) == (
        5792, ("suggestion", 6), "용역", "’22.4. ~ 10.")
    assert (str(period.reading.start), str(period.reading.due), period.plans) == ("2022-04-01", "2022-10-31", (4,))


def test_parts_of_wholes_in_audit_demands_and_answers(tallies: Tallies) -> None:
    found = [(s.owner.item, s.block, s.whole, s.part, s.unit, s.span.start, s.span.end) for s in tallies.shares]
    assert found == [
        (("correction", 11), "요구사항", 350, 50, "명", 2643, 2645),  # '350명 가운데 50명이 … 이탈' (no answer share)
        (("correction", 13), "추진내용", 1699, 371, "명", 2780, 2780),  # '총 1,699명 중 371명 퇴사' (no demand share)
        (("correction", 50), "요구사항", 26, 9, "개", 4203, 4207),  # '26곳이 있는데 이들 중에서 … 9개'
        (("correction", 50), "추진내용", 26, 10, "개", 4217, 4219),  # '총 26개 투자출연기관 중 10개'
    ]


def _findings(update: str, tmp_path: Path) -> set[tuple[str, str]]:
    """The new checks' findings (shape, focus) on the committed graph with `update` applied."""
    store = ox.Store()
    store.bulk_load(path=str(BUILT_GRAPH), format=ox.RdfFormat.TURTLE)
    if update:
        store.update(update)
    path = tmp_path / "graph.nt"
    store.dump(str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return {(f.shape.rsplit("#", 1)[1], f.focus) for f in validate([path]).findings
            if f.shape.rsplit("#", 1)[1] in CHECKS}


PREFIXES = """PREFIX schema: <https://schema.org/>
PREFIX skg: <https://w3id.org/seoulkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
REPORT = {
    ("FootnoteSumShape", f"{PROGRAM}open-innovation/sum/1"),
    ("ListedCountShape", f"{PROGRAM}youth-intern-job-camp/list/1"),
    ("StatedAverageShape", f"{PROGRAM}seoul-food-startup-center/part/2/average/1"),
    ("StatedPeriodShape", f"{AUDIT}suggestion/6/follow-up/4"),
    ("StatedSumShape", f"{AUDIT}correction/20/sum/2"),
    ("StatedShareShape", f"{AUDIT}correction/50/share/2"),
}


def test_the_report_contradicts_itself_only_where_it_does(tmp_path: Path) -> None:
    """Thirteen totals, three counts, two shares an answer prints: only 7천여개사, '7개 직무분야', the average, the
    용역, '총 12명' and the answer's 10 of 26 (the demand's 9) disagree; correction 11's 85 with 81 named
    and 등 does not."""
    assert _findings("", tmp_path) == REPORT


def test_a_list_ending_in_etc_is_compared_only_where_it_names_more(tmp_path: Path) -> None:
    """등 ends correction 11's breakdown (48 + 6 + 27 of 85) and silences the count of a list; parts named
    beyond their total still contradict it."""
    dropouts = f"{AUDIT}correction/11/sum/1"
    closed = f"{PREFIXES} DELETE DATA {{ <{dropouts}> skg:openEnded true }}"
    assert _findings(closed, tmp_path) == REPORT | {("StatedSumShape", dropouts)}  # without 등, 81 is not 85
    beyond = f"""{PREFIXES}
     DELETE DATA {{ <{dropouts}/part/3> schema:value "27.0"^^xsd:decimal }} ;
     INSERT DATA {{ <{dropouts}/part/3> schema:value "37.0"^^xsd:decimal }}"""
    assert _findings(beyond, tmp_path) == REPORT | {("StatedSumShape", dropouts)}  # 91 named of 85
    camp = f"{PROGRAM}youth-intern-job-camp/list/1"  # '7개 직무분야' listing six, as if it ended in 등
    assert _findings(f"{PREFIXES} INSERT DATA {{ <{camp}> skg:openEnded true }}", tmp_path) == REPORT - {
        ("ListedCountShape", camp)}


@pytest.mark.parametrize(("case", "update", "silenced"), [
    # the rounded figure printed as its footnote's parts add up: 8,138 is '8천여개사'
    ("footnote", f"""{PREFIXES}
     DELETE DATA {{ <{PROGRAM}open-innovation/sum/1> schema:minValue "7000.0"^^xsd:decimal ;
                                                          schema:maxValue "7999.0"^^xsd:decimal }} ;
     INSERT DATA {{ <{PROGRAM}open-innovation/sum/1> schema:minValue "8000.0"^^xsd:decimal ;
                                                          schema:maxValue "8999.0"^^xsd:decimal }}""",
     ("FootnoteSumShape", f"{PROGRAM}open-innovation/sum/1")),
    # the average as 112,818 / 67 rounds, 1,684
    ("average", f"""{PREFIXES}
     DELETE DATA {{ <{PROGRAM}seoul-food-startup-center/part/2/average/1> schema:value "1683.0"^^xsd:decimal }} ;
     INSERT DATA {{ <{PROGRAM}seoul-food-startup-center/part/2/average/1> schema:value "1684.0"^^xsd:decimal }}""",
     ("StatedAverageShape", f"{PROGRAM}seoul-food-startup-center/part/2/average/1")),
    # the study carried out in April, the period's first month (and its last: October)
    ("period", f"""{PREFIXES}
     DELETE DATA {{ <{AUDIT}suggestion/6/follow-up/4> skg:startDate "2022-01-01"^^xsd:date ;
                                                      skg:dueDate "2022-01-31"^^xsd:date }} ;
     INSERT DATA {{ <{AUDIT}suggestion/6/follow-up/4> skg:startDate "2022-04-01"^^xsd:date ;
                                                      skg:dueDate "2022-10-31"^^xsd:date }}""",
     ("StatedPeriodShape", f"{AUDIT}suggestion/6/follow-up/4")),
    # the list as long as its count
    ("count", f"""{PREFIXES}
     INSERT DATA {{ <{PROGRAM}youth-intern-job-camp/list/1> skg:listedItem "기타" }}""",
     ("ListedCountShape", f"{PROGRAM}youth-intern-job-camp/list/1")),
    # the answer's part as the demand's
    ("share", f"""{PREFIXES}
     DELETE DATA {{ <{AUDIT}correction/50/share/2> schema:value "10.0"^^xsd:decimal }} ;
     INSERT DATA {{ <{AUDIT}correction/50/share/2> schema:value "9.0"^^xsd:decimal }}""",
     ("StatedShareShape", f"{AUDIT}correction/50/share/2")),
    # the total as its parts add up
    ("sum", f"""{PREFIXES}
     DELETE DATA {{ <{AUDIT}correction/20/sum/2> schema:value "12.0"^^xsd:decimal }} ;
     INSERT DATA {{ <{AUDIT}correction/20/sum/2> schema:value "15.0"^^xsd:decimal }}""",
     ("StatedSumShape", f"{AUDIT}correction/20/sum/2")),
])
def test_a_consistent_statement_gives_no_finding(case: str, update: str, silenced: tuple[str, str],
                                                 tmp_path: Path) -> None:
    assert _findings(update, tmp_path) == REPORT - {silenced}


def test_the_broken_fixtures_made_consistent_give_no_finding(tmp_path: Path) -> None:
    """stated-period-changed.ru with a stated period its plan lies in, footnote-sum-changed.ru with a
    rounded figure its parts add up to ('4천여명'), stated-share-changed.ru with the demand's part: no finding."""
    update = (Path(__file__).parent / "fixtures" / "invalid" / "stated-period-changed.ru").read_text(encoding="utf-8")
    consistent = update.replace('"2022-01-01"^^xsd:date ; schema:endDate "2022-03-31"^^xsd:date',
                                '"2022-04-01"^^xsd:date ; schema:endDate "2022-12-31"^^xsd:date')
    assert consistent != update
    assert _findings(consistent, tmp_path) == REPORT
    rounded = (Path(__file__).parent / "fixtures" / "invalid" / "footnote-sum-changed.ru").read_text(encoding="utf-8")
    within = rounded.replace('"3000.0"^^xsd:decimal ; schema:maxValue "3999.0"', '"4000.0"^^xsd:decimal ; '
                             'schema:maxValue "4999.0"')
    assert within != rounded
    assert _findings(within, tmp_path) == REPORT
    share = (Path(__file__).parent / "fixtures" / "invalid" / "stated-share-changed.ru").read_text(encoding="utf-8")
    agreeing = share.replace('"350명 중 60명" ; schema:value "60.0"', '"350명 중 50명" ; schema:value "50.0"')
    assert agreeing != share
    assert _findings(agreeing, tmp_path) == REPORT
