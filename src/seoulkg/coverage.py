"""What the graph leaves out: per section of the report, how many of its content lines some resource's
provenance cites (a `skg:SourceSpan` it was derived from covers the line), and which content lines none does.

A content line is a line of the section that is not blank. Sections come from the outline: Ⅰ runs from the
report's first line to the first section the outline finds; the PDF's bookmark list after the audit section
belongs to no section and is not counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import ExtractionWarning, SeoulKGError
from .extract.outline import read_outline
from .extract.source import SourceDocument
from .extract.text import collapse

_CITED = """
PREFIX skg: <https://w3id.org/seoulkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX spdx: <http://spdx.org/rdf/terms#>
SELECT DISTINCT ?first ?last ?sha WHERE {
  ?resource prov:wasDerivedFrom ?span .
  ?span a skg:SourceSpan ; skg:startLine ?first ; skg:endLine ?last ; prov:wasQuotedFrom ?doc .
  ?doc spdx:checksum/spdx:checksumValue ?sha .
}
"""


@dataclass(frozen=True)
class SectionCoverage:
    """One section's content lines, those cited and those not (line number, text)."""

    role: str
    title: str
    first: int
    last: int
    content: int
    cited: int
    uncited: tuple[tuple[int, str], ...]

    @property
    def percent(self) -> float:
        return round(100 * self.cited / self.content, 1) if self.content else 100.0


@dataclass(frozen=True)
class Coverage:
    source: str
    sections: tuple[SectionCoverage, ...]

    @property
    def content(self) -> int:
        return sum(s.content for s in self.sections)

    @property
    def cited(self) -> int:
        return sum(s.cited for s in self.sections)

    def as_json(self) -> dict:
        return {"source": self.source, "content_lines": self.content, "cited": self.cited,
                "sections": [{"section": s.role, "title": s.title, "first_line": s.first, "last_line": s.last,
                              "content_lines": s.content, "cited": s.cited, "percent": s.percent,
                              "uncited": [{"line": n, "text": t} for n, t in s.uncited]}
                             for s in self.sections]}

    def as_text(self) -> str:
        rows = [f"{'section':<34} {'lines':>11} {'content':>7} {'cited':>6} {'%':>6}"]
        for s in self.sections:
            rows.append(f"{s.title:<34} {f'{s.first}-{s.last}':>11} {s.content:>7} {s.cited:>6} {s.percent:>6}")
        total = round(100 * self.cited / self.content, 1) if self.content else 100.0
        rows.append(f"{'all':<34} {'':>11} {self.content:>7} {self.cited:>6} {total:>6}")
        for s in self.sections:
            if s.uncited:
                rows += ["", f"{s.title}: {len(s.uncited)} content lines no resource cites"]
                rows += [f"  {n}: {text.strip()}" for n, text in s.uncited]
        return "\n".join(rows) + "\n"


def coverage(graph_files: Iterable[Path], source: Path) -> Coverage:
    """The coverage of `source` by the graph in `graph_files`; an error when the graph quotes another text."""
    import pyoxigraph as ox

    from .store.files import load_store

    doc = SourceDocument.read(source)
    answer = load_store(graph_files).query(_CITED)
    assert isinstance(answer, ox.QuerySolutions)  # _CITED is a SELECT query
    rows = list(answer)
    quoted = {row["sha"].value for row in rows}
    if quoted - {doc.sha256}:
        raise SeoulKGError(f"{source}: the graph quotes a source with another SHA-256 "
                           f"({', '.join(sorted(quoted - {doc.sha256}))}); pass the report it was built from")
    cited: set[int] = set()
    for row in rows:
        cited.update(range(int(row["first"].value), int(row["last"].value) + 1))
    outline = read_outline(doc, list[ExtractionWarning]())
    if not outline.sections:
        raise SeoulKGError(f"{source}: no section of the report found")
    first_heading = outline.sections[0].heading.start
    bounds = [("front", "(before Ⅰ)", 1, first_heading - 1)] if first_heading > 1 else []
    bounds += [(s.role, _title(s.heading.text), s.heading.start, s.end) for s in outline.sections]
    sections = []
    for role, title, first, last in bounds:
        content = [n for n in range(first, last + 1) if doc.line(n).strip()]
        uncited = tuple((n, doc.line(n)) for n in content if n not in cited)
        sections.append(SectionCoverage(role, title, first, last, len(content),
                                        len(content) - len(uncited), uncited))
    return Coverage(str(source), tuple(sections))


def _title(heading: str) -> str:
    """A section's heading as printed, white space folded and letter spacing undone ('Ⅰ. 일 반 현 황' ->
    'Ⅰ. 일반현황')."""
    numeral, _, title = collapse(heading).partition(" ")
    words = title.split()
    return f"{numeral} {''.join(words) if all(len(w) == 1 for w in words) else ' '.join(words)}"
