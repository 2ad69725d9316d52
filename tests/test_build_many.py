"""`seoulkg build` with one or many reports: which curation a report gets, refusals with one error line, and
a build that writes nothing unless its files parse to the graph and pass the structural shapes."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
import variants
from rdflib import Literal, URIRef

from seoulkg import build as building
from seoulkg.build import Built, Input, Report, curated_reports
from seoulkg.cli import _inputs
from seoulkg.errors import SeoulKGError
from seoulkg.extract.source import SourceDocument
from seoulkg.namespaces import RDF, RDFS, SCHEMA, SKG
from seoulkg.paths import CURATION_DIR, DEFAULT_SOURCE
from seoulkg.rdf.graph import BuiltGraph, new_graph
from seoulkg.store import serialize


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("seoulkg: error:")]
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture(scope="module")
def next_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return variants.write(tmp_path_factory.mktemp("next"), ["next-year"])["next-year"]


def test_the_shipped_curation_names_the_2022_report(doc: SourceDocument) -> None:
    assert curated_reports(CURATION_DIR) == (doc.sha256,)
    assert doc.sha256.startswith("4f2452b2")


def test_another_text_builds_without_the_shipped_curation(next_year: Path) -> None:
    built = building.build([Input(next_year)])
    report = built.reports[0]
    assert report.curation is None
    messages = report.messages()
    assert f"{next_year}:1: warning: no curation for this report" in messages[0]
    assert any("no curation: programs get their Korean titles as IRI segments" in m for m in messages)
    programs = set(built.graph.subjects(URIRef(str(SKG.programNumber)), None))
    assert len(programs) == 50  # 24 programs and their 26 parts, as in the 2022 report
    # no English name, and the Korean title as the IRI segment
    assert not [label for p in programs for label in built.graph.objects(p, RDFS.label)
                if isinstance(label, Literal) and label.language == "en"]
    market = [unquote(str(p)) for p in programs if "ON서울마켓" in unquote(str(p))]
    assert len(market) == 1 and market[0].endswith("/중소기업판로지원「ON서울마켓」시즌3추진")


def _count(built: Built, kind: URIRef) -> int:
    return len(set(built.graph.subjects(RDF.type, kind)))


def test_a_curation_given_after_a_source_curates_it(next_year: Path) -> None:
    """The README's worked example, first step: the shipped folder on next year's report."""
    built = building.build([Input(next_year, CURATION_DIR)])
    report = built.reports[0]
    assert report.curation == CURATION_DIR
    assert "curates another report" in report.messages()[0]  # its report.sha256 names the 2022 report
    programs = built.graph.subjects(URIRef(str(SKG.programNumber)), None)
    assert [p for p in programs if str(p).endswith("/on-seoul-market")]
    # the rows quoting a year the report no longer prints are skipped, and only they
    skipped = sorted((Path(w.file).name, w.line) for w in report.warnings if w.file and "row skipped" in w.reason)
    assert skipped == [("audit-links.csv", 19), ("audit-links.csv", 59), ("audit-links.csv", 60),
                       ("audit-links.csv", 77)]  # 77 links to the 마포 campus, which the next row anchors
    assert sum("anchor '용산(’22.11월 개관)' is on 0 lines" in m for m in report.messages()) == 3
    # 54 facilities and 199 milestones before 마곡's R&D centres, 양곡도매시장 and 강남취창업허브센터 with its opening
    assert (_count(built, SKG.Facility), _count(built, SKG.Milestone)) == (58, 200)


def test_the_worked_example_curates_next_years_report(next_year: Path, tmp_path: Path, built: BuiltGraph) -> None:
    """The README's worked example: a copy of the shipped folder, naming next year's report and quoting
    what it prints, applies every row."""
    folder = variants.next_year_curation(next_year, tmp_path / "curation-2023")
    curated = building.build([Input(next_year, folder)])
    report = curated.reports[0]
    assert not [w for w in report.warnings if w.file]  # no row skipped, no table missing
    assert not [m for m in report.messages() if "curates" in m or "anchor" in m]
    # 57 facilities and 202 milestones before 마곡's R&D centres, 양곡도매시장 and 강남취창업허브센터 with its opening
    assert (_count(curated, SKG.Facility), _count(curated, SKG.Milestone)) == (61, 203)
    # every audit link of the 2022 report, on next year's items
    assert len(set(curated.graph.subject_objects(SKG.concerns))) == len(set(built.graph.subject_objects(SKG.concerns)))


def test_each_curation_belongs_to_the_source_before_it() -> None:
    a, b, c, d = (Path(n) for n in "abcd")
    assert _inputs([("--source", a), ("--curation", c), ("--source", b)]) == [Input(a, c), Input(b)]
    assert _inputs([("--source", a), ("--source", b), ("--curation", c)]) == [Input(a), Input(b, c)]
    assert _inputs([("--curation", c), ("--source", a)]) == [Input(a, c)]
    assert _inputs([("--curation", c)]) == [Input(DEFAULT_SOURCE, c)]
    assert _inputs([]) == [Input(DEFAULT_SOURCE)]
    with pytest.raises(SeoulKGError, match="a second --curation for a"):
        _inputs([("--source", a), ("--curation", c), ("--curation", d)])


def test_the_same_text_twice_is_refused(cli, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copyfile(DEFAULT_SOURCE, copy)
    run = cli("build", "--source", DEFAULT_SOURCE, "--source", copy, "--out", tmp_path / "out")
    assert run.code == 2
    assert f"{copy}: the same text as {DEFAULT_SOURCE}" in _one_error_line(run.err)
    assert not (tmp_path / "out").exists()


def test_a_malformed_report_sha256_names_its_line(cli, tmp_path: Path) -> None:
    folder = tmp_path / "curation"
    folder.mkdir()
    (folder / "report.sha256").write_text("# the 2022 report\nnot-a-digest  report.txt\n", encoding="utf-8")
    run = cli("build", "--curation", folder, "--out", tmp_path / "out")
    assert run.code == 2
    assert f"{folder / 'report.sha256'}:2: expected a SHA-256" in _one_error_line(run.err)
    assert not (tmp_path / "out").exists()


def _with(built: BuiltGraph, doc: SourceDocument, extra: tuple[URIRef, URIRef, Literal]) -> Built:
    graph = new_graph()
    graph += built.graph
    graph.add(extra)
    return Built(graph, (Report(doc, CURATION_DIR, built.warnings),))


def test_a_structural_violation_writes_nothing(built: BuiltGraph, doc: SourceDocument, tmp_path: Path) -> None:
    # a second line count on the report: the source document shape allows exactly one
    report = next(built.graph.subjects(RDF.type, SCHEMA.Report))
    broken = _with(built, doc, (URIRef(str(report)), URIRef(str(SKG.lineCount)), Literal(7346)))
    out = tmp_path / "out"
    with pytest.raises(SeoulKGError) as error:
        building.write(broken, out)
    assert "the graph breaks a structural shape, nothing written: a source document has exactly one line count" \
        in str(error.value)
    assert not out.exists()


def test_a_written_file_that_loses_triples_is_not_kept(built: BuiltGraph, doc: SourceDocument, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    whole = serialize.to_jsonld

    def losing(graph):  # the JSON-LD without its last node
        text = whole(graph)
        return text[: text.rindex(',\n  {')] + "\n ]\n}\n"

    monkeypatch.setattr(serialize, "to_jsonld", losing)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SeoulKGError, match=r"seoulkg\.jsonld: the written file does not hold the graph's triples"):
        building.write(Built(built.graph, (Report(doc, CURATION_DIR, ()),)), out)
    assert list(out.iterdir()) == []
