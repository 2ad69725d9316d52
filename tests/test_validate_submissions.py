"""`seoulkg validate` on new data: the README's new audit item in Turtle, JSON-LD and CSV, broken copies of
it (each a finding naming where, exit 1, no traceback), another body's audit results entered into the
audit-items template, the templates themselves, and the output formats."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from rdflib import Graph

HERE = Path(__file__).parent / "fixtures" / "submissions"
ITEM = "https://w3id.org/seoulkg/id/audit/economic-policy-office/2022/correction/1"
PLAN = f"{ITEM}/follow-up/1"
SKG = "https://w3id.org/seoulkg/ontology#"


def _json(cli, *args: str | Path) -> tuple[int, dict]:
    run = cli("validate", "--format", "json", "--lang", "en", *args)
    assert run.err == ""
    return run.code, json.loads(run.out)


@pytest.mark.parametrize("name", ["new-audit-item.ttl", "new-audit-item.jsonld", "new-audit-item.csv"])
def test_readme_examples_conform_as_submitted_data(cli, name: str) -> None:
    code, report = _json(cli, HERE / name)
    assert code == 0 and report["conforms"] is True and report["profile"] == "submitted"
    # the CSV cannot carry English labels: only the recommendation (sh:Info) for the audit and the item
    assert {(r["severity"], r["focus"]) for r in report["results"]} <= {
        ("Info", ITEM), ("Info", ITEM.rsplit("/", 2)[0])}


# (what is broken, replacement in the Turtle, replacement in the CSV row, the finding: focus, path, value, where)
BROKEN = [
    ("a literal for an IRI", ("code:audit-status\\/in_progress", '"completed"'), ("in_progress", None),
     (ITEM, f"{SKG}auditStatus", '"completed"'), ("new-audit-item.ttl:21", None)),
    ("an unknown status", ("code:audit-status\\/in_progress", "code:audit-status\\/done"), ("in_progress", "done"),
     (ITEM, f"{SKG}auditStatus", "https://w3id.org/seoulkg/id/code/audit-status/done"),
     ("new-audit-item.ttl:21", "new-audit-item.csv:2:13 (status)")),
    ("an impossible date", ('"2023-01-01"^^xsd:date', '"2023-02-30"^^xsd:date'), ("2023-01-01", "2023-02-30"),
     (PLAN, f"{SKG}startDate", '"2023-02-30"^^<http://www.w3.org/2001/XMLSchema#date>'),
     ("new-audit-item.ttl:32", "new-audit-item.csv:2:19 (plan_start)")),
    ("a follow-up starting after its due date", ('"2023-01-01"^^xsd:date', '"2023-08-01"^^xsd:date'),
     ("2023-01-01", "2023-08-01"), (PLAN, f"{SKG}startDate", '"2023-08-01"^^<http://www.w3.org/2001/XMLSchema#date>'),
     ("new-audit-item.ttl:32", "new-audit-item.csv:2:19 (plan_start)")),
    ("a unit that exists nowhere", ("unit:campus-town-division", "unit:no-such-division"),
     ("campus-town-division", "no-such-division"),
     (ITEM, "https://schema.org/agent", "https://w3id.org/seoulkg/id/unit/no-such-division"),
     ("new-audit-item.ttl:21", "new-audit-item.csv:2:11 (unit)")),
]


def _finding(report: dict, focus: str, path: str, value: str) -> dict:
    found = [r for r in report["results"] if (r["focus"], r["path"], r["value"]) == (focus, path, value)
             and r["severity"] == "Violation"]
    assert found, report["results"]
    return found[0]


@pytest.mark.parametrize("case", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_turtle_gives_a_located_finding(cli, tmp_path: Path, case) -> None:
    _, (old, new), _, (focus, path, value), (where, _) = case
    text = (HERE / "new-audit-item.ttl").read_text(encoding="utf-8")
    assert text.count(old) == 1
    broken = tmp_path / "new-audit-item.ttl"
    broken.write_text(text.replace(old, new), encoding="utf-8")
    code, report = _json(cli, broken)
    assert code == 1 and report["conforms"] is False
    finding = _finding(report, focus, path, value)
    assert finding["where"] == where and finding["message"]


@pytest.mark.parametrize("case", [b for b in BROKEN if b[2][1]], ids=[b[0] for b in BROKEN if b[2][1]])
def test_broken_csv_gives_a_finding_naming_row_and_column(cli, tmp_path: Path, case, caplog) -> None:
    _, _, (old, new), (focus, path, value), (_, where) = case
    rows = list(csv.reader((HERE / "new-audit-item.csv").open(encoding="utf-8")))
    column = next(i for i, cell in enumerate(rows[1]) if cell == old)
    rows[1][column] = new
    broken = tmp_path / "new-audit-item.csv"
    with broken.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    code, report = _json(cli, broken)
    assert code == 1
    assert _finding(report, focus, path, value)["where"] == where
    assert not caplog.records  # nothing logged (rdflib logs an ill-typed date with a traceback)


def test_literal_for_an_iri_is_reported_in_korean_too(cli, tmp_path: Path) -> None:
    text = (HERE / "new-audit-item.ttl").read_text(encoding="utf-8")
    broken = tmp_path / "item.ttl"
    broken.write_text(text.replace("code:audit-status\\/in_progress", '"completed"'), encoding="utf-8")
    run = cli("validate", "--lang", "ko", broken)
    assert run.code == 1 and run.err == ""
    assert ('item.ttl:21: Violation: 시정·처리 요구사항 1 <' + ITEM + '> skg:auditStatus = "completed": '
            '감사 처리사항은 추진상황이 하나 있어야 한다') in run.out
    assert run.out.rstrip().endswith("부적합")


def test_another_bodys_audit_results_fail_only_for_what_they_do_not_state(cli) -> None:
    code, report = _json(cli, HERE / "jongno-2011-audit-results.csv")
    assert code == 1
    violations = sorted((r["where"], r["path"].rsplit("/", 1)[-1].rsplit("#", 1)[-1])
                        for r in report["results"] if r["severity"] == "Violation")
    name = "jongno-2011-audit-results.csv"
    assert violations == sorted([
        (f"{name}:2:3 (reference_date)", "referenceDate"),  # the text states no date the results are as of
        (f"{name}:2:5 (source_publisher)", "publisher"),  # nor who published them
        (f"{name}:2:6 (source_date)", "issued"),  # nor when
        *[(f"{name}:{row}:11 (unit)", "agent") for row in range(2, 7)]])  # nor a responsible unit per item
    assert {r["severity"] for r in report["results"]} == {"Violation", "Info"}


def test_profile_report_requires_source_spans(cli) -> None:
    code, report = _json(cli, "--profile", "report", HERE / "new-audit-item.ttl")
    assert code == 1 and report["profile"] == "report"
    assert any(r["focus"] == ITEM and r["path"] == "http://www.w3.org/ns/prov#wasDerivedFrom"
               for r in report["results"])


@pytest.mark.parametrize("name", ["audit-items", "budget", "staffing"])
def test_templates_print_header_and_an_example_that_conforms(cli, tmp_path: Path, name: str) -> None:
    run = cli("template", name)
    rows = list(csv.reader(run.out.splitlines()))
    assert run.code == 0 and len(rows) == 2 and len(rows[0]) == len(rows[1])
    filled = tmp_path / f"{name}.csv"
    filled.write_text(run.out, encoding="utf-8")
    out = tmp_path / "converted.ttl"
    code, report = _json(cli, filled, "--out", out)
    assert code == 0 and {r["severity"] for r in report["results"]} <= {"Info"}
    from rdflib import Graph
    assert len(Graph().parse(out)) > 10


def test_unknown_template_and_unknown_header_are_one_line_errors(cli, tmp_path: Path) -> None:
    run = cli("template", "nope")
    assert run.code == 2 and run.err.count("\n") == 1 and "audit-items" in run.err
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    run = cli("validate", bad)
    assert run.code == 2 and run.err.startswith(f"seoulkg: error: {bad}:1: the header matches no template")


def test_html_and_turtle_reports(cli, tmp_path: Path) -> None:
    from rdflib import Graph, URIRef
    from rdflib.namespace import SH

    jongno = HERE / "jongno-2011-audit-results.csv"
    html = cli("validate", "--format", "html", "--lang", "ko", jongno)
    assert html.code == 1 and "<td>jongno-2011-audit-results.csv:2:11 (unit)</td>" in html.out
    assert "감사 처리사항은 담당 조직이 있어야 한다" in html.out
    turtle = cli("validate", "--format", "turtle", "--lang", "en", jongno)
    report = Graph().parse(data=turtle.out, format="turtle")
    assert len(set(report.subjects(SH.resultPath, URIRef("https://schema.org/agent")))) == 5


def test_severity_is_the_property_shapes_own(cli, tmp_path: Path) -> None:
    """SHACL takes a result's severity from the shape that produces it: the English-label recommendation's
    sh:Info sits on its property shape, so an item without an English label is an Info, not a Violation."""
    from rdflib.namespace import SH

    from seoulkg.validation.shapes import shapes_graph

    shapes = shapes_graph()
    infos = [p for p in shapes.subjects(SH.severity, SH.Info) if (None, SH.property, p) in shapes]
    assert len(infos) == 1 and "rdfs:label @en" in str(shapes.value(infos[0], SH.message))
    text = (HERE / "new-audit-item.ttl").read_text(encoding="utf-8")
    unlabelled = tmp_path / "item.ttl"
    unlabelled.write_text(text.replace(', "Correction demand 1"@en', ""), encoding="utf-8")
    code, report = _json(cli, unlabelled)
    assert code == 0 and [(r["severity"], r["focus"]) for r in report["results"]] == [("Info", ITEM)]


def test_jsonld_example_compacts_and_expands_round_trip() -> None:
    """The README's JSON-LD audit item names the shipped context by its address (read from the package's
    copy, never fetched) and adds three terms of its own; the shipped context types object properties @id
    and dates xsd:date, so the graph compacted with both reads back as the same graph and the compacted
    form keeps the terms (no IRI turned into a string)."""
    from rdflib.compare import isomorphic

    from seoulkg.paths import SHIPPED_CONTEXT
    from seoulkg.store.context import CONTEXT_IRI
    from seoulkg.store.files import parse_files

    document = json.loads((HERE / "new-audit-item.jsonld").read_text(encoding="utf-8"))
    assert document["@context"][0] == CONTEXT_IRI == "https://w3id.org/seoulkg/context.jsonld"
    graph = parse_files([HERE / "new-audit-item.jsonld"])
    assert len(graph) == 26  # as many triples as the Turtle example has
    shipped = json.loads(SHIPPED_CONTEXT.read_text(encoding="utf-8"))["@context"]
    assert shipped["auditStatus"] == {"@id": "skg:auditStatus", "@type": "@id"}
    assert shipped["dueDate"] == {"@id": "skg:dueDate", "@type": "xsd:date"}
    context = [shipped, document["@context"][1]]
    compacted = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    item = next(n for n in compacted["@graph"] if n["@id"].endswith("correction/1"))
    # a plain string under the @id-typed term (rdflib writes it as a full IRI), a language map for labels
    assert item["agent"] == "https://w3id.org/seoulkg/id/unit/campus-town-division"
    assert item["label"] == {"ko": "시정·처리 요구사항 1", "en": "Correction demand 1"}
    again = Graph().parse(data=json.dumps(compacted, ensure_ascii=False), format="json-ld")
    assert isomorphic(graph, again) and len(again) == len(graph)


def test_a_context_named_by_another_address_is_refused_not_fetched(cli, tmp_path: Path) -> None:
    """seoulkg opens no connection: a JSON-LD file whose context is some other address is an input error
    naming the file and the line of that address."""
    text = (HERE / "new-audit-item.jsonld").read_text(encoding="utf-8")
    remote = tmp_path / "remote.jsonld"
    remote.write_text(text.replace("https://w3id.org/seoulkg/context.jsonld", "http://127.0.0.1:9/ctx.jsonld"),
                      encoding="utf-8")
    run = cli("validate", remote)
    assert run.code == 2 and run.out == ""
    assert run.err.strip() == (f"seoulkg: error: {remote}:3: the @context 'http://127.0.0.1:9/ctx.jsonld' is an "
                               "address, and seoulkg fetches nothing: embed the context, or name "
                               "https://w3id.org/seoulkg/context.jsonld (read from the copy shipped with seoulkg)")


@pytest.mark.parametrize("fmt, suffix", [("nt", ".nt"), ("xml", ".rdf")])
def test_the_turtle_example_as_ntriples_and_rdfxml(cli, tmp_path: Path, fmt: str, suffix: str) -> None:
    """Every syntax `validate` accepts gives the same verdict: the example conforms; with a literal for the
    status it fails on that value, located where the parser can tell: as for Turtle, the line that first
    names the focus node (N-Triples: one triple a line; RDF/XML: the element describing it)."""
    good = Graph().parse(HERE / "new-audit-item.ttl")
    converted = tmp_path / f"item{suffix}"
    converted.write_text(good.serialize(format=fmt), encoding="utf-8")
    code, report = _json(cli, converted)
    assert code == 0 and report["profile"] == "submitted" and report["conforms"] is True
    text = (HERE / "new-audit-item.ttl").read_text(encoding="utf-8")
    broken = Graph().parse(data=text.replace("code:audit-status\\/in_progress", '"completed"'), format="turtle")
    lines = sorted(broken.serialize(format="nt").splitlines()) if fmt == "nt" else []
    converted.write_text("\n".join(lines) + "\n" if lines else broken.serialize(format=fmt), encoding="utf-8")
    code, report = _json(cli, converted)
    finding = _finding(report, ITEM, f"{SKG}auditStatus", '"completed"')
    assert code == 1
    written = lines or converted.read_text(encoding="utf-8").splitlines()
    first = (f"<{ITEM}> ",) if fmt == "nt" else (f'rdf:about="{ITEM}"', f'<rdf:Description rdf:about="{ITEM}"')
    line = next(n for n, t in enumerate(written, 1) if any(mark in t for mark in first))
    assert finding["where"] == f"item{suffix}:{line}"


@pytest.mark.parametrize("lang, expected", [("ko_KR.UTF-8", "부적합"), ("en_GB.UTF-8", "does not conform"),
                                            ("C", "does not conform")])
def test_message_language_defaults_from_the_locale(cli, tmp_path: Path, monkeypatch, lang: str,
                                                   expected: str) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    text = (HERE / "new-audit-item.ttl").read_text(encoding="utf-8")
    broken = tmp_path / "item.ttl"
    broken.write_text(text.replace("code:audit-status\\/in_progress", '"completed"'), encoding="utf-8")
    run = cli("validate", broken)
    assert run.code == 1 and run.out.rstrip().endswith(expected)
    korean = "감사 처리사항은 추진상황이 하나 있어야 한다" in run.out
    assert korean == (lang.startswith("ko"))


def test_broken_jsonld_names_the_line_of_the_node_object(cli, tmp_path: Path) -> None:
    text = (HERE / "new-audit-item.jsonld").read_text(encoding="utf-8")
    old = '"auditStatus": "id:code/audit-status/in_progress"'
    assert text.count(old) == 1
    broken = tmp_path / "item.jsonld"
    broken.write_text(text.replace(old, '"auditStatus": {"@value": "completed"}'), encoding="utf-8")
    code, report = _json(cli, broken)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if '"@id": "id:audit/economic-policy-office/2022/'
                'correction/1",' in t)
    assert code == 1 and _finding(report, ITEM, f"{SKG}auditStatus", '"completed"')["where"] == f"item.jsonld:{line}"
