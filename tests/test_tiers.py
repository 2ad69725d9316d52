"""The test tiers: a test needing a missing tool skips with the reason, but fails under CI=true."""

from __future__ import annotations

import sys

import pytest
from support import require


def test_a_present_tool_is_found() -> None:
    assert require(sys.executable, install="-") == [sys.executable]


def test_a_missing_tool_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"no-such-tool not found \(make setup\)"):
        require("no-such-tool", install="make setup")


def test_a_missing_tool_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"no-such-tool not found .*: CI runs every test tier"):
        require("no-such-tool", install="make setup")
