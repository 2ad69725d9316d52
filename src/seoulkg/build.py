"""One build: reports, each with the curation that belongs to it -> one graph -> three files that parse and
pass the structural shapes, or nothing written.

Curation belongs to a report. A folder given for a report (`--curation DIR` after its `--source`) is applied
to it; without one, the shipped folder is applied only to the report whose SHA-256 its `report.sha256`
names (the 2022 report), and any other text builds without curation, warned. A folder's `report.sha256`
lists the SHA-256 of the report(s) it curates, as `sha256sum` prints them (a digest, then a file name).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from .errors import ExtractionWarning, SeoulKGError
from .extract import extract
from .extract.source import SourceDocument
from .namespaces import PROV, SKG, SPDX
from .paths import CURATION_DIR
from .rdf.graph import build_graphs
from .store.files import rdf_format
from .store.serialize import OUTPUT_NAMES, write_outputs

SHA_FILE = "report.sha256"
_DIGEST = re.compile(r"^([0-9a-f]{64})(?:\s+\*?(.+))?$")


@dataclass(frozen=True)
class Input:
    """A report to build, with the curation folder given for it (None: the shipped one if it is the report's)."""

    source: Path
    curation: Path | None = None


@dataclass(frozen=True)
class Report:
    """A report as built: its text, the curation applied (None: none) and the warnings of its build."""

    doc: SourceDocument
    curation: Path | None
    warnings: tuple[ExtractionWarning, ...]

    def messages(self) -> list[str]:
        """The warnings as `FILE:LINE: warning: …` lines."""
        return [w.format(str(self.doc.path)) for w in self.warnings]


@dataclass(frozen=True)
class Built:
    graph: Graph
    reports: tuple[Report, ...]


def curated_reports(directory: Path) -> tuple[str, ...]:
    """The SHA-256 digests a curation folder's report.sha256 names; () when it has none."""
    path = directory / SHA_FILE
    if not path.exists():
        return ()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SeoulKGError(f"{path}: cannot read: {exc}") from None
    digests = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _DIGEST.match(line.strip())
        if not match:
            raise SeoulKGError(f"{path}:{number}: expected a SHA-256 (64 lower-case hex digits), then a file name")
        digests.append(match[1])
    return tuple(digests)


def build(inputs: Sequence[Input]) -> Built:
    """Read every report, choose its curation, and build one graph of them all."""
    docs = [SourceDocument.read(i.source) for i in inputs]
    _check_distinct(docs)
    shipped = curated_reports(CURATION_DIR)
    chosen = [_curation(doc, i.curation, shipped) for doc, i in zip(docs, inputs, strict=True)]
    extractions = [extract(doc, curation) for doc, (curation, _) in zip(docs, chosen, strict=True)]
    built = build_graphs(extractions)
    reports = tuple(Report(doc, curation, tuple(sorted({*notes, *warnings})))
                    for doc, (curation, notes), warnings in zip(docs, chosen, built.warnings, strict=True))
    return Built(built.graph, reports)


def _check_distinct(docs: Sequence[SourceDocument]) -> None:
    """Two reports must be two texts (the same text twice would be one report read twice)."""
    for i, doc in enumerate(docs):
        for other in docs[:i]:
            if doc.sha256 == other.sha256:
                raise SeoulKGError(f"{doc.path}: the same text as {other.path} (SHA-256 {doc.sha256[:12]}…); "
                                   "give each report once")


def _curation(doc: SourceDocument, given: Path | None,
              shipped: tuple[str, ...]) -> tuple[Path | None, tuple[ExtractionWarning, ...]]:
    """The curation folder to apply to a report, and what to say about the choice."""
    if given is None:
        if doc.sha256 in shipped:
            return CURATION_DIR, ()
        return None, (ExtractionWarning(1, (
            f"no curation for this report (SHA-256 {doc.sha256[:12]}…; the shipped curation is the 2022 report's): "
            "built from what it prints alone; give --curation DIR after its --source to curate it")),)
    if not given.is_dir():
        raise SeoulKGError(f"{given}: --curation must be a directory of curated tables")
    names = curated_reports(given)
    if not names or doc.sha256 in names:
        return given, ()
    return given, (ExtractionWarning(1, (
        f"{given} curates another report (its {SHA_FILE} does not name this one, SHA-256 {doc.sha256[:12]}…); "
        "applied as asked: its rows are anchored on printed text, and a row whose text is not printed is skipped")),)


def write(built: Built, out: Path) -> list[Path]:
    """Write the graph's three files into `out`, only if each parses to the graph's triples and the graph passes
    the structural shapes; else raise SeoulKGError (one line naming the report and line) and write nothing."""
    return write_outputs(built.graph, out, lambda files: check_outputs(built, files))


def check_outputs(built: Built, files: dict[str, Path]) -> None:
    """The written files parse to the same triples, and those pass the structural shapes."""
    from .validation.shapes import validate

    parsed: dict[str, set[ox.Triple]] = {}
    for name in OUTPUT_NAMES:  # the graph's three serialisations (not the JSON-LD context beside them)
        path = files[name]
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=rdf_format(path))
        except (OSError, SyntaxError, ValueError) as exc:
            raise SeoulKGError(f"{path.parent / name}: the written file does not parse: {exc}") from None
        parsed[name] = {q.triple for q in store}
    reference = parsed["seoulkg.nt"]
    for name, triples in parsed.items():
        if len(triples) != len(built.graph) or triples != reference:
            raise SeoulKGError(f"{files[name].parent / name}: the written file does not hold the graph's triples "
                               f"({len(triples)} parsed, {len(built.graph)} built)")
    report = validate([files["seoulkg.nt"]], profile="report", structural=True)
    violations = [f for f in report.findings if f.severity == "Violation"]
    if violations:
        first = violations[0]
        where = _where(built, first.focus) or f"{files['seoulkg.nt'].parent}"
        raise SeoulKGError(f"{where}: the graph breaks a structural shape, nothing written: {first.message} "
                           f"(<{first.focus}>{f' {first.value}' if first.value else ''}; "
                           f"{len(violations)} violation{'s' if len(violations) > 1 else ''} in all)")


def _where(built: Built, focus: str) -> str | None:
    """`FILE:LINE` of the first line the resource was read from (in the first report that prints it)."""
    order = {r.doc.sha256: (i, r.doc.path) for i, r in enumerate(built.reports)}
    g = built.graph
    found = []
    for span in g.objects(URIRef(focus), PROV.wasDerivedFrom):
        document, line = g.value(span, PROV.wasQuotedFrom), g.value(span, SKG.startLine)
        digest = str(g.value(g.value(document, SPDX.checksum), SPDX.checksumValue)) if document else ""
        if digest in order and line is not None:
            index, path = order[digest]
            found.append((index, int(str(line)), str(path)))
    return "{2}:{1}".format(*min(found)) if found else None
