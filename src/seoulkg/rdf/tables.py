"""The tables of figures a program or an audit answer prints (results by year, construction progress, job
targets by type …) as Data Cube datasets at {program, part or audit item}/table/{n} (printed order per owner),
one observation per cell at {dataset}/{row}/{column} (row and column as printed, without spaces; an
unlabelled row by its position)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ..extract.programs import ProgramRecord
from ..extract.source import Span
from ..extract.tables import Cell, ResultsTable, Row
from ..namespaces import DCTERMS, ID, QB, RDF, RDFS, SDMX_ATTRIBUTE, SKG, SKOS, code, slug_iri
from .literals import UNIT_MEASURES, decimal, period
from .plan import PlanNodes
from .provenance import Provenance


def add_tables(nodes: PlanNodes, record: ProgramRecord, program: URIRef, parts: dict[int | None, URIRef]) -> None:
    counts: dict[URIRef, int] = {}
    for table in record.tables:
        owner = parts.get(table.subprogram, program)
        counts[owner] = counts.get(owner, 0) + 1
        add_table(nodes.graph, nodes.prov, owner, counts[owner], table, "the program's")


def add_table(g: Graph, prov: Provenance, owner: URIRef, number: int, table: ResultsTable, whose: str) -> None:
    """The owner's table `number` ({owner}/table/{number}); `whose` names the owner in its English label."""
    ds = URIRef(f"{owner}/table/{number}")
    g.add((owner, SKG.figureTable, ds))
    g.add((ds, RDF.type, QB.DataSet))
    g.add((ds, QB.structure, ID["structure/program-table"]))
    rows = ", ".join(r.label for r in table.rows if r.label) or ", ".join(table.columns)
    g.add((ds, RDFS.label, Literal(f"표 {number}: {rows}", lang="ko")))
    g.add((ds, RDFS.label, Literal(f"Table {number} of {whose} figures", lang="en")))
    g.add((ds, DCTERMS.source, prov.document))
    if table.section:
        g.add((ds, SKG.statementBlock, Literal(table.section)))
    if table.unit_text:
        g.add((ds, SKG.printedUnit, Literal(table.unit_text)))
    prov.derive(ds, table.span)
    header = prov.doc.span(table.span.start)
    for position, row in enumerate(table.rows, start=1):
        for cell in row.cells:
            _cell(g, prov, ds, row, row.label or str(position), cell, header)


def _cell(g: Graph, prov: Provenance, ds: URIRef, row: Row, row_key: str, cell: Cell, header: Span) -> None:
    segments = str(slug_iri(row_key.replace(" ", ""), cell.column.replace(" ", "")))[len(str(ID)):]
    obs = URIRef(f"{ds}/{segments}")
    g.add((obs, RDF.type, QB.Observation))
    g.add((obs, QB.dataSet, ds))
    g.add((obs, SKG.tableRow, Literal(row_key)))
    g.add((obs, SKG.tableColumn, Literal(cell.column)))
    g.add((obs, QB.measureType, SKG.tableValue))
    g.add((obs, SKG.tableValue, decimal(cell.normalised if cell.normalised is not None else cell.value)))
    g.add((obs, SDMX_ATTRIBUTE.unitMeasure, UNIT_MEASURES[cell.unit_code]))
    g.add((obs, SKG.printedText, Literal(cell.printed)))
    if cell.unit:
        g.add((obs, SKG.printedUnit, Literal(cell.unit)))
    g.add((obs, SKG.quantityRole, code("quantity-role", cell.role)))
    period(g, obs, cell.period_text, cell.period)
    if row.note:
        g.add((obs, SKOS.note, Literal(row.note, lang="ko")))
    prov.derive(obs, row.span)
    prov.derive(obs, header)
