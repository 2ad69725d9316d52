"""The read-only SPARQL service over the in-memory store: a time limit, a result cap, serialisation.

pyoxigraph cannot cancel a running query, so a query runs in a daemon thread and the request is answered
with an error when the time limit passes; the thread runs on until the query ends (a known limit: a
runaway query keeps a core busy, and at most `workers` queries run at once, the others waiting their
turn within their own time limit). The cap is checked by counting the results before serialising them,
which runs the query twice: cheap at this graph's size, and it lets pyoxigraph's own serialisers write
every result format.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from . import formats

_UPDATE = re.compile(r"^\s*(?:(?:PREFIX|BASE)\s[^\n]*\s*)*(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
                     re.IGNORECASE)


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


class SparqlService:
    def __init__(self, store: ox.Store, limits: Limits, workers: int = 4) -> None:
        self.store, self.limits = store, limits
        self.slots = threading.BoundedSemaphore(workers)

    def answer(self, query: str, accept: str | None, requested: str | None) -> tuple[bytes, str]:
        """The query's results serialised in the negotiated format, as (body, content type)."""
        if _UPDATE.match(query):
            raise read_only()
        deadline = time.monotonic() + self.limits.timeout
        if not self.slots.acquire(timeout=self.limits.timeout):
            raise HttpError(503, f"the endpoint is busy: no query slot within {self.limits.timeout:g} s")
        outcome: list[tuple[bytes, str] | HttpError] = []

        def work() -> None:
            try:
                outcome.append(self._run(query, accept, requested))
            finally:
                self.slots.release()

        worker = threading.Thread(target=work, name="sparql", daemon=True)
        worker.start()
        worker.join(max(0.0, deadline - time.monotonic()))
        if not outcome:
            raise HttpError(503, f"the query ran past the time limit of {self.limits.timeout:g} s")
        if isinstance(outcome[0], HttpError):
            raise outcome[0]
        return outcome[0]

    def _run(self, query: str, accept: str | None, requested: str | None) -> tuple[bytes, str] | HttpError:
        """Runs in a worker thread; pyoxigraph's result objects must not leave it, so errors are returned."""
        try:
            results = self.store.query(query)
        except SyntaxError as exc:
            return HttpError(400, f"malformed query: {' '.join(str(exc).split())}")
        except (OSError, RuntimeError, ValueError) as exc:
            return HttpError(400, f"the query cannot be evaluated: {' '.join(str(exc).split())}")
        graph = isinstance(results, ox.QueryTriples)
        chosen = formats.GRAPH_FORMATS if graph else formats.RESULT_FORMATS
        offered = list(dict.fromkeys(formats.media(f) for f in chosen.values()))
        try:
            media = formats.negotiate(offered, accept, requested,
                                      formats.graph_names() if graph else formats.result_names())
        except formats.NotAcceptable as exc:
            return HttpError(406, str(exc))
        if not isinstance(results, ox.QueryBoolean):
            counted = sum(1 for _ in islice(results, self.limits.max_results + 1))
            if counted > self.limits.max_results:
                return HttpError(413, f"the results exceed the cap of {self.limits.max_results} "
                                      "(solutions or triples): narrow the query or add a LIMIT")
            results = self.store.query(query)
        fmt = formats.by_media(media)
        return results.serialize(format=fmt), fmt.media_type
