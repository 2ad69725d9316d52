"""SPARQL queries run in worker processes, so a query past its time limit is stopped, not left running.

pyoxigraph cannot cancel a query, and a query nested deeply enough overflows its parser's stack and kills
the process it runs in. So each worker process loads the graph (an N-Triples file the site writes once)
into its own Oxigraph store and answers one query at a time over a pipe. A worker whose query runs past
the time limit is killed and replaced; a worker that dies is replaced too, and its client gets an error;
the other workers serve on throughout.
"""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from . import formats

Request = tuple[str, str | None, str | None]  # (query, Accept header, requested format)
Outcome = tuple[int, bytes | str, str]  # (200, body, media type) or (HTTP status, message, "")

START_TIMEOUT = 120.0  # seconds a new worker may take to load the graph


class WorkerFailed(Exception):
    """The worker answering a query died (and was replaced)."""


class WorkerTimedOut(WorkerFailed):
    """The worker answering a query ran past the time limit (and was killed and replaced)."""


class Worker:
    """A `python -m seoulkg.web.workers` process, spoken to over a socket pair (no re-import of the
    caller's main module, as multiprocessing's spawn would do)."""

    def __init__(self, graph: Path, max_results: int) -> None:
        mine, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "seoulkg.web.workers", str(graph), str(max_results), str(theirs.fileno())],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL)
        theirs.close()
        self.conn = Connection(mine.detach())

    def ready(self, timeout: float) -> bool:
        try:
            return self.conn.poll(timeout) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            return False

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.conn.close()


class Pool:
    """`size` workers, each holding the graph; a query borrows an idle one."""

    def __init__(self, graph: Path, size: int, max_results: int) -> None:
        self.graph, self.max_results = graph, max_results
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.closed = False
        starting = [Worker(graph, max_results) for _ in range(size)]
        for worker in starting:
            if not worker.ready(START_TIMEOUT):
                for other in starting:
                    other.stop()
                raise RuntimeError(f"a SPARQL worker could not load {graph}")
            self.idle.put(worker)

    def run(self, request: Request, timeout: float) -> Outcome | None:
        """The worker's answer, or None when no worker fell idle within `timeout`; the query then has
        `timeout` to run. Raises WorkerFailed (or WorkerTimedOut)."""
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            return None
        try:
            worker.conn.send(request)
            if worker.conn.poll(timeout):
                outcome = worker.conn.recv()
                self.idle.put(worker)
                return outcome
        except (EOFError, OSError):
            self._replace(worker)
            raise WorkerFailed from None
        self._replace(worker)
        raise WorkerTimedOut

    def _replace(self, worker: Worker) -> None:
        """Stop the worker and start another in the background; it joins the idle ones once loaded."""

        def restart() -> None:
            worker.stop()
            if self.closed:
                return
            fresh = Worker(self.graph, self.max_results)
            if fresh.ready(START_TIMEOUT):
                self.idle.put(fresh)
            else:
                fresh.stop()

        threading.Thread(target=restart, name="seoulkg-sparql-restart", daemon=True).start()

    def close(self) -> None:
        self.closed = True
        while True:
            try:
                self.idle.get_nowait().stop()
            except queue.Empty:
                return


def _serve(graph: str, max_results: int, conn: Connection) -> None:
    """A worker's life: load the graph, then answer queries until the socket closes."""
    store = ox.Store()
    store.bulk_load(path=graph, format=ox.RdfFormat.N_TRIPLES)
    conn.send("ready")
    while True:
        try:
            query, accept, requested = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        conn.send(evaluate(store, query, accept, requested, max_results))


def evaluate(store: ox.Store, query: str, accept: str | None, requested: str | None, max_results: int) -> Outcome:
    """Run the query and serialise its results in the negotiated format, within the result cap."""
    try:
        results = store.query(query)
    except SyntaxError as exc:
        return 400, f"malformed query: {' '.join(str(exc).split())}", ""
    except (OSError, RuntimeError, ValueError) as exc:
        return 400, f"the query cannot be evaluated: {' '.join(str(exc).split())}", ""
    graph = isinstance(results, ox.QueryTriples)
    chosen = formats.GRAPH_FORMATS if graph else formats.RESULT_FORMATS
    offered = list(dict.fromkeys(formats.media(f) for f in chosen.values()))
    try:
        media = formats.negotiate(offered, accept, requested,
                                  formats.graph_names() if graph else formats.result_names())
    except formats.NotAcceptable as exc:
        return 406, str(exc), ""
    if not isinstance(results, ox.QueryBoolean):
        # counting first runs the query twice, which lets pyoxigraph's own serialisers write every format
        if sum(1 for _ in islice(results, max_results + 1)) > max_results:
            return 413, (f"the results exceed the cap of {max_results} (solutions or triples): "
                         "narrow the query or add a LIMIT"), ""
        results = store.query(query)
    fmt = formats.by_media(media)
    return 200, results.serialize(format=fmt), fmt.media_type


if __name__ == "__main__":
    _serve(sys.argv[1], int(sys.argv[2]), Connection(int(sys.argv[3])))
