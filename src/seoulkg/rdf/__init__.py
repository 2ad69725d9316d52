"""Extracted records -> RDF graph."""
