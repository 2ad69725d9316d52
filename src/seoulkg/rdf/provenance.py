"""PROV-O provenance: the source document, its line spans, and what was derived from them."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from .. import __version__
from ..extract.source import SourceDocument, Span
from ..namespaces import DCTERMS, ID, PROV, RDF, RDFS, SCHEMA, SKG, SPDX, XSD
from .report import ReportScope


class Provenance:
    """Adds the source document to a graph and links resources to the line spans they were read from."""

    def __init__(self, graph: Graph, doc: SourceDocument, scope: ReportScope) -> None:
        self.graph = graph
        self.doc = doc
        self.scope = scope
        self.document = scope.iri("source", doc.path.stem)  # id/source/{office}/{year}/{file name}
        self._describe_document()

    def _describe_document(self) -> None:
        g, doc = self.graph, self.document
        checksum = URIRef(f"{doc}/checksum/sha256")
        g.add((doc, RDF.type, PROV.Entity))
        g.add((doc, RDF.type, SCHEMA.Report))
        g.add((doc, RDFS.label, Literal(self.doc.path.name)))
        g.add((doc, DCTERMS.identifier, Literal(self.doc.path.name)))
        g.add((doc, DCTERMS.format, Literal("text/plain; charset=utf-8")))
        g.add((doc, SKG.lineCount, Literal(len(self.doc.lines), datatype=XSD.integer)))
        g.add((doc, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(self.doc.sha256, datatype=XSD.hexBinary)))
        activity = ID["activity/build"]
        agent = ID[f"agent/seoulkg-{__version__}"]
        g.add((activity, RDF.type, PROV.Activity))
        g.add((activity, RDFS.label, Literal("seoulkg build", lang="en")))
        g.add((activity, PROV.used, doc))
        g.add((activity, PROV.wasAssociatedWith, agent))
        g.add((agent, RDF.type, PROV.SoftwareAgent))
        g.add((agent, RDFS.label, Literal(f"seoulkg {__version__}")))

    def span(self, span: Span) -> URIRef:
        """The IRI of a line span (added once): its lines and the exact text quoted from them."""
        node = URIRef(f"{self.document}/lines/{span.start}-{span.end}")
        g = self.graph
        if (node, RDF.type, SKG.SourceSpan) not in g:
            g.add((node, RDF.type, SKG.SourceSpan))
            g.add((node, PROV.wasQuotedFrom, self.document))
            g.add((node, SKG.startLine, Literal(span.start, datatype=XSD.integer)))
            g.add((node, SKG.endLine, Literal(span.end, datatype=XSD.integer)))
            g.add((node, PROV.value, Literal(span.text)))
        return node

    def curation(self, table: str, key: str, evidence: str, line: int) -> URIRef:
        """The record (id/curation/{office}/{year}/{table}/{key}) of a row of the report's {table}.csv, applied to
        this report, and its evidence."""
        record = self.scope.iri("curation", table, key)
        self.graph.add((record, RDF.type, SKG.CurationRecord))
        self.graph.add((record, RDFS.label, Literal(f"data/curation/{table}.csv line {line}")))
        self.graph.add((record, PROV.value, Literal(evidence)))
        return record

    def derive(self, resource: URIRef, span: Span) -> None:
        """Record that `resource` was read from `span`, and that the build generated it."""
        self.graph.add((resource, PROV.wasDerivedFrom, self.span(span)))
        self.graph.add((resource, PROV.wasGeneratedBy, ID["activity/build"]))
