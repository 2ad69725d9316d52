"""The query page: YASGUI (syntax highlighting, prefix completion, result tables with paging and
download, shareable links), served from the package's static files, preloaded with the README's prefixes
and the canned queries. Result links to this site's resources are rewritten to go through the serving
site; CONSTRUCT and DESCRIBE are asked for as Turtle. Without YASGUI's files (before `make setup`), or
without JavaScript, a plain form does the same with fewer comforts."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..queries.canned import CannedQuery
from . import pages

STATIC = Path(__file__).parent / "static"
YASGUI = STATIC / "yasgui"


def has_yasgui() -> bool:
    return (YASGUI / "yasgui.min.js").is_file() and (YASGUI / "yasgui.min.css").is_file()


def page(queries: dict[str, CannedQuery], texts: dict[str, str], at: str, prefixes: dict[str, str],
         bases: list[str]) -> str:
    """The query page on a site whose root is `at` (relative); `bases` are the IRI bases it serves."""
    if not has_yasgui():
        return pages.query_page(queries, texts, at)
    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())
    start = header + "\nSELECT ?unit ?label WHERE {\n  ?unit org:unitOf ?office ; rdfs:label ?label .\n} LIMIT 20\n"
    items = "".join(
        f'<li><button type=button data-query="{escape(q.name)}" title="{escape(q.description)}">'
        f'{escape(q.name)}</button> {escape(q.title)} '
        f'<a class=muted href="{at}api/{escape(q.name)}?format=html">table</a></li>' for q in queries.values())
    config = json.dumps({"texts": texts, "prefixes": prefixes, "bases": sorted(bases, key=len, reverse=True),
                         "start": start}, ensure_ascii=False).replace("</", "<\\/")
    script = """
const config = %s;
const root = document.currentScript.dataset.root;
const endpoint = new URL(root + 'sparql', location.href).href;
Yasgui.Yasqe.defaults.value = config.start;
const yasgui = new Yasgui(document.getElementById('yasgui'), {
  requestConfig: { endpoint: endpoint, method: 'POST',
                   acceptHeaderGraph: 'text/turtle', acceptHeaderSelect: 'application/sparql-results+json' },
  copyEndpointOnNewTab: false, endpointCatalogueOptions: { getData: () => [] }, persistenceId: null,
  yasr: { prefixes: config.prefixes },
});
window.seoulkgYasgui = yasgui;
// result links to this site's resources go through the serving site, in this tab
function local(href) {
  for (const base of config.bases) {
    if (href.startsWith(base)) return new URL(root + href.slice(base.length), location.href).href;
  }
  return null;
}
new MutationObserver(() => {
  document.querySelectorAll('#yasgui .yasr a[href]').forEach(a => {
    const moved = local(a.getAttribute('href'));
    if (moved) { a.setAttribute('href', moved); a.removeAttribute('target'); a.classList.add('local'); }
  });
}).observe(document.getElementById('yasgui'), { childList: true, subtree: true });
document.getElementById('yasgui').addEventListener('click', event => {
  const a = event.target.closest && event.target.closest('.yasr a.local');
  if (a && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
    event.preventDefault(); event.stopPropagation(); location.assign(a.href);
  }
}, true);
document.querySelectorAll('button[data-query]').forEach(b => b.onclick = () => {
  const tab = yasgui.getTab();
  tab.setQuery(config.texts[b.dataset.query]);
  tab.getYasqe().query();
});
""".replace("%s", config, 1)
    fallback = (f"<noscript><form action='{at}sparql' method=post><textarea name=query rows=12 cols=100>"
                f"{escape(start)}</textarea><button>Run</button></form></noscript>")
    body = (f"<h1>SPARQL</h1><p>Read-only SPARQL 1.1 endpoint at <code>sparql</code> on this site (GET or "
            f"POST; SELECT and ASK as JSON, XML, CSV, TSV; CONSTRUCT and DESCRIBE as Turtle, N-Triples, "
            f"JSON-LD). The editor completes the prefixes below; results link to this site's pages.</p>"
            f"{fallback}<div id=yasgui></div><h2>Canned queries</h2><ul class=canned>{items}</ul>"
            f"<script data-root='{at}'>{script}</script>")
    head = (f'<link rel="stylesheet" href="{at}static/yasgui/yasgui.min.css">'
            f'<script src="{at}static/yasgui/yasgui.min.js"></script>'
            "<style>ul.canned{columns:2}ul.canned li{margin:.2rem 0}.yasgui .autocompleteWrapper{display:none}</style>")
    return pages.document("seoulkg SPARQL", body, at, head=head)
