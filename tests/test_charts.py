"""Charts drawn from the graph (SVG): `seoulkg plot`, the dashboard and the unit pages."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from seoulkg.queries.charts import overdue_sweep

SVG = "{http://www.w3.org/2000/svg}"


def _titles(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}title")]


def test_budget_chart_has_a_bar_per_unit_and_measure(cli, tmp_path: Path) -> None:
    out = tmp_path / "budget.svg"
    assert cli("plot", "budget-execution", "--out", out).code == 0
    titles = _titles(out.read_text(encoding="utf-8"))
    assert "경제정책과 budget 131,125 백만원" in titles and "금융투자과 spent 269 백만원" in titles
    assert sum(t.endswith("백만원") for t in titles) == 13 * 3


def _widths(svg: str) -> dict[str, float]:
    """Each bar's width by its title."""
    return {(r.findtext(f"{SVG}title") or ""): float(r.get("width", 0)) for r in ET.fromstring(svg).iter(f"{SVG}rect")}


def test_budget_chart_draws_the_office_total_apart(cli, tmp_path: Path) -> None:
    """The office's total (753,976) has a panel and scale of its own: the largest division's bar
    (일자리정책과, 230,044) is as long as the total's, and the others are scaled to it."""
    out = tmp_path / "budget.svg"
    assert cli("plot", "budget-execution", "--out", out).code == 0
    widths = _widths(out.read_text(encoding="utf-8"))
    full = widths["경제정책실 budget 753,976 백만원"]
    assert widths["일자리정책과 budget 230,044 백만원"] == full
    assert widths["경제정책과 budget 131,125 백만원"] == round(full * 131_125 / 230_044, 1)
    assert widths["경제정책실 spent 19,488 백만원"] == round(full * 19_488 / 753_976, 1)


def test_audit_chart_counts_items_by_status(cli, tmp_path: Path) -> None:
    out = tmp_path / "audit.svg"
    assert cli("plot", "audit-status", "--unit", "도시농업과", "--out", out).code == 0
    titles = _titles(out.read_text(encoding="utf-8"))
    assert set(titles[1:]) == {"도시농업과 completed 12", "도시농업과 in_progress 6"}


def test_overdue_sweep_follows_the_overdue_query(cli, tmp_path: Path) -> None:
    out = tmp_path / "sweep.svg"
    assert cli("plot", "overdue-sweep", "--out", out).code == 0
    titles = _titles(out.read_text(encoding="utf-8"))
    assert "all units 2022-01-01 1" in titles and "all units 2022-07-01 28" in titles
    assert "일자리정책과 2022-07-01 10" in titles


def test_overdue_sweep_takes_its_year_from_the_plans() -> None:
    """The months are those of the year most items' latest plans are due in, never a year of the code."""
    rows = {"audit-items": [{"latest_due": "2030-05-31"}, {"latest_due": "2030-12-31"}, {"latest_due": "2031-01-31"},
                            {"latest_due": ""}],
            "overdue-by-unit": [{"unit": "과", "overdue": "2"}]}
    titles = _titles(overdue_sweep(lambda name, **params: rows[name]))
    assert "all units 2030-01-01 2" in titles and "all units 2031-01-01 2" in titles
    assert not any("2029-" in t or "2031-02" in t for t in titles)
    assert "no dated follow-up plan" in overdue_sweep(lambda name, **params: [])


def test_overdue_sweep_of_a_unit_keeps_the_all_units_line(cli, tmp_path: Path) -> None:
    out = tmp_path / "sweep.svg"
    assert cli("plot", "overdue-sweep", "--unit", "도시농업과", "--out", out).code == 0
    titles = _titles(out.read_text(encoding="utf-8"))
    assert "all units 2022-07-01 28" in titles and "도시농업과 2022-07-01 4" in titles
    assert not any(t.startswith("일자리정책과") for t in titles)


def test_plot_refuses_an_unwritable_file(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    run = cli("plot", "audit-status", "--out", blocker / "chart.svg")
    assert run.code == 2 and "cannot write output" in run.err


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """The app with its lifespan: its query workers end with the module (they outlived the tests before)."""
    from seoulkg.paths import BUILT_GRAPH
    from seoulkg.web.app import create_app

    with TestClient(create_app([BUILT_GRAPH])) as client:
        yield client


def test_dashboard_and_unit_pages_show_charts(client) -> None:
    dashboard = client.get("/dashboard").text
    assert dashboard.count("<svg") == 3
    page = client.get("/doc/unit/urban-agriculture-division.html").text
    assert page.count("<svg") == 3 and "도시농업과 completed 12" in page
    chart = client.get("/charts/budget-execution.svg", params={"unit": "도시농업과"})
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert "도시농업과 budget 94,657 백만원" in _titles(chart.text)
    assert client.get("/charts/pie.svg").status_code == 404
