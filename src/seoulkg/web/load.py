"""A loopback load generator for the endpoint: N clients, each with its own keep-alive connection, asking
the canned queries in turn for a bounded time, against a `seoulkg serve` of its own. Used by bench/run.py
and by the load test."""

from __future__ import annotations

import http.client
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(url: str, seconds: float = 60) -> None:
    """Poll `url` until it answers (a server starting up), at most `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@contextmanager
def serving(*args: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """`seoulkg serve ARGS` as its own process on a free loopback port: (base URL, process)."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "seoulkg.cli", "serve", "--port", str(port), *args],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_answering(f"{url}api/openapi.json")
        yield url, server
    finally:
        server.terminate()
        server.wait(20)


@dataclass(frozen=True)
class LoadResult:
    clients: int
    seconds: float
    requests: int
    errors: int
    first_error: str
    p50_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def run_load(base_url: str, paths: list[str], clients: int, seconds: float) -> LoadResult:
    """Every client asks `paths` round-robin (starting at its own offset) until `seconds` have passed."""
    split = urlsplit(base_url)
    deadline = time.monotonic() + seconds
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(split.hostname, split.port, timeout=30)
        turn = number
        while time.monotonic() < deadline:
            path = paths[turn % len(paths)]
            turn += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": "application/sparql-results+json"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(f"{path}: HTTP {response.status}")
            except (OSError, http.client.HTTPException) as exc:
                errors.append(f"{path}: {exc!r}")
                connection.close()
                connection = http.client.HTTPConnection(split.hostname, split.port, timeout=30)
            latencies[number].append(time.perf_counter() - started)
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    every = sorted(t for per_client in latencies for t in per_client)
    p99 = every[min(len(every) - 1, int(len(every) * 0.99))] if every else 0.0
    return LoadResult(clients, elapsed, len(every), len(errors), errors[0] if errors else "",
                      statistics.median(every) * 1000 if every else 0.0, p99 * 1000)


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the query workers), in MB."""
    total = 0
    for candidate in [pid, *_children(pid)]:
        try:
            status = Path(f"/proc/{candidate}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in found] + [grand for child in found for grand in _children(int(child))]
