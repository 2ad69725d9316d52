"""The organisation chart, functions, staffing and budget tables as read from the report text."""

from __future__ import annotations

from decimal import Decimal

from seoulkg.extract import Extraction

DIVISIONS = ["경제정책과", "창업정책과", "일자리정책과", "제조산업혁신과", "캠퍼스타운활성화과", "도시농업과",
             "전략산업기반과", "바이오AI산업과", "금융투자과", "미디어콘텐츠산업과"]


def test_units_and_their_types(extraction: Extraction) -> None:
    kinds = {u.name: u.kind for u in extraction.units}
    assert extraction.units[0].name == "경제정책실" and extraction.units[0].grade == "1·2급"
    assert [n for n, k in kinds.items() if k == "division"] == DIVISIONS  # the chart states (10과)
    assert [n for n, k in kinds.items() if k == "planning-officer"] == ["경제일자리기획관", "신성장산업기획관"]
    assert kinds["농업기술센터"] == "directly-attached-body"
    assert kinds["서울시립과학관"] == "business-office"
    assert kinds["서울시농수산식품공사"] == "investment-agency"
    assert kinds["서울산업진흥원"] == "contribution-agency"
    assert all(u.parent == "경제정책실" for u in extraction.units[1:])


def test_the_chart_loses_division_names_and_the_build_says_so(extraction: Extraction) -> None:
    assert any(w.line == 9 and "team counts" in w.reason for w in extraction.warnings)


def test_functions_including_wrapped_unit_names(extraction: Extraction) -> None:
    functions = {f.name: f for f in extraction.functions}
    assert len(functions) == 12
    assert functions["금융투자과"].functions == (
        "금융산업 육성 및 거점 조성, 글로벌금융기업 유치, 금융전문인력 양성",
        "외국인투자유치 계획·실행, 서울투자청 설립, 외국인투자기업 및 외국인학교 지원")
    campus = functions["캠퍼스타운활성화과"]  # printed '캠 퍼 스 타 운' / '활 성 화 과' on two lines
    assert (campus.span.start, campus.span.end) == (61, 65)
    assert campus.functions[1] == "캠퍼스타운 조성(종합형) 및 융합 프로그램(단위형) 사업 추진"


def test_staffing_rows_as_printed(extraction: Extraction) -> None:
    rows = {r.name: r for r in extraction.staffing.rows}
    total = rows["계"]
    assert (total.total.quota, total.total.current, total.women) == (307, 295, 149)
    policy = rows["경제정책과"]
    assert (policy.total.quota, policy.total.current, policy.women) == (39, 42, 18)
    assert dict(policy.by_type)["fixed-term"].printed == "7/6"
    assert dict(policy.by_type)["extension-research"].printed == "-"
    assert extraction.staffing.reference_text == "’22.1.21. 기준"
    assert sum(r.total.quota for r in rows.values() if r.name != "계") == 307


def test_a_staffing_row_missing_a_cell_is_not_guessed(extraction: Extraction) -> None:
    row = next(r for r in extraction.staffing.rows if r.name == "제조산업혁신과")
    assert (row.total.quota, row.total.current, row.women) == (25, 25, 14)
    assert row.by_type == () and row.unassigned == ("23/24", "1/1", "1/0")
    assert any(w.line == 27 and "cannot be told" in w.reason for w in extraction.warnings)


def test_budget_rows_as_printed(extraction: Extraction) -> None:
    table = extraction.budget
    rows = {r.name: r for r in table.rows}
    assert len(rows) == 13 and table.unit_text == "백만원"
    assert rows["계"].budget.value == Decimal(753976) and rows["계"].budget.printed == "753,976"
    # The report prints committed 26 but spent 269 for 금융투자과: kept as printed, flagged by the shapes.
    finance = rows["금융투자과"]
    assert (finance.committed.value, finance.spent.value, finance.committed_rate.printed) == (26, 269, "1.0")
    assert rows["바이오AI산업과"].printed == "바이 오 A I 산 업 과"
    assert [(c.label, c.amount.value) for c in table.components] == [
        ("본예산", 708321), ("예산이체", 3087), ("이월액", 42568)]
    assert sum((c.amount.value for c in table.components), Decimal(0)) == rows["계"].budget.value
