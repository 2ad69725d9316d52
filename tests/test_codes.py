"""The readers' label-to-code tables come from the SKOS code lists, printed spellings included."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from seoulkg.extract.audit import CATEGORIES, STATUSES, SUMMARY_CATEGORIES
from seoulkg.extract.budget import COMPONENTS
from seoulkg.extract.codes import CODELISTS, codes
from seoulkg.extract.indicators import GEOGRAPHIES, INDICATORS, SOURCES
from seoulkg.extract.organisation import KIND_BY_LABEL
from seoulkg.extract.staffing import STAFF_TYPES

CODE = "https://w3id.org/seoulkg/id/code/"


def test_printed_spellings_are_hidden_labels_of_the_code_lists() -> None:
    assert STATUSES == {"추진완료": "completed", "검토중": "under_review", "미반영": "not_adopted",
                        "추진중": "in_progress", "완료": "completed"}
    assert next(iter(STATUSES)) == "추진완료"  # longest first: '추진완료' is tried before '완료'
    assert SUMMARY_CATEGORIES["기타(자료제출등)"] == "data_request"
    assert "기타(자료제출등)" not in CATEGORIES  # part titles are the preferred labels only
    assert set(CATEGORIES) == {"시정·처리요구사항", "건의사항", "기타사항(자료제출)"}
    assert GEOGRAPHIES["한국"] == GEOGRAPHIES["전국"] == "korea"
    assert COMPONENTS == {"본예산": "main-budget", "예산이체": "budget-transfer", "이월액": "carry-over"}
    graph = Graph().parse(CODELISTS)
    assert (URIRef(CODE + "audit-status/completed"), SKOS.hiddenLabel, Literal("완료", lang="ko")) in graph


def test_every_table_names_concepts_of_its_scheme() -> None:
    graph = Graph().parse(CODELISTS)
    for scheme, table in (("audit-status", STATUSES), ("audit-category", SUMMARY_CATEGORIES),
                          ("geography", GEOGRAPHIES), ("budget-component", COMPONENTS),
                          ("unit-type", KIND_BY_LABEL), ("staff-type", STAFF_TYPES), ("indicator", INDICATORS),
                          ("data-source", SOURCES)):
        for notation in table.values():
            assert (URIRef(f"{CODE}{scheme}/{notation}"), SKOS.inScheme, URIRef(CODE + scheme)) in graph
    assert codes("staff-type", ("total",)) == {"합계": "total"}


def test_indicators_are_coded_at_extraction(extraction) -> None:
    coded = {(o.label, o.series): o.indicator for o in extraction.indicators}
    assert coded[("대/중소제조업 생산증가율", "대")] == "large-manufacturing-production-growth"
    assert coded[("대/중소제조업 생산증가율", "중소제조업")] == "sme-manufacturing-production-growth"
    assert coded[("GRDP", None)] == "grdp"
    assert {o.source_code for o in extraction.indicators if o.source == "KDI"} == {"kdi"}
    assert all(o.indicator for o in extraction.indicators)
