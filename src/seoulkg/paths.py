"""Where the project's first-class files live (the package is installed editable from the checkout)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY = ONTOLOGY_DIR / "seoulkg.ttl"
REFERENCE_DATA = (ONTOLOGY_DIR / "codelists.ttl", ONTOLOGY_DIR / "structures.ttl")
SHAPES_DIR = ROOT / "shapes"
QUERIES_DIR = ROOT / "queries"
DATA_DIR = ROOT / "data"
DEFAULT_SOURCE = DATA_DIR / "source" / "seoul-economic-policy-office-2022-work-report.txt"
UNIT_CURATION = DATA_DIR / "curation" / "units.csv"
BUILT_GRAPH = DATA_DIR / "seoulkg.ttl"
