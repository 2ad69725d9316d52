"""What `seoulkg validate` reads: RDF files (Turtle, N-Triples, JSON-LD, RDF/XML) and filled CSV templates,
and where in them a node is, so a finding can say `file:line` or `file:row:column`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import URIRef

from ..namespaces import PREFIXES
from ..store.files import rdf_format
from .csvw import Converted, convert

# files above this size are not searched for a node's line (the report's own graph cites source lines)
_LOCATE_LIMIT = 20_000_000


@dataclass
class RdfFile:
    path: Path

    @cached_property
    def lines(self) -> list[str]:
        if self.path.stat().st_size > _LOCATE_LIMIT:
            return []
        return self.path.read_text(encoding="utf-8", errors="replace").splitlines()

    @cached_property
    def prefixes(self) -> dict[str, str]:
        """The file's own Turtle prefixes."""
        found = (re.match(r"\s*@?prefix\s+([\w-]*):\s*<([^>]*)>", line, re.IGNORECASE) for line in self.lines)
        return {m[1]: m[2] for m in found if m}

    def line_of(self, iri: str) -> int | None:
        """The line that first names the node as a subject (a Turtle or N-Triples line starting with it, a
        JSON-LD `"@id"` or an RDF/XML `rdf:about` giving it), else the first line that names it at all."""
        names = [(prefix, iri[len(ns):]) for prefix, ns in {**PREFIXES, **self.prefixes}.items()
                 if iri.startswith(ns) and len(iri) > len(ns)]
        turtle = [f"<{iri}>"] + [f"{prefix}:{rest}".replace("/", "\\/") for prefix, rest in names]
        quoted = [f'"{iri}"'] + [f'"{prefix}:{rest}"' for prefix, rest in names]
        subject = re.compile("|".join(f'"@id":\\s*{re.escape(form)}|rdf:about={re.escape(form)}' for form in quoted))
        first = None
        for number, line in enumerate(self.lines, start=1):
            stripped = line.lstrip()
            if any(stripped.startswith(form) for form in turtle) or subject.search(line):
                return number
            if first is None and any(form in line for form in turtle + quoted):
                first = number
        return first


@dataclass
class Inputs:
    rdf: list[RdfFile] = field(default_factory=list)
    converted: list[Converted] = field(default_factory=list)

    @property
    def rdf_paths(self) -> list[Path]:
        return [f.path for f in self.rdf]

    def where(self, focus: str, path: str) -> str | None:
        """`file:row:column (name)` for CSV, `file:line` for an RDF file that names the node."""
        node = URIRef(focus)
        for converted in self.converted:
            found = converted.where(node, URIRef(path) if path else None)
            if found:
                return found
        for rdf in self.rdf:
            line = rdf.line_of(focus)
            if line:
                return f"{rdf.path.name}:{line}"
        return None


def read_inputs(paths: list[Path]) -> Inputs:
    """Sort the files by kind (an unknown extension is one clear error) and convert the CSV files."""
    inputs = Inputs()
    for path in paths:
        if path.suffix.lower() == ".csv":
            inputs.converted.append(convert(path))
        else:
            rdf_format(path)
            inputs.rdf.append(RdfFile(path))
    return inputs
