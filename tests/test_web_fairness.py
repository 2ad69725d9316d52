"""The workers are shared fairly by client address: one client cannot hold them all, heavy clients leave
one to the others, and a light client waiting behind heavy queries gets in by stopping the heaviest."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from seoulkg.paths import BUILT_GRAPH
from seoulkg.web.workers import Pool, WorkerFailed, WorkerPreempted

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } # "
CHEAP = "SELECT ?unit WHERE { ?unit a <http://www.w3.org/ns/org#OrganizationalUnit> } LIMIT 1 # "
TIMEOUT = 4.0


@pytest.fixture
def pool() -> Iterator[Pool]:
    found = Pool(BUILT_GRAPH.with_suffix(".nt"), 2, 100, 1024)
    yield found
    found.close()


class Asking(threading.Thread):
    """One request to the pool in the background; its outcome or the name of its exception."""

    def __init__(self, pool: Pool, client: str, query: str) -> None:
        super().__init__(daemon=True)
        self.pool, self.client, self.query = pool, client, query
        self.outcome: object = None
        self.start()

    def run(self) -> None:
        try:
            self.outcome = self.pool.run((self.query, None, "csv"), TIMEOUT, self.client)
        except WorkerFailed as exc:
            self.outcome = type(exc).__name__


def _held(pool: Pool, client: str) -> int:
    with pool.cond:
        return sum(1 for job in pool.busy.values() if job.client == client)


def _wait(condition, seconds: float = 10) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


@pytest.mark.slow
def test_one_client_cannot_hold_every_worker(pool: Pool) -> None:
    flood = [Asking(pool, "127.0.0.2", CARTESIAN + str(n)) for n in range(3)]
    _wait(lambda: _held(pool, "127.0.0.2") == 1 and len(pool.waiting) == 2)
    other = Asking(pool, "127.0.0.3", CHEAP)
    other.join(TIMEOUT)
    # answered at once by the worker the flood may not take, while the flood's first query still runs
    assert isinstance(other.outcome, tuple) and other.outcome[0] == 200
    assert _held(pool, "127.0.0.2") == 1 and flood[0].is_alive()
    for asking in flood:
        asking.join(3 * TIMEOUT)
    assert "WorkerTimedOut" in [a.outcome for a in flood]


@pytest.mark.slow
def test_heavy_clients_leave_a_worker_to_the_others(pool: Pool) -> None:
    """Two clients' expensive queries hold both workers; a third client's cheap query stops the heavier
    one (503 for it) and is answered; the heavy clients then share one worker."""
    heavy = [Asking(pool, f"127.0.0.{n}", CARTESIAN + str(n)) for n in (2, 3)]
    _wait(lambda: len(pool.busy) == 2)
    light = Asking(pool, "127.0.0.9", CHEAP)
    light.join(TIMEOUT)
    assert isinstance(light.outcome, tuple) and light.outcome[0] == 200
    for asking in heavy:
        asking.join(3 * TIMEOUT)
    assert sorted(str(a.outcome) for a in heavy) == ["WorkerPreempted", "WorkerTimedOut"]
    # the stopped client now counts as heavy: with the other heavy one busy, it waits for a worker
    again = [Asking(pool, "127.0.0.2", CARTESIAN + "a"), Asking(pool, "127.0.0.3", CARTESIAN + "b")]
    _wait(lambda: len(pool.busy) == 1 and len(pool.waiting) == 1)
    answered = Asking(pool, "127.0.0.9", CHEAP + "again")
    answered.join(TIMEOUT)
    assert isinstance(answered.outcome, tuple) and answered.outcome[0] == 200
    for asking in again:
        asking.join(3 * TIMEOUT)
    assert WorkerPreempted.__name__ not in [a.outcome for a in again]


def test_a_client_whose_queries_cost_the_server_waits_alone() -> None:
    """The guard's work on a client's queries is paid from its own budget: past it, that client waits."""
    import asyncio

    from seoulkg.web.endpoint import Admission

    admission = Admission()
    admission.spend("127.0.0.2", 1.0)  # a second of parsing refused queries
    assert 4.5 < admission.wait("127.0.0.2") <= 5.0  # (1.0 - 0.5 burst) at 0.1 s per second
    assert admission.wait("127.0.0.3") == 0.0
    admission.spend("127.0.0.3", 0.3)
    assert admission.wait("127.0.0.3") == 0.0  # within its burst

    async def hold(entered: list[str]) -> None:
        async with admission("127.0.0.4"):
            entered.append("in")
            await asyncio.sleep(0.2)

    async def crowd() -> list[int]:
        entered: list[str] = []
        tasks = [asyncio.create_task(hold(entered)) for _ in range(Admission.IN_FLIGHT + 2)]
        await asyncio.sleep(0.1)
        counts = [len(entered)]
        await asyncio.gather(*tasks)
        return [*counts, len(entered)]

    assert asyncio.run(crowd()) == [Admission.IN_FLIGHT, Admission.IN_FLIGHT + 2]


def test_a_killed_zygote_is_replaced(tmp_path) -> None:
    """The process holding the graph runs no query, but should it be killed, the next replacement
    loads the graph again: the pool keeps answering."""
    import os
    import signal

    graph = tmp_path / "g.nt"
    graph.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    pool = Pool(graph, 2, 100, 256)
    try:
        first = pool.zygote.process.pid
        os.kill(first, signal.SIGKILL)
        pool.zygote.process.wait()
        for worker in list(pool.idle):  # the workers die with it: their sockets close
            _wait(lambda w=worker: w.conn.poll(0))
        assert pool.run(("SELECT ?s WHERE { ?s ?p ?o }", None, "csv"), 10.0, "x") == (
            200, b"s\r\nurn:x:a\r\n", "text/csv; charset=utf-8")
        assert pool.zygote.process.pid != first
    finally:
        pool.close()
