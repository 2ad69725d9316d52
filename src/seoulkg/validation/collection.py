"""Validating a collection of graphs report by report, in parallel across the cores.

Each report's checks are self-contained: its shapes look at its own resources, and its SHACL-SPARQL
constraints stay within its own audit, plan and office (see `shapes/`). So a collection is validated one
part at a time, each part with the ontology, the code lists and the Data Cube structures, and the parts
in a process pool. The part is the simplest honest one, the file: a graph file written by `seoulkg build`
holds one report (its `schema:Report`, the source text) and everything the report describes, shared
things included (the office's units, facilities, the city), so it needs nothing from another file.

Files are grouped by the reports they hold: files of one report (say a report's Turtle and its N-Triples)
are one part, as are files sharing any report; files that hold no report (submitted data, CSV templates)
are one part together. A file holding several reports (one built from several sources, or `seoulkg
synth` output) is split into its reports (`split.py`: each report's resources, and the shared ones it
uses, as that report alone gives them), each validated as a part, and its findings are listed once under
the file (a shared resource's finding comes from each of its reports' parts, and is the same finding);
such a file is not grouped with others. Each file is first validated on its own (or split), which is
final when its group is itself; a larger group, and the parts of split files, are then validated. What
is not checked across parts: one IRI minted by two reports for different things, a link from one
report's resource to another's, or a shared resource (a unit) described differently by two reports (for
instance two Korean labels where one is allowed). Validating everything as one graph (`together`)
checks those too, at the cost of the whole collection in one store.

The merged report lists each part's findings under its files, parts in the order given, so the output is
the same whatever the number of processes.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, TypeVar

from ..errors import SeoulKGError
from ..paths import SHIPPED_CONTEXT
from ..store.files import FORMATS
from .shapes import Report, validate_graph
from .split import part_name, split_reports

T = TypeVar("T")

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
    core), a file holding several reports split into its reports, or as one graph with `together`, and
    merge the findings."""
    files = expand(paths)
    if together:
        return validate_graph(files, engine, lang=lang, profile=profile)[0]
    jobs = max(1, jobs or os.cpu_count() or 1)
    with tempfile.TemporaryDirectory(prefix="seoulkg-split-") as work, _pool(jobs) as run:
        alone = run(_alone, [(file, engine, lang, profile, Path(work)) for file in files])
        if len(files) == 1 and alone[0][0] is not None:
            return alone[0][0]
        whole = [i for i, (report, _, _) in enumerate(alone) if report is not None]
        groups = _groups([files[i] for i in whole], [alone[i][1] for i in whole])
        larger = [group for group in groups if len(group) > 1]
        split = [(i, report, part) for i, (_, _, parts) in enumerate(alone) for report, part in parts]
        checked = run(_validate_part, [(group, engine, lang, profile, None) for group in larger]
                      + [([part], engine, lang, profile, [files[i]]) for i, _, part in split])
    together_checked = dict(zip(map(tuple, larger), checked[:len(larger)], strict=True))
    parts: list[tuple[int, str, Report]] = []
    for group in groups:
        first = files.index(group[0])
        report = together_checked[tuple(group)] if len(group) > 1 else alone[first][0]
        assert report is not None
        parts.append((first, " + ".join(map(str, group)), report))
    by_file: dict[int, list[tuple[str, Report]]] = {}
    for (i, name, _), report in zip(split, checked[len(larger):], strict=True):
        by_file.setdefault(i, []).append((part_name(files[i], name), report))
    parts += [(i, str(files[i]), _joined(split_parts, lang)) for i, split_parts in by_file.items()]
    return merge([(name, report) for _, name, report in sorted(parts, key=lambda part: part[0])], lang)


def merge(parts: Sequence[tuple[str, Report]], lang: str) -> Report:
    """One report of the parts' findings, each finding naming its part (files), parts in the order given; a
    part split into reports counts as its reports."""
    findings = tuple(dataclasses.replace(finding, graph=name) for name, report in parts for finding in report.findings)
    profiles = sorted({p for _, report in parts for p in report.profile.split(",")})
    return Report(all(report.conforms for _, report in parts), findings, ",".join(profiles), lang,
                  tuple(named for name, report in parts for named in report.parts or (name,)))


def _joined(parts: Sequence[tuple[str, Report]], lang: str) -> Report:
    """The reports of one file's parts as the file's: each finding once (a shared resource, a code list, is
    in every part), in the order validating the file whole gives."""
    findings = tuple(sorted({finding for _, report in parts for finding in report.findings}))
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


def _alone(file: Path, engine: str, lang: str, profile: str | None,
           work: Path) -> tuple[Report | None, frozenset[str], list[tuple[str, Path]]]:
    """A file validated on its own, with the reports it holds; or, holding several reports, split into
    one file per report under `work` (no report then: its parts are validated next)."""
    parts = split_reports(file, work)
    if parts:
        return None, frozenset(report for report, _ in parts), parts
    report, reports = validate_graph([file], engine, lang=lang, profile=profile)
    return report, reports, []


def _validate_part(files: list[Path], engine: str, lang: str, profile: str | None,
                   located_in: list[Path] | None) -> Report:
    return validate_graph(files, engine, lang=lang, profile=profile, located_in=located_in)[0]


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
    """Runs tasks in a process pool, started when a call first has several tasks (a fresh forkserver child
    per worker: the Rust engine's and Oxigraph's threads are never forked mid-flight), or in this process
    for one job or one task; results in order."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> _pool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)

    def __call__(self, task: Callable[..., T], arguments: list[tuple[Any, ...]]) -> list[T]:
        if self.jobs == 1 or len(arguments) <= 1:
            return [task(*args) for args in arguments]
        if self.executor is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["seoulkg.validation.shapes"])
            self.executor = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_watch,
                                                initargs=(os.getpid(),))
        futures = [self.executor.submit(task, *args) for args in arguments]
        try:
            return [future.result() for future in futures]
        except BrokenProcessPool:
            raise SeoulKGError("a validating process died (out of memory?); try fewer --jobs") from None
