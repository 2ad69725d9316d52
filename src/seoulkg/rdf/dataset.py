"""The dataset's own description: VoID and DCAT, in the form DCAT-AP 3.0.0 asks for.

Mandatory and recommended DCAT-AP properties are given where the report or the project states them;
the code lists are the EU Publications Office's authority tables (data themes, file types, languages,
availability) and the IANA media types. Not given, as nothing states them: the publisher's type and
the place's bounding box and centroid. The triple count is written last and counts itself, so that it
equals the number of triples in the dumps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, VOID, XSD

from .. import __version__
from ..namespaces import BASE, ID, SKG

DCAT_VERSION = URIRef(f"{DCAT}version")  # DCAT 3's dcat:version: rdflib's DCAT namespace predates it (and warns)

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
DUMPS = (  # file name, media type, EU file type, title
    ("seoulkg.ttl", "text/turtle", "RDF_TURTLE", "Turtle"),
    ("seoulkg.nt", "application/n-triples", "RDF_N_TRIPLES", "N-Triples"),
    ("seoulkg.jsonld", "application/ld+json", "JSON_LD", "JSON-LD"),
)
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")  # the data's (the code's is Apache-2.0)
SEOUL = URIRef("https://sws.geonames.org/1835848/")  # GeoNames: Seoul
# the authority tables' English labels of the concepts used
AUTHORITY_LABELS = {"ECON": "Economy and finance", "GOVE": "Government and public sector", "STABLE": "Stable"}
KEYWORDS = {"ko": ("서울시", "주요업무보고", "행정사무감사", "예산"),  # and the offices' names
            "en": ("Seoul", "work report", "council audit", "budget")}


@dataclass(frozen=True)
class ReportSummary:
    """What the dataset's description says of a report it holds, all of it read from the report."""

    document: URIRef  # the report text's IRI
    office_ko: str  # the office as the report names it ('경제정책실')
    office_en: str | None  # its curated English name ('Economic Policy Office')
    year: int | None  # of the report's reference date
    audit_year: int | None  # of the audit whose results it reports
    tables: tuple[str, ...]  # of 'staffing', 'budget': the tables it prints
    plan: bool  # a work plan was read
    indicators: bool  # economic indicators were read

    @property
    def name_ko(self) -> str:
        """'서울시 경제정책실 2022 주요업무보고'."""
        return " ".join(("서울시", self.office_ko, *((str(self.year),) if self.year else ()), "주요업무보고"))

    @property
    def name_en(self) -> str:
        """"the Seoul Economic Policy Office's 2022 work report"."""
        year = f" {self.year}" if self.year else ""
        return f"the Seoul {self.office_en or self.office_ko}'s{year} work report"


def _texts(reports: Sequence[ReportSummary]) -> dict[str, dict[str, str]]:
    """The title, description and rights statement in Korean and English, naming the reports."""
    several = len(reports) > 1
    offices_ko = "·".join(dict.fromkeys(r.office_ko for r in reports))
    offices_en = " and ".join(dict.fromkeys(r.office_en or r.office_ko for r in reports))
    described_ko, described_en = [], []
    for report in reports:
        ko = ["조직"]
        en = ["its organisation" + (f", {' and '.join(report.tables)} tables" if report.tables else "")]
        if report.tables:
            ko.append("·".join({"staffing": "인력", "budget": "예산"}[t] for t in report.tables) + " 현황")
        if report.audit_year:
            ko.append(f"{report.audit_year} 행정사무감사 처리사항")
            en.append(f"the {report.audit_year} council audit's items and their follow-ups")
        if report.plan:
            ko.append(f"{report.year} 업무계획의 사업·시설·일정")
            en.append(f"the {report.year} work plan's programs, facilities and milestones")
        if report.indicators:
            ko.append("경제지표")
            en.append("the economic indicators it cites")
        listed_ko = f"{', '.join(ko[:-1])}{_particle(ko[-2], '과', '와')} {ko[-1]}" if len(ko) > 1 else ko[0]
        listed_en = " and ".join(en) if len(en) < 3 else ", ".join(en[:-1]) + ", and " + en[-1]
        described_ko.append(f"{report.name_ko}(시의회 보고)의 {listed_ko}{_particle(listed_ko, '을', '를')} "
                            "연결 데이터로 옮긴 것.")
        name_en = report.name_en.removeprefix("the Seoul ")
        described_en.append(f"The Seoul Metropolitan Government {name_en} to the city council as linked data: "
                            f"{listed_en}.")
    sources_ko = ", ".join(r.name_ko for r in reports)
    sources_en = ", ".join(r.name_en for r in reports)
    return {
        "title": {"ko": f"서울시 {offices_ko} 주요업무보고 지식그래프",
                  "en": f"seoulkg: knowledge graph of the Seoul {offices_en} work report{'s' if several else ''}"},
        "description": {
            "ko": " ".join(described_ko) + " 모든 사실은 보고서의 원문 행을 출처로 가진다.",
            "en": " ".join(described_en) + " Every fact cites the lines of the report it was read from."},
        "rights": {
            "ko": f"그래프(데이터)는 CC BY 4.0으로 제공된다. 원문인 {sources_ko}는 서울특별시의 저작물로, "
                  "그 본문에는 이용조건이나 공공누리 표시가 없다. 지방자치단체가 업무상 작성하여 공표한 저작물은 "
                  "저작권법 제24조의2에 따라 예외에 해당하지 않는 한 허락 없이 이용할 수 있으며, "
                  "출처를 밝혀야 한다(제37조). "
                  f"{'각' if several else '이'} 보고서가 언제 어디서 공표되었는지와 예외 해당 여부는 확인되지 않았다.",
            "en": (f"The graph (data) is licensed CC BY 4.0. The source{'s' if several else ''}, {sources_en}, "
                   f"{'are works' if several else 'is a work'} of the Seoul Metropolitan Government whose "
                   f"text{'s state' if several else ' states'} no terms of use and no 공공누리 (KOGL) mark. A work a "
                   "local government made in the course of its duties and made public may be used without "
                   "permission under Article 24-2 of the Korean Copyright Act unless an exception applies, naming "
                   f"its source (Article 37). Where and when {'each' if several else 'this'} report was made public, "
                   "and whether an exception applies, is not known.")},
    }


def _particle(word: str, after_consonant: str, after_vowel: str) -> str:
    """The Korean particle that follows `word`: '과'/'을' after a final consonant, '와'/'를' after a vowel."""
    last = word.rstrip()[-1:]
    final = "가" <= last <= "힣" and (ord(last) - ord("가")) % 28 != 0
    return after_consonant if final or (last.isdigit() and last in "013678") else after_vowel


def describe_dataset(graph: Graph, reports: Sequence[ReportSummary]) -> None:
    """Add the dataset's VoID/DCAT description: the graph of `reports` (one or more)."""
    texts = _texts(reports)
    kg = ID["dataset/seoulkg"]
    service = URIRef(BASE + "sparql")
    publisher = ID["agent/seoulkg-project"]
    contact = ID["dataset/seoulkg/contact"]
    add = graph.add
    for kind in (VOID.Dataset, DCAT.Dataset):
        add((kg, RDF.type, kind))
    for lang in ("ko", "en"):
        add((kg, DCTERMS.title, Literal(texts["title"][lang], lang=lang)))
        add((kg, DCTERMS.description, Literal(texts["description"][lang], lang=lang)))
        for keyword in KEYWORDS[lang]:
            add((kg, DCAT.keyword, Literal(keyword, lang=lang)))
    for report in reports:
        add((kg, DCAT.keyword, Literal(report.office_ko, lang="ko")))
        if report.office_en:
            add((kg, DCAT.keyword, Literal(report.office_en, lang="en")))
        add((kg, PROV.wasDerivedFrom, report.document))  # DCAT-AP's dct:source expects a dcat:Dataset
    add((kg, DCTERMS.publisher, publisher))
    add((publisher, RDF.type, FOAF.Agent))
    add((publisher, FOAF.name, Literal("seoulkg project", lang="en")))
    add((kg, DCAT.contactPoint, contact))
    add((contact, RDF.type, VCARD.Kind))
    add((contact, VCARD.fn, Literal("seoulkg project", lang="en")))
    add((contact, VCARD.hasURL, URIRef(BASE)))
    for theme in ("ECON", "GOVE"):  # economy and finance; government and public sector
        add((kg, DCAT.theme, _concept(graph, "data-theme", theme)))
    for language in ("KOR", "ENG"):
        add((kg, DCTERMS.language, URIRef(f"{EU}language/{language}")))
        add((URIRef(f"{EU}language/{language}"), RDF.type, DCTERMS.LinguisticSystem))
    add((kg, DCTERMS.spatial, SEOUL))
    add((SEOUL, RDF.type, DCTERMS.Location))
    for year in sorted({r.year for r in reports if r.year}):
        period = ID[f"dataset/seoulkg/temporal/{year}"]
        add((kg, DCTERMS.temporal, period))
        add((period, RDF.type, DCTERMS.PeriodOfTime))
        add((period, DCAT.startDate, Literal(dt.date(year, 1, 1))))
        add((period, DCAT.endDate, Literal(dt.date(year, 12, 31))))
    add((kg, DCAT_VERSION, Literal(__version__)))
    add((kg, DCTERMS.license, LICENCE))
    # the data's licence (the code's is Apache-2.0) and what is known of the source report's terms:
    # LICENSE-DATA.md says the same at length
    rights = ID["dataset/seoulkg/rights"]
    add((kg, DCTERMS.rights, rights))
    add((rights, RDF.type, DCTERMS.RightsStatement))
    for lang in ("ko", "en"):
        add((rights, RDFS.label, Literal(texts["rights"][lang], lang=lang)))
    add((kg, VOID.vocabulary, URIRef(str(SKG))))
    add((kg, VOID.uriSpace, Literal(str(ID))))
    add((kg, VOID.sparqlEndpoint, service))
    add((LICENCE, RDF.type, DCTERMS.LicenseDocument))
    for name, media, file_type, title in DUMPS:
        distribution = ID[f"dataset/seoulkg/distribution/{name.rsplit('.', 1)[-1]}"]
        url = URIRef(f"{BASE}dumps/{name}")
        add((kg, VOID.dataDump, url))
        _distribution(graph, kg, distribution, url, title)
        add((distribution, DCAT.downloadURL, url))
        add((distribution, DCAT.mediaType, URIRef(IANA + media)))
        add((URIRef(IANA + media), RDF.type, DCTERMS.MediaType))
        add((distribution, DCTERMS["format"], URIRef(f"{EU}file-type/{file_type}")))
        add((URIRef(f"{EU}file-type/{file_type}"), RDF.type, DCTERMS.MediaTypeOrExtent))
    endpoint = ID["dataset/seoulkg/distribution/sparql"]
    _distribution(graph, kg, endpoint, service, "SPARQL endpoint")
    add((endpoint, DCAT.accessService, service))
    add((endpoint, DCTERMS["format"], URIRef(f"{EU}file-type/SPARQLQ")))
    add((URIRef(f"{EU}file-type/SPARQLQ"), RDF.type, DCTERMS.MediaTypeOrExtent))
    add((service, RDF.type, DCAT.DataService))
    add((service, DCTERMS.title, Literal("seoulkg SPARQL endpoint", lang="en")))
    add((service, DCTERMS.title, Literal("seoulkg SPARQL 엔드포인트", lang="ko")))
    add((service, DCAT.endpointURL, service))
    add((service, DCAT.endpointDescription, service))  # the SPARQL 1.1 Service Description, by Accept
    add((service, DCAT.servesDataset, kg))
    add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    add((URIRef("https://www.w3.org/TR/sparql11-protocol/"), RDF.type, DCTERMS.Standard))
    add((service, DCTERMS.publisher, publisher))
    add((service, DCAT.contactPoint, contact))
    add((service, DCTERMS.license, LICENCE))
    for theme in ("ECON", "GOVE"):
        add((service, DCAT.theme, _concept(graph, "data-theme", theme)))
    for keyword in ("SPARQL", "linked data"):
        add((service, DCAT.keyword, Literal(keyword, lang="en")))
    # the count of every triple of the graph, this one included
    add((kg, VOID.triples, Literal(len(graph) + 1, datatype=XSD.integer)))


def _distribution(graph: Graph, kg: URIRef, distribution: URIRef, url: URIRef, title: str) -> None:
    """A distribution of the dataset reached at `url`, under the licence, stable."""
    graph.add((kg, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCAT.accessURL, url))
    graph.add((distribution, DCTERMS.title, Literal(f"seoulkg ({title})", lang="en")))
    graph.add((distribution, DCTERMS.description, Literal(f"The whole graph, {title}.", lang="en")))
    graph.add((distribution, DCTERMS.license, LICENCE))
    graph.add((distribution, DCATAP.availability, _concept(graph, "planned-availability", "STABLE")))


def _concept(graph: Graph, scheme: str, notation: str) -> URIRef:
    """A concept of an EU authority table, with its label. Not typed here: the properties' declared
    ranges make it a skos:Concept, and the project's own shapes keep to the project's code lists."""
    concept = URIRef(f"{EU}{scheme}/{notation}")
    graph.add((concept, SKOS.prefLabel, Literal(AUTHORITY_LABELS[notation], lang="en")))
    return concept
