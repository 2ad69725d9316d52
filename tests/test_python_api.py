"""The Python API: `seoulkg.load()` and `seoulkg.query(name, **params)`."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal

import pytest

import seoulkg


def test_load_gives_the_graph() -> None:
    graph = seoulkg.load()
    assert len(graph) > 20_000


def test_query_gives_python_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # without pandas: a list of dicts
    rows = seoulkg.query("overdue-items", as_of="2022-07-01")
    first = rows[0]
    assert isinstance(first["due"], dt.date) and isinstance(first["days_overdue"], int)
    assert sum(1 for r in rows if r["unit"] == "일자리정책과") == 10
    budget = seoulkg.query("budget-execution")
    assert budget[0]["unit"] == "경제정책실" and budget[0]["budget"] == 753976
    assert isinstance(seoulkg.query("programs")[0]["budget_krw"], Decimal)


def test_query_gives_a_dataframe_with_pandas() -> None:
    pandas = pytest.importorskip("pandas")
    frame = seoulkg.query("staffing")
    assert isinstance(frame, pandas.DataFrame) and list(frame.columns) == ["unit", "quota", "current", "women",
                                                                          "vacancies"]
    assert frame.loc[frame["unit"] == "경제정책과", "vacancies"].item() == -3
