"""HTML pages: a resource's page (labels, properties, links, source quotes), the index and the query page."""

from __future__ import annotations

import json
from html import escape

import pyoxigraph as ox

from ..queries.canned import CannedQuery

STYLE = """body{font-family:system-ui,'Noto Sans KR',sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;
color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{width:16rem;color:#555;font-weight:500}code,pre{font-size:.9em}
pre{background:#f6f6f6;padding:.6rem;white-space:pre-wrap}.muted{color:#777}textarea{width:100%;height:14rem;
font-family:monospace}nav a{margin-right:1rem}"""


def document(title: str, body: str, base: str) -> str:
    nav = (f'<nav><a href="{base}">seoulkg</a><a href="{base}sparql">SPARQL</a>'
           f'<a href="{base}api/openapi.json">API</a><a href="{base}.well-known/void">VoID</a>'
           f'<a href="{base}ontology">ontology</a></nav>')
    return (f'<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style></head><body>{nav}{body}</body></html>")


def term_html(term: ox.NamedNode | ox.Literal | ox.BlankNode, labels: dict[str, str], base: str) -> str:
    """A link for a resource under the base, an IRI as text elsewhere, a literal with its language/type."""
    if isinstance(term, ox.NamedNode):
        shown = escape(labels.get(term.value, term.value))
        href = term.value if term.value.startswith(base) or term.value.startswith("http") else "#"
        return f'<a href="{escape(href)}">{shown}</a>'
    if isinstance(term, ox.BlankNode):
        return f"<span class=muted>_:{escape(term.value)}</span>"
    suffix = f" <span class=muted>@{term.language}</span>" if term.language else ""
    if not term.language and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        suffix = f" <span class=muted>{escape(term.datatype.value.rsplit('#', 1)[-1])}</span>"
    text = escape(term.value)
    return f"<pre>{text}</pre>{suffix}" if "\n" in term.value else f"{text}{suffix}"


def resource_page(iri: str, title: str, rows: list[tuple[str, str]], incoming: list[tuple[str, str]],
                  quotes: list[tuple[int, int, str]], base: str, formats: list[tuple[str, str]],
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
    return document(title, body, base)


def query_page(queries: dict[str, CannedQuery], texts: dict[str, str], base: str) -> str:
    """A SPARQL editor that posts to the endpoint and shows a table, with the canned queries listed
    (`texts`: each query's text as this site runs it, with its defaults bound)."""
    items = "".join(
        f'<li><a href="{base}api/{escape(q.name)}?format=html">{escape(q.name)}</a>: {escape(q.title)} '
        f'<button data-query="{escape(q.name)}">edit</button></li>' for q in queries.values())
    script = f"""
const texts = {json.dumps(texts, ensure_ascii=False)};
document.querySelectorAll('button[data-query]').forEach(b => b.onclick = () => {{
  document.getElementById('query').value = texts[b.dataset.query]; }});
document.getElementById('run').onclick = async () => {{
  const out = document.getElementById('results'); out.textContent = 'running…';
  const r = await fetch('{base}sparql', {{method: 'POST', headers: {{'Content-Type': 'application/sparql-query',
    'Accept': 'application/sparql-results+json'}}, body: document.getElementById('query').value}});
  if (!r.ok) {{ out.textContent = (await r.text()); return; }}
  const data = await r.json(); const vars = data.head.vars || [];
  if (data.boolean !== undefined) {{ out.textContent = String(data.boolean); return; }}
  const head = '<tr>' + vars.map(v => '<th>' + v + '</th>').join('') + '</tr>';
  const rows = data.results.bindings.map(b => '<tr>' + vars.map(v => '<td>' +
    (b[v] ? b[v].value.replace(/&/g,'&amp;').replace(/</g,'&lt;') : '') + '</td>').join('') + '</tr>').join('');
  out.innerHTML = '<p>' + data.results.bindings.length + ' rows</p><table>' + head + rows + '</table>';
}};"""
    body = (f"<h1>SPARQL</h1><p>Read-only SPARQL 1.1 endpoint at <code>{base}sparql</code> "
            f"(GET or POST; JSON, XML, CSV, TSV; Turtle, N-Triples, JSON-LD).</p>"
            f"<textarea id=query>SELECT * WHERE {{ ?s ?p ?o }} LIMIT 10</textarea>"
            f"<p><button id=run>Run</button></p><div id=results></div>"
            f"<h2>Canned queries</h2><ul>{items}</ul><script>{script}</script>")
    return document("seoulkg SPARQL", body, base)


def results_table(columns: list[str], rows: list[list[str]], title: str, base: str) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in rows)
    return document(title, f"<h1>{escape(title)}</h1><p>{len(rows)} rows</p><table><tr>{head}</tr>{body}</table>",
                    base)
