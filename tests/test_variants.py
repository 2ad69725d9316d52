"""Every variant of the report (tests/variants.py) builds with its expected counts, writes files that parse,
and attaches nothing wrongly: a curated name, owner or audit link on a variant is one the real report's
graph has for the same printed text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
import variants

from seoulkg.extract import Extraction, extract
from seoulkg.extract.source import SourceDocument
from seoulkg.extract.text import squash
from seoulkg.paths import BUILT_NTRIPLES
from seoulkg.rdf.graph import build_graph
from seoulkg.store.serialize import write_outputs
from seoulkg.validation.shapes import validate

# the variants' builds are shared over both workers and start first (tests/conftest.py)
pytestmark = pytest.mark.runs_long
NAMES = sorted(variants.VARIANTS)
PREFIXES = """PREFIX skg: <https://w3id.org/seoulkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX org: <http://www.w3.org/ns/org#>"""


@dataclass(frozen=True)
class Built:
    extraction: Extraction
    store: ox.Store
    out: Path
    warnings: tuple[str, ...]


def _build(path: Path, out: Path) -> Built:
    extraction = extract(SourceDocument.read(path))
    built = build_graph(extraction)
    write_outputs(built.graph, out)
    store = ox.Store()
    store.bulk_load(path=str(out / "seoulkg.nt"), format=ox.RdfFormat.N_TRIPLES)
    return Built(extraction, store, out, tuple(w.format(path.name) for w in built.warnings))


class Builds(dict[str, Built]):
    """Each variant written and built when a test first asks for it: under `--dist loadscope` the tests of one
    variant are one work unit (tests/conftest.py, BY_PARAMETER), so the variants are built on both workers."""

    def __init__(self, folder: pytest.TempPathFactory) -> None:
        super().__init__()
        self.folder = folder

    def __missing__(self, name: str) -> Built:
        text = variants.write(self.folder.mktemp(name), [name])[name]
        self[name] = _build(text, self.folder.mktemp(f"{name}-out"))
        return self[name]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(tmp_path_factory)


@pytest.fixture(scope="module")
def real() -> ox.Store:
    """The real report's graph: the committed build (test_build_outputs checks that it is what a build writes)."""
    store = ox.Store()
    store.bulk_load(path=str(BUILT_NTRIPLES), format=ox.RdfFormat.N_TRIPLES)
    return store


def _rows(store: ox.Store, query: str) -> set[tuple[str, ...]]:
    solutions = store.query(PREFIXES + query)
    assert isinstance(solutions, ox.QuerySolutions)
    return {tuple(term.value if term is not None else "" for term in row) for row in solutions}


def _count(store: ox.Store, query: str) -> int:
    return len(_rows(store, query))


PROGRAMS = "SELECT ?p WHERE { ?p a skg:Program ; dcterms:isPartOf ?plan . ?plan a skg:WorkPlan }"
PARTS = "SELECT ?p WHERE { ?p a skg:Program ; dcterms:isPartOf ?program . ?program a skg:Program }"


@pytest.mark.parametrize("name", NAMES)
def test_counts(name: str, builds) -> None:
    expected, built = variants.VARIANTS[name][1], builds[name]
    store, extraction = built.store, built.extraction
    # the office and the reference date are read from the report, for whoever scopes IRIs by report
    assert extraction.office == extraction.units[0].name == expected.office
    assert extraction.reference_date == expected.reference_date
    assert len(extraction.units) == expected.units
    assert _count(store, PROGRAMS) == expected.programs
    assert _count(store, PARTS) == expected.parts
    assert _count(store, "SELECT ?i WHERE { ?i a skg:AuditItem }") == expected.items
    assert _count(store, "SELECT ?f WHERE { ?f a skg:Facility }") == expected.facilities
    assert _count(store, "SELECT ?m WHERE { ?m a skg:Milestone }") == expected.milestones
    audits = _rows(store, "SELECT ?a WHERE { ?a a skg:AdministrativeAudit }")
    assert {a.rsplit("/", 1)[-1] for (a,) in audits} == ({expected.audit_year} if expected.audit_year else set())
    for piece in expected.warnings_include:
        assert any(piece in w for w in built.warnings), piece


@pytest.mark.parametrize("name", NAMES)
def test_output_parses_and_has_no_placeholder_iri(name: str, builds) -> None:
    built = builds[name]
    ttl = ox.Store()
    ttl.bulk_load(path=str(built.out / "seoulkg.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(ttl) == len(built.store) > 0
    iris = {t.value for q in built.store for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}
    assert not [i for i in iris if "None" in i or "{" in i or "/-" in i]


@pytest.mark.parametrize("name", NAMES)
def test_structural_shapes_pass(name: str, builds) -> None:
    """No Violation but the completeness checks' a variant expects (one that drops items its report counts)."""
    findings = validate([builds[name].out / "seoulkg.nt"]).findings
    violations = {f.shape.rsplit("#", 1)[-1] for f in findings if f.severity == "Violation"}
    assert violations == set(variants.VARIANTS[name][1].violations)


TITLED = """SELECT ?title ?iri ?en WHERE { ?iri a skg:Program ; dcterms:isPartOf ?plan ; rdfs:label ?title .
    ?plan a skg:WorkPlan . FILTER (lang(?title) = "ko") OPTIONAL { ?iri rdfs:label ?en FILTER (lang(?en) = "en") } }"""
OWNED = """SELECT ?title ?unit WHERE { ?p skg:owner ?u ; rdfs:label ?title . ?u rdfs:label ?unit .
    FILTER (lang(?title) = "ko" && lang(?unit) = "ko") }"""
LINKED = """SELECT ?demand ?target WHERE { ?i skg:concerns ?target ; skg:demand ?demand }"""


def _by_text(rows: set[tuple[str, ...]], name: str = "") -> set[tuple[str, ...]]:
    """Rows keyed by their first column's text, spaces removed and the real report's names (and, for next year's
    report, years) put back."""
    undo = variants.undo_next_year if name == "next-year" else variants.undo_renames
    return {(squash(undo(first)), *rest) for first, *rest in rows}


def _programs(rows: set[tuple[str, ...]], name: str = "") -> set[tuple[str, ...]]:
    """Rows by text with program IRIs cut to their slug (what follows id/program/{office}/{year}/), since another
    office's or year's report names its programs under its own office and year."""
    return {tuple(re.sub(r"^.*/program/[^/]+/\d{4}/", "", cell) for cell in row) for row in _by_text(rows, name)}


@pytest.mark.parametrize("name", NAMES)
def test_nothing_attached_wrongly(name: str, builds, real) -> None:
    """A program's IRI and English name, an owner and an audit link are each the real report's for the same
    printed text (a removed program's name and links do not pass to its neighbour)."""
    store = builds[name].store
    variant, reference = _programs(_rows(store, TITLED), name), _programs(_rows(real, TITLED))
    title_of = {iri: title for title, iri, _ in reference}
    assert len(variant) == len({iri for _, iri, _ in variant})  # one program per IRI
    for title, iri, english in variant:
        assert title_of.get(iri, title) == title, iri
        if english:
            assert (title, iri, english) in reference
    if name != "renamed-units":
        assert _by_text(_rows(store, OWNED), name) <= _by_text(_rows(real, OWNED))
    assert _programs(_rows(store, LINKED), name) <= _programs(_rows(real, LINKED))


@pytest.mark.parametrize("name", ["program-removed"])
def test_a_removed_program_takes_its_name_and_links_with_it(name: str, builds) -> None:
    store = builds[name].store
    iris = {iri for _, iri, _ in _rows(store, TITLED)}
    assert not any(i.endswith("/public-jobs-safety-net") for i in iris)
    on_seoul = [t for t, iri, _ in _rows(store, TITLED) if iri.endswith("/on-seoul-market")]
    assert [squash(t) for t in on_seoul] == [squash("중소기업 판로지원「 ON서울 마켓」시즌3 추진")]
    assert not [row for row in _rows(store, LINKED) if "안심일자리" in row[0]]
    warnings = builds[name].warnings
    assert any("programs.csv:2: warning: no program titled '취약계층" in w for w in warnings)


@pytest.mark.parametrize("name", ["next-years-audit"])
def test_renumbered_audit_links_follow_the_demand(name: str, builds, real) -> None:
    """Items 21-85 are renumbered 1-65: a curated link follows its demand's text to the new number."""
    moved = _rows(builds[name].store, "SELECT ?i ?target WHERE { ?i skg:concerns ?target }")
    assert moved and all("/2022/" in item for item, _ in moved)
    old = _rows(real, "SELECT ?i ?target WHERE { ?i skg:concerns ?target }")
    renumbered = {(i.replace("/2022/correction/", "/2021/correction/"), t) for i, t in moved if "/correction/" in i}
    shifted = {(i.rsplit("/", 1)[0] + f"/{int(i.rsplit('/', 1)[1]) + 20}", t) for i, t in renumbered}
    assert shifted <= old and len(shifted) == len({x for x in old if "/correction/" in x[0]
                                                    and int(x[0].rsplit("/", 1)[1]) > 20})


def test_without_curation_the_report_builds_what_it_reads(tmp_path: Path, cli) -> None:
    (tmp_path / "none").mkdir()
    run = cli("build", "--curation", tmp_path / "none", "--out", tmp_path / "out")
    assert run.code == 0
    for table in ("units", "areas", "programs", "program-owners", "audit-links"):
        assert f"{table}.csv:1: warning: no curated table" in run.err
    store = ox.Store()
    store.bulk_load(path=str(tmp_path / "out" / "seoulkg.nt"), format=ox.RdfFormat.N_TRIPLES)
    assert _count(store, PROGRAMS) == 24 and _count(store, "SELECT ?i WHERE { ?i a skg:AuditItem }") == 180
    assert not _rows(store, OWNED) and not _rows(store, LINKED)
    assert not _rows(store, 'SELECT ?p WHERE { ?p a skg:Program ; rdfs:label ?en FILTER (lang(?en) = "en") }')
    # Korean-name IRI segments: the program's title, spaces removed
    assert {unquote(iri).rsplit("/", 1)[-1] for _, iri, _ in _rows(store, TITLED)} == {
        squash(title) for title, _, _ in _rows(store, TITLED)}
