"""A loopback load test: 32 clients ask the canned queries of a real `seoulkg serve` for 60 seconds; no
request fails and the server's memory (with its query workers) does not grow."""

from __future__ import annotations

import pytest
from support import rss_mb, run_load, serving

from seoulkg.queries.canned import catalogue

pytestmark = [pytest.mark.load, pytest.mark.runs_long]

CLIENTS, SECONDS = 32, 60.0


def test_thirty_two_clients_for_a_minute() -> None:
    paths = [f"/api/{name}" for name in sorted(catalogue())]
    with serving() as (url, server):
        warm = run_load(url, paths, CLIENTS, 5.0)  # every worker has run every query once
        before = rss_mb(server.pid)
        result = run_load(url, paths, CLIENTS, SECONDS)
        after = rss_mb(server.pid)
    assert warm.errors == 0 and result.errors == 0, result.first_error or warm.first_error
    assert result.requests >= len(paths) * CLIENTS  # every client got through the catalogue at least once
    assert after - before < max(0.1 * before, 30.0), f"memory grew from {before:.0f} MB to {after:.0f} MB"
