"""IRIs as served: which move with `--base-iri`, how a request path finds its IRI, how pages link.

*Vocabulary never moves.* The ontology (`…/ontology#`), the SKOS code lists (`…/id/code/…`) and the Data
Cube structures (`…/id/structure/…`) are defined in `ontology/*.ttl`, not read from the report: they are
shared by every dataset built with them (another office, another year), and the canned queries and the
README's prefixes name them. `--base-iri` moves the data only: every other IRI under the canonical base.

*Requests find IRIs by their URI form.* An IRI keeps Hangul as it is and percent-escapes the rest
(`서울창업허브M%2B`, `%E8%88%8A-서울애니메이션센터`); a browser sends all of it percent-escaped. Both are
compared in URI form (RFC 3987 §3.1: non-ASCII as UTF-8 escapes, hex digits upper case), never decoded,
so an escape in the IRI stays an escape and nothing is decoded twice.

*Pages link through the serving origin.* Links, redirects and the query page use paths relative to the
request, so the site is browsable wherever it runs — `http://127.0.0.1:8000/` or behind a proxy at
`https://data.example.kr/seoul/` — while the data keeps its canonical IRIs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import quote

import pyoxigraph as ox

from ..namespaces import BASE

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph
VOCABULARY = (f"{BASE}ontology", f"{BASE}id/code/", f"{BASE}id/structure/")
_ESCAPE = re.compile(r"%([0-9a-fA-F]{2})")
_BAD_ESCAPE = re.compile(r"%(?![0-9a-fA-F]{2})")
_RESERVED = "-._~:/?#[]@!$&'()*+,;=%"


class MalformedPath(ValueError):
    """A request path with a malformed percent-escape."""


def is_vocabulary(iri: str) -> bool:
    return iri.startswith(VOCABULARY)


def rebase_quads(quads: Iterable[ox.Quad], base: str) -> Iterator[ox.Quad]:
    """The quads with every data IRI moved from the canonical base to `base` (vocabulary stays)."""

    def move(term: Term) -> Term:
        if isinstance(term, ox.NamedNode) and term.value.startswith(BASE) and not is_vocabulary(term.value):
            return ox.NamedNode(base + term.value[len(BASE):])
        return term

    for quad in quads:
        yield ox.Quad(move(quad.subject), move(quad.predicate), move(quad.object), quad.graph_name)  # type: ignore[arg-type]


def uri_form(text: str) -> str:
    """An IRI or a request path in URI form: non-ASCII percent-escaped as UTF-8, escapes in upper case."""
    return _ESCAPE.sub(lambda m: "%" + m[1].upper(), quote(text, safe=_RESERVED))


def request_path(raw_path: bytes) -> str:
    """A request's path as sent (escapes kept), or MalformedPath for an escape that is not one."""
    path = raw_path.decode("latin-1")
    if _BAD_ESCAPE.search(path):
        raise MalformedPath(f"malformed percent-escape in '{path[:100]}'")
    return uri_form(path)


def root(raw_path: bytes) -> str:
    """The relative path from a request's path to the site's root ('./', '../', '../../' …)."""
    depth = raw_path.count(b"/") - 1
    return "../" * depth if depth > 0 else "./"


class Resolver:
    """Subject IRIs by the URI form of their path under a base (the data's or the canonical one)."""

    def __init__(self, store: ox.Store, base: str) -> None:
        self.base = base
        self.by_path: dict[str, str] = {}
        for prefix in dict.fromkeys((base, BASE)):
            found = store.query(f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{prefix}id/")) }}')
            assert isinstance(found, ox.QuerySolutions)
            for row in found:
                iri = row[0].value
                if iri.startswith(base) and not is_vocabulary(iri):
                    self.by_path.setdefault(uri_form(iri[len(base):]), iri)
                elif is_vocabulary(iri):
                    self.by_path.setdefault(uri_form(iri[len(BASE):]), iri)

    def iri(self, path: str) -> str | None:
        """The subject IRI a request path ('id/facility/…', URI form) names, if any."""
        return self.by_path.get(path)

    def local(self, iri: str) -> str | None:
        """The site path ('id/…' or 'ontology#…') of an IRI this site serves, else None. The ontology's own
        IRIs (its version IRI `…/ontology/0.1.0` too) are served by the ontology document."""
        if iri.startswith(f"{BASE}ontology"):
            rest = iri[len(f"{BASE}ontology"):]
            return "ontology" + (rest if rest.startswith("#") else "")
        if is_vocabulary(iri):
            return iri[len(BASE):]
        if iri.startswith(self.base + "id/"):
            return iri[len(self.base):]
        return None
