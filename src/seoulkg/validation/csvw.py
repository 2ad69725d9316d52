"""CSV templates to RDF through their CSVW metadata (templates/NAME.csv-metadata.json).

A small interpreter of the CSVW subset the templates use (W3C "Generating RDF from Tabular Data on the Web",
minimal mode): per column `name`, `aboutUrl`, `propertyUrl`, `valueUrl` (URI templates: `{col}` encodes the
cell, `{+col}` keeps its slashes), `datatype` (string, integer, decimal, date), `lang`, `separator`,
`required`, and `virtual` columns that add fixed triples to each row. Two additions, both declarative and
named here because CSVW 1.0 has no word for them: a column's `propertyUrl` may be a list (the cell is
written under each property), and `when: COLUMN` emits a virtual column only on rows where COLUMN has a
value. As CSVW says, an empty cell gives no triple; a template naming an empty column gives none either.
Each triple remembers its CSV row and column, so a finding can say `file.csv:ROW:COLUMN`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import SeoulKGError
from ..namespaces import PREFIXES
from ..paths import TEMPLATES_DIR

_DATATYPES = {"string": XSD.string, "integer": XSD.integer, "decimal": XSD.decimal, "date": XSD.date}
_VARIABLE = re.compile(r"\{(\+?)([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Column:
    name: str
    about: str
    properties: tuple[str, ...]
    value_url: str | None
    datatype: str
    lang: str | None
    separator: str | None
    required: bool
    virtual: bool
    when: str | None
    description: str


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    columns: tuple[Column, ...]

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns if not c.virtual]

    def csv_text(self) -> str:
        """The template as a user gets it: the header and the example row shipped beside the metadata."""
        return (TEMPLATES_DIR / f"{self.name}.csv").read_text(encoding="utf-8")


@dataclass
class Converted:
    """The graph of a CSV file and, for each triple and subject, the cell it came from."""

    path: Path
    template: Template
    graph: Graph = field(default_factory=Graph)
    cells: dict[tuple[Node, Node], tuple[int, int]] = field(default_factory=dict)  # (s, p) -> (row, col)
    rows: dict[Node, int] = field(default_factory=dict)  # subject -> first row
    about: dict[Node, str] = field(default_factory=dict)  # subject -> the aboutUrl template that made it

    def where(self, focus: Node, path: Node | None) -> str | None:
        """`file:row:column` of the cell behind (focus, path), or of the column that should hold it."""
        if path is not None and (focus, path) in self.cells:
            row, col = self.cells[(focus, path)]
        elif focus in self.rows:
            row = self.rows[focus]
            col = next((i + 1 for i, c in enumerate(self.template.columns) if not c.virtual
                        and c.about == self.about.get(focus) and str(path) in c.properties), 0)
        else:
            return None
        if not col:
            return f"{self.path.name}:{row}"
        return f"{self.path.name}:{row}:{col} ({self.template.columns[col - 1].name})"


def templates() -> dict[str, Template]:
    """Every shipped template by name."""
    found = {}
    for meta in sorted(TEMPLATES_DIR.glob("*.csv-metadata.json")):
        template = _read_template(meta)
        found[template.name] = template
    return found


def template(name: str) -> Template:
    known = templates()
    if name not in known:
        raise SeoulKGError(f"unknown template '{name}' (known: {', '.join(known)})")
    return known[name]


def convert(path: Path) -> Converted:
    """Read a filled template (recognised by its header row) into RDF."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SeoulKGError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise SeoulKGError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise SeoulKGError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise SeoulKGError(f"{path}: not valid CSV: {exc}") from None
    if not rows:
        raise SeoulKGError(f"{path}:1: empty CSV file")
    header = [cell.strip() for cell in rows[0]]
    known = templates()
    chosen = next((t for t in known.values() if t.header == header), None)
    if chosen is None:
        raise SeoulKGError(f"{path}:1: the header matches no template (known: {', '.join(known)}; "
                           "`seoulkg template NAME` prints one)")
    converted = Converted(path, chosen)
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise SeoulKGError(f"{path}:{number}: {len(row)} cells, the header has {len(header)}")
        _convert_row(converted, number, dict(zip(header, (cell.strip() for cell in row), strict=True)))
    return converted


def _convert_row(out: Converted, number: int, cells: dict[str, str]) -> None:
    for index, column in enumerate(out.template.columns, start=1):
        if column.virtual:
            if column.when and not cells.get(column.when):
                continue
            values: list[str] = [""]
        else:
            cell = cells[column.name]
            if not cell:
                continue
            values = [v.strip() for v in cell.split(column.separator)] if column.separator else [cell]
        subject = _expand(column.about, cells, None)
        if subject is None:
            continue
        for value in values:
            if column.value_url is not None:
                target = _expand(column.value_url, cells, (column.name, value))
                if target is None:
                    continue
                obj: Node = URIRef(target)
            elif column.lang:
                obj = Literal(value, lang=column.lang)
            else:
                obj = Literal(value, datatype=_DATATYPES[column.datatype])
            for prop in column.properties:
                expanded = _expand(prop, cells, None)
                if expanded is None:
                    continue
                predicate = URIRef(expanded)
                out.graph.add((URIRef(subject), predicate, obj))
                if not column.virtual:
                    out.cells.setdefault((URIRef(subject), predicate), (number, index))
        out.rows.setdefault(URIRef(subject), number)
        out.about.setdefault(URIRef(subject), column.about)


def _expand(pattern: str, cells: dict[str, str], own: tuple[str, str] | None) -> str | None:
    """A URI template filled from the row (a list cell's own item for its column); None if a variable is empty."""
    missing = False

    def fill(match: re.Match[str]) -> str:
        nonlocal missing
        reserved, name = match[1], match[2]
        value = own[1] if own and own[0] == name else cells.get(name, "")
        if not value:
            missing = True
        return quote(value, safe="/-._~" if reserved else "-._~") if value.isascii() else _korean(value)

    expanded = _VARIABLE.sub(fill, _prefixed(pattern))
    return None if missing else expanded


def _korean(value: str) -> str:
    """Korean names stay readable in IRIs (as namespaces.slug_iri keeps them); spaces become hyphens."""
    return "".join(c if "가" <= c <= "힣" else quote(c, safe="-._~") for c in value.replace(" ", "-"))


def _prefixed(term: str) -> str:
    prefix, sep, rest = term.partition(":")
    return PREFIXES[prefix] + rest if sep and prefix in PREFIXES and not rest.startswith("//") else term


def _read_template(meta: Path) -> Template:
    doc = json.loads(meta.read_text(encoding="utf-8"))
    schema = doc["tableSchema"]
    columns = []
    for col in schema["columns"]:
        props = col["propertyUrl"]
        columns.append(Column(
            name=col.get("name", ""), about=col.get("aboutUrl", schema.get("aboutUrl", "")),
            properties=tuple(_prefixed(p) for p in (props if isinstance(props, list) else [props])),
            value_url=col.get("valueUrl"), datatype=col.get("datatype", "string"), lang=col.get("lang"),
            separator=col.get("separator"), required=bool(col.get("required")), virtual=bool(col.get("virtual")),
            when=col.get("when"), description=col.get("dc:description", "")))
    return Template(meta.name.removesuffix(".csv-metadata.json"), doc.get("dc:title", ""), tuple(columns))
