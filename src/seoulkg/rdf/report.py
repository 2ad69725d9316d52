"""Which report a resource belongs to: the report's office and year, the two IRI segments of everything minted
for one report (its text and lines, plan, programs, counts, curation records, a shared facility's stated
facts), so that many reports share one store without merging."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import URIRef

from ..extract import Extraction
from ..extract.curation import UnitName
from ..namespaces import ID, slug_iri


def unit_segment(names: Mapping[str, UnitName], name: str) -> str:
    """A unit's IRI segment: its curated English slug, else its Korean name."""
    curated = names.get(name)
    return curated.slug if curated else name


@dataclass(frozen=True)
class ReportScope:
    """The office a report is of (its unit's IRI segment) and the year of its reference date (None when the
    report prints no reference date: its IRIs then carry the office only)."""

    office: str
    year: int | None

    @classmethod
    def of(cls, extraction: Extraction) -> ReportScope:
        reference = extraction.reference_date
        return cls(unit_segment(extraction.unit_names, extraction.office), reference.year if reference else None)

    @property
    def segments(self) -> tuple[str, ...]:
        return (self.office, str(self.year)) if self.year else (self.office,)

    def iri(self, family: str, *parts: str) -> URIRef:
        """id/{family}/{office}/{year}/{parts…}."""
        return slug_iri(family, *self.segments, *parts)

    def under(self, shared: URIRef, *parts: str) -> URIRef:
        """What this report states about a resource every report shares: {shared}/{office}/{year}/{parts…}, the
        office left out when the shared resource is the office's own unit ({office unit}/{year}/{parts…})."""
        own = shared == slug_iri("unit", self.office)
        path = str(slug_iri(*self.segments[own:], *parts))[len(str(ID)):]
        return URIRef(f"{shared}/{path}")
