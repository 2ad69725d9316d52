"""Validating a collection of graphs report by report, in parallel across the cores.

Each report's checks are self-contained: its shapes look at its own resources, and its SHACL-SPARQL
constraints stay within its own audit, plan and office (see `shapes/`). So a collection is validated one
part at a time, each part with the ontology, the code lists and the Data Cube structures, and the parts
in a process pool. The part is the simplest honest one, the file: a graph file written by `seoulkg build`
holds one report (its `schema:Report`, the source text) and everything the report describes, shared
things included (the office's units, facilities, the city), so it needs nothing from another file.

Files are grouped by the reports they hold: files of one report (say a report's Turtle and its N-Triples)
are one part, as are files sharing any report; files that hold no report (submitted data, CSV templates)
are one part together; a file holding several reports (one built from several sources, or `seoulkg
synth`) is validated whole. Each file is first validated on its own, which is final when its group is
itself; a larger group is then validated together. What is not checked across parts: one IRI minted by
two reports for different things, or a shared resource (a unit) described differently by two reports
(for instance two Korean labels where one is allowed). Validating everything as one graph (`together`)
checks those too, at the cost of the whole collection in one store.

The merged report lists each part's findings under its files, parts in the order given, so the output is
the same whatever the number of processes.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..errors import SeoulKGError
from ..paths import SHIPPED_CONTEXT
from ..store.files import FORMATS
from .shapes import Report, validate_graph

# one serialisation per graph when a directory holds several (`seoulkg build` writes .ttl, .nt and .jsonld)
_PREFERRED = (".nt", ".ttl", ".jsonld", ".json", ".rdf", ".owl", ".csv")
_NOT_GRAPHS = (SHIPPED_CONTEXT.name,)  # the JSON-LD context `seoulkg build` writes beside the graph


def expand(paths: Iterable[Path]) -> list[Path]:
    """The files given, with each directory replaced by the graph files under it (sorted; of several
    serialisations of one graph, the first of .nt, .ttl, .jsonld, .json, .rdf, .owl; and CSV templates;
    not a build's JSON-LD context)."""
    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found: dict[Path, Path] = {}
        for file in sorted(p for p in path.rglob("*")
                           if p.suffix.lower() in _PREFERRED and p.name not in _NOT_GRAPHS and p.is_file()):
            kept = found.get(file.with_suffix(""))
            if kept is None or _PREFERRED.index(file.suffix.lower()) < _PREFERRED.index(kept.suffix.lower()):
                found[file.with_suffix("")] = file
        if not found:
            raise SeoulKGError(f"{path}: no RDF files ({', '.join(sorted(FORMATS))}) or CSV templates in it")
        files.extend(found[stem] for stem in sorted(found))
    return files


def validate_collection(paths: Sequence[Path], engine: str = "fast", *, lang: str = "en",
                        profile: str | None = None, jobs: int | None = None, together: bool = False) -> Report:
    """Validate the files (directories expanded) report by report in `jobs` processes (default: one per
    core), or as one graph with `together`, and merge the findings."""
    files = expand(paths)
    if together or len(files) == 1:
        return validate_graph(files, engine, lang=lang, profile=profile)[0]
    jobs = max(1, jobs or os.cpu_count() or 1)
    with _pool(jobs, len(files)) as run:
        alone = run([[file] for file in files], engine, lang, profile)
        groups = _groups(files, [reports for _, reports in alone])
        larger = [group for group in groups if len(group) > 1]
        checked = dict(zip(map(tuple, larger), (r for r, _ in run(larger, engine, lang, profile)), strict=True))
    parts = [(group, checked[tuple(group)] if len(group) > 1 else alone[files.index(group[0])][0])
             for group in groups]
    return merge([(" + ".join(map(str, group)), report) for group, report in parts], lang)


def merge(parts: Sequence[tuple[str, Report]], lang: str) -> Report:
    """One report of the parts' findings, each finding naming its part (files), parts in the order given."""
    findings = tuple(dataclasses.replace(finding, graph=name) for name, report in parts for finding in report.findings)
    profiles = sorted({report.profile for _, report in parts})
    return Report(all(report.conforms for _, report in parts), findings, ",".join(profiles), lang,
                  tuple(name for name, _ in parts))


def _groups(files: list[Path], reports: list[frozenset[str]]) -> list[list[Path]]:
    """Files sharing a report in one group, files without a report in one group; in the order given."""
    owner = list(range(len(files)))  # union-find over the files

    def root(i: int) -> int:
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    first: dict[str, int] = {}
    for i, held in enumerate(reports):
        for report in sorted(held) or [""]:  # "" stands for "no report"
            j = first.setdefault(report, i)
            owner[root(i)] = root(j)
    grouped: dict[int, list[Path]] = {}
    for i, file in enumerate(files):
        grouped.setdefault(root(i), []).append(file)
    return sorted(grouped.values(), key=lambda group: files.index(group[0]))


def _validate_part(files: list[Path], engine: str, lang: str, profile: str | None) -> tuple[Report, frozenset[str]]:
    return validate_graph(files, engine, lang=lang, profile=profile)


def _watch(main: int) -> None:
    """In a worker: end when the process that asked for the validation is gone (killed), rather than live on."""

    def watch() -> None:
        while True:
            time.sleep(1)
            try:
                os.kill(main, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


class _pool:
    """Runs parts in a process pool (a fresh forkserver child per worker: the Rust engine's and Oxigraph's
    threads are never forked mid-flight), or in this process for one job or one part; results in order."""

    def __init__(self, jobs: int, parts: int) -> None:
        self.jobs = min(jobs, parts)
        self.executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> _pool:
        if self.jobs > 1:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["seoulkg.validation.shapes"])
            self.executor = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_watch,
                                                initargs=(os.getpid(),))
        return self

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)

    def __call__(self, parts: list[list[Path]], engine: str, lang: str,
                 profile: str | None) -> list[tuple[Report, frozenset[str]]]:
        if self.executor is None or len(parts) <= 1:
            return [_validate_part(part, engine, lang, profile) for part in parts]
        futures = [self.executor.submit(_validate_part, part, engine, lang, profile) for part in parts]
        try:
            return [future.result() for future in futures]
        except BrokenProcessPool:
            raise SeoulKGError("a validating process died (out of memory?); try fewer --jobs") from None
