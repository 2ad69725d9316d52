"""Licences and citation: LICENSE, LICENSE-DATA.md, CITATION.cff and the graph's dataset description agree."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from seoulkg.paths import BUILT_GRAPH, DEFAULT_SOURCE

REPO = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
DATASET = URIRef("https://w3id.org/seoulkg/id/dataset/seoulkg")


def _graph() -> Graph:
    return Graph().parse(BUILT_GRAPH)


def test_licence_files_are_the_ones_the_package_declares() -> None:
    assert PROJECT["license"] == "Apache-2.0 AND CC-BY-4.0"
    assert PROJECT["license-files"] == ["LICENSE", "LICENSE-DATA.md"]
    assert "Apache License\n                           Version 2.0, January 2004" in (REPO / "LICENSE").read_text()
    assert "https://creativecommons.org/licenses/by/4.0/" in (REPO / "LICENSE-DATA.md").read_text()


def test_citation_agrees_with_the_package() -> None:
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == PROJECT["version"]
    assert " AND ".join(citation["license"]) == PROJECT["license"]
    [report] = citation["references"]
    assert report["type"] == "report" and "경제정책실" in report["authors"][0]["name"]


def test_the_dataset_states_its_licence_and_the_source_reports_rights() -> None:
    graph = _graph()
    assert set(graph.objects(DATASET, DCTERMS.license)) == {CC_BY}
    [rights] = graph.objects(DATASET, DCTERMS.rights)
    assert (rights, RDF.type, DCTERMS.RightsStatement) in graph
    labels = {label.language: str(label) for label in graph.objects(rights, RDFS.label)
              if isinstance(label, Literal)}
    assert set(labels) == {"ko", "en"}
    assert "제24조의2" in labels["ko"] and "Article 24-2" in labels["en"]
    assert "공공누리" in labels["ko"] and "KOGL" in labels["en"]


def test_the_report_states_no_terms_of_its_own() -> None:
    """LICENSE-DATA.md and the rights statement say the report's text has no licence wording: keep it true."""
    text = DEFAULT_SOURCE.read_text(encoding="utf-8")
    assert not [word for word in ("공공누리", "KOGL", "저작권", "이용허락", "출처", "라이선스", "copyright")
                if word.lower() in text.lower()]


def test_the_served_description_carries_the_licence_and_the_rights_statement() -> None:
    from starlette.testclient import TestClient

    from seoulkg.web.app import create_app

    with TestClient(create_app([BUILT_GRAPH])) as client:
        served = Graph().parse(data=client.get("/.well-known/void", headers={"Accept": "text/turtle"}).text,
                               format="turtle")
    assert set(served.objects(DATASET, DCTERMS.license)) == {CC_BY}
    [rights] = served.objects(DATASET, DCTERMS.rights)
    assert {getattr(label, "language", None) for label in served.objects(rights, RDFS.label)} == {"ko", "en"}
