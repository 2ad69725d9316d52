"""Dated statements of the work plan's other blocks (사업개요, 추진실적, 추진내용, 그간의 추진사항 …), and what
makes a dated item checkable: a stated duration, a season or half-year label beside the event's dates."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from seoulkg.errors import ExtractionWarning
from seoulkg.extract.dates import DateReading
from seoulkg.extract.milestones import Milestone, PeriodLabel, label_period, read_milestones, read_statements
from seoulkg.extract.outline import read_outline
from seoulkg.extract.source import SourceDocument
from seoulkg.namespaces import SCHEMA, SKG
from seoulkg.rdf.graph import BuiltGraph

ID = "https://w3id.org/seoulkg/id/"


@pytest.fixture(scope="module")
def read(doc: SourceDocument) -> tuple[list[Milestone], list[Milestone], list[ExtractionWarning]]:
    warnings: list[ExtractionWarning] = []
    outline = read_outline(doc, [])
    return read_statements(outline, warnings), read_milestones(outline, []), warnings


def _at(items: list[Milestone], line: int) -> list[Milestone]:
    return [m for m in items if m.span.start == line]


def _days(period: DateReading | PeriodLabel | None) -> tuple[date | None, date | None]:
    """A reading's or a label's first and last day."""
    assert period is not None
    return (period.start, period.due) if isinstance(period, DateReading) else (period.start, period.end)


def _printed(label: PeriodLabel | None) -> str:
    assert label is not None
    return label.printed


def test_statements_of_every_other_block(read) -> None:
    statements, _, warnings = read
    assert len(statements) == 56 and warnings == []
    blocks = Counter(m.block for m in statements)
    assert blocks["추진실적(’21년)"] == 15 and blocks["사업개요"] == 11 and blocks["그간의 추진사항"] == 3
    (call,) = _at(statements, 918)
    assert (call.text, _days(call.reading)) == (
        "수탁기관 모집 공고 : ’21.12.29.~’22.2.8.", (date(2021, 12, 29), date(2022, 2, 8)))
    assert [_days(m.reading)[0] for m in _at(statements, 920) + _at(statements, 924)] == [
        date(2021, 1, 6), date(2021, 1, 19)]


def test_a_month_without_a_year_takes_its_headings_year_or_is_left_out(read) -> None:
    statements, _, _ = read
    # under '추진실적(’21년)': '(고려대 수호, 5월)' is May 2021
    assert [(m.date_text, _days(m.reading)[0]) for m in _at(statements, 1207)] == [
        ("5월", date(2021, 5, 1)), ("11월", date(2021, 11, 1))]
    # '개최시기 : 연 2회 [춘계(3월) / 추계(10월)]' under 사업개요 names months of every year, no date
    assert _at(statements, 2029) == []


def test_the_fashion_weeks_duration_and_season(read) -> None:
    statements, milestones, _ = read
    (autumn,) = _at(statements, 2038)
    assert autumn.block == "’21년 춘계 서울패션위크 성과" and autumn.days == 10
    assert (_printed(autumn.label), _days(autumn.label)) == ("’21년 춘계", (date(2021, 3, 1), date(2021, 5, 31)))
    assert _days(autumn.event) == (date(2021, 10, 7), date(2021, 10, 19))
    (spring,) = _at(milestones, 2053)  # '’22.3.18(금) ~ 3.23(수), 6일간' under '’22년 춘계 … 계획': consistent
    assert spring.days == 6 and _printed(spring.label) == "’22년 춘계"


def test_a_half_year_label_beside_the_events_month(read) -> None:
    _, milestones, _ = read
    (week,) = _at(milestones, 1020)
    assert (week.date_text, _days(week.label)) == ("’22 상", (date(2022, 1, 1), date(2022, 6, 30)))
    assert _days(week.event) == (date(2022, 7, 1), date(2022, 7, 31))


@pytest.mark.parametrize(("printed", "start", "end"), [
    ("’21년 춘계", date(2021, 3, 1), date(2021, 5, 31)), ("’22년 추계", date(2022, 9, 1), date(2022, 11, 30)),
    ("’22년 하반기", date(2022, 7, 1), date(2022, 12, 31)), ("’22 상", date(2022, 1, 1), date(2022, 6, 30))])
def test_label_convention(printed: str, start: date, end: date) -> None:
    assert _days(label_period(printed)) == (start, end)


def test_label_period_refuses_what_is_no_season() -> None:
    assert label_period("’22.7월") is None and label_period("춘계") is None


def test_in_the_graph(built: BuiltGraph) -> None:
    built_graph = built.graph
    academies = URIRef(f"{ID}program/economic-policy-office/2022/technical-education-institutes")
    node = URIRef(f"{academies}/dated/3")
    assert (academies, SKG.datedStatement, node) in built_graph
    assert built_graph.value(node, SKG.statementBlock) == Literal("그간의 추진사항")
    assert built_graph.value(node, SCHEMA.startDate) == Literal(date(2021, 1, 6), datatype=XSD.date)
    week = URIRef(f"{ID}program/economic-policy-office/2022/fashion-hub-seoul-fashion-week/part/2/dated/1")
    assert built_graph.value(week, SKG.statedDuration) == Literal(10, datatype=XSD.integer)
    assert built_graph.value(week, SKG.periodLabel) == Literal("’21년 춘계")
    assert built_graph.value(week, SKG.eventEnd) == Literal(date(2021, 10, 19), datatype=XSD.date)
    # 56 of the programs, and one audit answer's stated period (suggestion 6's '용역기간 : ’22.4. ~ 10.')
    assert len(set(built_graph.subjects(RDF.type, SKG.DatedStatement))) == 57
