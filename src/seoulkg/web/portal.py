"""The portal's ways in: search (`/search`, HTML or JSON) and index pages of programs, facilities, audit
items and units, each paged, sortable and filterable. Everything is read from the served store once, at
start (the store is read-only while served), so a search is a scan of a few thousand strings in memory.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from . import pages
from .iris import root

if TYPE_CHECKING:
    from .app import Site

SKG = "https://w3id.org/seoulkg/ontology#"
# what search finds, in the order results of equal match rank are listed
KINDS = (("unit", "http://www.w3.org/ns/org#OrganizationalUnit", "조직", "unit"),
         ("unit", "http://www.w3.org/ns/org#FormalOrganization", "조직", "organisation"),
         ("program", SKG + "Program", "사업", "program"),
         ("facility", SKG + "Facility", "시설", "facility"),
         ("audit-item", SKG + "AuditItem", "감사 처리사항", "audit item"),
         ("concept", "http://www.w3.org/2004/02/skos/core#Concept", "코드", "code"))
NAMES = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
         "http://www.w3.org/2004/02/skos/core#altLabel", "http://www.w3.org/2004/02/skos/core#notation",
         SKG + "printedText")
PART_OF = "http://purl.org/dc/terms/isPartOf"
PAGE_SIZES = (25, 50, 100, 500)


def select(store: ox.Store, query: str) -> ox.QuerySolutions:
    """A SELECT query's solutions on the served store (the portal's own queries, never a user's)."""
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    return solutions


def _squash(text: str) -> str:
    """Lower case without spaces: the report letter-spaces names (`경 제 정 책 과`)."""
    return re.sub(r"\s+", "", text).casefold()


@dataclass
class Entry:
    iri: str
    kind: str  # unit, program, part, facility, audit-item, concept
    type: str  # the class IRI
    labels: dict[str, str]  # language ('' for none) -> label
    names: list[str]  # every searchable name, squashed

    def label(self, lang: str) -> str:
        other = "en" if lang == "ko" else "ko"
        return self.labels.get(lang) or self.labels.get(other) or next(iter(self.labels.values()), self.iri)


class Search:
    """Units, programs and their parts, facilities, audit items and code-list concepts, by any of their
    names (Korean or English label, notation, name as printed)."""

    def __init__(self, store: ox.Store) -> None:
        self.entries: dict[str, Entry] = {}
        order = {"unit": 0, "program": 1, "part": 2, "facility": 3, "audit-item": 4, "concept": 5}
        parts = {r["s"].value for r in select(store,
            f"SELECT ?s WHERE {{ ?s a <{SKG}Program> ; <{PART_OF}> ?p . ?p a <{SKG}Program> }}")}
        for kind, cls, _, _ in KINDS:
            for row in select(store, f"SELECT ?s ?p ?name WHERE {{ ?s a <{cls}> ; ?p ?name . "
                                   f"VALUES ?p {{ {' '.join(f'<{n}>' for n in NAMES)} }} }}"):
                iri = row["s"].value
                kind_here = "part" if kind == "program" and iri in parts else kind
                entry = self.entries.setdefault(iri, Entry(iri, kind_here, cls, {}, []))
                name = row["name"]
                if row["p"].value.endswith("#label") or row["p"].value.endswith("#prefLabel"):
                    entry.labels.setdefault(name.language or "", name.value)
                entry.names.append(_squash(name.value))
        self.order = order

    def find(self, query: str) -> list[Entry]:
        """Entries any of whose names contains the query (spaces and case ignored): exact names first,
        then names starting with it, then the rest; within each, units before programs, parts,
        facilities, audit items and codes, shorter names first."""
        wanted = _squash(query)
        if not wanted:
            return []
        ranked = []
        for entry in self.entries.values():
            ranks = [0 if n == wanted else 1 if n.startswith(wanted) else 2 for n in entry.names if wanted in n]
            if ranks:
                shortest = min(len(n) for n in entry.names if wanted in n)
                ranked.append(((min(ranks), self.order[entry.kind], shortest, entry.label("ko")), entry))
        return [entry for _, entry in sorted(ranked, key=lambda pair: pair[0])]


KIND_NAMES = {"unit": ("조직", "unit"), "program": ("사업", "program"), "part": ("세부사업", "program part"),
              "facility": ("시설", "facility"), "audit-item": ("감사 처리사항", "audit item"),
              "concept": ("코드", "code")}


def search_page(search: Search, query: str, lang: str, at: str, page: int, size: int,
                link: Callable[[str], str]) -> str:
    found = search.find(query)
    heading = {"ko": "검색", "en": "Search"}[lang]
    start = (page - 1) * size
    rows = "".join(
        f'<tr><td><a href="{escape(link(e.iri))}">{escape(e.label(lang))}</a>'
        f'{_other(e, lang)}</td><td>{KIND_NAMES[e.kind][0 if lang == "ko" else 1]}</td></tr>'
        for e in found[start:start + size])
    summary = {"ko": f"‘{escape(query)}’: {len(found):,}건", "en": f"‘{escape(query)}’: {len(found):,} found"}[lang]
    body = (f"<h1>{heading}</h1>{search_form(at, query, lang)}"
            + (f"<p>{summary}</p><table class=index><tbody>{rows}</tbody></table>"
               f"{_pager(at + 'search', {'q': query, 'lang': lang}, page, size, len(found), lang)}"
               if query.strip() else ""))
    return pages.document(f"{heading}: {query}" if query else heading, body, at, lang)


def _other(entry: Entry, lang: str) -> str:
    """The label in the other language, muted, when there is one."""
    other = entry.labels.get("en" if lang == "ko" else "ko")
    return f' <span class=muted>{escape(other)}</span>' if other and other != entry.label(lang) else ""


def search_json(search: Search, query: str, lang: str, limit: int = 100) -> list[dict[str, str]]:
    return [{"iri": e.iri, "label": e.label(lang), "type": e.type, "kind": e.kind} for e in search.find(query)[:limit]]


def search_form(at: str, query: str = "", lang: str = "ko") -> str:
    placeholder = {"ko": "조직, 사업, 시설, 감사 처리사항 검색",
                   "en": "search units, programs, facilities, audit items"}
    hidden = '<input type=hidden name=lang value=en>' if lang == "en" else ""
    return (f'<form class=search action="{at}search" method=get role=search>'
            f'<input type=search name=q value="{escape(query)}" placeholder="{placeholder[lang]}" '
            f'aria-label="search">{hidden}<button type=submit>{"검색" if lang == "ko" else "Search"}</button></form>')


# ---------------------------------------------------------------- index pages

@dataclass(frozen=True)
class Column:
    key: str
    ko: str
    en: str
    numeric: bool = False


@dataclass(frozen=True)
class Index:
    """An index page: a SELECT query whose variables are the columns (`?x_iri` makes column x a link)."""
    path: str
    ko: str
    en: str
    columns: tuple[Column, ...]
    query: str


P = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
     "PREFIX org: <http://www.w3.org/ns/org#> PREFIX schema: <https://schema.org/> "
     f"PREFIX skg: <{SKG}> PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX qb: <http://purl.org/linked-data/cube#> ")


def _count(var: str, pattern: str, key: str) -> str:
    """A SPARQL fragment binding ?{var}: how many distinct ?x match `pattern` for ?{key} (0 for none)."""
    return (f"OPTIONAL {{ SELECT ?{key} (COUNT(DISTINCT ?x) AS ?{var}_n) WHERE {{ {pattern} }} GROUP BY ?{key} }} "
            f"BIND(COALESCE(?{var}_n, 0) AS ?{var})")


def _one(var: str, pattern: str, key: str) -> str:
    """A SPARQL fragment binding ?{var}: one value of ?x matching `pattern` for ?{key} (the least)."""
    return f"OPTIONAL {{ SELECT ?{key} (MIN(?x) AS ?{var}) WHERE {{ {pattern} }} GROUP BY ?{key} }}"


INDEXES = {
    "programs": Index("programs", "사업", "Programs", (
        Column("number", "번호", "no."), Column("program", "사업", "program"), Column("area", "분야", "area"),
        Column("owner", "담당", "owner"), Column("parts", "세부사업", "parts", True),
        Column("facilities", "시설", "facilities", True), Column("audit_items", "감사 처리사항", "audit items", True)),
        P + "SELECT ?number ?program ?program_iri ?area ?area_iri ?owner ?owner_iri ?parts ?facilities ?audit_items "
        "WHERE { ?program_iri a skg:Program ; skg:strategicArea ?area_iri ; skg:programNumber ?n . "
        "  FILTER NOT EXISTS { ?program_iri dcterms:isPartOf/a skg:Program } "
        "  ?area_iri skos:notation ?an BIND(CONCAT(STR(?an), '.', STR(?n)) AS ?number) "
        + _one("owner_iri", "?program_iri skg:owner ?x", "program_iri")
        + _count("parts", "?x dcterms:isPartOf ?program_iri", "program_iri")
        + _count("facilities", "?program_iri (^dcterms:isPartOf)?/skg:facility ?x", "program_iri")
        + _count("audit_items", "?x skg:concerns ?program_iri", "program_iri")
        + " }"),
    "facilities": Index("facilities", "시설", "Facilities", (
        Column("facility", "시설", "facility"), Column("kind", "유형", "kind"), Column("address", "주소", "address"),
        Column("area_m2", "면적(㎡)", "area (㎡)", True), Column("progress", "공정률(%)", "progress (%)", True),
        Column("program", "사업", "program")),
        P + "SELECT ?facility ?facility_iri ?kind ?kind_iri ?address ?area_m2 ?progress ?program ?program_iri "
        "WHERE { ?facility_iri a skg:Facility . "
        + _one("kind_iri", "?facility_iri skg:facilityKind ?x", "facility_iri")
        + _one("address", "?facility_iri schema:address ?x", "facility_iri")
        + "OPTIONAL { SELECT ?facility_iri (MAX(?m2) AS ?area_m2) WHERE { "
        "  ?facility_iri schema:floorSize ?fs . ?fs schema:unitCode 'MTK' ; schema:value ?m2 } "
        "  GROUP BY ?facility_iri } "
        "OPTIONAL { SELECT ?facility_iri (MAX(?pc) AS ?progress) WHERE { "
        "  ?facility_iri skg:progress/schema:value ?pc } GROUP BY ?facility_iri } "
        + _one("program_iri", "?pp skg:facility ?facility_iri . OPTIONAL { ?pp dcterms:isPartOf ?whole . "
               "?whole a skg:Program } BIND(COALESCE(?whole, ?pp) AS ?x)", "facility_iri")
        + " }"),
    "audit-items": Index("audit-items", "감사 처리사항", "Audit items", (
        Column("item", "처리사항", "item"), Column("number", "번호", "no.", True),
        Column("category", "구분", "category"), Column("unit", "부서", "unit"), Column("status", "추진상황", "status"),
        Column("latest_due", "최종 기한", "latest due")),
        P + "SELECT ?item ?item_iri ?number ?category ?category_iri ?unit ?unit_iri ?status ?status_iri ?latest_due "
        "WHERE { ?item_iri a skg:AuditItem ; skg:itemNumber ?number ; skg:auditCategory ?category_iri ; "
        "  skg:auditStatus ?status_iri . "
        + _one("unit_iri", "?item_iri schema:agent ?x", "item_iri")
        + "OPTIONAL { SELECT ?item_iri (MAX(?d) AS ?latest_due) WHERE { ?item_iri skg:followUp/skg:dueDate ?d } "
        "  GROUP BY ?item_iri } "
        + " }"),
    "units": Index("units", "조직", "Units", (
        Column("unit", "조직", "unit"), Column("kind", "유형", "kind"), Column("parent", "상위", "part of"),
        Column("programs", "사업", "programs", True), Column("audit_items", "감사 처리사항", "audit items", True)),
        P + "SELECT ?unit ?unit_iri ?kind ?kind_iri ?parent ?parent_iri ?programs ?audit_items "
        "WHERE { ?unit_iri org:classification ?kind_iri . "
        + _one("parent_iri", "?unit_iri org:unitOf|org:linkedTo ?x", "unit_iri")
        + _count("programs", "?x skg:owner ?unit_iri", "unit_iri")
        + _count("audit_items", "?x schema:agent ?unit_iri", "unit_iri")
        + " }"),
}


def sort_key(value: str, numeric: bool) -> tuple:
    """Numbers as numbers (1, 2, 11, not 1, 11, 2), empty cells last; text in natural order ('1.10' after
    '1.9')."""
    if not value:
        return (1,)
    if numeric:
        try:
            return (0, float(value))
        except ValueError:
            pass
    return (0, tuple((0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in re.findall(r"\d+|\D+", value)))


class Labels:
    """Every resource's labels (rdfs:label, skos:prefLabel) by language, read once."""

    def __init__(self, store: ox.Store) -> None:
        self.labels: dict[str, dict[str, str]] = {}
        for row in select(store, "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label>"
                               "|<http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?s ?l"):
            self.labels.setdefault(row["s"].value, {}).setdefault(row["l"].language or "", row["l"].value)

    def __call__(self, iri: str, lang: str) -> str:
        found = self.labels.get(iri, {})
        return found.get(lang) or found.get("ko") or found.get("en") or next(iter(found.values()), iri)


def index_rows(store: ox.Store, index: Index, labels: Labels, lang: str) -> list[dict[str, str]]:
    """The index's rows, each column a value and, for a resource, its IRI under `{column}_iri`."""
    results = select(store, index.query)
    variables = [v.value for v in results.variables]
    rows = []
    for solution in results:
        row = {v: (solution[v].value if solution[v] is not None else "") for v in variables}
        for column in index.columns:
            if row.get(f"{column.key}_iri"):
                row[column.key] = labels(row[f"{column.key}_iri"], lang)
        rows.append(row)
    return rows


def index_page(store: ox.Store, index: Index, labels: Labels, at: str, lang: str, params: dict[str, str],
               link: Callable[[str], str]) -> str:
    """The index as a table: `filter` keeps rows containing it, `sort`/`order` orders by a column, `page`
    and `size` page it."""
    rows = index_rows(store, index, labels, lang)
    wanted = _squash(params.get("filter", ""))
    if wanted:
        rows = [r for r in rows if any(wanted in _squash(r.get(c.key, "")) for c in index.columns)]
    keys = {c.key: c for c in index.columns}
    sort = params.get("sort", "") if params.get("sort") in keys else index.columns[0].key
    descending = params.get("order") == "desc"
    first = index.columns[0]
    rows.sort(key=lambda r: (sort_key(r.get(sort, ""), keys[sort].numeric),
                             sort_key(r.get(first.key, ""), first.numeric)))
    if descending:
        rows.reverse()
    size = _int(params.get("size"), 50, PAGE_SIZES)
    pages_total = max(1, math.ceil(len(rows) / size))
    page = min(max(1, _int(params.get("page"), 1)), pages_total)
    state: dict[str, str] = {"lang": lang, "filter": params.get("filter", ""), "sort": sort,
             "order": "desc" if descending else "asc", "size": str(size)}
    head = "".join(_header(c, lang, state, at + index.path) for c in index.columns)
    body = "".join("<tr>" + "".join(_cell(row, c, link) for c in index.columns) + "</tr>"
                   for row in rows[(page - 1) * size:page * size])
    title = index.ko if lang == "ko" else index.en
    filter_form = (f'<form class=filter method=get action="{at}{index.path}">'
                   + "".join(f'<input type=hidden name={k} value="{escape(v)}">' for k, v in state.items()
                             if k in ("lang", "sort", "order", "size"))
                   + f'<input type=search name=filter value="{escape(state["filter"])}" aria-label="filter" '
                   f'placeholder="{"표에서 찾기" if lang == "ko" else "filter"}">'
                   f'<button>{"찾기" if lang == "ko" else "Filter"}</button></form>')
    count = f"{len(rows):,}{'건' if lang == 'ko' else ' rows'}"
    return pages.document(title, f"<h1>{title}</h1>{filter_form}<p class=count>{count}</p>"
                          f"<table class=index><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
                          f"{_pager(at + index.path, state, page, size, len(rows), lang)}", at, lang)


def _int(text: str | None, default: int, allowed: tuple[int, ...] | None = None) -> int:
    try:
        value = int(text or default)
    except ValueError:
        return default
    return value if allowed is None or value in allowed else default


def _header(column: Column, lang: str, state: dict[str, str], path: str) -> str:
    name = column.ko if lang == "ko" else column.en
    current = state["sort"] == column.key
    order = "desc" if current and state["order"] == "asc" else "asc"
    arrow = (" ▲" if state["order"] == "asc" else " ▼") if current else ""
    href = f"{path}?{urlencode({**state, 'sort': column.key, 'order': order})}"
    numeric = " class=num" if column.numeric else ""
    sorted_as = f' aria-sort="{"ascending" if state["order"] == "asc" else "descending"}"' if current else ""
    return (f'<th{numeric}{sorted_as} title="{escape(column.en if lang == "ko" else column.ko)}">'
            f'<a href="{escape(href)}" data-sort="{column.key}">{escape(name)}{arrow}</a></th>')


def _cell(row: dict[str, str], column: Column, link: Callable[[str], str]) -> str:
    value, iri = row.get(column.key, ""), row.get(f"{column.key}_iri", "")
    shown = f"{float(value):,.10g}" if column.numeric and value else escape(value)
    if iri:
        shown = f'<a href="{escape(link(iri))}">{escape(value or iri)}</a>'
    return f"<td class=num>{shown}</td>" if column.numeric else f"<td>{shown}</td>"


def _pager(path: str, state: dict[str, str], page: int, size: int, total: int, lang: str) -> str:
    last = max(1, math.ceil(total / size))
    if last == 1:
        return ""
    def go(n: int, text: str, rel: str = "") -> str:
        attr = f' rel="{rel}"' if rel else ""
        return f'<a href="{escape(path + "?" + urlencode({**state, "page": str(n)}))}"{attr}>{text}</a>'
    links = [go(n, str(n)) if n != page else f"<strong aria-current=page>{n}</strong>" for n in range(1, last + 1)]
    previous = go(page - 1, "‹ 이전" if lang == "ko" else "‹ previous", "prev") if page > 1 else ""
    following = go(page + 1, "다음 ›" if lang == "ko" else "next ›", "next") if page < last else ""
    return f'<nav class=pager>{previous} {" ".join(links)} {following}</nav>'


def page_language(request: Request) -> str:
    """The page's language: `?lang=en` for English, Korean otherwise."""
    return "en" if request.query_params.get("lang") == "en" else "ko"


def routes(site: Site) -> list[Route]:
    """The portal's routes on the served store: /search and the index pages."""
    store = site.store
    search = Search(store)
    labels = Labels(store)

    async def find(request: Request) -> Response:
        query, lang = request.query_params.get("q", "")[:200], page_language(request)
        accept = request.headers.get("accept", "")
        if request.query_params.get("format") == "json" or (
                "application/json" in accept and "text/html" not in accept):
            return JSONResponse(search_json(search, query, lang), headers={"Vary": "Accept"})
        page = max(1, _int(request.query_params.get("page"), 1))
        at = root(request.scope["raw_path"])
        return HTMLResponse(search_page(search, query, lang, at, page, 50, site.href(at)), headers={"Vary": "Accept"})

    def listing(index: Index):
        async def show(request: Request) -> Response:
            at = root(request.scope["raw_path"])
            html = await run_in_threadpool(index_page, store, index, labels, at, page_language(request),
                                           dict(request.query_params), site.href(at))
            return HTMLResponse(html)
        return show

    return [Route("/search", find)] + [Route(f"/{i.path}", listing(i)) for i in INDEXES.values()]
