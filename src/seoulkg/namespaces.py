"""Namespaces and the IRI patterns of instance data (all readable slugs derived from the data)."""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, QB, RDF, RDFS, SKOS, VOID, XSD

BASE = "https://w3id.org/seoulkg/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")
SKG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
UNIT = Namespace("http://qudt.org/vocab/unit/")
CUR = Namespace("http://qudt.org/vocab/currency/")
SPDX = Namespace("http://spdx.org/rdf/terms#")

PREFIXES: dict[str, str] = {
    "skg": str(SKG), "id": str(ID), "org": str(ORG), "schema": str(SCHEMA), "qb": str(QB),
    "prov": str(PROV), "skos": str(SKOS), "dcterms": str(DCTERMS), "dcat": str(DCAT), "void": str(VOID),
    "sdmx-attribute": str(SDMX_ATTRIBUTE), "unit": str(UNIT), "cur": str(CUR), "spdx": str(SPDX),
    "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD),
    # the dataset's DCAT-AP description
    "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#", "dcatap": "http://data.europa.eu/r5r/",
}


def slug_iri(*parts: str) -> URIRef:
    """An IRI under id/ from path segments; non-ASCII segments (Korean names) are kept readable as IRIs."""
    return URIRef(str(ID) + "/".join(map(_segment, parts)))


def _segment(part: str) -> str:
    return "".join(c if "가" <= c <= "힣" else quote(c, safe="-._~") for c in part)


def code(scheme: str, notation: str | None = None) -> URIRef:
    """A code-list scheme (id/code/{scheme}) or one of its concepts (id/code/{scheme}/{notation})."""
    return slug_iri("code", scheme) if notation is None else slug_iri("code", scheme, notation)
