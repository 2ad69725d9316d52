"""The read-only SPARQL service over the in-memory store: a time limit, a result cap, serialisation.

pyoxigraph cannot cancel a running query, so a query runs in a worker thread and the request is answered
with an error when the time limit passes (the thread finishes on its own; the server keeps serving). The
cap is checked by counting the results before serialising them, which runs the query twice: cheap at this
graph's size, and it lets pyoxigraph's own serialisers write every result format.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
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


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds a query may run
    max_results: int = 10_000  # solutions (SELECT) or triples (CONSTRUCT/DESCRIBE)


class SparqlService:
    def __init__(self, store: ox.Store, limits: Limits, workers: int = 4) -> None:
        self.store, self.limits = store, limits
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sparql")

    def answer(self, query: str, accept: str | None, requested: str | None) -> tuple[bytes, str]:
        """The query's results serialised in the negotiated format, as (body, content type)."""
        if _UPDATE.match(query):
            raise HttpError(403, "this endpoint is read-only: SPARQL Update is refused")
        future = self.pool.submit(self._run, query, accept, requested)
        try:
            return future.result(timeout=self.limits.timeout)
        except FutureTimeout:
            raise HttpError(503, f"the query ran past the time limit of {self.limits.timeout:g} s") from None

    def _run(self, query: str, accept: str | None, requested: str | None) -> tuple[bytes, str]:
        try:
            results = self.store.query(query)
        except SyntaxError as exc:
            raise HttpError(400, f"malformed query: {' '.join(str(exc).split())}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise HttpError(400, f"the query cannot be evaluated: {' '.join(str(exc).split())}") from None
        if isinstance(results, ox.QueryTriples):
            offered, names = [formats.media(f) for f in formats.GRAPH_FORMATS.values()], formats.graph_names()
        else:
            offered, names = [formats.media(f) for f in formats.RESULT_FORMATS.values()], formats.result_names()
        offered = list(dict.fromkeys(offered))
        try:
            media = formats.negotiate(offered, accept, requested, names)
        except formats.NotAcceptable as exc:
            raise HttpError(406, str(exc)) from None
        if not isinstance(results, ox.QueryBoolean):
            counted = sum(1 for _ in islice(results, self.limits.max_results + 1))
            if counted > self.limits.max_results:
                raise HttpError(413, f"the results exceed the cap of {self.limits.max_results} "
                                     "(solutions or triples): narrow the query or add a LIMIT")
            results = self.store.query(query)
        fmt = formats.by_media(media)
        return results.serialize(format=fmt), fmt.media_type

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
