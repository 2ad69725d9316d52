"""The ontology's documentation, generated with pyLODE (3.3.4; 3.4.1 fails on import) in Korean and in
English and shipped with the package (`ontology/docs/seoulkg.{ko,en}.html`), so the server needs no
generator. pyLODE shows one label and one definition a term: each language's copy of the ontology keeps,
for every property of every term, the values in that language where there are any.

Regenerate after changing the ontology: `python -m seoulkg.web.ontodocs` (a slow test checks they are fresh).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html import escape

from rdflib import Graph, Literal

from ..paths import ONTOLOGY, ONTOLOGY_DIR

DOCS_DIR = ONTOLOGY_DIR / "docs"
LANGUAGES = ("ko", "en")


def in_language(graph: Graph, lang: str) -> Graph:
    """The graph with, for each subject and property, only its literals in `lang` when it has some."""
    kept = Graph()
    for prefix, namespace in graph.namespaces():
        kept.bind(prefix, namespace)
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language and o.language != lang and any(
                isinstance(x, Literal) and x.language == lang for x in graph.objects(s, p)):
            continue
        kept.add((s, p, o))
    return kept


def generate(lang: str) -> str:
    """pyLODE's HTML documentation of the ontology, in `lang`. pyLODE orders some lists as Python's string
    hashing does, so it runs in a process with a fixed hash seed (the members of a union still come in no
    fixed order)."""
    run = subprocess.run([sys.executable, "-m", "seoulkg.web.ontodocs", "--print", lang], check=True,
                         capture_output=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    return run.stdout.decode("utf-8")


def _render(lang: str) -> str:
    from pylode import OntPub  # dev dependency: the generated files ship

    html = OntPub(ontology=in_language(Graph().parse(ONTOLOGY, format="turtle"), lang), sort_subjects=True).make_html()
    return html if html.endswith("\n") else html + "\n"


def page(lang: str, at: str) -> str | None:
    """The shipped documentation in `lang` with a line of links back to the site, or None before it was
    generated."""
    path = DOCS_DIR / f"seoulkg.{lang}.html"
    if not path.is_file():
        return None
    html = path.read_text(encoding="utf-8")
    other = "en" if lang == "ko" else "ko"
    bar = (f'<p style="margin:.5rem 1rem"><a href="{escape(at)}">seoulkg</a> · '
           f'<a href="{escape(at)}ontology?lang={other}" hreflang="{other}">'
           f'{"English" if lang == "ko" else "한국어"}</a>'
           f' · <a href="{escape(at)}ontology?format=ttl">Turtle</a></p>')
    html = re.sub(r'href="https://w3id\.org/seoulkg/ontology#', 'href="#', html)
    html = re.sub(r'href="https://w3id\.org/seoulkg/', lambda m: f'href="{at}', html)  # through this site
    return html.replace("<body>", "<body>" + bar, 1)


def main() -> int:
    if sys.argv[1:2] == ["--print"]:
        sys.stdout.buffer.write(_render(sys.argv[2]).encode("utf-8"))
        return 0
    DOCS_DIR.mkdir(exist_ok=True)
    for lang in LANGUAGES:
        target = DOCS_DIR / f"seoulkg.{lang}.html"
        target.write_text(generate(lang), encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
