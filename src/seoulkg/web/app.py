"""The ASGI app (Starlette): SPARQL 1.1 Protocol, canned-query API, linked-data pages, dumps and VoID.

IRIs follow the 303 convention: a thing's IRI {base}id/… answers `303 See Other` pointing at the document
about it, {base}doc/….{html,ttl,jsonld,nt}, chosen by `Accept`; `/doc/…` without an extension negotiates
in place. Ontology terms are hash IRIs ({base}ontology#term), served by the ontology document.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID, XSD
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import __version__
from ..errors import SeoulKGError
from ..namespaces import BASE, PREFIXES
from ..paths import ONTOLOGY
from ..queries import canned
from ..queries.charts import CHARTS
from ..store.files import load_store
from . import formats, pages
from .endpoint import HttpError, Limits, SparqlService, read_only, too_large

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
SKG = "https://w3id.org/seoulkg/ontology#"
EXTENSIONS = {"html": formats.HTML, "ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json"}
DUMPS = {"seoulkg.ttl": ox.RdfFormat.TURTLE, "seoulkg.nt": ox.RdfFormat.N_TRIPLES,
         "seoulkg.jsonld": ox.RdfFormat.JSON_LD}


class Site:
    """The loaded graph and what is served from it under one base IRI."""

    def __init__(self, data: list[Path], base: str, limits: Limits) -> None:
        self.base = base if base.endswith("/") else base + "/"
        store = load_store(data)
        if self.base != BASE:
            text = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8")
            store = ox.Store()
            store.load(text.replace(f"<{BASE}", f"<{self.base}").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        self.store = store
        self.triples = len(store)
        # the workers answering SPARQL load the served triples from this file
        self.workdir = tempfile.TemporaryDirectory(prefix="seoulkg-serve-")
        served = Path(self.workdir.name) / "served.nt"
        store.dump(str(served), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        self.service = SparqlService(served, limits)
        self.queries = canned.catalogue()
        # the dumps carry the dataset's VoID and DCAT description too
        described = ox.Store()
        described.extend(store)
        described.load(_void(self).serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        self.dumps = {name: described.dump(format=fmt, from_graph=ox.DefaultGraph()) for name, fmt in DUMPS.items()}

    def close(self) -> None:
        self.service.close()
        self.workdir.cleanup()

    def rebase(self, text: str) -> str:
        return text.replace(BASE, self.base)

    def table(self, query: str) -> tuple[list[str], list[list[str]]]:
        """A SELECT query's columns and rows as plain text, under the time limit."""
        results = json.loads(self.service.answer(query, None, "json")[0])
        columns = results["head"]["vars"]
        return columns, [[b.get(c, {}).get("value", "") for c in columns] for b in results["results"]["bindings"]]

    def rows(self, name: str, **params: str) -> list[dict[str, str]]:
        """A canned query's rows as plain text (for the charts)."""
        columns, rows = self.table(self.rebase(canned.prepare(self.queries[name], params)))
        return [dict(zip(columns, row)) for row in rows]

    def label(self, iri: str) -> str:
        found = {s["l"].language: s["l"].value for s in self.store.query(
            f"SELECT ?l WHERE {{ <{iri}> <{LABEL}> ?l }}")}
        return found.get("ko") or found.get("en") or next(iter(found.values()), None) or self.compact(iri)

    def compact(self, iri: str) -> str:
        """'rdf:type' for an IRI in a known namespace, else the IRI."""
        for prefix, namespace in PREFIXES.items():
            namespace = self.rebase(namespace)
            if iri.startswith(namespace) and len(iri) > len(namespace) and prefix != "id":
                return f"{prefix}:{iri[len(namespace):]}"
        return iri


def create_app(data: list[Path], base: str = BASE, limits: Limits = Limits()) -> Starlette:
    """The app serving `data` (Turtle, N-Triples or JSON-LD files) under `base`."""
    site = Site(data, base, limits)

    async def index(request: Request) -> Response:
        links = "".join(f'<li><a href="{site.base}dumps/{n}">{n}</a></li>' for n in DUMPS)
        body = (f"<h1>seoulkg</h1><p>The Seoul Economic Policy Office's 2022 work report as linked data: "
                f"{site.triples} triples.</p><ul><li><a href='{site.base}sparql'>SPARQL endpoint and query "
                f"page</a></li><li><a href='{site.base}api/openapi.json'>canned queries (OpenAPI)</a></li>"
                f"<li><a href='{site.base}id/unit/economic-policy-office'>경제정책실</a></li>"
                f"<li><a href='{site.base}dashboard'>dashboard (charts)</a></li>"
                f"<li><a href='{site.base}.well-known/void'>dataset description (VoID, DCAT)</a></li></ul>"
                f"<h2>Dumps</h2><ul>{links}</ul>")
        return HTMLResponse(pages.document("seoulkg", body, site.base))

    async def sparql(request: Request) -> Response:
        query, requested = await _sparql_request(request)
        if query is None:
            texts = {name: site.rebase(canned.prepare(q, {})) for name, q in site.queries.items()}
            return HTMLResponse(pages.query_page(site.queries, texts, site.base))
        body, media = await run_in_threadpool(site.service.answer, query, request.headers.get("accept"), requested,
                                              _client(request))
        return Response(body, media_type=media)

    async def api(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in site.queries:
            raise HttpError(404, f"no canned query '{name}' (see {site.base}api/openapi.json)")
        query = site.queries[name]
        params = {k: v for k, v in request.query_params.items() if k != "format"}
        try:
            text = site.rebase(canned.prepare(query, params))
        except SeoulKGError as exc:
            raise HttpError(400, str(exc)) from None
        requested = request.query_params.get("format")
        if requested == "html":
            columns, rows = await run_in_threadpool(site.table, text)
            return HTMLResponse(pages.results_table(columns, rows, query.title, site.base))
        body, media = await run_in_threadpool(site.service.answer, text, request.headers.get("accept"), requested,
                                              _client(request))
        return Response(body, media_type=media)

    async def dashboard(request: Request) -> Response:
        charts = "".join([f"<figure>{await run_in_threadpool(chart, site.rows)}</figure>" for chart in CHARTS.values()])
        return HTMLResponse(pages.document("seoulkg dashboard", f"<h1>Dashboard</h1>{charts}", site.base))

    async def chart(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in CHARTS:
            raise HttpError(404, f"no chart '{name}' (charts: {', '.join(CHARTS)})")
        svg = await run_in_threadpool(CHARTS[name], site.rows, request.query_params.get("unit"))
        return Response(svg, media_type="image/svg+xml")

    async def openapi(request: Request) -> Response:
        return JSONResponse(_openapi(site))

    async def thing(request: Request) -> Response:
        path = request.path_params["path"]
        iri = f"{site.base}id/{path}"
        if not site.store.query(f"ASK {{ <{_iri(iri)}> ?p ?o }}"):
            raise HttpError(404, f"nothing is known about {iri}")
        media = _negotiate_page(request)
        extension = next(e for e, m in EXTENSIONS.items() if m == media)
        return RedirectResponse(f"{site.base}doc/{quote(path)}.{extension}", status_code=303,
                                headers={"Vary": "Accept"})

    async def doc(request: Request) -> Response:
        path = request.path_params["path"]
        stem, _, extension = path.rpartition(".")
        if extension in EXTENSIONS and stem:
            path, media = stem, EXTENSIONS[extension]
        else:
            media = _negotiate_page(request)
        iri = _iri(f"{site.base}id/{unquote(path)}")
        if not site.store.query(f"ASK {{ <{iri}> ?p ?o }}"):
            raise HttpError(404, f"nothing is known about {iri}")
        if media == formats.HTML:
            return HTMLResponse(await run_in_threadpool(_resource_page, site, iri, path))
        triples = site.store.query(f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} "
                                   f"WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}")
        fmt = formats.by_media(media)
        return Response(triples.serialize(format=fmt), media_type=fmt.media_type, headers={"Vary": "Accept"})

    async def ontology(request: Request) -> Response:
        media = _negotiate_page(request)
        if media == formats.HTML:
            return HTMLResponse(_ontology_page(site))
        source = site.rebase(ONTOLOGY.read_text(encoding="utf-8"))
        if media == "text/turtle":  # the ontology file itself, with its comments
            return Response(source, media_type="text/turtle; charset=utf-8")
        graph = ox.Store()
        graph.load(source.encode("utf-8"), format=ox.RdfFormat.TURTLE)
        fmt = formats.by_media(media)
        return Response(graph.dump(format=fmt, from_graph=ox.DefaultGraph()), media_type=fmt.media_type)

    async def void(request: Request) -> Response:
        description = _void(site)
        media = _negotiate_page(request, offered_html=False)
        fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}[media]
        return Response(description.serialize(format=fmt), media_type=media)

    async def dump(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in site.dumps:
            raise HttpError(404, f"no dump '{name}' (dumps: {', '.join(DUMPS)})")
        return Response(site.dumps[name], media_type=DUMPS[name].media_type,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    async def context(request: Request) -> Response:
        prefixes = {p: site.rebase(ns) for p, ns in PREFIXES.items()}
        return JSONResponse({"@context": prefixes}, media_type="application/ld+json")

    async def http_error(request: Request, exc: HttpError) -> Response:
        return PlainTextResponse(exc.message + "\n", status_code=exc.status)

    routes = [
        Route("/", index), Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/dashboard", dashboard), Route("/charts/{name}.svg", chart),
        Route("/api/openapi.json", openapi), Route("/api/{name}", api),
        Route("/id/{path:path}", thing), Route("/doc/{path:path}", doc), Route("/ontology", ontology),
        Route("/.well-known/void", void), Route("/dumps/{name}", dump), Route("/context.jsonld", context),
    ]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                             allow_headers=["Accept", "Content-Type"])]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={HttpError: http_error},
                    lifespan=_lifespan)
    app.state.site = site
    return app


@asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    yield
    app.state.site.close()


def _client(request: Request) -> str:
    """Who is asking, for sharing the workers fairly: the peer's address."""
    return request.client.host if request.client else ""


_DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")


def _refuse_dataset(names: object) -> None:
    """400 for the protocol's dataset parameters: the endpoint serves one default graph."""
    given = [p for p in _DATASET_PARAMETERS if p in names]  # type: ignore[operator]
    if given:
        raise HttpError(400, f"{' and '.join(given)} refused: this endpoint serves one default graph "
                             "(leave the parameter out)")


async def _sparql_request(request: Request) -> tuple[str | None, str | None]:
    """The query of a SPARQL 1.1 Protocol request (GET, form POST or direct POST) and a `format`."""
    requested = request.query_params.get("format")
    _refuse_dataset(request.query_params)
    if request.method == "GET":
        if "update" in request.query_params:
            raise read_only()
        return request.query_params.get("query"), requested
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update":
        raise read_only()
    if content_type == "application/sparql-query":
        return (await _body(request)).decode("utf-8", errors="replace"), requested
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs((await _body(request)).decode("utf-8", errors="replace"))
        if "update" in form:
            raise read_only()
        _refuse_dataset(form)
        if len(form.get("query", [])) != 1:
            raise HttpError(400, "a form POST needs exactly one 'query' field")
        return form["query"][0], (form.get("format") or [requested])[0]
    raise HttpError(415, f"unsupported content type '{content_type}': send application/sparql-query "
                         "or a form with 'query'")


async def _body(request: Request) -> bytes:
    """The request's body, refused with 413 as soon as it exceeds the limit (never read whole first)."""
    limits: Limits = request.app.state.site.service.limits
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_query_bytes:
        raise too_large(limits)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limits.max_query_bytes:
            raise too_large(limits)
    return bytes(body)


def _negotiate_page(request: Request, offered_html: bool = True) -> str:
    offered = ([formats.HTML] if offered_html else []) + ["text/turtle", "application/ld+json",
                                                          "application/n-triples"]
    names = {e: m for e, m in EXTENSIONS.items() if m in offered}
    try:
        return formats.negotiate(offered, request.headers.get("accept"), request.query_params.get("format"), names)
    except formats.NotAcceptable as exc:
        raise HttpError(406, str(exc)) from None


def _iri(text: str) -> str:
    """An IRI safe to write between < and > in a query; 400 for one that is not."""
    if any(c in text for c in '<>"{}|\\^`') or any(ord(c) <= 0x20 for c in text):
        raise HttpError(400, "malformed IRI")
    return text


def _resource_page(site: Site, iri: str, path: str) -> str:
    store = site.store
    outgoing = list(store.query(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }} ORDER BY ?p ?o"))
    incoming = list(store.query(f"SELECT ?s ?p WHERE {{ ?s ?p <{iri}> }} ORDER BY ?p ?s LIMIT 500"))
    iris = {t.value for row in outgoing + incoming for t in row if isinstance(t, ox.NamedNode)}
    labels = {i: site.label(i) for i in iris}
    quotes = [(int(r["a"].value), int(r["b"].value), r["text"].value) for r in store.query(
        f"SELECT ?a ?b ?text WHERE {{ <{iri}> <{DERIVED}> ?span . ?span <{SKG}startLine> ?a ; "
        f"<{SKG}endLine> ?b ; <http://www.w3.org/ns/prov#value> ?text }} ORDER BY ?a")]
    rows = [(pages.term_html(r["p"], labels, site.base), pages.term_html(r["o"], labels, site.base))
            for r in outgoing if r["p"].value != DERIVED]
    back = [(pages.term_html(r["p"], labels, site.base), pages.term_html(r["s"], labels, site.base))
            for r in incoming]
    formats_links = [(e, f"{site.base}doc/{path}.{e}") for e in ("ttl", "jsonld", "nt")]
    charts = ""
    if store.query(f"ASK {{ <{iri}> <http://www.w3.org/ns/org#classification> ?kind }}"):
        unit = site.label(iri)
        charts = "".join(f"<figure>{chart(site.rows, unit)}</figure>" for chart in CHARTS.values())
    return pages.resource_page(iri, site.label(iri), rows, back, quotes, site.base, formats_links, charts)


def _ontology_page(site: Site) -> str:
    graph = Graph().parse(ONTOLOGY)
    rows = []
    for term in sorted({s for s in graph.subjects(RDFS.isDefinedBy, None)}):
        labels = {lit.language: str(lit) for lit in graph.objects(term, RDFS.label)}
        definition = next((str(d) for d in graph.objects(term, URIRef("http://www.w3.org/2004/02/skos/core#definition"))), "")
        kind = ", ".join(sorted(graph.qname(t) for t in graph.objects(term, RDF.type)))
        name = str(term).rsplit("#", 1)[-1]
        rows.append(f"<tr id='{name}'><th><code>skg:{name}</code><br>{labels.get('ko', '')}<br>"
                    f"{labels.get('en', '')}</th><td><span class=muted>{kind}</span><br>{definition}</td></tr>")
    body = (f"<h1>seoulkg ontology</h1><p><code>{SKG}</code> — "
            f"<a href='?format=ttl'>Turtle</a></p><table>{''.join(rows)}</table>")
    return pages.document("seoulkg ontology", body, site.base)


def _void(site: Site) -> Graph:
    """VoID and DCAT: the dataset, its SPARQL endpoint, dumps, vocabulary, source and size."""
    graph = Graph()
    for prefix in ("void", "dcat", "dcterms"):
        graph.bind(prefix, PREFIXES[prefix])
    dataset = URIRef(f"{site.base}id/dataset/seoulkg")
    service = URIRef(f"{site.base}sparql")
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("seoulkg: the Seoul Economic Policy Office's 2022 work report", lang="en")))
    graph.add((dataset, DCTERMS.source, URIRef(f"{site.base}id/source/seoul-economic-policy-office-2022-work-report")))
    graph.add((dataset, DCTERMS.license, URIRef("https://www.apache.org/licenses/LICENSE-2.0")))
    graph.add((dataset, URIRef("http://www.w3.org/ns/dcat#version"), Literal(__version__)))
    graph.add((dataset, VOID.triples, Literal(site.triples, datatype=XSD.integer)))
    graph.add((dataset, VOID.sparqlEndpoint, service))
    graph.add((dataset, VOID.uriSpace, Literal(f"{site.base}id/")))
    graph.add((dataset, VOID.vocabulary, URIRef(site.rebase(SKG))))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCAT.endpointURL, service))
    graph.add((service, DCAT.servesDataset, dataset))
    for name, fmt in DUMPS.items():
        url = URIRef(f"{site.base}dumps/{name}")
        graph.add((dataset, VOID.dataDump, url))
        distribution = URIRef(f"{site.base}dumps/{name}#distribution")
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{fmt.media_type}")))
    return graph


def _openapi(site: Site) -> dict:
    """OpenAPI 3 description of the canned-query API."""
    kinds = {"xsd:date": {"type": "string", "format": "date"}, "xsd:integer": {"type": "integer"},
             "xsd:decimal": {"type": "number"}, "xsd:string": {"type": "string"},
             "iri": {"type": "string", "format": "uri"}}
    paths = {}
    for query in site.queries.values():
        parameters = [{"name": p.name, "in": "query", "required": False, "description": p.description,
                       "schema": {**kinds[p.type], **({"default": p.default} if p.default is not None else {})}}
                      for p in query.params]
        parameters.append({"name": "format", "in": "query", "required": False,
                           "schema": {"type": "string", "enum": [*formats.RESULT_FORMATS, "html"]}})
        paths[f"/api/{query.name}"] = {"get": {
            "summary": query.title, "description": query.description, "parameters": parameters,
            "responses": {"200": {"description": "the query's results", "content": {
                m: {} for m in formats.result_names().values()}},
                "400": {"description": "a malformed parameter"}}}}
    return {"openapi": "3.0.3", "info": {"title": "seoulkg canned queries", "version": __version__},
            "servers": [{"url": site.base.rstrip("/")}], "paths": paths}

