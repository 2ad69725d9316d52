"""The ontology's documentation (pyLODE, Korean and English) at /ontology, the W3C content negotiation for
the ontology and its version IRI, and the w3id.org redirect rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF
from starlette.testclient import TestClient

from seoulkg import __version__
from seoulkg.paths import BUILT_GRAPH
from seoulkg.web.ontodocs import DOCS_DIR, LANGUAGES, generate

ONTOLOGY = URIRef("https://w3id.org/seoulkg/ontology")


@pytest.fixture(scope="module")
def client() -> TestClient:
    from seoulkg.web.app import create_app

    return TestClient(create_app([BUILT_GRAPH]))


def test_ontology_page_is_pylodes_documentation_in_both_languages(client: TestClient) -> None:
    korean = client.get("/ontology", headers={"Accept": "text/html"}).text
    assert "pyLODE/release/3.3.4" in korean and "https://w3id.org/seoulkg/ontology#AuditItem" in korean
    assert ">감사 처리사항<" in korean and ">행정사무감사<" in korean
    english = client.get("/ontology", params={"lang": "en"}, headers={"Accept": "text/html"}).text
    assert ">audit item<" in english and ">administrative audit<" in english and ">감사 처리사항<" not in english
    assert 'href="./ontology?lang=en"' in korean  # the other language, one click away


@pytest.mark.parametrize("path", ["/ontology", f"/ontology/{__version__}"])
@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                         ("application/n-triples", "nt")])
def test_ontology_and_version_iri_negotiate(client: TestClient, path: str, accept: str, fmt: str) -> None:
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert "Accept" in response.headers["vary"]
    graph = Graph().parse(data=response.text, format=fmt)
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in graph
    assert (ONTOLOGY, OWL.versionIRI, URIRef(f"{ONTOLOGY}/{__version__}")) in graph
    assert "pyLODE" in client.get(path, headers={"Accept": "text/html"}).text


def test_other_versions_are_not_found(client: TestClient) -> None:
    response = client.get("/ontology/9.9.9", headers={"Accept": "text/turtle"})
    assert response.status_code == 404 and __version__ in response.text


def test_w3id_rules_send_each_kind_of_iri_to_the_portal() -> None:
    rules = [(re.compile(m[1]), m[2]) for m in re.finditer(r"^RewriteRule (\S+) (\S+) \[([^\]]*)\]",
             (Path(__file__).parents[1] / "w3id" / ".htaccess").read_text(encoding="utf-8"), re.M)]

    def first(path: str) -> str:
        return next(target for pattern, target in rules if pattern.search(path))

    assert first("ontology") == "https://HOST/ontology$1?format=ttl"  # the first (Turtle) rule
    assert all(p.search(f"ontology/{__version__}") for p, t in rules if "ontology" in t)
    assert first("id/unit/jobs-policy-division") == "https://HOST/id/$1"
    assert first("dumps/seoulkg.ttl.gz") == "https://HOST/$1"


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_shipped_documentation_is_fresh(lang: str) -> None:
    """Fails when the ontology changed without `python -m seoulkg.web.ontodocs`. pyLODE lists the members of
    a union (a domain "A or B") in no fixed order, so the lines are compared as a multiset."""
    shipped = (DOCS_DIR / f"seoulkg.{lang}.html").read_text(encoding="utf-8")
    assert sorted(shipped.splitlines()) == sorted(generate(lang).splitlines())
