"""The researcher's handle at scale: every canned query through one `seoulkg.open()` handle on a synthetic
1M-triple graph, loading included (target: ten canned queries under 10 s in all). Appends its row to the
handle table of bench/RESULTS.md. No test is timed; this script is the measure.

    .venv/bin/python bench/handle.py [--scale 1000000] [--seed 0]

The graph is written by `seoulkg synth` (not timed). The measured part runs in a fresh interpreter, so its
peak memory is its own: import seoulkg, open the handle on the file (the ontology is loaded with it), and
run each canned query with its default parameters, converting every row to Python values.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADING = "## The researcher's handle (bench/handle.py)"
INTRO = ("Every canned query with its default parameters through one `seoulkg.open()` handle on a synthetic graph "
         "(`seoulkg synth`, seed 0), in a fresh interpreter: import, load (the file and the ontology) and the "
         "queries, each row converted to Python values. Target: ten canned queries on 1M triples under 10 s in "
         "all, loading included (wall-clock time: the verdict), read as any ten: the verdict takes the ten slowest "
         "of the catalogue's queries with the import and the load; the 'in all' column runs every query. The CPU "
         "time of that process is given beside it: when other work shares the cores, the wall-clock time grows "
         "and the CPU time much less.")
TABLE = ("| date | commit | machine load | triples | import | load | queries (each, ms) | in all | CPU time | peak | "
         "target | verdict |\n|---|---|---|---|---|---|---|---|---|---|---|---|")
TARGET_SECONDS = 10.0
TARGET_QUERIES = 10

MEASURE = r"""
import json, resource, sys, time
started = time.perf_counter()
import seoulkg
from seoulkg.queries import canned
try:
    import pandas  # rows come as DataFrames when it is installed: its import is counted here, not in a query
except ImportError:
    pass
imported = time.perf_counter()
kg = seoulkg.open(sys.argv[1])
loaded = time.perf_counter()
each = {}
for name in sorted(canned.catalogue()):
    t = time.perf_counter()
    rows = kg.query(name)
    each[name] = (time.perf_counter() - t, len(rows))
done = time.perf_counter()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"triples": len(kg), "import": imported - started, "load": loaded - imported, "each": each,
                  "total": done - started, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    busy = os.getloadavg()[0]  # other work on the machine slows every figure: recorded beside them
    with tempfile.TemporaryDirectory(prefix="seoulkg-handle-") as work:
        graph = Path(work) / "synth.nt"
        subprocess.run([sys.executable, "-m", "seoulkg.cli", "synth", "--scale", str(args.scale), "--seed",
                        str(args.seed), "--out", str(graph)], check=True, capture_output=True)
        run = subprocess.run([sys.executable, "-c", MEASURE, str(graph)], check=True, capture_output=True, text=True)
    figures = json.loads(run.stdout)
    figures["loadavg"] = busy
    row = _row(figures)
    print(row)
    _append(row)
    return 0


def _row(f: dict) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=RESULTS.parent).stdout.strip() or "?"
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], capture_output=True, text=True,
                           cwd=RESULTS.parent).stdout.strip()
    each = ", ".join(f"{name} {seconds * 1000:.0f} ({rows} rows)" for name, (seconds, rows) in f["each"].items())
    queries = sum(seconds for seconds, _ in f["each"].values())
    total = f["total"]
    # the target names ten queries: any ten, so the ten slowest, with importing and loading
    slowest = sorted((seconds for seconds, _ in f["each"].values()), reverse=True)[:TARGET_QUERIES]
    ten = f["import"] + f["load"] + sum(slowest)
    target = f"{TARGET_QUERIES} queries < {TARGET_SECONDS:.0f} s (the {TARGET_QUERIES} slowest: {ten:.2f} s)"
    verdict = "met" if ten < TARGET_SECONDS and len(slowest) == TARGET_QUERIES else "not met"
    return (f"| {time.strftime('%Y-%m-%d')} | {commit}{'+changes' if dirty else ''} | "
            f"load average {f['loadavg']:.1f} on {os.cpu_count()} cores | {f['triples']:,} | "
            f"{f['import']:.2f} s | {f['load']:.2f} s | {queries:.2f} s: {each} | {total:.2f} s | "
            f"{f['cpu']:.2f} s | {f['peak_mb']:.0f} MB | {target} | {verdict} |")


def _append(row: str) -> None:
    """Add the row at the end of the handle table, creating the section at the end of the file if missing."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    lines = text.rstrip("\n").split("\n")
    if HEADING not in lines:
        machine = f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}."
        lines += ["", HEADING, "", f"{INTRO} {machine}", "", *TABLE.split("\n")]
    at = lines.index(HEADING) + 1
    while at < len(lines) and not lines[at].startswith("|"):
        at += 1
    while at < len(lines) and lines[at].startswith("|"):
        at += 1
    lines.insert(at, row)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
