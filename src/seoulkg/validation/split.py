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

from pathlib import Path

import pyoxigraph as ox

from ..namespaces import ID, PROV, RDF, SCHEMA
from ..store.files import load_file

Reports = frozenset[str] | None  # a resource's reports; None: every report's (it is of none in particular)
_TYPE, _QUOTED, _DERIVED = (f"<{iri}>" for iri in (RDF.type, PROV.wasQuotedFrom, PROV.wasDerivedFrom))
_REPORT = f"<{SCHEMA.Report}>"


def split_reports(path: Path, directory: Path) -> list[tuple[str, Path]]:
    """The file split into one N-Triples file per report in `directory`, as (report IRI, file), in the
    order of the reports' IRIs; [] when the file holds fewer than two reports (or is no RDF file).

    The file is loaded into Oxigraph and dumped as N-Triples (one triple a line, terms as Oxigraph writes
    them), which is read twice as text: for the provenance, then to write each line to its parts (at 500k
    triples, text is a fifth of the time of Python term objects)."""
    if path.suffix.lower() == ".csv":
        return []
    store = ox.Store()
    load_file(store, path)
    if len({q.subject for q in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)),
                                                       ox.NamedNode(str(SCHEMA.Report)))}) < 2:
        return []
    dump = directory / f"{path.stem}.all.nt"
    store.dump(output=str(dump), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    del store
    owners = _owners(dump)
    reports = sorted(owners.reports)
    named = {report: directory / f"{path.stem}.{index}.nt" for index, report in enumerate(reports, start=1)}
    streams = {report: file.open("w", encoding="utf-8") for report, file in named.items()}
    try:
        everywhere = list(streams.values())
        with dump.open(encoding="utf-8") as lines:
            for line in lines:
                subject, _, target = _terms(line)
                held = owners.of(subject)
                if target is not None:
                    reached = owners.of(target)
                    held = reached if held is None else held if reached is None else held & reached
                for stream in (everywhere if held is None else (streams[r] for r in sorted(held))):
                    stream.write(line)
    finally:
        for stream in streams.values():
            stream.close()
        dump.unlink()
    return list(named.items())


def _terms(line: str) -> tuple[str, str, str | None]:
    """An N-Triples line as Oxigraph writes it: subject, predicate (both as written) and the object's IRI
    (None for a literal or a blank node)."""
    subject, predicate, rest = line.split(" ", 2)
    body = rest.rstrip()[:-2]  # without " ."
    if body.startswith("<"):  # an IRI; a literal starts with '"', a blank node with '_:'
        return subject, predicate, body[1:-1]
    return subject, predicate, None


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


def _owners(dump: Path) -> _Owners:
    """Reports, spans, what cites them and what only they cite, with the reports they are of (each set of
    reports one object, shared by every resource of those reports: a file of 500 reports has millions)."""
    reports: set[str] = set()
    quoted: list[tuple[str, str]] = []
    derived: list[tuple[str, str]] = []
    with dump.open(encoding="utf-8") as lines:
        for line in lines:
            if _QUOTED in line or _DERIVED in line or _REPORT in line:
                subject, predicate, target = _terms(line)
                if target is None or not subject.startswith("<"):
                    continue
                pair = (subject[1:-1], target)
                if predicate == _QUOTED:
                    quoted.append(pair)
                elif predicate == _DERIVED:
                    derived.append(pair)
                elif predicate == _TYPE and target == _REPORT[1:-1]:
                    reports.add(pair[0])
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
