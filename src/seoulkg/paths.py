"""Where the package's own files live: ontology, shapes, canned queries, templates and the built 2022 graph
with what `build` reads by default (the report text and the curation tables) ship inside the package
(src/seoulkg/…) and are found through importlib.resources, so an installed wheel finds them as a checkout does."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_PACKAGE = files("seoulkg")
if not isinstance(_PACKAGE, Path):  # pragma: no cover - only for installs that are not plain directories
    raise ImportError(f"seoulkg must be installed as files on disk, not inside {_PACKAGE!r}")

PACKAGE_DIR: Path = _PACKAGE
ONTOLOGY_DIR = PACKAGE_DIR / "ontology"
ONTOLOGY = ONTOLOGY_DIR / "seoulkg.ttl"
REFERENCE_DATA = (ONTOLOGY_DIR / "codelists.ttl", ONTOLOGY_DIR / "structures.ttl")
SHAPES_DIR = PACKAGE_DIR / "shapes"
QUERIES_DIR = PACKAGE_DIR / "queries"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
DATA_DIR = PACKAGE_DIR / "data"
CURATION_DIR = DATA_DIR / "curation"
DEFAULT_SOURCE = DATA_DIR / "source" / "seoul-economic-policy-office-2022-work-report.txt"
UNIT_CURATION = CURATION_DIR / "units.csv"
BUILT_GRAPH = DATA_DIR / "seoulkg.ttl"
BUILT_NTRIPLES = DATA_DIR / "seoulkg.nt"
SHIPPED_CONTEXT = DATA_DIR / "context.jsonld"
