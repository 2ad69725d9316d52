"""HTML pages: a resource's page (labels, properties, links, source quotes), the index and the query page."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

import pyoxigraph as ox

from ..queries.canned import CannedQuery

STYLE = """body{font-family:system-ui,'Noto Sans KR',sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;
color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{width:16rem;color:#555;font-weight:500}code,pre{font-size:.9em}
pre{background:#f6f6f6;padding:.6rem;white-space:pre-wrap}.muted{color:#777}textarea{width:100%;height:14rem;
font-family:monospace}nav a{margin-right:1rem}header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;
border-bottom:1px solid #ddd;padding-bottom:.5rem}form.search input{width:18rem}table.index th{width:auto}
.num{text-align:right}nav.pager{margin:1rem 0}nav.pager a,nav.pager strong{margin-right:.4rem}
.overdue{color:#b0413e;font-weight:600}"""
NAV = (("", "seoulkg", "seoulkg"), ("search", "검색", "search"), ("units", "조직", "units"),
       ("programs", "사업", "programs"), ("facilities", "시설", "facilities"),
       ("audit-items", "감사 처리사항", "audit items"), ("sparql", "SPARQL", "SPARQL"),
       ("ontology", "온톨로지", "ontology"), ("shapes", "형상", "shapes"), (".well-known/void", "VoID", "VoID"))


def document(title: str, body: str, at: str, lang: str = "ko", head: str = "") -> str:
    """A page of the portal: the navigation and a search box on top, then `body`; `at` is the relative
    path from the page to the site's root ('./', '../' …): links stay on the site wherever it is served."""
    suffix = "?lang=en" if lang == "en" else ""
    nav = "".join(f'<a href="{at}{path}{suffix if path not in ("sparql", ".well-known/void") else ""}">'
                  f'{ko if lang == "ko" else en}</a>' for path, ko, en in NAV)
    placeholder = "조직, 사업, 시설, 감사 처리사항 검색" if lang == "ko" else "search units, programs, facilities…"
    hidden = "<input type=hidden name=lang value=en>" if lang == "en" else ""
    search = (f'<form class=search action="{at}search" method=get role=search>{hidden}'
              f'<input type=search name=q placeholder="{placeholder}" aria-label="search">'
              f'<button type=submit>{"검색" if lang == "ko" else "Search"}</button></form>')
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style>{head}</head><body><header><nav>{nav}</nav>{search}</header>{body}</body></html>")


def term_html(term: ox.NamedNode | ox.Literal | ox.BlankNode, labels: dict[str, str],
              link: Callable[[str], str]) -> str:
    """An IRI as a link (through this site where it serves the IRI: `link` says), a literal with its
    language or datatype."""
    if isinstance(term, ox.NamedNode):
        shown = escape(labels.get(term.value, term.value))
        return f'<a href="{escape(link(term.value))}">{shown}</a>'
    if isinstance(term, ox.BlankNode):
        return f"<span class=muted>_:{escape(term.value)}</span>"
    suffix = f" <span class=muted>@{term.language}</span>" if term.language else ""
    if not term.language and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        suffix = f" <span class=muted>{escape(term.datatype.value.rsplit('#', 1)[-1])}</span>"
    text = escape(term.value)
    return f"<pre>{text}</pre>{suffix}" if "\n" in term.value else f"{text}{suffix}"


def resource_page(iri: str, title: str, rows: list[tuple[str, str]], incoming: list[tuple[str, str]],
                  quotes: list[tuple[int, int, str]], at: str, formats: list[tuple[str, str]],
                  charts: str = "") -> str:
    """A resource's page: its properties, what links to it, and the source lines it was read from."""
    table = "".join(f"<tr><th>{p}</th><td>{o}</td></tr>" for p, o in rows)
    back = "".join(f"<tr><th>{p}</th><td>{s}</td></tr>" for p, s in incoming)
    source = "".join(f"<h3>lines {a}–{b}</h3><pre>{escape(text)}</pre>" for a, b, text in quotes)
    links = " · ".join(f'<a href="{escape(href)}">{name}</a>' for name, href in formats)
    body = (f"<h1>{escape(title)}</h1><p><code>{escape(iri)}</code></p><p class=muted>{links}</p>"
            f"{charts}<table>{table}</table>")
    if back:
        body += f"<h2>Linked from</h2><table>{back}</table>"
    if source:
        body += f"<h2>Source (the report as printed)</h2>{source}"
    return document(title, body, at)


def query_page(queries: dict[str, CannedQuery], texts: dict[str, str], at: str) -> str:
    """A SPARQL editor that posts to the endpoint and shows a table (SELECT, ASK) or the graph in the chosen
    format (CONSTRUCT, DESCRIBE), with the canned queries listed (`texts`: each query's text with its
    defaults bound). It asks `{at}sparql`, the endpoint of the site it was served from."""
    items = "".join(
        f'<li><a href="{at}api/{escape(q.name)}?format=html">{escape(q.name)}</a>: {escape(q.title)} '
        f'<button data-query="{escape(q.name)}">edit</button></li>' for q in queries.values())
    script = f"""
const texts = {json.dumps(texts, ensure_ascii=False)};
document.querySelectorAll('button[data-query]').forEach(b => b.onclick = () => {{
  document.getElementById('query').value = texts[b.dataset.query]; }});
document.getElementById('run').onclick = async () => {{
  const out = document.getElementById('results'); out.textContent = 'running…';
  const graph = document.getElementById('graph-format').value;
  const r = await fetch('{at}sparql', {{method: 'POST', headers: {{'Content-Type': 'application/sparql-query',
    'Accept': 'application/sparql-results+json, ' + graph + ';q=0.9'}}, body: document.getElementById('query').value}});
  if (!r.ok) {{ out.textContent = (await r.text()); return; }}
  if (!(r.headers.get('Content-Type') || '').startsWith('application/sparql-results+json')) {{
    const pre = document.createElement('pre'); pre.textContent = await r.text(); out.replaceChildren(pre); return; }}
  const data = await r.json(); const vars = data.head.vars || [];
  if (data.boolean !== undefined) {{ out.textContent = String(data.boolean); return; }}
  const head = '<tr>' + vars.map(v => '<th>' + v + '</th>').join('') + '</tr>';
  const rows = data.results.bindings.map(b => '<tr>' + vars.map(v => '<td>' +
    (b[v] ? b[v].value.replace(/&/g,'&amp;').replace(/</g,'&lt;') : '') + '</td>').join('') + '</tr>').join('');
  out.innerHTML = '<p>' + data.results.bindings.length + ' rows</p><table>' + head + rows + '</table>';
}};"""
    options = "".join(f'<option value="{m}">{n}</option>' for m, n in (
        ("text/turtle", "Turtle"), ("application/n-triples", "N-Triples"), ("application/ld+json", "JSON-LD")))
    body = (f"<h1>SPARQL</h1><p>Read-only SPARQL 1.1 endpoint at <code>sparql</code> on this site "
            f"(GET or POST; JSON, XML, CSV, TSV; Turtle, N-Triples, JSON-LD).</p>"
            f"<textarea id=query>SELECT * WHERE {{ ?s ?p ?o }} LIMIT 10</textarea>"
            f"<p><button id=run>Run</button> <label>CONSTRUCT and DESCRIBE as <select id=graph-format>"
            f"{options}</select></label></p><div id=results></div>"
            f"<h2>Canned queries</h2><ul>{items}</ul><script>{script}</script>")
    return document("seoulkg SPARQL", body, at)


def results_table(columns: list[str], rows: list[list[str]], title: str, at: str) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in rows)
    return document(title, f"<h1>{escape(title)}</h1><p>{len(rows)} rows</p><table><tr>{head}</tr>{body}</table>", at)
