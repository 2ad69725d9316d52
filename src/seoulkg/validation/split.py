"""A file holding several reports, split into one graph per report, so a collection in one file (a build
from several sources, `seoulkg synth` output) is validated report by report like a collection of files.

Which report a resource belongs to is read from its provenance, the way the canned queries read a figure's
report: a report (`schema:Report`) is its own; a source span is the report it is `prov:wasQuotedFrom`; a
resource is the reports it is `prov:wasDerivedFrom`, directly or through a span; what is cited but cites
nothing itself (a curation record) is the reports of the resources citing it. A resource citing nothing
(a quantity of a target, a table's observation parts) is its nearest IRI parent's (`{target}/quantity/1` is
the target's); one with no such parent (code lists, structures, the software, the city) is every report's.
A resource of several reports (a unit, a facility, the dataset description) is shared: it goes to each of
its reports' parts.

A report's part holds every triple whose subject is that report's or shared with it, except the triples
pointing at another report's resource (a shared facility's floor area stated by another report, its
citation of another report's lines, the build's use of another report): each part is the graph that report
alone gives, shared things included, which is what a build of that report writes. What only shows when
two reports meet (a link from one report's resource to another's) is left out of both parts, as it is of
files validated one by one; `--together` checks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from ..namespaces import ID, PROV, RDF, SCHEMA
from ..store.files import load_file, rdf_format

Reports = frozenset[str] | None  # a resource's reports; None: every report's (it is of none in particular)


def split_reports(path: Path, directory: Path) -> list[tuple[str, Path]]:
    """The file split into one N-Triples file per report in `directory`, as (report IRI, file), in the
    order of the reports' IRIs; [] when the file holds fewer than two reports (or is no RDF file).

    An N-Triples file is parsed once, strictly, for its provenance, without a store (10M triples in a store
    take about 4 GB), then its lines are written to their parts; another file is loaded into Oxigraph and
    dumped as N-Triples first. Lines are handled as text (at 500k triples, a fifth of the time of Python
    term objects), so an IRI must be written the same way wherever it is (no \\u escapes in one place only:
    Oxigraph and `seoulkg build` never write them)."""
    if path.suffix.lower() == ".csv" or not _names_twice(path, b"Report"):
        return []
    if rdf_format(path) == ox.RdfFormat.N_TRIPLES:
        text, owners = path, _owners(_parsed(path))
        if len(owners.reports) < 2:
            return []
    else:
        store = ox.Store()
        load_file(store, path)
        if len({q.subject for q in store.quads_for_pattern(None, _TERMS[0], _TERMS[3])}) < 2:
            return []
        text = directory / f"{path.stem}.all.nt"
        store.dump(output=str(text), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        del store
        owners = _owners(_parsed(text))
    named = {report: directory / f"{path.stem}.{index}.nt"
             for index, report in enumerate(sorted(owners.reports), start=1)}
    streams = {report: file.open("w", encoding="utf-8") for report, file in named.items()}
    try:
        everywhere = list(streams.values())
        with text.open(encoding="utf-8") as lines:
            for line in lines:
                terms = _LINE.match(line)
                if terms is None:  # a blank line or a comment
                    continue
                held = owners.of(terms[1])
                if terms[2] is not None:
                    reached = owners.of(terms[2])
                    held = reached if held is None else held if reached is None else held & reached
                for stream in (everywhere if held is None else (streams[r] for r in sorted(held))):
                    stream.write(line if line.endswith("\n") else line + "\n")
    finally:
        for stream in streams.values():
            stream.close()
        if text != path:
            text.unlink()
    return list(named.items())


def _names_twice(path: Path, word: bytes) -> bool:
    """Whether the file holds the word at least twice: two reports are typed `schema:Report` twice, however
    written (full IRI, prefixed name, JSON-LD term), so a file of one report is not parsed twice (read in
    pieces: at 500 reports a file is gigabytes)."""
    count, tail = 0, b""
    try:
        with path.open("rb") as stream:
            while piece := stream.read(1 << 24):
                data = tail + piece
                count += data.count(word)
                if count >= 2:
                    return True
                tail = data[1 - len(word):]
    except OSError:
        return False  # validating it says why it cannot be read
    return False


# an N-Triples line: its subject as written, and its object's IRI (none for a literal or a blank node)
_LINE = re.compile(r"[ \t]*([^\s#]\S*)[ \t]+\S+[ \t]+(?:<([^>]*)>)?")
_TERMS = tuple(ox.NamedNode(str(iri)) for iri in (RDF.type, PROV.wasQuotedFrom, PROV.wasDerivedFrom, SCHEMA.Report))


def _parsed(path: Path) -> Iterator[tuple[str, ox.NamedNode, str]]:
    """The (subject, predicate, object) IRIs of the triples a report's provenance is read from, parsing the
    whole file strictly (a malformed file is the usual one-line error naming its line)."""
    kind, quoted, derived, report = _TERMS
    try:
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
            predicate, target = triple.predicate, triple.object
            wanted = predicate in (quoted, derived) or (predicate == kind and target == report)
            if wanted and isinstance(triple.subject, ox.NamedNode) and isinstance(target, ox.NamedNode):
                yield triple.subject.value, predicate, target.value
    except (SyntaxError, OSError):
        load_file(ox.Store(), path)  # raises the error (file and line) as loading the file does
        raise


class _Owners:
    """Each resource's reports (see the module's docstring), read from an N-Triples file's lines."""

    def __init__(self, direct: dict[str, frozenset[str]], reports: frozenset[str]) -> None:
        self.direct = direct
        self.reports = reports
        self.inherited: dict[str, Reports] = {}

    def of(self, term: str) -> Reports:
        """The reports of a term as written ('<iri>', '_:b') or of an IRI; None: every report's."""
        iri = term[1:-1] if term.startswith("<") else term
        found = self.direct.get(iri)
        if found is not None:
            return found
        if iri.startswith("_:"):
            return None
        if iri not in self.inherited:
            self.inherited[iri] = self._parent(iri)
        return self.inherited[iri]

    def _parent(self, iri: str) -> Reports:
        """The reports of the nearest IRI parent (the IRI cut at a '/') that has any; None if none has."""
        cut = iri.rfind("/")
        while cut > len("https://"):
            parent = iri[:cut]
            if parent in self.direct:
                return self.direct[parent]
            if parent in self.inherited:
                return self.inherited[parent]
            cut = iri.rfind("/", 0, cut)
        return None


def _owners(triples: Iterable[tuple[str, ox.NamedNode, str]]) -> _Owners:
    """Reports, spans, what cites them and what only they cite, with the reports they are of (each set of
    reports one object, shared by every resource of those reports: a file of 500 reports has millions)."""
    kind, quoted_from, derived_from, _ = _TERMS
    reports: set[str] = set()
    quoted: list[tuple[str, str]] = []
    derived: list[tuple[str, str]] = []
    for subject, predicate, target in triples:
        if predicate == quoted_from:
            quoted.append((subject, target))
        elif predicate == derived_from:
            derived.append((subject, target))
        elif predicate == kind:
            reports.add(subject)
    sets: dict[frozenset[str], frozenset[str]] = {}
    found: dict[str, frozenset[str]] = {}

    def add(thing: str, held: frozenset[str]) -> None:
        grown = found.get(thing, frozenset()) | held
        found[thing] = sets.setdefault(grown, grown)

    for report in reports:
        add(report, frozenset({report}))
    span = {thing: frozenset({report}) for thing, report in quoted if report in reports}
    for thing, held in span.items():
        add(thing, held)
    citing = {thing for thing, _ in quoted} | {thing for thing, _ in derived}
    records = []
    for thing, source in derived:
        if source in reports:
            add(thing, frozenset({source}))
        elif source in span:
            add(thing, span[source])
        elif source not in citing:
            records.append((thing, source))
    for thing, record in records:  # cited, citing nothing: the reports of what cites it
        if thing in found:
            add(record, found[thing])
    return _Owners(found, frozenset(reports))


def part_name(path: Path, report: str) -> str:
    """How a part is named: the file, and the report's IRI after the project's base."""
    return f"{path} [{report.removeprefix(str(ID))}]"
