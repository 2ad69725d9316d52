"""The attack table: how other clients' cheap, uncached queries fare while 1 or 2 hostile clients flood a
real `seoulkg serve` (default limits: 2 workers, 10 s, 1024 MB per worker), per kind of hostile query,
on the real graph and at 1M triples; and how long a replaced worker takes to serve again.

    .venv/bin/python bench/attack.py [--scales real,1M] [--seconds 20] [--write]

Each hostile client has its own loopback address and two connections, each sending its query back to back
(every request distinct, so that neither the cache nor the sharing of a running answer blunts it). Four
other clients, each from its own address, ask a cheap query (five organisational units, uncached: each
request carries a nonce) and pause 50 ms after each answer. `--write` puts the table into
bench/RESULTS.md (between its attack-table markers).
"""

from __future__ import annotations

import argparse
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

from load import address, run_load, serving

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- attack table: bench/attack.py --write -->", "<!-- end of attack table -->"
OTHERS = 4  # clients asking cheap queries
CHEAP = "SELECT ?unit WHERE { ?unit a <http://www.w3.org/ns/org#OrganizationalUnit> } LIMIT 5 #"


def hostile(port: int) -> dict[str, str]:
    """The hostile queries, by kind; each is sent with a nonce comment appended."""
    bomb = '"aaaaaaaaaa"'
    for _ in range(8):  # 10^9 characters
        bomb = f'REPLACE({bomb}, "a", "aaaaaaaaaa")'
    target = f"http://127.0.0.1:{port}/sparql"
    return {
        "nested SERVICE to itself":
            f"SELECT * WHERE {{ SERVICE <{target}> {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} #",
        "deep expression (3,000 terms)": "SELECT (" + "+".join(["1"] * 3_000) + " AS ?x) WHERE {} #",
        "long path (2,000 steps)": "PREFIX : <urn:x:> ASK { ?s " + "/".join([":p"] * 2_000) + " ?o } #",
        "cartesian product": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } #",
        "memory bomb (nested REPLACE)": f"SELECT (STRLEN({bomb}) AS ?n) WHERE {{}} #",
    }


def attack(url: str, query: str, attackers: int) -> tuple[threading.Event, list[threading.Thread], Counter[str]]:
    """Start `attackers` clients (two connections each) sending `query` until stopped."""
    split = urlsplit(url)
    stop, outcomes = threading.Event(), Counter[str]()

    def connection(number: int, lane: int) -> None:
        source = (address(100 + number), 0)
        conn = http.client.HTTPConnection(split.hostname or "127.0.0.1", split.port, timeout=60, source_address=source)
        turn = 0
        while not stop.is_set():
            turn += 1
            try:
                conn.request("POST", "/sparql", body=f"{query} {lane}-{turn}".encode(),
                             headers={"Content-Type": "application/sparql-query",
                                      "Accept": "application/sparql-results+json"})
                response = conn.getresponse()
                response.read()
                outcomes[str(response.status)] += 1
            except (OSError, http.client.HTTPException) as exc:
                outcomes[type(exc).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection(split.hostname or "127.0.0.1", split.port, timeout=60,
                                                  source_address=source)
        conn.close()

    threads = [threading.Thread(target=connection, args=(n, lane), daemon=True)
               for n in range(attackers) for lane in range(2)]
    for thread in threads:
        thread.start()
    return stop, threads, outcomes


def table(scale: str, data: Path | None, seconds: float) -> list[str]:
    rows = []
    extra = ("--data", str(data)) if data else ()
    with serving(*extra, start=600) as (url, _):
        port = urlsplit(url).port or 0
        cheap = ["/sparql?query=" + quote(CHEAP) + "{n}"]
        run_load(url, cheap, OTHERS, 2.0, pause=0.05)  # warm
        cases: list[tuple[str, str | None, int]] = [("none", None, 0)]
        cases += [(kind, query, n) for kind, query in hostile(port).items() for n in (1, 2)]
        for kind, query, attackers in cases:
            stop, threads, outcomes = attack(url, query, attackers) if query else (threading.Event(), [], Counter())
            time.sleep(1.0 if query else 0)  # the attack is under way before the others are measured
            result = run_load(url, cheap, OTHERS, seconds, pause=0.05)
            stop.set()
            for thread in threads:
                thread.join(30)
            verdict = "met" if result.p99_ms < 1000 and result.errors == 0 else "NOT met"
            answers = ", ".join(f"{status} ×{count}" for status, count in sorted(outcomes.items())) or "–"
            rows.append(f"| {scale} | {kind} | {attackers} | {result.requests} | {result.errors} | "
                        f"{result.p50_ms:.1f} ms | {result.p99_ms:.1f} ms | {answers} | {verdict} |")
            print(rows[-1], flush=True)
    return rows


def replacement(data: Path) -> str:
    """Time to a replaced worker's first answer (fork from the zygote) against the zygote's own load."""
    code = f"""
import time
from pathlib import Path
from seoulkg.web.workers import Pool
started = time.perf_counter()
pool = Pool(Path({str(data)!r}), 1, 100, 1024)
loaded = time.perf_counter() - started
times = []
for _ in range(5):
    started = time.perf_counter()
    worker = pool.zygote.fork()
    worker.conn.send(("ASK {{ ?s ?p ?o }}", None, "json"))
    worker.conn.recv()
    times.append(time.perf_counter() - started)
    worker.stop()
pool.close()
print(f"{{loaded:.1f}} {{max(times) * 1000:.0f}} {{sorted(times)[2] * 1000:.0f}}")
"""
    loaded, worst, median = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                           check=True).stdout.split()
    return (f"a replaced worker's first answer (fork from the zygote): median {median} ms, worst {worst} ms of 5; "
            f"loading the graph, which a restart without the zygote would repeat: {loaded} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="real,1M")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--write", action="store_true", help="put the table into bench/RESULTS.md")
    args = parser.parse_args()
    load_before = os.getloadavg()
    lines = [("| graph | hostile query | hostile clients | others' requests | others' errors | others' p50 | "
              "others' p99 | hostile answers (status ×count) | p99 < 1 s, no error |"),
             "|---|---|---|---|---|---|---|---|---|"]
    notes = []
    with tempfile.TemporaryDirectory(prefix="seoulkg-attack-") as work:
        for scale in args.scales.split(","):
            data = None
            if scale != "real":
                data = Path(work) / f"synth-{scale}.nt"
                triples = {"100k": 100_000, "1M": 1_000_000}[scale]
                subprocess.run([sys.executable, "-m", "seoulkg.cli", "synth", "--scale", str(triples), "--out",
                                str(data)], check=True, capture_output=True)
                notes.append(f"- {scale}: {replacement(data)}")
            else:
                notes.append(f"- real graph: {replacement(ROOT / 'src' / 'seoulkg' / 'data' / 'seoulkg.nt')}")
            lines += table(scale, data, args.seconds)
    load_after = os.getloadavg()
    header = (f"Command: `.venv/bin/python bench/attack.py --scales {args.scales} --seconds {args.seconds:g} --write`; "
              f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
              f"load average (1 min) {load_before[0]:.2f} before, "
              f"{load_after[0]:.2f} after, on 2 cores shared with other engineers' work.")
    text = "\n".join([header, "", *notes, "", *lines])
    print(text)
    if args.write:
        current = RESULTS.read_text(encoding="utf-8")
        section = f"{START}\n## Attack table\n\n{text}\n{END}"
        if START in current:
            current = current[:current.index(START)] + section + current[current.index(END) + len(END):]
        else:
            current = current.rstrip("\n") + "\n\n" + section + "\n"
        RESULTS.write_text(current, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
