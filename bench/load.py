"""A loopback load generator for the endpoint: N clients, each with its own keep-alive connection and its
own loopback address (127.0.0.2, 127.0.0.3 …: the server shares its workers fairly by address, so N
clients are N users), asking the canned queries in turn for a bounded time, against a `seoulkg serve`
of its own. Used by bench/run.py, bench/attack.py and the tests (which import it from bench/)."""

from __future__ import annotations

import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
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
def serving(*args: str, start: float = 60) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`seoulkg serve ARGS` as its own process on a free loopback port, given `start` seconds to answer:
    (base URL, process). Its log goes to a file (a pipe nobody reads would fill and block it)."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen([sys.executable, "-m", "seoulkg.cli", "serve", "--port", str(port), *args],
                                  stdout=subprocess.DEVNULL, stderr=log)
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_until_answering(f"{url}api/openapi.json", start)
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


def address(number: int) -> str:
    """The loopback address of client `number` (127.0.0.2 onwards; 127.0.0.1 is the server's)."""
    return f"127.0.{(number + 2) // 256}.{(number + 2) % 256}"


def run_load(base_url: str, paths: list[str], clients: int, seconds: float, first: int = 0,
             pause: float = 0.0) -> LoadResult:
    """Every client asks `paths` round-robin (starting at its own offset) until `seconds` have passed,
    from its own address (`address(first + n)`), waiting `pause` seconds after each answer."""
    split = urlsplit(base_url)
    host, port = split.hostname or "127.0.0.1", split.port or 80
    deadline = time.monotonic() + seconds
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []

    def connect(number: int) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(host, port, timeout=30, source_address=(address(first + number), 0))

    def client(number: int) -> None:
        connection = connect(number)
        turn = number
        while time.monotonic() < deadline:
            path = paths[turn % len(paths)].replace("{n}", f"{first + number}-{turn}")  # a nonce: uncached
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
                connection = connect(number)
            latencies[number].append(time.perf_counter() - started)
            if pause:
                time.sleep(pause)
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
