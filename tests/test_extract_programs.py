"""Section Ⅳ programs: overview titles, sub-programs, budget figures, targets and 2021 results."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from seoulkg.errors import ExtractionWarning
from seoulkg.extract.outline import read_outline
from seoulkg.extract.programs import ProgramRecord, read_programs
from seoulkg.extract.source import SourceDocument


def _read(doc: SourceDocument) -> tuple[list[ProgramRecord], list[ExtractionWarning]]:
    warnings: list[ExtractionWarning] = []
    return read_programs(read_outline(doc, warnings), warnings), warnings


def _edited(doc: SourceDocument, **lines: str) -> SourceDocument:
    """The report with some lines replaced: keys are 'l<number>'."""
    replaced = list(doc.lines)
    for key, text in lines.items():
        replaced[int(key[1:]) - 1] = text
    return SourceDocument(Path("edited.txt"), tuple(replaced), "0" * 64)


@pytest.fixture(scope="module")
def programs(doc: SourceDocument) -> dict[tuple[int, int], ProgramRecord]:
    return {(p.area, p.number): p for p in _read(doc)[0]}


def test_24_programs_in_five_areas(programs):
    counts = [sum(1 for area, _ in programs if area == a) for a in range(1, 6)]
    assert counts == [4, 5, 5, 5, 5]
    assert programs[(2, 4)].title == "서울형 뉴딜일자리 사업 추진"


def test_overview_title_kept_beside_header_title(programs):
    program = programs[(1, 2)]
    assert program.title == "중소기업 판로지원「 ON서울 마켓」시즌3 추진"
    assert program.overview_title == "중소기업 판로지원「ON(溫)서울 마켓」시즌3 추진"
    assert program.overview_span.start == 333
    assert all(p.overview_title for p in programs.values())


def test_overview_box_titles(doc):
    boxes = {o.area: o for o in read_outline(doc, []).overviews}
    assert boxes[4].title == "신산업 전략적 육성으로 미래 성장동력 확보"  # the list at 319 words it differently
    assert [len(boxes[a].entries) for a in range(1, 6)] == [4, 5, 5, 5, 5]


def test_sub_programs(programs):
    experience, museum = programs[(4, 5)].subprograms
    assert (experience.number, experience.title) == (1, "4차 산업혁명 체험센터 조성")
    assert (experience.span.start, experience.span.end) == (1772, 1803)
    assert museum.title == "서울로봇 인공지능과학관 건립"
    assert [s.number for s in programs[(1, 3)].subprograms] == [1, 2, 3]
    assert programs[(1, 3)].subprograms[2].span.end == 615  # ends before the program's '향후계획'
    assert sum(len(p.subprograms) for p in programs.values()) == 26


def test_budget_in_millions(programs):
    (figure,) = programs[(1, 1)].budgets
    assert (figure.label, figure.printed, figure.unit) == ("소요예산", "57,229백만원", "백만원")
    assert figure.krw == Decimal("57229000000")
    assert figure.subprogram is None and figure.section == "사업개요"
    assert figure.span.start == 364 and "57,229백만원" in figure.span.text


def test_budget_in_hundred_millions_with_breakdown(programs):
    figure = programs[(4, 1)].budgets[0]
    assert (figure.label, figure.amount, figure.unit) == ("’22년 예산", Decimal(262), "억원")
    assert figure.krw == Decimal("26200000000")
    assert [(p.label, p.printed, p.unit) for p in figure.parts] == [
        ("인프라 조성", "142", "억원"), ("민간위탁", "68", "억원"), ("임차‧관리 등", "52", "억원")]
    assert sum(p.krw for p in figure.parts) == figure.krw


def test_sub_program_budget_and_related_amount(programs):
    museum = next(b for b in programs[(4, 5)].budgets if b.subprogram == 2)
    assert museum.krw == Decimal("43697000000")
    assert [(a.label, a.printed) for a in museum.related] == [("’22년 예산", "14,312백만원")]
    assert museum.parts == ()
    assert [b.subprogram for b in programs[(1, 3)].budgets] == [1, 2, 3]


def test_budget_labels_and_table_columns(programs):
    labels = {b.label for p in programs.values() for b in p.budgets}
    assert labels == {"소요예산", "’22년 예산", "’22년예산", "총사업비", "사업예산", "사업규모", "지원금액", "운영예산"}
    schools = [(b.column, b.krw) for b in programs[(2, 5)].budgets]
    assert schools == [("중부+남부", Decimal("8000000000")), ("동부", Decimal("5572000000")),
                       ("북부", Decimal("4798000000"))]
    campus = programs[(3, 4)].budgets[0]
    assert (campus.label, campus.period, len(campus.parts)) == ("사업예산", "’22년", 3)
    total = programs[(5, 5)].budgets[0]
    assert total.krw == Decimal("985300000000") and [a.printed for a in total.related] == ["204억원", "506억원"]
    assert sum(len(p.budgets) for p in programs.values()) == 36


def test_targets(programs):
    (people,) = programs[(1, 1)].targets
    assert people.label == "목표인원"
    assert [(q.value, q.unit) for q in people.quantities] == [
        (Decimal(7830), "명"), (Decimal(1000), "명"), (Decimal(6830), "명")]
    (scale,) = programs[(2, 4)].targets
    assert [q.printed for q in scale.quantities] == ["76,527백만원", "3,700명"]
    sales = programs[(1, 2)].targets[0]
    assert sales.quantities[1].krw == Decimal("600000000000")  # '6천억'
    assert sum(len(p.targets) for p in programs.values()) == 11


def test_2021_results(programs):
    jobs = programs[(1, 1)].results[0]
    assert jobs.section == "추진실적(’21년)" and jobs.span.start == 367
    assert [(q.value, q.unit) for q in jobs.quantities] == [
        (Decimal(14093), "명"), (Decimal(11374), "명"), (Decimal(124), "%")]
    heading = programs[(1, 2)].results[0]  # printed on the heading line itself
    assert heading.span.start == 431 and heading.quantities[1].krw == Decimal("566800000000")
    labelled = programs[(3, 5)].results[0]  # a '지원성과(’21년)' line under '추진계획'
    assert labelled.label == "지원성과(’21년)" and labelled.quantities[1].printed == "112,818뷰"
    assert sum(len(p.results) for p in programs.values()) == 49


def test_warnings_on_the_report(doc):
    _, warnings = _read(doc)
    assert [w.line for w in warnings] == [372, 434, 663, 710]
    assert "flattened table" in warnings[0].reason


def test_breakdown_that_does_not_add_up_is_flagged(doc):
    edited = _edited(doc, l1391="○ ’22년 예산 : 262억원(인프라 조성 142, 민간위탁 68, 임차‧관리 등 50)")
    programs, warnings = _read(edited)
    assert any(w.line == 1391 and "adds up to" in w.reason for w in warnings)
    figure = programs[14].budgets[0]  # area 4 program 1: kept as printed, parts and all
    assert figure.krw == Decimal("26200000000") and figure.parts[2].printed == "50"


def test_overview_that_lists_fewer_programs_is_flagged(doc):
    programs, warnings = _read(_edited(doc, l337=""))
    assert any(w.line == 325 and "area 1 overview lists 3 programs" in w.reason for w in warnings)
    assert [p.overview_title for p in programs[:4]] == [None] * 4
    assert programs[4].overview_title is not None


def test_empty_input():
    programs, warnings = _read(SourceDocument(Path("empty.txt"), ("",), "0" * 64))
    assert programs == []
    assert [w.line for w in warnings] == [1]
