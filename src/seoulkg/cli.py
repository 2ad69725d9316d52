"""The `seoulkg` command: build, query, validate, coverage, reason, serve, publish, plot, synth."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import SeoulKGError

if TYPE_CHECKING:
    from .build import Input
from .paths import BUILT_GRAPH, BUILT_NTRIPLES, DATA_DIR, DEFAULT_SOURCE


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise SeoulKGError(f"{self.prog}: {message}")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        return args.run(args)
    except SeoulKGError as exc:
        print(f"seoulkg: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("seoulkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="seoulkg", description=__doc__)
    parser.add_argument("--version", action="version", version=f"seoulkg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    build = commands.add_parser("build", help="build one knowledge graph from one or many report texts")
    build.add_argument("--source", type=Path, action=_InOrder, dest="inputs", metavar="FILE",
                       help="a report text (UTF-8); repeat for many reports in one graph (default: the shipped "
                            "2022 report)")
    build.add_argument("--curation", type=Path, action=_InOrder, dest="inputs", metavar="DIR",
                       help="the curated tables of the --source it follows (default: the shipped ones, for the "
                            "report their report.sha256 names; other texts build without curation)")
    build.add_argument("--out", type=Path, default=DATA_DIR,
                       help="output directory (default: the package's data/, which the other commands read)")
    build.set_defaults(run=_build)

    query = commands.add_parser("query", help="run a canned query (see `seoulkg queries`)")
    query.add_argument("name")
    query.add_argument("--param", action="append", default=[], metavar="K=V", help="set a parameter")
    query.add_argument("--data", type=Path, action="append", metavar="FILE",
                       help="RDF file(s) to query (default: the shipped data/seoulkg.ttl)")
    query.add_argument("--endpoint", metavar="URL", help="run on a remote SPARQL endpoint instead")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.set_defaults(run=_query)

    listing = commands.add_parser("queries", help="list the canned queries and their parameters")
    listing.set_defaults(run=_queries)

    check = commands.add_parser("validate", help="validate data (RDF files or filled CSV templates) against the shapes")
    check.add_argument("files", nargs="*", type=Path,
                       help="Turtle, N-Triples, JSON-LD, RDF/XML or CSV files, or directories of them (default: the "
                            "shipped data/seoulkg.ttl); several reports are validated report by report")
    check.add_argument("--format", choices=("text", "json", "turtle", "html"), default="text")
    check.add_argument("--lang", choices=("ko", "en"), default=None,
                       help="language of the messages (default: from the locale, Korean for ko_*, else English)")
    check.add_argument("--profile", choices=("report", "submitted"), default=None,
                       help="report: read from a report text, source spans required; submitted: data from "
                            "elsewhere, a source document required (default: report if the data cites source spans)")
    check.add_argument("--out", type=Path, metavar="FILE.ttl", help="also write the CSV files converted to Turtle")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--engine", choices=("fast", "pyshacl"), default="fast",
                       help="fast: SPARQL constraints once on Oxigraph; pyshacl: the reference, node by node")
    check.add_argument("--jobs", type=int, metavar="N",
                       help="processes validating a collection's reports at once (default: one per core)")
    check.add_argument("--together", action="store_true",
                       help="validate every file as one graph, not report by report (also checks across reports)")
    check.set_defaults(run=_validate)

    fill = commands.add_parser("template", help="print a CSV template (header and an example row) for new data")
    fill.add_argument("name", help="audit-items, budget or staffing")
    fill.set_defaults(run=_template)

    cover = commands.add_parser("coverage", help="which content lines of the report the graph cites, by section")
    cover.add_argument("files", nargs="*", type=Path, help="RDF files (default: the shipped data/seoulkg.ttl)")
    cover.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the report the graph was built from")
    cover.add_argument("--format", choices=("text", "json"), default="text")
    cover.set_defaults(run=_coverage)

    serve = commands.add_parser("serve", help="serve the graph: SPARQL endpoint, API, pages, dumps, VoID")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--base-iri", default=None, help="serve the data under this base (default: the w3id base)")
    serve.add_argument("--data", type=Path, action="append", metavar="FILE",
                       help="RDF file(s) to serve (default: the shipped data/seoulkg.ttl)")
    # the limits' defaults are those of seoulkg.web.endpoint.Limits, filled in by _serve
    serve.add_argument("--timeout", type=float, help="seconds a SPARQL query may run")
    serve.add_argument("--max-results", type=int, help="cap on solutions or triples")
    serve.add_argument("--max-query-bytes", type=int, help="cap on a query's size")
    serve.add_argument("--workers", type=int, help="processes answering SPARQL queries at once")
    serve.add_argument("--cache-mb", type=int, help="memory for answers to repeated queries (0: none)")
    serve.add_argument("--worker-memory-mb", type=int,
                       help="address space a query worker may take beyond the graph it shares (default 1024)")
    serve.set_defaults(run=_serve)

    load = commands.add_parser("publish", help="load the graph into a store (SPARQL 1.1 Graph Store Protocol)")
    load.add_argument("--endpoint", required=True, metavar="URL", help="the store's Graph Store endpoint")
    load.add_argument("--graph", metavar="IRI", help="the named graph to replace (default: the default graph)")
    load.add_argument("--data", type=Path, action="append", metavar="FILE",
                      help="RDF file(s) to publish (default: the shipped data/seoulkg.ttl)")
    load.set_defaults(run=_publish)

    plot = commands.add_parser("plot", help="draw a chart from the graph as SVG")
    plot.add_argument("name", choices=("budget-execution", "audit-status", "overdue-sweep"))
    plot.add_argument("--out", type=Path, required=True, metavar="FILE.svg")
    plot.add_argument("--unit", help="only this unit (Korean name without spaces)")
    plot.add_argument("--data", type=Path, action="append", metavar="FILE",
                      help="RDF file(s) (default: the shipped data/seoulkg.ttl)")
    plot.set_defaults(run=_plot)

    synth = commands.add_parser("synth", help="write a synthetic report-shaped graph for benchmarks")
    synth.add_argument("--scale", type=int, required=True, metavar="TRIPLES",
                       help="about this many triples (whole copies of the built graph, at least one)")
    synth.add_argument("--seed", type=int, default=0, help="the same seed gives the same bytes")
    synth.add_argument("--out", type=Path, required=True, metavar="FILE.nt")
    synth.add_argument("--template", type=Path, default=BUILT_NTRIPLES, metavar="FILE.nt",
                       help="the graph to replicate (default: the shipped data/seoulkg.nt)")
    synth.set_defaults(run=_synth)

    owl = commands.add_parser("reason", help="check the ontology plus data for OWL consistency (HermiT)")
    owl.add_argument("files", nargs="*", type=Path, help="RDF files (default: the shipped data/seoulkg.ttl)")
    owl.set_defaults(run=_reason)
    return parser


class _InOrder(argparse.Action):
    """--source and --curation into one list in the order given, so a --curation belongs to its --source."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option: str | None = None) -> None:
        given = list(getattr(namespace, self.dest, None) or [])
        given.append((option, values))
        setattr(namespace, self.dest, given)


def _inputs(given: list[tuple[str, Path]]) -> list[Input]:
    """The reports to build: each --curation curates the --source before it (one before any, the first)."""
    from .build import Input

    sources = [path for option, path in given if option == "--source"] or [DEFAULT_SOURCE]
    curations: dict[int, Path] = {}
    seen = 0
    for option, path in given:
        if option == "--source":
            seen += 1
            continue
        index = max(seen - 1, 0)
        if index in curations:
            raise SeoulKGError(f"{path}: a second --curation for {sources[index]} (one folder per report)")
        curations[index] = path
    return [Input(source, curations.get(i)) for i, source in enumerate(sources)]


def _build(args: argparse.Namespace) -> int:
    from .build import build, write
    from .store.serialize import check_writable

    check_writable(args.out)
    built = build(_inputs(args.inputs or []))
    written = write(built, args.out)
    for report in built.reports:
        for message in report.messages():
            print(message, file=sys.stderr)
    sources = ", ".join(str(r.doc.path) for r in built.reports)
    count = sum(len(r.warnings) for r in built.reports)
    print(f"built {len(built.graph)} triples from {sources} ({count} warnings): {', '.join(map(str, written))}")
    return 0


def _synth(args: argparse.Namespace) -> int:
    from .synth import synthesize

    if args.out.suffix != ".nt" or not args.out.parent.is_dir():
        raise SeoulKGError(f"{args.out}: --out must be an .nt file in an existing directory")
    made = synthesize(args.template, args.scale, args.seed, args.out)
    print(f"wrote {made.triples} triples ({made.offices} offices x {made.years} years, "
          f"{made.copies} reports, seed {args.seed}) to {made.path}")
    return 0


def _query(args: argparse.Namespace) -> int:
    from .queries import canned
    from .queries.output import render
    from .store.files import load_store

    query = canned.get(args.name)
    values = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise SeoulKGError(f"malformed --param '{item}': expected NAME=VALUE")
        values[key] = value
    canned.bind(query, values)  # reject bad parameters before loading data
    if args.endpoint:
        from .queries.remote import run_remote

        result = run_remote(args.endpoint, query, values)
    else:
        result = canned.run(load_store(args.data or [BUILT_GRAPH]), query, values)
    sys.stdout.write(render(result, args.format))
    return 0


def _queries(args: argparse.Namespace) -> int:
    from .queries.canned import catalogue

    for query in catalogue().values():
        print(f"{query.name}: {query.title}")
        for param in query.params:
            default = "" if param.default is None else f" (default {param.default})"
            print(f"    --param {param.name}=<{param.type}>{default}  {param.description}".rstrip())
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .validation.collection import expand, validate_collection
    from .validation.inputs import read_inputs
    from .validation.report import render

    if args.jobs is not None and args.jobs <= 0:
        raise SeoulKGError(f"--jobs must be a positive number of processes, not {args.jobs}")
    files = expand(args.files or [BUILT_GRAPH])
    if args.out is not None:
        if args.out.suffix != ".ttl" or not args.out.parent.is_dir():
            raise SeoulKGError(f"{args.out}: --out must be a .ttl file in an existing directory")
        converted = read_inputs(files).converted
        if not converted:
            raise SeoulKGError("--out writes converted CSV files, and no CSV file was given")
    report = validate_collection(files, args.engine, lang=args.lang or _locale_language(), profile=args.profile,
                                 jobs=args.jobs, together=args.together)
    if args.out is not None:
        from rdflib import Graph

        from .namespaces import PREFIXES
        from .store.serialize import write_text

        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for c in converted:
            graph += c.graph
        write_text(args.out, graph.serialize(format="turtle"))
    sys.stdout.write(render(report, args.format))
    failed = not report.conforms or (args.strict and report.findings)
    return 1 if failed else 0


def _locale_language() -> str:
    import locale
    import os

    name = next((os.environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(v)), "")
    name = name or (locale.getlocale()[0] or "")
    return "ko" if name.lower().startswith("ko") else "en"


def _template(args: argparse.Namespace) -> int:
    from .validation.csvw import template

    sys.stdout.write(template(args.name).csv_text())
    return 0


def _coverage(args: argparse.Namespace) -> int:
    from .coverage import coverage

    found = coverage(args.files or [BUILT_GRAPH], args.source)
    if args.format == "json":
        print(json.dumps(found.as_json(), ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(found.as_text())
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .namespaces import BASE
    from .web.app import create_app
    from .web.endpoint import Limits

    given = {"timeout": args.timeout, "max_results": args.max_results, "max_query_bytes": args.max_query_bytes,
             "workers": args.workers, "cache_bytes": None if args.cache_mb is None else args.cache_mb * 1024 * 1024,
             "worker_memory_mb": args.worker_memory_mb}
    limits = dataclasses.replace(Limits(), **{name: value for name, value in given.items() if value is not None})
    if min(limits.timeout, limits.max_results, limits.max_query_bytes, limits.workers,
           limits.worker_memory_mb) <= 0 or limits.cache_bytes < 0:
        raise SeoulKGError("--timeout, --max-results, --max-query-bytes, --workers and --worker-memory-mb must "
                           "be positive, --cache-mb not negative")
    app = create_app(args.data or [BUILT_GRAPH], args.base_iri or BASE, limits)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def _publish(args: argparse.Namespace) -> int:
    from .store.publish import publish

    count = publish(args.endpoint, args.data or [BUILT_GRAPH], args.graph)
    print(f"published {count} triples to {args.endpoint} ({args.graph or 'default graph'}); count verified")
    return 0


def _plot(args: argparse.Namespace) -> int:
    from .queries.charts import CHARTS, embedded
    from .store.files import load_store
    from .store.serialize import write_text

    svg = CHARTS[args.name](embedded(load_store(args.data or [BUILT_GRAPH])), args.unit)
    write_text(args.out, svg)
    print(f"wrote {args.out}")
    return 0


def _reason(args: argparse.Namespace) -> int:
    from .validation.reason import reason

    result = reason(args.files or [BUILT_GRAPH])
    if not result.consistent:
        print(f"inconsistent: HermiT finds no model of the ontology and the {result.triples} triples")
        return 1
    if result.unsatisfiable:
        print("unsatisfiable classes: " + ", ".join(result.unsatisfiable))
        return 1
    print(f"consistent: HermiT finds a model of the ontology and the {result.triples} triples; "
          "no class is unsatisfiable")
    return 0


if __name__ == "__main__":
    sys.exit(main())
