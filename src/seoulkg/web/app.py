"""The ASGI app (Starlette): SPARQL 1.1 Protocol, canned-query API, linked-data pages, dumps and VoID.

IRIs follow the 303 convention: a thing's IRI {base}id/… answers `303 See Other` pointing at the document
about it, {base}doc/….{html,ttl,jsonld,nt}, chosen by `Accept`; `/doc/…` without an extension negotiates
in place. Ontology terms are hash IRIs ({canonical base}ontology#term), served by the ontology document.
`--base-iri` moves the data, never the vocabulary, and pages link relative to the request, so the site
can be browsed wherever it runs (see iris.py).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from html import escape
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..errors import SeoulKGError
from ..namespaces import BASE, PREFIXES, SKG
from ..paths import ONTOLOGY
from ..queries import canned
from ..queries.charts import CHARTS
from ..store.files import load_store
from . import formats, metadata, ontodocs, pages, portal, querypage, resource
from .endpoint import HttpError, Limits, SparqlService, read_only, too_large
from .iris import MalformedPath, Resolver, rebase_quads, request_path, root

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
EXTENSIONS = {"html": formats.HTML, "ttl": "text/turtle", "nt": "application/n-triples",
              "jsonld": "application/ld+json"}
DUMPS = {"seoulkg.ttl": ox.RdfFormat.TURTLE, "seoulkg.nt": ox.RdfFormat.N_TRIPLES,
         "seoulkg.jsonld": ox.RdfFormat.JSON_LD}
VARY = {"Vary": "Accept"}


class Site:
    """The loaded graph and what is served from it under one base IRI."""

    def __init__(self, data: list[Path], base: str, limits: Limits) -> None:
        self.base = base if base.endswith("/") else base + "/"
        store = load_store(data)
        if self.base != BASE:  # the data moves, the vocabulary stays (iris.py)
            moved = ox.Store()
            moved.bulk_extend(rebase_quads(store, self.base))
            store = moved
        self.store = store
        self.triples = len(store)
        self.resolver = Resolver(store, self.base)
        self.dataset = ox.NamedNode(f"{self.base}id/dataset/seoulkg")
        self.about, self.offices = _home(store, self.dataset)
        # the workers answering SPARQL load the served triples from this file
        self.workdir = tempfile.TemporaryDirectory(prefix="seoulkg-serve-")
        served = Path(self.workdir.name) / "served.nt"
        store.dump(str(served), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        self.service = SparqlService(served, limits)
        self.queries = canned.catalogue()
        self.published = metadata.Dumps(data, self.base, self.prefixes())
        self.names = resource.Names(store)
        self.shapes = metadata.Published(metadata.shapes_turtle(), "text/turtle; charset=utf-8",
                                         self.published.modified)

    def close(self) -> None:
        self.service.close()
        self.workdir.cleanup()

    def table(self, query: str, client: str = "") -> tuple[list[str], list[list[str]]]:
        """A SELECT query's columns and rows as plain text, under the time limit."""
        results = json.loads(self.service.answer(query, None, "json", client)[0])
        columns = results["head"]["vars"]
        return columns, [[b.get(c, {}).get("value", "") for c in columns] for b in results["results"]["bindings"]]

    def rows(self, name: str, **params: str) -> list[dict[str, str]]:
        """A canned query's rows as plain text (for the charts)."""
        columns, rows = self.table(canned.prepare(self.queries[name], params))
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def label(self, iri: str) -> str:
        labels = solutions(self.store, f"SELECT ?l WHERE {{ <{iri}> <{LABEL}> ?l }}")
        found = {s["l"].language: s["l"].value for s in labels}
        return found.get("ko") or found.get("en") or next(iter(found.values()), None) or self.compact(iri)

    def compact(self, iri: str) -> str:
        """'rdf:type' for an IRI in a known namespace, else the IRI."""
        for prefix, namespace in self.prefixes().items():
            if iri.startswith(namespace) and len(iri) > len(namespace) and prefix != "id":
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    def prefixes(self) -> dict[str, str]:
        """The README's prefixes as served: `id:` is the data's base, the vocabulary's never move."""
        return {p: f"{self.base}id/" if p == "id" else ns for p, ns in PREFIXES.items()}

    def href(self, at: str) -> Callable[[str], str]:
        """How a page at relative root `at` links an IRI: through this site when it serves it."""

        def link(iri: str) -> str:
            local = self.resolver.local(iri)
            return at + local if local is not None else iri

        return link

    def description(self) -> list[ox.Triple]:
        """The dataset's VoID and DCAT description (the graph's own) and the endpoint's service description."""
        return metadata.description(self.store, self.dataset, ox.NamedNode(f"{self.base}sparql"))


# The offices whose plans or audits the graph holds, for the home page.
_OFFICES = """SELECT DISTINCT ?office ?label WHERE {
  { ?x a skg:WorkPlan ; dcterms:creator ?office } UNION { ?x a skg:AdministrativeAudit ; schema:about ?office }
  ?office rdfs:label ?label FILTER (lang(?label) = "ko")
} ORDER BY ?label ?office"""


def _home(store: ox.Store, dataset: ox.NamedNode) -> tuple[str, list[tuple[str, str]]]:
    """The dataset's English description (what the graph says of itself) and its offices (IRI, Korean name)."""
    about = next((q.object.value for q in store.quads_for_pattern(dataset, ox.NamedNode(DCTERMS + "description"), None)
                  if isinstance(q.object, ox.Literal) and q.object.language == "en"), "")
    prefixes = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("skg", "dcterms", "schema", "rdfs"))
    solutions = store.query(prefixes + _OFFICES)
    assert isinstance(solutions, ox.QuerySolutions)
    return about, [(row["office"].value, row["label"].value) for row in solutions]


def create_app(data: list[Path], base: str = BASE, limits: Limits | None = None) -> Starlette:
    """The app serving `data` (Turtle, N-Triples or JSON-LD files) under `base`, within `limits` (default
    `Limits()`)."""
    site = Site(data, base, limits or Limits())

    async def index(request: Request) -> Response:
        at = root(request.scope["raw_path"])
        links = "".join(f'<li><a href="{at}dumps/{n}">{n}</a></li>' for n in DUMPS)
        offices = "".join(f"<li><a href='{escape(site.href(at)(iri))}'>{escape(label)}</a></li>"
                          for iri, label in site.offices)
        body = (f"<h1>seoulkg</h1><p>{escape(site.about)}</p><p>{site.triples} triples.</p>"
                f"<ul><li><a href='{at}sparql'>SPARQL endpoint and query "
                f"page</a></li><li><a href='{at}api/openapi.json'>canned queries (OpenAPI)</a></li>{offices}"
                f"<li><a href='{at}dashboard'>dashboard (charts)</a></li>"
                f"<li><a href='{at}.well-known/void'>dataset description (VoID, DCAT)</a></li></ul>"
                f"<h2>Dumps</h2><ul>{links}</ul>")
        return HTMLResponse(pages.document("seoulkg", body, at))

    async def sparql(request: Request) -> Response:
        query, requested = await _sparql_request(request)
        if query is None:
            if requested is None and _negotiate(request, [formats.HTML, "text/turtle"]) == formats.HTML:
                texts = {name: canned.prepare(q, {}) for name, q in site.queries.items()}
                page = querypage.page(site.queries, texts, root(request.scope["raw_path"]), site.prefixes(),
                                      [site.base, BASE])
                return HTMLResponse(page, headers=VARY)
            # a client asking for data without a query gets the service description (VoID, DCAT)
            return _graph_response(request, site.description())
        async with site.service.admission(_client(request)):
            body, media = await run_in_threadpool(site.service.answer, query, request.headers.get("accept"),
                                                  requested, _client(request))
        return Response(body, media_type=media, headers=VARY)

    async def api(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in site.queries:
            raise HttpError(404, f"no canned query '{name}' (see api/openapi.json)")
        chosen = site.queries[name]
        params = {k: v for k, v in request.query_params.items() if k != "format"}
        try:
            text = canned.prepare(chosen, params)
        except SeoulKGError as exc:
            raise HttpError(400, str(exc)) from None
        requested = request.query_params.get("format")
        if requested == "html":
            async with site.service.admission(_client(request)):
                columns, rows = await run_in_threadpool(site.table, text, _client(request))
            return HTMLResponse(pages.results_table(columns, rows, chosen.title, root(request.scope["raw_path"])),
                                headers=VARY)
        async with site.service.admission(_client(request)):
            body, media = await run_in_threadpool(site.service.answer, text, request.headers.get("accept"),
                                                  requested, _client(request))
        return Response(body, media_type=media, headers=VARY)

    async def dashboard(request: Request) -> Response:
        charts = "".join([f"<figure>{await run_in_threadpool(chart, site.rows)}</figure>" for chart in CHARTS.values()])
        return HTMLResponse(pages.document("seoulkg dashboard", f"<h1>Dashboard</h1>{charts}",
                                           root(request.scope["raw_path"])))

    async def chart(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in CHARTS:
            raise HttpError(404, f"no chart '{name}' (charts: {', '.join(CHARTS)})")
        svg = await run_in_threadpool(CHARTS[name], site.rows, request.query_params.get("unit"))
        return Response(svg, media_type="image/svg+xml")

    async def openapi(request: Request) -> Response:
        return JSONResponse(_openapi(site))

    async def thing(request: Request) -> Response:
        key, _ = _resolve(site, request, "/id/")
        media = _negotiate_page(request)
        extension = next(e for e, m in EXTENSIONS.items() if m == media)
        location = f"{root(request.scope['raw_path'])}doc/{key[3:]}.{extension}"
        return Response(status_code=303, headers={"Location": location, **VARY})

    async def doc(request: Request) -> Response:
        raw = request.scope["raw_path"]
        stem, _, extension = raw.rpartition(b".")
        if extension.decode("latin-1") in EXTENSIONS and stem.startswith(b"/doc/") and len(stem) > 5:
            media = EXTENSIONS[extension.decode("latin-1")]
            key, iri = _resolve(site, request, "/doc/", stem)
        else:
            media = _negotiate_page(request)
            key, iri = _resolve(site, request, "/doc/")
        if media == formats.HTML:
            page = await run_in_threadpool(_resource_page, site, iri, key, root(raw), request)
            return HTMLResponse(page, headers=VARY)
        triples = site.store.query(f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} "
                                   f"WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}")
        assert isinstance(triples, ox.QueryTriples)
        fmt = formats.rdf_format(media)
        return Response(triples.serialize(format=fmt), media_type=fmt.media_type, headers=VARY)

    async def ontology(request: Request) -> Response:
        version = request.path_params.get("version")
        if version is not None and version != __version__:  # the version IRI …/ontology/{version}
            raise HttpError(404, f"no ontology version '{version}' here (this is {__version__})")
        media = _negotiate_page(request)
        if media == formats.HTML:
            at = root(request.scope["raw_path"])
            docs = ontodocs.page(portal.page_language(request), at)  # pyLODE's, generated in advance
            return HTMLResponse(docs or _ontology_page(site, at), headers=VARY)
        source = ONTOLOGY.read_text(encoding="utf-8")
        if media == "text/turtle":  # the ontology file itself, with its comments
            return Response(source, media_type="text/turtle; charset=utf-8", headers=VARY)
        graph = ox.Store()
        graph.load(source.encode("utf-8"), format=ox.RdfFormat.TURTLE)
        fmt = formats.rdf_format(media)
        return Response(graph.dump(format=fmt, from_graph=ox.DefaultGraph()), media_type=fmt.media_type, headers=VARY)

    async def void(request: Request) -> Response:
        return _graph_response(request, site.description())

    async def dump(request: Request) -> Response:
        name = request.path_params["name"]
        stem, gz = name.removesuffix(".gz"), name.endswith(".gz")
        if stem not in DUMPS:
            raise HttpError(404, f"no dump '{name}' (dumps: {', '.join(DUMPS)}, each also as .gz)")
        published = await run_in_threadpool(site.published.get, stem.rsplit(".", 1)[-1])
        return published.answer(request, as_gz=gz)

    async def context(request: Request) -> Response:
        return (await run_in_threadpool(site.published.get, "context")).answer(request)

    async def shapes(request: Request) -> Response:
        media = _negotiate(request, [formats.HTML, "text/turtle"]) if request.query_params.get("format") not in (
            "ttl", "turtle") else "text/turtle"
        if media == formats.HTML:
            return HTMLResponse(metadata.shapes_page(root(request.scope["raw_path"]), portal.page_language(request)),
                                headers=VARY)
        return site.shapes.answer(request)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HttpError)
        return PlainTextResponse(exc.message + "\n", status_code=exc.status)

    routes = [
        Route("/", index), Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/dashboard", dashboard), Route("/charts/{name}.svg", chart),
        Route("/api/openapi.json", openapi), Route("/api/{name}", api),
        Route("/id/{path:path}", thing), Route("/doc/{path:path}", doc), Route("/ontology", ontology),
        Route("/ontology/{version}", ontology),
        Route("/.well-known/void", void), Route("/dumps/{name}", dump), Route("/context.jsonld", context),
        Route("/shapes", shapes), Mount("/static", StaticFiles(directory=querypage.STATIC)),
        *portal.routes(site),
    ]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "HEAD", "POST"],
                             allow_headers=["Accept", "Content-Type"])]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={HttpError: http_error},
                    lifespan=_lifespan)
    app.state.site = site
    return app


def solutions(store: ox.Store, query: str) -> ox.QuerySolutions:
    """A SELECT query's solutions on the site's own store (the pages' queries, not users')."""
    found = store.query(query)
    assert isinstance(found, ox.QuerySolutions)
    return found


def _resolve(site: Site, request: Request, prefix: str, raw: bytes | None = None) -> tuple[str, str]:
    """The site path ('id/…', URI form) and the subject IRI a /id/ or /doc/ request names; 400 for a
    malformed escape, 404 for an IRI the graph says nothing about."""
    try:
        path = request_path(raw if raw is not None else request.scope["raw_path"])
    except MalformedPath as exc:
        raise HttpError(400, str(exc)) from None
    key = "id/" + path[len(prefix):]
    iri = site.resolver.iri(key)
    if iri is None:
        raise HttpError(404, f"nothing is known about {site.base}{key}")
    return key, iri


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
    if request.method in ("GET", "HEAD"):
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
        named = form.get("format")
        return form["query"][0], named[0] if named else requested
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


def _negotiate(request: Request, offered: list[str]) -> str:
    """The best of `offered` for the request's `format` or `Accept` (406 when none is acceptable)."""
    names = {e: m for e, m in EXTENSIONS.items() if m in offered}
    try:
        return formats.negotiate(offered, request.headers.get("accept"), request.query_params.get("format"), names)
    except formats.NotAcceptable as exc:
        raise HttpError(406, str(exc)) from None


def _negotiate_page(request: Request, offered_html: bool = True) -> str:
    return _negotiate(request, ([formats.HTML] if offered_html else []) + list(formats.RDF_MEDIA))


def _graph_response(request: Request, triples: list[ox.Triple]) -> Response:
    fmt = formats.rdf_format(_negotiate_page(request, offered_html=False))
    return Response(ox.serialize(triples, format=fmt), media_type=fmt.media_type, headers=VARY)


def _resource_page(site: Site, iri: str, key: str, at: str, request: Request) -> str:
    """`iri`'s page, served at site path 'doc/{key[3:]}' whose relative root is `at` (web/resource.py)."""
    formats_links = [(e, f"{at}doc/{key[3:]}.{e}") for e in ("ttl", "jsonld", "nt")]
    charts = ""
    if site.store.query(f"ASK {{ <{iri}> <http://www.w3.org/ns/org#classification> ?kind }}"):
        unit = site.label(iri)
        charts = "".join(f"<figure>{chart(site.rows, unit)}</figure>" for chart in CHARTS.values())
    return resource.page(site.store, site.names, iri, at, portal.page_language(request), dict(request.query_params),
                         site.href(at), site.compact, formats_links, charts)


def _ontology_page(site: Site, at: str) -> str:
    graph = Graph().parse(ONTOLOGY)
    rows = []
    for term in sorted({URIRef(str(s)) for s in graph.subjects(RDFS.isDefinedBy, None)}):
        labels = {lit.language: str(lit) for lit in graph.objects(term, RDFS.label) if isinstance(lit, Literal)}
        definition = next((str(d) for d in graph.objects(term, SKOS.definition)), "")
        kind = ", ".join(sorted(graph.qname(URIRef(str(t))) for t in graph.objects(term, RDF.type)))
        name = str(term).rsplit("#", 1)[-1]
        rows.append(f"<tr id='{name}'><th><code>skg:{name}</code><br>{labels.get('ko', '')}<br>"
                    f"{labels.get('en', '')}</th><td><span class=muted>{kind}</span><br>{definition}</td></tr>")
    body = (f"<h1>seoulkg ontology</h1><p><code>{SKG}</code> — "
            f"<a href='{at}ontology?format=ttl'>Turtle</a></p><table>{''.join(rows)}</table>")
    return pages.document("seoulkg ontology", body, at)


def _openapi(site: Site) -> dict[str, object]:
    """OpenAPI 3 description of the canned-query API."""
    kinds = {"xsd:date": {"type": "string", "format": "date"}, "xsd:integer": {"type": "integer"},
             "xsd:decimal": {"type": "number"}, "xsd:string": {"type": "string"},
             "iri": {"type": "string", "format": "uri"}}
    paths: dict[str, object] = {}
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
            "servers": [{"url": ".."}], "paths": paths}  # the site's root, relative to /api/openapi.json

