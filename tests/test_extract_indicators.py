"""Section Ⅱ: the economic indicators, each value with its own name, period, geography, unit and source."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from seoulkg.errors import ExtractionWarning
from seoulkg.extract.indicators import Observation, read_indicators
from seoulkg.extract.outline import read_outline
from seoulkg.extract.source import SourceDocument
from seoulkg.namespaces import SKG


def _read(doc: SourceDocument) -> tuple[list[Observation], list[ExtractionWarning]]:
    warnings: list[ExtractionWarning] = []
    return read_indicators(read_outline(doc, []), warnings), warnings


@pytest.fixture(scope="module")
def observations(doc: SourceDocument) -> list[Observation]:
    return _read(doc)[0]


def test_shares_pair_each_name_with_its_own_value_and_year(observations):
    shares = {o.label: (o.value, o.year) for o in observations if o.kind == "share"}
    assert shares == {
        "인구": (Decimal("18.4"), 2021), "종사자수": (Decimal("23.7"), 2020),
        "경제활동인구": (Decimal("18.8"), 2021), "총수신": (Decimal("53.5"), 2021),
        "GRDP": (Decimal("22.7"), 2020), "총여신": (Decimal("38.9"), 2021),
        "사업체수": (Decimal("20.1"), 2020), "외국인직접투자": (Decimal("60.7"), 2021),
    }
    population = observations[0]
    assert (population.label_printed, population.period_printed, population.unit) == ("인 구", "’21년기준", "%")
    assert population.geography == "seoul-share-of-national" and population.span.start == 121


def test_growth_outlook(observations):
    growth = [(o.geography, o.value, o.source, o.year) for o in observations if o.label == "경제성장률"]
    assert growth == [("korea", Decimal("3.1"), "기재부", 2022), ("world", Decimal("4.9"), "IMF", 2022)]
    kdi = [(o.label, o.value, o.unit) for o in observations if o.source == "KDI" and o.span.start == 137]
    assert kdi == [("소비자물가", Decimal("1.7"), "%"), ("수출", Decimal("2.6"), "%"),
                   ("연간 취업자수", Decimal(30), "만명")]
    assert all(o.kind == "forecast" for o in observations if o.span.start in (133, 137))


def test_employment_rates(observations):
    rates = {(o.geography, o.year): o.value for o in observations if o.label == "고용률"}
    assert rates == {("korea", 2019): Decimal("60.9"), ("korea", 2020): Decimal("60.1"),
                     ("korea", 2021): Decimal("60.4"), ("seoul", 2019): Decimal("60.0"),
                     ("seoul", 2020): Decimal("59.3"), ("seoul", 2021): Decimal("59.2")}
    seoul = next(o for o in observations if o.label == "고용률" and o.geography == "seoul")
    assert seoul.source == "통계청" and [c.start for c in seoul.context] == [143, 139]


def test_employment_change_outlooks(observations):
    plans = [(o.source, o.value, o.unit, o.year) for o in observations if o.label == "취업자수 증감 전망"]
    assert plans == [("정부", Decimal(28), "만영", 2022), ("한은", Decimal(25), "만영", 2022),
                     ("KDI", Decimal(30), "만영", 2022)]


def test_manufacturing_growth_by_quarter(observations):
    growth = {(o.series, o.year, o.quarter): o.value for o in observations if o.label.endswith("생산증가율")}
    assert growth == {("대", 2021, 1): Decimal("6.1"), ("중소제조업", 2021, 1): Decimal("-0.5"),
                      ("대", 2021, 2): Decimal("14.3"), ("중소제조업", 2021, 2): Decimal("9.2"),
                      ("대", 2021, 3): Decimal("6.6"), ("중소제조업", 2021, 3): Decimal("-0.1")}
    second = next(o for o in observations if o.quarter == 2)
    assert second.period_printed == "(2Q)" and second.context[0].start == 163  # the year is printed there
    assert second.source is None  # the 통계청 note names service production only


def test_venture_investment_and_unicorns(observations):
    venture = [(o.label, o.year, o.value, o.unit, o.krw) for o in observations if o.span.start == 171]
    assert venture == [
        ("벤처투자액", 2017, Decimal("2.4"), "조원", Decimal("2400000000000")),
        ("벤처투자액", 2021, Decimal("5.3"), "조원", Decimal("5300000000000")),
        ("유니콘·예비유니콘기업", 2017, Decimal(118), "개", None),
        ("유니콘·예비유니콘기업", 2021, Decimal(407), "개", None),
    ]
    assert len(observations) == 32


def test_warnings_on_the_report(doc):
    warnings = _read(doc)[1]
    assert sorted(w.line for w in warnings) == [137, 151, 163, 171]
    assert any(w.line == 151 and "'만영'" in w.reason for w in warnings)


def test_share_line_with_unpaired_text_is_flagged(doc):
    lines = list(doc.lines)
    lines[122] = "경제활동인구 (18.8%) (’21년기준) 총 수 신 53.5% (’21년 기준)"  # line 123: a value lost its brackets
    observations, warnings = _read(SourceDocument(Path("garbled.txt"), tuple(lines), "0" * 64))
    shares = [o.label for o in observations if o.kind == "share"]
    assert "총수신" not in shares and len(shares) == 7
    assert any(w.line == 123 and "outside its" in w.reason for w in warnings)


def test_empty_input():
    observations, warnings = _read(SourceDocument(Path("empty.txt"), ("",), "0" * 64))
    assert observations == [] and [w.line for w in warnings] == [1]


def test_a_change_is_a_change_and_a_level_a_level(observations, built):
    """'연간 취업자수 30만명 증가 예상' (line 137) and the employment-change outlooks (▲정부(28↑) …) are printed as
    changes; shares, rates and growth rates are levels of their indicators."""
    changes = {(o.label, o.value_printed, o.unit, o.span.start) for o in observations if o.change}
    assert changes == {("연간 취업자수", "30", "만명", 137), ("소비자물가", "1.7", "%", 137), ("수출", "2.6", "%", 137),
                       ("취업자수 증감 전망", "28", "만영", 151), ("취업자수 증감 전망", "25", "만영", 151),
                       ("취업자수 증감 전망", "30", "만영", 151)}
    assert len(observations) - len(changes) == 26
    kinds = {str(o): str(k) for o, k in built.graph.subject_objects(SKG.valueKind)}
    assert sorted(kinds.values()).count("change") == 6 and len(kinds) == 32
    employed = next(o for o in kinds if "/annual-employed-persons/" in o)
    assert kinds[employed] == "change"
