"""A resource's page that shows its facts: literal values inline with their units and as-of dates, the
parts it owns (floor area, cost, progress, milestones, follow-ups) unfolded in place, property names in
the page's language (the other on hover), "linked from" paged with its total, values in natural order
(numbers as numbers), and the source lines it was read from."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from html import escape
from urllib.parse import urlencode

import pyoxigraph as ox

from . import pages
from .portal import select, sort_key

SKG = "https://w3id.org/seoulkg/ontology#"
SCHEMA = "https://schema.org/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
HIDDEN = {DERIVED, "http://www.w3.org/ns/prov#wasGeneratedBy"}
PAGE = 50  # rows of "linked from" a page
# names of the standard properties the graph uses (the ontology labels its own, skg:, in both languages)
STANDARD = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": ("유형", "type"),
    RDFS_LABEL: ("이름", "label"), SKOS_PREF: ("이름", "preferred label"),
    "http://www.w3.org/2004/02/skos/core#altLabel": ("다른 이름", "alternative label"),
    "http://www.w3.org/2004/02/skos/core#notation": ("표기", "notation"),
    "http://www.w3.org/2004/02/skos/core#definition": ("정의", "definition"),
    "http://www.w3.org/2004/02/skos/core#inScheme": ("코드 목록", "in scheme"),
    "http://www.w3.org/2004/02/skos/core#broader": ("상위 개념", "broader"),
    "http://www.w3.org/ns/org#unitOf": ("상위 조직", "unit of"),
    "http://www.w3.org/ns/org#hasUnit": ("하위 조직", "has unit"),
    "http://www.w3.org/ns/org#classification": ("조직 유형", "classification"),
    "http://www.w3.org/ns/org#linkedTo": ("연계 기관", "linked to"),
    SCHEMA + "address": ("주소", "address"), SCHEMA + "floorSize": ("면적", "floor size"),
    SCHEMA + "description": ("설명", "description"), SCHEMA + "agent": ("담당 부서", "responsible unit"),
    SCHEMA + "containedInPlace": ("소재", "contained in"), SCHEMA + "value": ("값", "value"),
    SCHEMA + "unitText": ("단위", "unit"), SCHEMA + "unitCode": ("단위 코드", "unit code"),
    SCHEMA + "currency": ("통화", "currency"),
    "http://purl.org/dc/terms/isPartOf": ("소속", "part of"), "http://purl.org/dc/terms/title": ("제목", "title"),
    "http://purl.org/dc/terms/creator": ("작성", "creator"),
    "http://purl.org/linked-data/cube#dataSet": ("데이터셋", "dataset"),
    "http://purl.org/linked-data/cube#measureType": ("측정값", "measure"),
    "http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure": ("단위", "unit of measure"),
}
FACTS = (SKG + "printedText", SCHEMA + "value", SCHEMA + "unitText", SCHEMA + "currency", SKG + "dateText",
         SKG + "startDate", SKG + "dueDate", SKG + "referenceDate", SCHEMA + "description", SKG + "areaBasis",
         SKG + "budgetLabel", SKG + "eventKind")


class Names:
    """Property and resource names in a language, from the store's labels."""

    def __init__(self, store: ox.Store) -> None:
        self.labels: dict[str, dict[str, str]] = {}
        for row in select(store, f"SELECT ?s ?l WHERE {{ ?s <{RDFS_LABEL}>|<{SKOS_PREF}> ?l }} ORDER BY ?s ?l"):
            self.labels.setdefault(row["s"].value, {}).setdefault(row["l"].language or "", row["l"].value)

    def label(self, iri: str, lang: str, fallback: str | None = None) -> str:
        found = self.labels.get(iri, {})
        return found.get(lang) or found.get("ko") or found.get("en") or next(iter(found.values()), fallback or iri)

    def property(self, iri: str, lang: str, compact: Callable[[str], str]) -> str:
        """The property's name in `lang`, with the other language and its prefixed name on hover."""
        other = "en" if lang == "ko" else "ko"
        names = self.labels.get(iri, {})
        standard = STANDARD.get(iri)
        name = names.get(lang) or (standard[0 if lang == "ko" else 1] if standard else compact(iri))
        alt = names.get(other) or (standard[0 if other == "ko" else 1] if standard else "")
        hover = " · ".join(x for x in (alt, compact(iri)) if x)
        return f'<span title="{escape(hover)}">{escape(name)}</span>'


def _number(text: str) -> str:
    """A decimal as people read it: 10020.0 as 10,020, 22.8 as 22.8."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    return f"{value:,f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:,f}"


def literal(term: ox.Literal) -> str:
    """A literal for a reader: numbers grouped, dates as dates, long text as a block."""
    kind = term.datatype.value.rsplit("#", 1)[-1] if term.datatype else ""
    if kind in ("decimal", "integer", "double", "float"):
        return f'<span class=num>{escape(_number(term.value))}</span>'
    if kind == "date":
        return f"<time datetime='{escape(term.value)}'>{escape(term.value)}</time>"
    text = escape(term.value)
    lang = f' <span class=muted lang="{term.language}">@{term.language}</span>' if term.language else ""
    return (f"<pre>{text}</pre>" if "\n" in term.value else text) + lang


def facts(store: ox.Store, node: str, today: dt.date, open_item: bool) -> str:
    """What a node the resource owns says (value with its unit, printed text, dates, as-of date), inline;
    a due date passed while the item is open is marked overdue as of today."""
    found: dict[str, list[ox.Literal | ox.NamedNode]] = {}
    for quad in store.quads_for_pattern(ox.NamedNode(node), None, None, ox.DefaultGraph()):
        if quad.predicate.value in FACTS:
            found.setdefault(quad.predicate.value, []).append(quad.object)  # type: ignore[arg-type]

    def one(name: str) -> str:
        values = found.get(name)
        return values[0].value if values else ""

    parts = []
    description, printed = one(SCHEMA + "description"), one(SKG + "printedText")
    label = one(SKG + "budgetLabel")
    if description:
        parts.append(escape(description))
    elif label and label not in printed:
        parts.append(escape(label))
    value = one(SCHEMA + "value")
    unit = one(SCHEMA + "unitText") or one(SCHEMA + "currency")
    if value:
        parts.append(f"<strong class=num>{escape(_number(value))}</strong> {escape(unit)}".rstrip())
    if printed:
        parts.append(f"<span class=muted>“{escape(printed)}”</span>")
    if one(SKG + "areaBasis") and not printed:
        parts.append(escape(one(SKG + "areaBasis")))
    when = one(SKG + "dateText")
    start, due = one(SKG + "startDate"), one(SKG + "dueDate")
    period = f"{start} – {due}" if start and due and start != due else due or (f"{start} –" if start else "")
    if when and when in description:
        when = ""
    if when or period:
        parts.append(f"{escape(when)} <span class=muted>({escape(period)})</span>".strip())
    if due and open_item and dt.date.fromisoformat(due) < today:
        parts.append(f"<span class=overdue>기한 경과 overdue ({today.isoformat()})</span>")
    if one(SKG + "referenceDate"):
        parts.append(f"<span class=muted>as of {escape(one(SKG + 'referenceDate'))}</span>")
    return " · ".join(parts)


def page(store: ox.Store, names: Names, iri: str, at: str, lang: str, params: dict[str, str],
         link: Callable[[str], str], compact: Callable[[str], str], formats: list[tuple[str, str]],
         charts: str = "", today: dt.date | None = None) -> str:
    """`iri`'s page (its relative root `at`), in `lang`."""
    today = today or dt.date.today()
    subject = ox.NamedNode(iri)
    outgoing = [(q.predicate.value, q.object) for q in store.quads_for_pattern(subject, None, None, ox.DefaultGraph())
                if q.predicate.value not in HIDDEN and not isinstance(q.object, ox.Triple)]
    status = next((o.value for p, o in outgoing if p == SKG + "auditStatus"), None)
    open_item = status is not None and not status.endswith("/completed")

    def shown(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
        if isinstance(term, ox.Literal):
            return literal(term)
        if isinstance(term, ox.BlankNode):
            return f"<span class=muted>_:{escape(term.value)}</span>"
        name = escape(names.label(term.value, lang, compact(term.value)))
        anchor = f'<a href="{escape(link(term.value))}">{name}</a>'
        if term.value.startswith(iri + "/"):  # a part of this resource: unfold its facts here
            inline = facts(store, term.value, today, open_item)
            more = f'<a class=muted href="{escape(link(term.value))}">{"상세" if lang == "ko" else "details"}</a>'
            return f"{inline} · {more}" if inline else anchor
        return anchor

    grouped: dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]] = {}
    for predicate, value in outgoing:
        grouped.setdefault(predicate, []).append(value)
    order = {RDFS_LABEL: 0, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": 1}
    rows = []
    for predicate in sorted(grouped, key=lambda p: (order.get(p, 2), names.property(p, lang, compact))):
        values = sorted(grouped[predicate], key=lambda t: sort_key(
            t.value if isinstance(t, ox.Literal) else names.label(t.value, lang, t.value), False))
        cell = "<br>".join(shown(v) for v in values) if len(values) < 2 else \
            "<ul>" + "".join(f"<li>{shown(v)}</li>" for v in values) + "</ul>"
        rows.append(f"<tr><th>{names.property(predicate, lang, compact)}</th><td>{cell}</td></tr>")

    total = int(next(iter(select(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p <{iri}> }}")))["n"].value)
    pages_total = max(1, math.ceil(total / PAGE))
    try:
        current = min(max(1, int(params.get("from_page", "1"))), pages_total)
    except ValueError:
        current = 1
    incoming = [(r["p"].value, r["s"]) for r in select(store,
        f"SELECT ?s ?p WHERE {{ ?s ?p <{iri}> }}")]
    incoming.sort(key=lambda ps: (ps[0], sort_key(names.label(ps[1].value, lang, ps[1].value), False)))
    back = "".join(f"<tr><th>{names.property(p, lang, compact)}</th><td>{shown(s)}</td></tr>"
                   for p, s in incoming[(current - 1) * PAGE:current * PAGE])
    quotes = [(int(r["a"].value), int(r["b"].value), r["text"].value) for r in select(store,
        f"SELECT ?a ?b ?text WHERE {{ <{iri}> <{DERIVED}> ?span . ?span <{SKG}startLine> ?a ; "
        f"<{SKG}endLine> ?b ; <http://www.w3.org/ns/prov#value> ?text }} ORDER BY ?a")]

    title = names.label(iri, lang)
    other = "en" if lang == "ko" else "ko"
    toggle = (f'<a href="?{urlencode({**params, "lang": other})}" hreflang="{other}">'
              f'{"English" if lang == "ko" else "한국어"}</a>')
    links = " · ".join(f'<a href="{escape(href)}">{name}</a>' for name, href in formats)
    alt = names.labels.get(iri, {}).get(other)
    body = (f"<h1>{escape(title)}</h1>" + (f"<p class=muted>{escape(alt)}</p>" if alt and alt != title else "")
            + f"<p><code>{escape(iri)}</code></p><p class=muted>{links} · {toggle}</p>"
            f"{charts}<table class=facts>{''.join(rows)}</table>")
    if total:
        heading = f"{'연결된 자원' if lang == 'ko' else 'Linked from'} ({total:,})"
        pager = ""
        if pages_total > 1:
            def go(n: int, text: str, rel: str) -> str:
                return f'<a rel="{rel}" href="?{escape(urlencode({**params, "from_page": str(n)}))}">{text}</a>'
            shown_range = f"{(current - 1) * PAGE + 1:,}–{min(current * PAGE, total):,} / {total:,}"
            pager = (f"<nav class=pager>{go(current - 1, '‹', 'prev') if current > 1 else ''} {shown_range} "
                     f"{go(current + 1, '›', 'next') if current < pages_total else ''}</nav>")
        body += f"<h2 id=linked-from>{heading}</h2>{pager}<table>{back}</table>{pager}"
    if quotes:
        heading = "원문 (보고서 그대로)" if lang == "ko" else "Source (the report as printed)"
        body += f"<h2>{heading}</h2>" + "".join(
            f"<h3>lines {a}–{b}</h3><pre>{escape(text)}</pre>" for a, b, text in quotes)
    return pages.document(title, body, at, lang)
