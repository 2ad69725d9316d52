"""The read-only SPARQL service: guards on what a request may ask, a time limit, a result cap.

Before a query reaches a worker it is refused if it is longer than `max_query_bytes`, and then as
guard.py decides from its syntax tree: anything that would fetch (SERVICE, LOAD), a dataset clause, an
update (403), or a shape past the `Complexity` bounds. Answers are cached by query text and requested
format, within a byte budget: the store is read-only while served, so a repeated query (the canned ones
above all) is answered from memory, and requests for a query already running wait for its answer rather
than run it again (a crowd of clients asking for the same uncached query costs one evaluation, not a
queue of them). Queries run in worker processes (see workers.py), shared fairly between clients: one
past the time limit or the memory ceiling ends with its worker, which is replaced.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from concurrent.futures import Future
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .guard import Complexity, Refused, inspect
from .workers import Pool, Request, WorkerFailed, WorkerPreempted, WorkerTimedOut

Answer = tuple[bytes, str]  # (body, media type)


class HttpError(Exception):
    """An error answered to the client with a status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def read_only() -> HttpError:
    """The answer to any SPARQL Update, however it is sent."""
    return HttpError(403, "this endpoint is read-only: SPARQL Update is refused")


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds a query may run
    max_results: int = 10_000  # solutions (SELECT) or triples (CONSTRUCT/DESCRIBE)
    max_query_bytes: int = 64 * 1024  # a request's query (or body)
    workers: int = 2  # processes answering queries at once
    cache_bytes: int = 64 * 1024 * 1024  # answers kept for repeated queries (the store is read-only); 0: none
    # address space a worker may take beyond the loaded graph it shares: two workers on a 2-core,
    # 24 GiB machine leave most of it to the graph and the rest of the system
    worker_memory_mb: int = 1024
    complexity: Complexity = field(default_factory=Complexity)


class Admission:
    """What one client (by address) may take of the server itself, before any worker: at most `IN_FLIGHT`
    requests in progress at once (more wait, holding no thread), and the server's own work on its queries
    (parsing them in the guard) within a budget refilled at `RATE` seconds per second up to `BURST`: a
    client past it waits until the budget is back. A flood of large queries that are refused one by one
    thus costs the server at most a tenth of a core per address, and the others are not kept waiting."""

    IN_FLIGHT = 4
    RATE, BURST = 0.1, 0.5

    def __init__(self) -> None:
        self.in_flight: dict[str, int] = {}
        self.budget: dict[str, tuple[float, float]] = {}  # client -> (seconds left, when)
        self.lock = threading.Lock()  # not an asyncio lock: tests drive one app from several event loops

    @asynccontextmanager
    async def __call__(self, client: str) -> AsyncIterator[None]:
        while not self._enter(client):
            await asyncio.sleep(0.02)
        try:
            await asyncio.sleep(self.wait(client))
            yield
        finally:
            with self.lock:
                self.in_flight[client] -= 1
                if not self.in_flight[client]:
                    del self.in_flight[client]

    def _enter(self, client: str) -> bool:
        with self.lock:
            if self.in_flight.get(client, 0) >= self.IN_FLIGHT:
                return False
            self.in_flight[client] = self.in_flight.get(client, 0) + 1
            return True

    def _left(self, client: str, at: float) -> float:
        left, when = self.budget.get(client, (self.BURST, at))
        return min(self.BURST, left + (at - when) * self.RATE)

    def wait(self, client: str) -> float:
        """Seconds until the client's budget is no longer overdrawn."""
        with self.lock:
            left = self._left(client, time.monotonic())
        return max(0.0, -left / self.RATE)

    def spend(self, client: str, seconds: float) -> None:
        with self.lock:
            at = time.monotonic()
            self.budget[client] = (self._left(client, at) - seconds, at)
            if len(self.budget) > 10_000:  # forget the clients whose budget is full again
                self.budget = {c: (b, w) for c, (b, w) in self.budget.items() if self._left(c, at) < self.BURST}


class SparqlService:
    def __init__(self, graph: Path, limits: Limits) -> None:
        """Serve the N-Triples file `graph` (workers load it) under `limits`."""
        self.limits = limits
        self.admission = Admission()
        self.pool = Pool(graph, limits.workers, limits.max_results, limits.worker_memory_mb)
        self.cache: OrderedDict[Request, Answer] = OrderedDict()
        self.cached_bytes = 0
        self.running: dict[Request, Future[Answer]] = {}
        self.lock = threading.Lock()

    def answer(self, query: str, accept: str | None, requested: str | None, client: str = "") -> Answer:
        """The query's results serialised in the negotiated format, as (body, content type), for `client`
        (its address: workers are shared fairly between clients)."""
        if len(query.encode("utf-8")) > self.limits.max_query_bytes:
            raise too_large(self.limits)
        started = time.thread_time()
        try:
            inspect(query, self.limits.complexity)
        except Refused as exc:
            raise HttpError(exc.status, exc.reason) from None
        finally:
            self.admission.spend(client, time.thread_time() - started)
        key = (query, accept, requested)
        with self.lock:
            if key in self.cache:
                self.cache.move_to_end(key)
                return self.cache[key]
            running = self.running.get(key)
            if running is None:
                mine: Future[Answer] = Future()
                self.running[key] = mine
        if running is not None:  # the same query is being answered: share its answer or its error
            try:
                return running.result()
            except HttpError as exc:
                raise HttpError(exc.status, exc.message) from None
        try:
            answer = self._evaluate(key, client)
            self._keep(key, answer)
            mine.set_result(answer)
            return answer
        except BaseException as exc:  # waiting requests must never wait for ever
            mine.set_exception(exc)
            raise
        finally:
            with self.lock:
                del self.running[key]

    def _evaluate(self, key: Request, client: str) -> Answer:
        """The answer of a worker: within the time limit to find an idle one and again to run the query."""
        try:
            outcome = self.pool.run(key, self.limits.timeout, client)
        except WorkerTimedOut:
            raise HttpError(503, f"the query ran past the time limit of {self.limits.timeout:g} s") from None
        except WorkerPreempted:
            raise HttpError(503, "the query was stopped to let other clients in: this client has used more "
                                 "than its share of the endpoint lately; try again later") from None
        except WorkerFailed:
            raise HttpError(503, f"the query stopped its worker: it needed more than the worker's "
                                 f"{self.limits.worker_memory_mb} MB of memory, or crashed the engine "
                                 "(the worker has been replaced)") from None
        if outcome is None:
            raise HttpError(503, f"the endpoint is busy: no query slot within {self.limits.timeout:g} s")
        status, body, media = outcome
        if status != 200 or isinstance(body, str):
            raise HttpError(status, str(body))
        return body, media

    def _keep(self, key: Request, answer: Answer) -> None:
        """Remember an answer, forgetting the least recently used beyond the cache's size."""
        if _size(key, answer) > self.limits.cache_bytes:
            return
        with self.lock:
            if key not in self.cache:
                self.cache[key] = answer
                self.cached_bytes += _size(key, answer)
            while self.cached_bytes > self.limits.cache_bytes:
                self.cached_bytes -= _size(*self.cache.popitem(last=False))

    def close(self) -> None:
        self.pool.close()


def _size(key: Request, answer: Answer) -> int:
    """What a cached answer costs: its body and its query text."""
    return len(answer[0]) + len(key[0])


def too_large(limits: Limits) -> HttpError:
    return HttpError(413, f"the request exceeds {limits.max_query_bytes} bytes")
