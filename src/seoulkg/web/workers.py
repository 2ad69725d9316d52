"""SPARQL queries run in worker processes forked from one process that holds the loaded graph.

pyoxigraph cannot cancel a query, and some queries exhaust memory. So a *zygote* process
(`python -m seoulkg.web.workers`) loads the graph once, leaves the network (a network namespace of its
own, where the kernel allows one: no worker can open a connection to anything, whatever a query asks),
and forks a worker whenever the pool needs one: the fork shares the loaded store copy-on-write, so a
replaced worker serves again in milliseconds, not the seconds a reload takes (measured: about 8 s at 1M
triples). Each worker runs under an address-space ceiling (`memory_mb` above what it inherits): a query
that needs more fails inside its own worker, whose client gets 503; the worker is replaced.

The pool shares its workers fairly between clients (by address): a client holds at most `size - 1`
workers at once (one when there are two), clients that have used more than `HEAVY` worker-seconds
lately (decaying with a half-life of `HALF_LIFE`) together hold at most `size - 1`, and when a light
client waits while every worker runs a query older than `PREEMPT_AFTER`, the query of the heaviest
client is stopped (503) to let it in. Waiting clients take workers in the order they came.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from . import formats

Request = tuple[str, str | None, str | None]  # (query, Accept header, requested format)
Outcome = tuple[int, bytes | str, str]  # (200, body, media type) or (HTTP status, message, "")

START_TIMEOUT = 300.0  # seconds the zygote may take to load the graph
HALF_LIFE = 10.0  # seconds over which a client's use of workers halves
HEAVY = 2.0  # worker-seconds (decayed) past which a client is heavy
PREEMPT_AFTER = 0.5  # seconds a query may hold the last worker while a light client waits
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000
_PR_SET_PDEATHSIG = 1


class WorkerFailed(Exception):
    """The worker answering a query died (and was replaced)."""


class WorkerTimedOut(WorkerFailed):
    """The worker answering a query ran past the time limit (and was killed and replaced)."""


class WorkerPreempted(WorkerFailed):
    """The query was stopped to let a waiting client in (its worker was replaced)."""


class Zygote:
    """The process holding the loaded graph, forking workers on request over a socket pair."""

    def __init__(self, graph: Path, max_results: int, memory_mb: int) -> None:
        mine, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "seoulkg.web.workers", str(graph), str(max_results), str(memory_mb),
             str(theirs.fileno())], pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL)
        theirs.close()
        self.control = mine
        self.lock = threading.Lock()
        mine.settimeout(START_TIMEOUT)
        try:
            ready = mine.recv(16)
        except OSError:
            ready = b""
        if not ready.startswith(b"ready"):
            self.close()
            raise RuntimeError(f"the SPARQL zygote could not load {graph}")
        self.isolated = ready == b"ready isolated"
        mine.settimeout(30)

    def fork(self) -> Worker:
        with self.lock:
            self.control.sendall(b"f")
            message, fds, _, _ = socket.recv_fds(self.control, 32, 1)
        if not fds:
            raise RuntimeError("the SPARQL zygote stopped")
        return Worker(int(message), Connection(fds[0]))

    def close(self) -> None:
        self.control.close()  # the zygote ends when its control socket closes; its workers with it
        self.process.kill()
        self.process.wait()


@dataclass(eq=False)
class Worker:
    pid: int
    conn: Connection

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self.conn.close()


@dataclass(eq=False)
class _Job:
    client: str
    started: float
    timeout: float
    preempted: bool = False


@dataclass(eq=False)
class _Waiter:
    client: str
    since: float


@dataclass
class _Usage:
    seconds: float = 0.0
    stamp: float = field(default_factory=time.monotonic)

    def now(self, at: float) -> float:
        return self.seconds * 0.5 ** ((at - self.stamp) / HALF_LIFE)

    def add(self, seconds: float, at: float) -> None:
        self.seconds, self.stamp = self.now(at) + seconds, at


class Pool:
    """`size` workers forked from one zygote; a query borrows an idle one, fairly (see the module)."""

    def __init__(self, graph: Path, size: int, max_results: int, memory_mb: int) -> None:
        self.size = size
        self.settings = graph, max_results, memory_mb
        self.zygote = Zygote(graph, max_results, memory_mb)
        self.restarting = threading.Lock()
        self.idle: list[Worker] = [self.zygote.fork() for _ in range(size)]
        self.busy: dict[Worker, _Job] = {}
        self.waiting: list[_Waiter] = []  # in order of arrival
        self.usage: dict[str, _Usage] = {}
        self.cond = threading.Condition()
        self.closed = False
        self.monitor = threading.Thread(target=self._preempt, name="seoulkg-sparql-fairness", daemon=True)
        self.monitor.start()

    def run(self, request: Request, timeout: float, client: str = "") -> Outcome | None:
        """The worker's answer, or None when no worker was free for `client` within `timeout`; the query
        then has `timeout` to run. Raises WorkerFailed (WorkerTimedOut, WorkerPreempted)."""
        deadline = time.monotonic() + timeout
        while True:
            worker = self._acquire(client, deadline - time.monotonic(), timeout)
            if worker is None:
                return None
            job = self.busy[worker]
            if not worker.conn.poll(0):
                break
            self._release(worker, job, healthy=False)  # it died while idle: nobody's query is lost
        outcome: Outcome | None = None
        try:
            worker.conn.send(request)
            if worker.conn.poll(timeout):
                outcome = worker.conn.recv()
        except (EOFError, OSError):
            pass
        self._release(worker, job, healthy=outcome is not None)
        if outcome is not None:
            return outcome
        if job.preempted:
            raise WorkerPreempted
        if time.monotonic() - job.started >= timeout:
            raise WorkerTimedOut
        raise WorkerFailed

    def _acquire(self, client: str, wait: float, limit: float) -> Worker | None:
        """An idle worker for `client` within `wait` seconds (None past that) for a query of time `limit`."""
        deadline = time.monotonic() + wait
        me = _Waiter(client, time.monotonic())
        with self.cond:
            self.waiting.append(me)
            try:
                while not self.closed:
                    if self._first_eligible() is me:
                        worker = self.idle.pop(0)
                        self.busy[worker] = _Job(client, time.monotonic(), limit)
                        return worker
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return None
                    self.cond.wait(min(left, 0.1))
                return None
            finally:
                self.waiting.remove(me)
                self.cond.notify_all()

    def _first_eligible(self) -> _Waiter | None:
        """The waiter that may take the next idle worker (called with the lock held)."""
        if not self.idle:
            return None
        at = time.monotonic()
        cap = max(1, self.size - 1)
        held: dict[str, int] = {}
        for job in self.busy.values():
            held[job.client] = held.get(job.client, 0) + 1
        heavy_held = sum(1 for job in self.busy.values() if self._heavy(job.client, at))
        for waiter in self.waiting:
            client = waiter.client
            if held.get(client, 0) >= cap:
                continue
            if self.size > 1 and heavy_held >= self.size - 1 and self._heavy(client, at):
                continue
            return waiter
        return None

    def _heavy(self, client: str, at: float) -> bool:
        running = sum(at - job.started for job in self.busy.values() if job.client == client)
        usage = self.usage.get(client)
        return (usage.now(at) if usage else 0.0) + running > HEAVY

    def _release(self, worker: Worker, job: _Job, healthy: bool) -> None:
        """Account the worker's time to its client; keep a healthy worker, replace any other."""
        at = time.monotonic()
        fresh: Worker | None = None
        if not healthy:
            worker.stop()
            fresh = self._fork()
        with self.cond:
            del self.busy[worker]
            usage = self.usage.setdefault(job.client, _Usage())
            usage.add(at - job.started, at)
            if healthy:
                self.idle.append(worker)
            elif fresh is not None:
                self.idle.append(fresh)
            self._forget(at)
            self.cond.notify_all()

    def _fork(self) -> Worker | None:
        """A fresh worker; should the zygote have died (it runs no query, but it could be killed), a new
        one loads the graph again first. None once the pool is closed."""
        zygote = self.zygote
        try:
            return None if self.closed else zygote.fork()
        except (OSError, RuntimeError):
            pass
        with self.restarting:
            if self.closed:
                return None
            if self.zygote is zygote:  # no other thread has replaced it meanwhile
                zygote.close()
                self.zygote = Zygote(*self.settings)
            return self.zygote.fork()

    def _forget(self, at: float) -> None:
        """Drop the usage of clients whose use has decayed to nothing (the table stays small)."""
        if len(self.usage) > 1000:
            for client in [c for c, u in self.usage.items() if u.now(at) < 0.01]:
                del self.usage[client]

    def _preempt(self) -> None:
        """Stop the heaviest client's query when a light client waits and every worker is busy."""
        while not self.closed:
            time.sleep(0.05)
            with self.cond:
                at = time.monotonic()
                if self.idle or not self.busy:
                    continue
                light = [w for w in self.waiting if at - w.since > 0.05 and not self._heavy(w.client, at)
                         and all(job.client != w.client for job in self.busy.values())]
                old = [(w, j) for w, j in self.busy.items() if at - j.started > PREEMPT_AFTER and not j.preempted]
                if not light or len(old) < len(self.busy):
                    continue
                worker, job = max(old, key=lambda wj: self._load(wj[1].client, at))
                job.preempted = True
                usage = self.usage.setdefault(job.client, _Usage())
                usage.add(job.timeout, at)  # as if its query had run to the limit: heavy for a while
            worker.stop()

    def _load(self, client: str, at: float) -> float:
        usage = self.usage.get(client)
        return (usage.now(at) if usage else 0.0) + sum(
            at - job.started for job in self.busy.values() if job.client == client)

    def close(self) -> None:
        with self.cond:
            self.closed = True
            workers = [*self.idle, *self.busy]
            self.idle.clear()
            self.cond.notify_all()
        for worker in workers:
            worker.stop()
        self.zygote.close()


def _isolate() -> bool:
    """Leave the network: a network namespace of our own (no interface but a down loopback)."""
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.unshare(_CLONE_NEWNET) == 0 or libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0


def _zygote(graph: str, max_results: int, memory_mb: int, control: socket.socket) -> None:
    """Load the graph, leave the network, then fork a worker for every byte received."""
    store = ox.Store()
    store.bulk_load(path=graph, format=ox.RdfFormat.N_TRIPLES)
    isolated = _isolate()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # forked workers are reaped by the kernel
    control.sendall(b"ready isolated" if isolated else b"ready")
    while control.recv(1):
        mine, theirs = socket.socketpair()
        zygote = os.getpid()
        pid = os.fork()
        if pid == 0:
            control.close()
            mine.close()
            _worker(store, zygote, max_results, memory_mb, Connection(theirs.detach()))
            os._exit(0)
        socket.send_fds(control, [str(pid).encode()], [mine.fileno()])
        mine.close()
        theirs.close()


def _worker(store: ox.Store, zygote: int, max_results: int, memory_mb: int, conn: Connection) -> None:
    """A forked worker's life: die with the zygote, cap its memory, answer queries until the socket closes."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != zygote:  # the zygote died before the death signal was asked for
        return
    inherited = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    ceiling = inherited + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    while True:
        try:
            query, accept, requested = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            outcome = evaluate(store, query, accept, requested, max_results)
        except MemoryError:
            outcome = 503, f"the query needs more than the worker's {memory_mb} MB of memory", ""
        conn.send(outcome)


def evaluate(store: ox.Store, query: str, accept: str | None, requested: str | None, max_results: int) -> Outcome:
    """Run the query and serialise its results in the negotiated format, within the result cap."""
    try:
        return _evaluate(store, query, accept, requested, max_results)
    except SyntaxError as exc:
        return 400, f"malformed query: {' '.join(str(exc).split())}", ""
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        return 400, f"the query cannot be evaluated: {' '.join(str(exc).split())[:300]}", ""


def _evaluate(store: ox.Store, query: str, accept: str | None, requested: str | None, max_results: int) -> Outcome:
    results = store.query(query)
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
    if isinstance(results, ox.QueryTriples):
        graph_format = formats.rdf_format(media)
        return 200, results.serialize(format=graph_format) or b"", graph_format.media_type
    results_format = formats.result_format(media)
    return 200, results.serialize(format=results_format) or b"", results_format.media_type


if __name__ == "__main__":
    _zygote(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), socket.socket(fileno=int(sys.argv[4])))
