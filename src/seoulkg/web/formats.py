"""Result formats of the SPARQL 1.1 Protocol and linked-data pages, chosen by `format` or `Accept`."""

from __future__ import annotations

import pyoxigraph as ox

# Names a `format` parameter may give, and the media types they stand for.
RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                 "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                 "json-ld": ox.RdfFormat.JSON_LD}
HTML = "text/html"


RDF_MEDIA = ("text/turtle", "application/ld+json", "application/n-triples")  # a graph's, in order of preference
# generic types standing for the specific one offered: JSON is results JSON for a SELECT, JSON-LD for a graph
ALIASES = {"application/json": ("application/sparql-results+json", "application/ld+json")}


class NotAcceptable(Exception):
    """No format both the client accepts and the resource offers."""


def _ranges(accept: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values (RFC 9110 §12.5.1), in the header's order."""
    ranges = []
    for part in (accept or "*/*").split(","):
        fields = [f.strip() for f in part.split(";")]
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        if fields[0]:
            ranges.append((fields[0].lower(), quality))
    return ranges


def _match(offer: str, media_range: str) -> int:
    """How specifically a media range matches an offered type: 3 exactly, 2 by alias, 1 'type/*', 0 '*/*';
    -1 not at all."""
    if media_range == offer:
        return 3
    if offer in ALIASES.get(media_range, ()):
        return 2
    if media_range.endswith("/*") and (media_range == "*/*" or offer.startswith(media_range[:-1])):
        return 0 if media_range == "*/*" else 1
    return -1


def negotiate(offered: list[str], accept: str | None, requested: str | None, names: dict[str, str]) -> str:
    """The media type to answer with: the `format` parameter's, else the best of `Accept`. Each offer takes
    the q-value of the most specific range matching it (q=0 excludes it); the highest q wins, then the
    more specific match, then the header's order, then the order of `offered`."""
    if requested:
        media = names.get(requested.lower(), requested.lower())
        if media in offered:
            return media
        raise NotAcceptable(f"format '{requested}' is not offered here (offered: {', '.join(sorted(names))})")
    ranges = _ranges(accept)
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for rank, offer in enumerate(offered):
        matches = [(_match(offer, r), -position, q) for position, (r, q) in enumerate(ranges) if _match(offer, r) >= 0]
        if not matches:
            continue
        specificity, position, quality = max(matches)
        key = (quality, specificity, position, -rank)
        if quality > 0 and (best is None or key > best):
            best, chosen = key, offer
    if chosen is None:
        raise NotAcceptable(f"none of the accepted types ({accept}) is offered: {', '.join(offered)}")
    return chosen


def media(fmt: ox.QueryResultsFormat | ox.RdfFormat) -> str:
    """A format's media type without parameters ('text/csv', not 'text/csv; charset=utf-8')."""
    return fmt.media_type.split(";")[0]


def result_names() -> dict[str, str]:
    return {name: media(fmt) for name, fmt in RESULT_FORMATS.items()}


def graph_names() -> dict[str, str]:
    return {name: media(fmt) for name, fmt in GRAPH_FORMATS.items()} | {"html": HTML}


def result_format(media_type: str) -> ox.QueryResultsFormat:
    """The pyoxigraph results format of a negotiated media type."""
    return next(f for f in RESULT_FORMATS.values() if media(f) == media_type)


def rdf_format(media_type: str) -> ox.RdfFormat:
    """The pyoxigraph RDF format of a negotiated media type."""
    return next(f for f in GRAPH_FORMATS.values() if media(f) == media_type)
