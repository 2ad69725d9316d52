"""seoulkg benchmarks: prints one table (Markdown) per run. No test is timed; this script is the measure.

    .venv/bin/python bench/run.py [--scales 10k,100k,1M,10M] [--seed 0] [--endpoint-seconds 10]

Rows: the real report's build, validation and canned queries (in-process); at each synthetic scale the
load, every canned query on Oxigraph and on rdflib's memory store (same query, same data, as a ratio;
rdflib only up to 1M, each query bounded), and validation with its peak memory; the endpoint's throughput
and p50/p99 latency with 1, 8 and 32 loopback clients, with and without its answer cache. Each heavy
step runs in a child process, so its peak memory is its own and a runaway step can be killed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from seoulkg.paths import BUILT_NTRIPLES

SCALES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}
RDFLIB_UP_TO = 1_000_000  # rdflib parses 1M triples in about 30 s; 10M would take minutes and ~15 GB
STEP_LIMIT = 30.0  # seconds any one measured step may take before it is killed and reported as such


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="10k,100k,1M,10M")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--endpoint-seconds", type=float, default=10.0)
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(*args.child)
    rows: list[tuple[str, str, str, str]] = []  # (measure, figure, target, verdict)
    print(f"# seoulkg benchmark — {_machine()}\n", flush=True)
    with tempfile.TemporaryDirectory(prefix="seoulkg-bench-") as work:
        _real_report(Path(work), rows)
        for name in args.scales.split(","):
            _scale(name, SCALES[name], args.seed, Path(work), rows)
        _endpoint(args.endpoint_seconds, rows)
    print("\n| measure | figure | target | verdict |\n|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


# ---------------------------------------------------------------- the real report

def _real_report(work: Path, rows: list) -> None:
    build = _step(["build", str(work / "real")])
    validate = _step(["validate", str(BUILT_NTRIPLES)])
    total = build["seconds"] + validate["seconds"]
    _add(rows, "real report: build", f"{build['seconds']:.2f} s, peak {build['peak_mb']:.0f} MB")
    _add(rows, "real report: validate (all shapes)", f"{validate['seconds']:.2f} s, "
         f"{validate['results']} results, peak {validate['peak_mb']:.0f} MB")
    _add(rows, "real report: build + validate", f"{total:.2f} s", "< 10 s", total < 10)
    queries = _step(["queries-p50", str(BUILT_NTRIPLES)])
    for name, p50 in queries["p50_ms"].items():
        _add(rows, f"real report: {name} p50 (in-process, 20 runs)", f"{p50:.1f} ms", "< 20 ms", p50 < 20)


# ---------------------------------------------------------------- synthetic scales

def _scale(name: str, triples: int, seed: int, work: Path, rows: list) -> None:
    from seoulkg.queries.canned import catalogue

    path = work / f"synth-{name}.nt"
    started = time.perf_counter()
    made = subprocess.run([sys.executable, "-m", "seoulkg.cli", "synth", "--scale", str(triples), "--seed",
                           str(seed), "--out", str(path)], capture_output=True, text=True, check=True)
    print(made.stdout.strip(), flush=True)
    size = sum(1 for _ in path.open("rb"))
    _add(rows, f"{name}: synth", f"{size:,} triples in {time.perf_counter() - started:.1f} s")
    ox = _queries("oxigraph", path)
    if "load_seconds" not in ox:
        _add(rows, f"{name}: load and queries (Oxigraph)", ox["error"], "", False)
        return
    load_target = "< 5 s" if name == "1M" else ""
    _add(rows, f"{name}: load (Oxigraph, in memory)", f"{ox['load_seconds']:.2f} s, peak {ox['peak_mb']:.0f} MB",
         load_target, ox["load_seconds"] < 5 if load_target else None)
    rdf = _queries("rdflib", path) if triples <= RDFLIB_UP_TO else None
    for query in sorted(catalogue()):
        figure, target, verdict = _query_figure(name, query, ox["queries"].get(query), rdf)
        _add(rows, f"{name}: {query}", figure, target, verdict)
    validate = _step(["validate", str(path)])
    verdict = None
    if name == "1M" and "seconds" in validate:
        verdict = validate["seconds"] < 30 and validate["peak_mb"] < 2048
    figure = (f"{validate['seconds']:.1f} s, peak {validate['peak_mb']:.0f} MB, {validate['results']} results, "
              f"conforms {validate['conforms']}") if "seconds" in validate else validate["error"]
    _add(rows, f"{name}: validate (all shapes)", figure, "< 30 s, < 2 GiB" if name == "1M" else "", verdict)
    path.unlink()


def _query_figure(scale: str, query: str, seconds: float | None, rdf: dict | None) -> tuple[str, str, bool | None]:
    if seconds is None:
        return f"killed after {STEP_LIMIT:.0f} s", "< 1 s" if scale == "1M" else "", False if scale == "1M" else None
    figure = f"{seconds * 1000:.1f} ms"
    ratio = None
    if rdf is not None:
        theirs = rdf["queries"].get(query)
        if theirs is None:
            figure += f"; rdflib > {rdf['limit']:.0f} s (killed, or not run after a kill)"
            ratio = rdf["limit"] / seconds
            figure += f", ratio > {ratio:.0f}x"
        else:
            ratio = theirs / seconds
            figure += f"; rdflib {theirs * 1000:.0f} ms, ratio {ratio:.0f}x"
    if scale != "1M":
        return figure, "", None
    return figure, "< 1 s and >= 20x rdflib", seconds < 1 and ratio is not None and ratio >= 20


def _queries(kind: str, path: Path) -> dict:
    """Every canned query on the engine; a query past the limit is recorded as killed, and a fresh
    process (loading the data again) goes on with the queries after it."""
    from seoulkg.queries.canned import catalogue

    remaining = sorted(catalogue())
    merged: dict = {"queries": {}, "limit": STEP_LIMIT}
    while remaining:
        answer = _step([kind, str(path), *remaining])
        if "error" in answer:
            merged.setdefault("error", answer["error"])
            break
        merged["queries"] |= answer["queries"]
        merged.setdefault("load_seconds", answer["load_seconds"])
        merged["peak_mb"] = max(merged.get("peak_mb", 0), answer["peak_mb"])
        done = [name for name in remaining if name in answer["queries"]]
        remaining = remaining[len(done) + 1:]  # the first one not done was killed
    return merged


# ---------------------------------------------------------------- the endpoint

def _endpoint(seconds: float, rows: list) -> None:
    from load import rss_mb, run_load, serving

    from seoulkg.queries.canned import catalogue

    paths = [f"/api/{name}" for name in sorted(catalogue())]
    for label, extra in (("cached", ()), ("no cache", ("--cache-mb", "0"))):
        with serving(*extra) as (url, server):
            run_load(url, paths, 2, 2.0)  # warm: every worker has seen the queries
            for clients in (1, 8, 32):
                result = run_load(url, paths, clients, seconds)
                target = "≥ 300 req/s, 0 errors" if clients == 8 and label == "cached" else ""
                verdict = (result.per_second >= 300 and result.errors == 0) if target else None
                _add(rows, f"endpoint ({label}): {clients} clients, {seconds:.0f} s, canned queries in turn",
                     f"{result.per_second:.0f} req/s, p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms, "
                     f"{result.errors} errors, server {rss_mb(server.pid):.0f} MB", target, verdict)


# ---------------------------------------------------------------- child processes

def _step(arguments: list[str]) -> dict:
    """Run one measured step in a child process; its JSON answer, or {'error': …} when it failed."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", *arguments]
    try:
        child = subprocess.run(command, capture_output=True, text=True, timeout=STEP_LIMIT * 12)
    except subprocess.TimeoutExpired:
        return {"error": f"{arguments[0]} ran past {STEP_LIMIT * 12:.0f} s"}
    if child.returncode != 0:
        return {"error": f"{arguments[0]} failed: {(child.stderr.strip().splitlines() or ['?'])[-1]}"}
    return json.loads(child.stdout.strip().splitlines()[-1])  # the answer is the last line


def _child(kind: str, *args: str) -> int:
    if kind == "build":
        answer = _timed(lambda: _build(Path(args[0])))
    elif kind == "validate":
        from seoulkg.validation.shapes import validate
        report = None

        def run() -> None:
            nonlocal report
            report = validate([Path(args[0])])

        answer = _timed(run)
        assert report is not None
        answer |= {"results": len(report.findings), "conforms": report.conforms}
    elif kind == "queries-p50":
        answer = {"p50_ms": _p50s(Path(args[0]))}
    elif kind in ("oxigraph", "rdflib"):
        answer = _engine_queries(kind, Path(args[0]), list(args[1:]))
    else:
        raise SystemExit(f"unknown step {kind}")
    answer["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(answer))
    return 0


def _build(out: Path) -> None:
    from seoulkg.cli import main as cli

    assert cli(["build", "--out", str(out)]) == 0


def _p50s(path: Path) -> dict[str, float]:
    from seoulkg.queries import canned
    from seoulkg.store.files import load_store

    store = load_store([path])
    found = {}
    for name, query in canned.catalogue().items():
        times = []
        for _ in range(20):
            started = time.perf_counter()
            canned.run(store, query, {})
            times.append(time.perf_counter() - started)
        found[name] = statistics.median(times) * 1000
    return found


def _engine_queries(kind: str, path: Path, names: list[str]) -> dict:
    """Load the file into the engine, then each canned query (median of 3; one run if it is slow), each
    bounded by a watchdog thread that ends the process past STEP_LIMIT (the answer so far is kept)."""
    import threading

    from seoulkg.queries import canned

    answer: dict = {"queries": {}, "limit": STEP_LIMIT}
    started = time.perf_counter()
    if kind == "oxigraph":
        from seoulkg.store.files import load_store

        store = load_store([path])

        def run(text: str) -> list[Any]:
            found = store.query(text)
            assert isinstance(found, ox.QuerySolutions)
            return list(found)
    else:
        from seoulkg.paths import ONTOLOGY
        from seoulkg.store.files import parse_files

        graph = parse_files([path, ONTOLOGY])  # as the reference validation engine reads them

        def run(text: str) -> list[Any]:
            return list(graph.query(text))
    answer["load_seconds"] = time.perf_counter() - started
    catalogue = canned.catalogue()
    for name in names or sorted(catalogue):
        text = canned.prepare(catalogue[name], {})
        watchdog = threading.Timer(STEP_LIMIT, _give_up, args=(answer,))
        watchdog.start()
        times = []
        for _ in range(3):
            begun = time.perf_counter()
            run(text)
            times.append(time.perf_counter() - begun)
            if times[-1] > 1:
                break
        watchdog.cancel()
        answer["queries"][name] = statistics.median(times)
    return answer


def _give_up(answer: dict) -> None:
    """A query ran past the limit: report what was measured, the rest as missing, and end the process."""
    answer["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(answer), flush=True)
    os._exit(0)


def _timed(work) -> dict:
    started = time.perf_counter()
    work()
    return {"seconds": time.perf_counter() - started}


def _add(rows: list, measure: str, figure: str, target: str = "", verdict: bool | None = None) -> None:
    text = "" if verdict is None else ("met" if verdict else "**missed**")
    rows.append((measure, figure, target, text))
    print(f"{measure}: {figure} {text}", file=sys.stderr, flush=True)


def _machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    import pyoxigraph
    import pyshacl
    import rdflib
    import shacl

    return (f"{model}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}, "
            f"pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}, pyshacl {pyshacl.__version__}, "
            f"shacl {shacl.__version__}, {time.strftime('%Y-%m-%d')}")


if __name__ == "__main__":
    sys.exit(main())
