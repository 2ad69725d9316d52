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


class NotAcceptable(Exception):
    """No format both the client accepts and the resource offers."""


def _accepted(accept: str | None) -> list[str]:
    """Media types of an Accept header, most preferred first (q-values honoured, '*/*' kept)."""
    ranked = []
    for position, part in enumerate((accept or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        quality = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        if fields[0] and quality > 0:
            ranked.append((-quality, position, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def negotiate(offered: list[str], accept: str | None, requested: str | None, names: dict[str, str]) -> str:
    """The media type to answer with: the `format` parameter's, else the best of `Accept`."""
    if requested:
        media = names.get(requested.lower(), requested.lower())
        if media in offered:
            return media
        raise NotAcceptable(f"format '{requested}' is not offered here (offered: {', '.join(sorted(names))})")
    for media in _accepted(accept):
        if media in ("*/*", "application/*", "text/*"):
            return next((o for o in offered if media == "*/*" or o.startswith(media[:-1])), offered[0])
        if media in offered:
            return media
        if media == "application/json" and "application/sparql-results+json" in offered:
            return "application/sparql-results+json"
    raise NotAcceptable(f"none of the accepted types ({accept}) is offered: {', '.join(offered)}")


def media(fmt: ox.QueryResultsFormat | ox.RdfFormat) -> str:
    """A format's media type without parameters ('text/csv', not 'text/csv; charset=utf-8')."""
    return fmt.media_type.split(";")[0]


def result_names() -> dict[str, str]:
    return {name: media(fmt) for name, fmt in RESULT_FORMATS.items()}


def graph_names() -> dict[str, str]:
    return {name: media(fmt) for name, fmt in GRAPH_FORMATS.items()} | {"html": HTML}


def by_media(media_type: str) -> ox.QueryResultsFormat | ox.RdfFormat:
    """The pyoxigraph format of a negotiated media type."""
    return next(f for f in (*RESULT_FORMATS.values(), *GRAPH_FORMATS.values()) if media(f) == media_type)
