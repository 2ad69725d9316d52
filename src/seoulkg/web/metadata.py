"""What the site publishes about its data: the dumps (Turtle with prefixes, N-Triples, JSON-LD compacted
with the one published `@context`, each also gzipped), the dataset's description with the SPARQL 1.1
Service Description, and the shapes. Dumps and the shapes answer revalidation (ETag, Last-Modified, 304)
and `Accept-Encoding: gzip`.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import json
import threading
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from starlette.requests import Request
from starlette.responses import Response

from ..paths import SHAPES_DIR
from ..store.context import context_text, jsonld_context
from ..store.files import load_file
from . import pages
from .iris import rebase_quads
from .portal import select

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
VOID_URI_SPACE = "http://rdfs.org/ns/void#uriSpace"
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
DUMP_MEDIA = {"ttl": "text/turtle; charset=utf-8", "nt": "application/n-triples",
              "jsonld": "application/ld+json"}


class Published:
    """One published file: its bytes, gzipped bytes, media type, ETag and modification date."""

    def __init__(self, body: bytes, media: str, modified: float, filename: str = "") -> None:
        self.body, self.media, self.filename = body, media, filename
        self.gzipped = gzip.compress(body, compresslevel=6, mtime=0)
        self.etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        self.modified = email.utils.formatdate(modified, usegmt=True)

    def answer(self, request: Request, as_gz: bool = False) -> Response:
        """The file, or 304 when the client's copy is current; gzipped when asked (`.gz` or
        Accept-Encoding)."""
        encoded = not as_gz and "gzip" in request.headers.get("accept-encoding", "").lower()
        # each representation its own strong validator (RFC 9110 §8.8.3)
        etag = self.etag[:-1] + ("-gz" if as_gz else "-gzip" if encoded else "") + '"'
        headers = {"ETag": etag, "Last-Modified": self.modified, "Vary": "Accept-Encoding",
                   "Cache-Control": "public, max-age=3600"}
        if self.filename:
            name = self.filename + (".gz" if as_gz else "")
            headers["Content-Disposition"] = f'attachment; filename="{name}"'
        if _current(request, etag, self.modified):
            return Response(status_code=304, headers=headers)
        if as_gz:
            return Response(self.gzipped, media_type="application/gzip", headers=headers)
        if encoded:
            headers["Content-Encoding"] = "gzip"
            return Response(self.gzipped, media_type=self.media, headers=headers)
        return Response(self.body, media_type=self.media, headers=headers)


def _current(request: Request, etag: str, modified: str) -> bool:
    """Whether the client's cached copy is current (If-None-Match first, else If-Modified-Since)."""
    tags = request.headers.get("if-none-match")
    if tags is not None:
        return any(t.strip().removeprefix("W/") in (etag, "*") for t in tags.split(","))
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return email.utils.parsedate_to_datetime(since) >= email.utils.parsedate_to_datetime(modified)
        except (TypeError, ValueError):
            return False
    return False


class Dumps:
    """The data files as served (moved to the site's base), in three syntaxes, built on first use."""

    def __init__(self, data: list[Path], base: str, prefixes: dict[str, str]) -> None:
        self.data, self.base, self.prefixes = data, base, prefixes
        self.modified = max(p.stat().st_mtime for p in data)
        self.lock = threading.Lock()
        self.files: dict[str, Published] = {}

    def get(self, extension: str) -> Published:
        with self.lock:
            if not self.files:
                self.files = self._build()
        return self.files[extension]

    def store(self) -> ox.Store:
        loaded = ox.Store()
        for path in self.data:
            load_file(loaded, path)
        moved = ox.Store()
        moved.bulk_extend(_uri_space(rebase_quads(loaded, self.base), self.base))
        return moved

    def _build(self) -> dict[str, Published]:
        store = self.store()
        turtle = store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
                            prefixes=dict(sorted(self.prefixes.items()))) or b""
        dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
        lines = dumped.splitlines(keepends=True)
        ntriples = b"".join(sorted(lines))
        frame = jsonld_context(store, self.prefixes)
        graph = Graph().parse(data=ntriples.decode("utf-8"), format="nt")
        compacted = json.loads(graph.serialize(format="json-ld", context=frame["@context"], auto_compact=True))
        nodes = compacted.get("@graph", [compacted])
        for node in nodes:
            node.pop("@context", None)
        document = {"@context": frame["@context"], "@graph": sorted(nodes, key=lambda n: n.get("@id", ""))}
        jsonld = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"
        context_file = context_text(store, self.prefixes).encode("utf-8")
        return {"ttl": Published(turtle, DUMP_MEDIA["ttl"], self.modified, "seoulkg.ttl"),
                "nt": Published(ntriples, DUMP_MEDIA["nt"], self.modified, "seoulkg.nt"),
                "jsonld": Published(jsonld, DUMP_MEDIA["jsonld"], self.modified, "seoulkg.jsonld"),
                "context": Published(context_file, "application/ld+json", self.modified)}


def _uri_space(quads: Iterable[ox.Quad], base: str) -> Iterator[ox.Quad]:
    """The quads with the dataset's void:uriSpace (a literal, which rebasing leaves) under `base`."""
    for quad in quads:
        if quad.predicate.value == VOID_URI_SPACE:
            quad = ox.Quad(quad.subject, quad.predicate, ox.Literal(f"{base}id/"), quad.graph_name)
        yield quad


def description(store: ox.Store, dataset: ox.NamedNode, service: ox.NamedNode) -> list[ox.Triple]:
    """The dataset's VoID/DCAT description as the graph holds it (the dataset and what it describes, not
    the report it was derived from), and the SPARQL 1.1 Service Description of the endpoint."""
    derived = "http://www.w3.org/ns/prov#wasDerivedFrom"
    seen, frontier, triples = {dataset.value}, [dataset], []
    base = dataset.value.removesuffix("id/dataset/seoulkg")
    while frontier:
        subject = frontier.pop()
        for quad in _uri_space(store.quads_for_pattern(subject, None, None, ox.DefaultGraph()), base):
            triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
            if (isinstance(quad.object, ox.NamedNode) and quad.predicate.value != derived
                    and quad.predicate.value != "http://rdfs.org/ns/void#vocabulary"
                    and quad.object.value not in seen):
                seen.add(quad.object.value)
                frontier.append(quad.object)
    return sorted(set(triples), key=str) + service_description(service, dataset)


def service_description(service: ox.NamedNode, dataset: ox.NamedNode) -> list[ox.Triple]:
    """SPARQL 1.1 Service Description: the endpoint, its language, result formats and default dataset."""
    def node(iri: str) -> ox.NamedNode:
        return ox.NamedNode(iri)
    default = node(service.value + "#default-dataset")
    graph = node(service.value + "#default-graph")
    triples = [ox.Triple(service, node(RDF_TYPE), node(SD + "Service")),
               ox.Triple(service, node(SD + "endpoint"), service),
               ox.Triple(service, node(SD + "supportedLanguage"), node(SD + "SPARQL11Query")),
               ox.Triple(service, node(SD + "feature"), node(SD + "UnionDefaultGraph")),
               ox.Triple(service, node(SD + "defaultDataset"), default),
               ox.Triple(default, node(RDF_TYPE), node(SD + "Dataset")),
               ox.Triple(default, node(SD + "defaultGraph"), graph),
               ox.Triple(graph, node(RDF_TYPE), node(SD + "Graph")),
               ox.Triple(graph, node("http://purl.org/dc/terms/source"), dataset)]
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD"):
        triples.append(ox.Triple(service, node(SD + "resultFormat"), node(FORMATS + name)))
    return triples


def shapes_turtle() -> bytes:
    """The project's SHACL shapes, every file, as one Turtle document with the files' prefixes."""
    graph = Graph()
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph.serialize(format="turtle").encode("utf-8")


def shapes_page(at: str, lang: str) -> str:
    """Each shape with its targets and the messages of its constraints, in the page's language."""
    sh = "http://www.w3.org/ns/shacl#"
    graph = Graph()
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    store = ox.Store()
    store.load(graph.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    rows = []
    shapes = sorted({r["s"].value for r in select(store, f"SELECT ?s WHERE {{ ?s a <{sh}NodeShape> }}")})
    for shape in shapes:
        messages = sorted({(r["m"].language, r["m"].value) for r in select(store,
            f"SELECT ?m WHERE {{ <{shape}> (<{sh}property>|<{sh}sparql>)?/<{sh}message> ?m }}")})
        targets = sorted({graph.qname(r["t"].value) for r in select(store,
            f"SELECT ?t WHERE {{ <{shape}> <{sh}targetClass>|<{sh}targetObjectsOf>|<{sh}targetSubjectsOf> ?t }}")})
        wanted = [m for language, m in messages if language == lang] or [m for _, m in messages]
        name = shape.rsplit("#", 1)[-1]
        rows.append(f"<tr id='{escape(name)}'><th><code>{escape(name)}</code><br><span class=muted>"
                    f"{escape(', '.join(targets))}</span></th><td><ul>"
                    + "".join(f"<li>{escape(m)}</li>" for m in wanted) + "</ul></td></tr>")
    title = "SHACL 형상" if lang == "ko" else "SHACL shapes"
    intro = (f"<p>{len(shapes)} {'개 형상' if lang == 'ko' else 'shapes'} — "
             f"<a href='{at}shapes?format=ttl'>Turtle</a></p>")
    return pages.document(title, f"<h1>{title}</h1>{intro}<table>{''.join(rows)}</table>", at, lang)
