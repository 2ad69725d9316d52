"""Collections of reports: building N reports, and validating N report graphs report by report in parallel.

    .venv/bin/python bench/collection.py [--builds 10,100] [--collections 10,100,500] [--jobs 2] [--work DIR]
                                         [--write]

Builds: N report texts, the real report and its variants from `tests/variants.py` in turn (each written
as `report-NNNN.txt`, so each is its own report, `id/source/{office}/{year}/report-NNNN`), each built by
`seoulkg build` in a fresh process, `--jobs` at a time. Collections: `seoulkg validate DIR --jobs J` on a
directory of N report graphs (one N-Triples file per report): the graphs of the largest build, and past
that, copies of them with every IRI of the report moved under `id/synthetic/copy-NNNN/` (the code lists,
structures and the software agent stay shared, as `seoulkg synth` does): a cheap way to 500 reports,
since 500 real builds would take over an hour here. Each figure is wall-clock time, with the CPU time and
the peak memory of the whole process tree (the sum of the proportional set sizes, PSS, of the command and
every process under it, sampled every 0.1 s) and the machine's load average (1 min) before and after:
the machine is shared. No test is timed;
this script is the measure. `--write` adds the rows to the collection table of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from seoulkg.namespaces import ID
from seoulkg.synth import SHARED

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- collection table: bench/collection.py --write -->", "<!-- end of collection table -->"
HEADER = ("| date (UTC) | commit | step | reports | triples | wall time | per report | CPU time (tree) | "
          "peak memory (tree, PSS) | load average before → after | target | verdict |")
_RULE = "|---" * (HEADER.count(" | ") + 1) + "|"
TARGET_REPORTS, TARGET_SECONDS, TARGET_MB = 500, 120.0, 4096.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--builds", default="10,100", help="numbers of reports to build ('' for none)")
    parser.add_argument("--collections", default="10,100,500", help="numbers of report graphs to validate")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--work", type=Path, help="keep the texts and graphs here (reused by a later run)")
    parser.add_argument("--write", action="store_true", help="add the rows to bench/RESULTS.md")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="seoulkg-collection-"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip() or "?"
    print("\n".join([HEADER, _RULE]), flush=True)

    def record(row: tuple[str, ...]) -> None:  # each row as soon as it is measured
        line = f"| {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} | {commit} | " + " | ".join(row) + " |"
        print(line, flush=True)
        if args.write:
            _write([line])

    try:
        for n in _numbers(args.builds):
            record(_build(work, n, args.jobs))
        if args.collections:
            graphs = _largest_build(work)
        for n in _numbers(args.collections):
            record(_validate(work, graphs, n, args.jobs))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _numbers(text: str) -> list[int]:
    return [int(n) for n in text.split(",") if n.strip()]


# ---------------------------------------------------------------- building N reports

def _texts() -> list[tuple[str, str]]:
    """The real report and its variants (name, text)."""
    sys.path.insert(0, str(ROOT / "tests"))
    import variants

    from seoulkg.paths import DEFAULT_SOURCE

    return [("real", DEFAULT_SOURCE.read_text(encoding="utf-8"))] + [
        (name, "\n".join(make())) for name, (make, _) in variants.VARIANTS.items()]


def _build(work: Path, n: int, jobs: int) -> tuple[str, ...]:
    texts = _texts()
    folder = work / f"build-{n}"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "texts").mkdir(parents=True)
    sources = []
    for i in range(n):
        source = folder / "texts" / f"report-{i + 1:04d}.txt"
        source.write_text(texts[i % len(texts)][1], encoding="utf-8")
        sources.append(source)
    commands = [[str(ROOT / ".venv" / "bin" / "seoulkg"), "build", "--source", str(source), "--out",
                 str(folder / "graphs" / source.stem)] for source in sources]
    before = os.getloadavg()[0]
    seconds, cpu, peak, failed = _run_all(commands, jobs, ok=(0,))
    after = os.getloadavg()[0]
    if failed:
        raise SystemExit(f"{failed} of {n} builds failed")
    triples = sum(_count(p) for p in (folder / "graphs").glob("*/seoulkg.nt"))
    for extra in [*(folder / "graphs").glob("*/seoulkg.ttl"), *(folder / "graphs").glob("*/seoulkg.jsonld")]:
        extra.unlink()  # the collections read the N-Triples
    return ("build (`seoulkg build`, one process per report, "
            f"{jobs} at a time)", f"{n}", f"{triples:,}", f"{seconds:.1f} s", f"{seconds / n:.2f} s",
            f"{cpu:.1f} s", f"{peak:.0f} MB", f"{before:.1f} → {after:.1f}", "linear in N", "see the per-report column")


def _largest_build(work: Path) -> list[Path]:
    builds = sorted(work.glob("build-*/graphs"), key=lambda p: int(p.parent.name.split("-")[1]))
    if not builds:
        raise SystemExit(f"no built graphs under {work}: run with --builds")
    return sorted(builds[-1].glob("*/seoulkg.nt"))


# ---------------------------------------------------------------- validating N report graphs

def _validate(work: Path, graphs: list[Path], n: int, jobs: int) -> tuple[str, ...]:
    folder = work / f"collection-{n}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    copies = 0
    for i in range(n):
        template = graphs[i % len(graphs)]
        copy = folder / f"report-{i + 1:04d}.nt"
        if i < len(graphs):
            shutil.copyfile(template, copy)
        else:
            copies += 1
            copy.write_text(_rekeyed(template.read_text(encoding="utf-8"), i + 1), encoding="utf-8")
    triples = sum(_count(p) for p in folder.glob("*.nt"))
    command = [str(ROOT / ".venv" / "bin" / "seoulkg"), "validate", str(folder), "--jobs", str(jobs),
               "--format", "json", "--lang", "en"]
    before = os.getloadavg()[0]
    out = folder.parent / f"collection-{n}.json"
    seconds, cpu, peak, failed = _run_all([command], 1, ok=(0, 1), stdout=out)  # 1: a violation was found
    after = os.getloadavg()[0]
    if failed:
        raise SystemExit(f"validate could not run on the collection of {n}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if len(report["parts"]) != n:
        raise SystemExit(f"{len(report['parts'])} parts validated, expected {n} reports")
    violations = sum(r["severity"] == "Violation" for r in report["results"])
    made = f"{n - copies} built" + (f" + {copies} re-keyed copies" if copies else "")
    target, verdict = "", ""
    if n == TARGET_REPORTS:
        target = f"< {TARGET_SECONDS:.0f} s, < {TARGET_MB / 1024:.0f} GiB"
        verdict = "met" if seconds < TARGET_SECONDS and peak < TARGET_MB else "**missed**"
    return (f"validate (`seoulkg validate DIR --jobs {jobs}`; {made}; {len(report['results']):,} findings, "
            f"{violations} violations)", f"{n}", f"{triples:,}", f"{seconds:.1f} s", f"{seconds / n:.2f} s",
            f"{cpu:.1f} s", f"{peak:.0f} MB", f"{before:.1f} → {after:.1f}", target, verdict)


_LOCAL = re.compile(rf"<{re.escape(str(ID))}(?!{'|'.join(SHARED)})")  # an IRI of the report, not a shared one


def _rekeyed(text: str, copy: int) -> str:
    """The graph with every IRI of the report moved under id/synthetic/copy-NNNN/ (shared IRIs kept)."""
    return _LOCAL.sub(f"<{ID}synthetic/copy-{copy:04d}/", text)


def _count(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(1 for _ in stream)


# ---------------------------------------------------------------- running and measuring

def _run_all(commands: list[list[str]], jobs: int, ok: tuple[int, ...],
             stdout: Path | None = None) -> tuple[float, float, float, int]:
    """Run the commands `jobs` at a time; wall-clock seconds, the CPU seconds and peak PSS (MB) of
    everything under this process, and how many exited with a code not in `ok`."""
    peak = [0.0]
    cpu: dict[int, float] = {}  # the last CPU time seen of each process under this one
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            pss, seen = _tree(os.getpid())
            peak[0] = max(peak[0], pss)
            cpu.update(seen)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    failed = 0
    started = time.perf_counter()
    running: list[subprocess.Popen] = []
    pending = list(commands)
    sink = stdout.open("wb") if stdout else subprocess.DEVNULL
    try:
        while pending or running:
            while pending and len(running) < jobs:
                running.append(subprocess.Popen(pending.pop(0), stdout=sink, stderr=subprocess.DEVNULL))
            time.sleep(0.05)
            for process in [p for p in running if p.poll() is not None]:
                running.remove(process)
                failed += process.returncode not in ok
    finally:
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        if stdout:
            sink.close()  # type: ignore[union-attr]
    return seconds, sum(cpu.values()), peak[0], failed


def _tree(root: int) -> tuple[float, dict[int, float]]:
    """The summed PSS (MB) of the processes under `root` (not `root` itself), and each one's CPU seconds
    so far (user and system; sampled, so the last tenth of a second of each may be missed)."""
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
            cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    under: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - under
        under |= frontier
    total = 0
    for pid in under:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
        total += int(found[1]) if found else 0
    return total / 1024, {pid: cpu[pid] for pid in under if pid in cpu}


def _write(lines: list[str]) -> None:
    current = RESULTS.read_text(encoding="utf-8")
    if START in current:
        section = current[current.index(START):current.index(END)].rstrip("\n")
        current = current[:current.index(START)] + section + "\n" + "\n".join(lines) + "\n" + \
            current[current.index(END):]
    else:
        intro = (f"{START}\n## Collections of reports (bench/collection.py)\n\n"
                 "Command: `.venv/bin/python bench/collection.py --builds 10,100 --collections 10,100,500 --jobs 2 "
                 "--write`. See the script's docstring for what each row measures.\n\n"
                 f"{HEADER}\n{_RULE}\n")
        current = current.rstrip("\n") + "\n\n" + intro + "\n".join(lines) + f"\n{END}\n"
    RESULTS.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
