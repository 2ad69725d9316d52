"""Loading the graph into a remote store through the SPARQL 1.1 Graph Store Protocol (replace semantics)."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from .. import __version__
from ..errors import SeoulKGError
from .files import load_store

NTRIPLES = "application/n-triples"


def publish(endpoint: str, data: list[Path], graph: str | None = None, timeout: float = 120) -> int:
    """PUT the files (with the ontology, as queries expect) into `graph` (default: the default graph)
    of the Graph Store at `endpoint`, then GET it back and check the triple count; return the count."""
    store = load_store(data)
    body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    expected = len(store)
    target = f"{endpoint}?{'graph=' + quote(graph, safe='') if graph else 'default'}"
    _request("PUT", target, body, timeout)
    returned = _request("GET", target, None, timeout)
    count = sum(1 for line in returned.splitlines() if line.strip() and not line.lstrip().startswith(b"#"))
    if count != expected:
        raise SeoulKGError(f"{endpoint}: the store holds {count} triples after upload, {expected} were sent")
    return count


def _request(method: str, url: str, body: bytes | None, timeout: float) -> bytes:
    headers = {"User-Agent": f"seoulkg/{__version__}", "Accept": NTRIPLES}
    if body is not None:
        headers["Content-Type"] = NTRIPLES
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read().decode("utf-8", errors="replace").split())[:200]
        raise SeoulKGError(f"{url}: {method} failed with HTTP {exc.code}: {detail}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise SeoulKGError(f"{url}: {method} failed: {getattr(exc, 'reason', exc)}") from None
