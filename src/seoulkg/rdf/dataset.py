"""The dataset's own description: VoID and DCAT, in the form DCAT-AP 3.0.0 asks for.

Mandatory and recommended DCAT-AP properties are given where the report or the project states them;
the code lists are the EU Publications Office's authority tables (data themes, file types, languages,
availability) and the IANA media types. Not given, as nothing states them: the publisher's type and
the place's bounding box and centroid. The triple count is written last and counts itself, so that it
equals the number of triples in the dumps.
"""

from __future__ import annotations

import datetime as dt

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, VOID, XSD

from .. import __version__
from ..namespaces import BASE, ID, SKG

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
TITLE = {"ko": "서울시 경제정책실 주요업무보고 지식그래프",
         "en": "seoulkg: knowledge graph of the Seoul Economic Policy Office work report"}
DESCRIPTION = {
    "ko": "서울시 경제정책실 2022 주요업무보고(시의회 보고)의 조직, 인력·예산 현황, 2021 행정사무감사 처리사항, "
          "2022 업무계획의 사업·시설·일정과 경제지표를 연결 데이터로 옮긴 것. 모든 사실은 보고서의 원문 행을 "
          "출처로 가진다.",
    "en": "The Seoul Metropolitan Government Economic Policy Office's 2022 work report to the city council "
          "as linked data: its organisation, staffing and budget tables, the 2021 council audit's items and "
          "their follow-ups, the 2022 work plan's programs, facilities and milestones, and the economic "
          "indicators it cites. Every fact cites the lines of the report it was read from.",
}
# the authority tables' English labels of the concepts used
AUTHORITY_LABELS = {"ECON": "Economy and finance", "GOVE": "Government and public sector", "STABLE": "Stable"}
KEYWORDS = {"ko": ("서울시", "경제정책실", "주요업무보고", "행정사무감사", "예산", "일자리"),
            "en": ("Seoul", "economic policy", "work report", "council audit", "budget", "jobs")}


def describe_dataset(graph: Graph, document: URIRef, year: int | None) -> None:
    """Add the dataset's VoID/DCAT description (derived from `document`, the report of `year`)."""
    kg = ID["dataset/seoulkg"]
    service = URIRef(BASE + "sparql")
    publisher = ID["agent/seoulkg-project"]
    contact = ID["dataset/seoulkg/contact"]
    add = graph.add
    for kind in (VOID.Dataset, DCAT.Dataset):
        add((kg, RDF.type, kind))
    for lang in ("ko", "en"):
        add((kg, DCTERMS.title, Literal(TITLE[lang], lang=lang)))
        add((kg, DCTERMS.description, Literal(DESCRIPTION[lang], lang=lang)))
        for keyword in KEYWORDS[lang]:
            add((kg, DCAT.keyword, Literal(keyword, lang=lang)))
    add((kg, PROV.wasDerivedFrom, document))  # the report; DCAT-AP's dct:source expects a dcat:Dataset
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
    if year:
        period = ID[f"dataset/seoulkg/temporal/{year}"]
        add((kg, DCTERMS.temporal, period))
        add((period, RDF.type, DCTERMS.PeriodOfTime))
        add((period, DCAT.startDate, Literal(dt.date(year, 1, 1))))
        add((period, DCAT.endDate, Literal(dt.date(year, 12, 31))))
    add((kg, DCAT["version"], Literal(__version__)))
    add((kg, DCTERMS.license, LICENCE))
    # the data's licence (the code's is Apache-2.0) and what is known of the source report's terms:
    # LICENSE-DATA.md says the same at length
    rights = ID["dataset/seoulkg/rights"]
    add((kg, DCTERMS.rights, rights))
    add((rights, RDF.type, DCTERMS.RightsStatement))
    add((rights, RDFS.label, Literal(
        "그래프(데이터)는 CC BY 4.0으로 제공된다. 원문인 서울시 경제정책실 2022 주요업무보고는 서울특별시의 저작물로, "
        "그 본문에는 이용조건이나 공공누리 표시가 없다. 지방자치단체가 업무상 작성하여 공표한 저작물은 저작권법 "
        "제24조의2에 따라 예외에 해당하지 않는 한 허락 없이 이용할 수 있으며, 출처를 밝혀야 한다(제37조). 이 보고서가 "
        "언제 어디서 공표되었는지와 예외 해당 여부는 확인되지 않았다.", lang="ko")))
    add((rights, RDFS.label, Literal(
        "The graph (data) is licensed CC BY 4.0. The source, the Seoul Economic Policy Office's 2022 work report, "
        "is a work of the Seoul Metropolitan Government whose text states no terms of use and no 공공누리 (KOGL) "
        "mark. A work a local government made in the course of its duties and made public may be used without "
        "permission under Article 24-2 of the Korean Copyright Act unless an exception applies, naming its source "
        "(Article 37). Where and when this report was made public, and whether an exception applies, is not "
        "known.", lang="en")))
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
