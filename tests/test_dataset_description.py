"""The dataset's own description names the offices and years of the reports it holds, read from them: nothing
in the code names an office or a year."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDFS

from seoulkg.namespaces import ID
from seoulkg.rdf.dataset import ReportSummary, describe_dataset
from seoulkg.rdf.graph import BuiltGraph

KG = ID["dataset/seoulkg"]
CULTURE = ReportSummary(URIRef(f"{ID}source/문화정책실/2023/report"), "문화정책실", None, 2023, None, (), True, False)


def _texts(graph: Graph, prop: URIRef, subject: URIRef = KG) -> dict[str | None, str]:
    return {o.language: str(o) for o in graph.objects(subject, prop) if isinstance(o, Literal)}


def test_the_report_is_named_by_what_it_holds(built: BuiltGraph) -> None:
    report = built.report
    assert (report.office_ko, report.office_en, report.year, report.audit_year) == (
        "경제정책실", "Economic Policy Office", 2022, 2021)
    assert report.tables == ("staffing", "budget") and report.plan and report.indicators
    g = built.graph
    assert _texts(g, DCTERMS.title)["ko"] == "서울시 경제정책실 주요업무보고 지식그래프"
    description = _texts(g, DCTERMS.description)
    assert description["ko"].startswith("서울시 경제정책실 2022 주요업무보고(시의회 보고)의 조직, 인력·예산 현황, "
                                        "2021 행정사무감사 처리사항, 2022 업무계획의 사업·시설·일정과 경제지표를 ")
    assert description["en"].startswith("The Seoul Metropolitan Government Economic Policy Office's 2022 work "
                                        "report to the city council as linked data: its organisation, staffing "
                                        "and budget tables, the 2021 council audit's items")
    assert "서울시 경제정책실 2022 주요업무보고는" in _texts(g, RDFS.label, ID["dataset/seoulkg/rights"])["ko"]
    keywords = {str(k) for k in g.objects(KG, DCAT.keyword)}
    assert {"경제정책실", "Economic Policy Office"} <= keywords and "일자리" not in keywords


def test_another_office_and_year_name_themselves_only() -> None:
    """An uncurated office of another year, with a plan and nothing else: its Korean name, its year, no table,
    audit or indicator claimed, and nothing of the 2022 report."""
    g = Graph()
    describe_dataset(g, [CULTURE])
    title, description = _texts(g, DCTERMS.title), _texts(g, DCTERMS.description)
    assert title == {"ko": "서울시 문화정책실 주요업무보고 지식그래프",
                     "en": "seoulkg: knowledge graph of the Seoul 문화정책실 work report"}
    assert description["ko"].startswith("서울시 문화정책실 2023 주요업무보고(시의회 보고)의 조직과 2023 업무계획의 "
                                        "사업·시설·일정을 연결 데이터로")
    assert description["en"].startswith("The Seoul Metropolitan Government 문화정책실's 2023 work report to the city "
                                        "council as linked data: its organisation and the 2023 work plan's")
    every = " ".join(str(o) for o in g.objects())
    assert "경제정책실" not in every and "2022" not in every and "2021" not in every


def test_a_collection_names_every_report(built: BuiltGraph) -> None:
    g = Graph()
    describe_dataset(g, [built.report, CULTURE])
    assert _texts(g, DCTERMS.title)["ko"] == "서울시 경제정책실·문화정책실 주요업무보고 지식그래프"
    assert _texts(g, DCTERMS.title)["en"].endswith("Economic Policy Office and 문화정책실 work reports")
    assert set(g.objects(KG, DCTERMS.temporal)) == {ID["dataset/seoulkg/temporal/2022"],
                                                    ID["dataset/seoulkg/temporal/2023"]}
    rights = _texts(g, RDFS.label, ID["dataset/seoulkg/rights"])["en"]
    assert "The sources, the Seoul Economic Policy Office's 2022 work report, the Seoul 문화정책실's 2023 work " \
           "report, are works" in rights
