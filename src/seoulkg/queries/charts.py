"""Charts drawn from the graph as standalone SVG (no JavaScript, no dependency): the same pictures for the
dashboard, the unit pages and papers (`seoulkg plot NAME --out FILE.svg`).

Every bar and point carries a <title> with its figure, so the numbers stay readable and testable.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from html import escape

import pyoxigraph as ox

from . import canned
from .output import cell

STATUS_COLOURS = {"completed": "#4c9a2a", "in_progress": "#e0a800", "under_review": "#5b8def",
                  "not_adopted": "#b0413e"}
MEASURE_COLOURS = {"budget": "#9bbbd4", "committed": "#3d7ab8", "spent": "#16365c"}
ROW, LEFT, WIDTH = 22, 170, 760


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" role="img">'
            f"<title>{escape(title)}</title>"
            f'<text x="8" y="18" font-size="14" font-weight="bold">{escape(title)}</text>'
            + "".join(body) + "</svg>\n")


Fetch = Callable[..., list[dict[str, str]]]  # fetch(query name, **params) -> rows of plain text


def embedded(store: ox.Store) -> Fetch:
    """Rows of a canned query on an embedded store."""

    def fetch(name: str, **params: str) -> list[dict[str, str]]:
        result = canned.run(store, canned.get(name), params)
        return [{c: cell(t) for c, t in zip(result.columns, row, strict=True)} for row in result.rows]

    return fetch


def _legend(colours: dict[str, str], y: int) -> list[str]:
    parts = []
    for position, (name, colour) in enumerate(colours.items()):
        x = LEFT + position * 130
        parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="{y}">{escape(name)}</text>')
    return parts


def budget_execution(fetch: Fetch, unit: str | None = None) -> str:
    """Budget, committed and spent amounts per unit (백만원), one group of three bars a unit.

    The table's total row (the office, printed first, the query keeps the report's order) is drawn in a
    panel of its own with its own scale, so that its bars do not dwarf the divisions' into slivers.
    """
    rows = fetch("budget-execution")
    panels = [[rows[0]], rows[1:]] if len(rows) > 1 else [rows]
    if unit is not None:
        panels = [[r for r in panel if r["unit"] == unit] for panel in panels]
    body = _legend(MEASURE_COLOURS, 40)
    y = 56
    for panel, heading in zip(panels, ("합계 total (own scale)", "부서 units"), strict=False):
        if not panel:
            continue
        if len(panels) > 1 and unit is None:
            body.append(f'<text x="8" y="{y + 8}" font-size="11" fill="#555">{escape(heading)}</text>')
            y += 14
        top = max(int(r["budget"]) for r in panel) or 1
        for row in panel:
            body.extend(_budget_bars(row, y, top))
            y += 3 * 7 + 10
        if unit is None and panel is panels[0]:
            body.append(f'<line x1="8" y1="{y - 4}" x2="{WIDTH - 8}" y2="{y - 4}" stroke="#ccc"/>')
            y += 6
    return _svg(WIDTH, y + 10, "예산 집행현황 Budget and execution by unit (백만원)", body)


def _budget_bars(row: dict[str, str], y: int, top: int) -> list[str]:
    """A unit's three bars (budget, committed, spent) scaled to `top`, with its budget written after."""
    parts = [f'<text x="{LEFT - 6}" y="{y + 3 * 7}" text-anchor="end">{escape(row["unit"])}</text>']
    for offset, (measure, colour) in enumerate(MEASURE_COLOURS.items()):
        value = int(row[measure])
        length = round((WIDTH - LEFT - 90) * value / top, 1)
        parts.append(f'<rect x="{LEFT}" y="{y + offset * 7}" width="{length}" height="6" fill="{colour}">'
                     f"<title>{escape(row['unit'])} {measure} {value:,} 백만원</title></rect>")
    parts.append(f'<text x="{LEFT + (WIDTH - LEFT - 90) * int(row["budget"]) / top + 4:.1f}" '
                 f'y="{y + 7}" font-size="10">{int(row["budget"]):,}</text>')
    return parts


def audit_status(fetch: Fetch, unit: str | None = None) -> str:
    """Audit items per unit, stacked by status."""
    counts: dict[str, dict[str, int]] = {}
    for row in fetch("audit-items"):
        if unit in (None, row["unit"]):
            per = counts.setdefault(row["unit"], {})
            per[row["status"]] = per.get(row["status"], 0) + 1
    order = sorted(counts, key=lambda u: (-sum(counts[u].values()), u))
    top = max((sum(c.values()) for c in counts.values()), default=1)
    body = _legend(STATUS_COLOURS, 40)
    y = 56
    for name in order:
        body.append(f'<text x="{LEFT - 6}" y="{y + 12}" text-anchor="end">{escape(name)}</text>')
        x = float(LEFT)
        for status, colour in STATUS_COLOURS.items():
            value = counts[name].get(status, 0)
            if value:
                length = (WIDTH - LEFT - 50) * value / top
                body.append(f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{ROW - 6}" fill="{colour}">'
                            f"<title>{escape(name)} {status} {value}</title></rect>")
                x += length
        body.append(f'<text x="{x + 4:.1f}" y="{y + 12}">{sum(counts[name].values())}</text>')
        y += ROW
    return _svg(WIDTH, y + 10, "감사 처리사항 Audit items by unit and status", body)


def _plans_year(fetch: Fetch) -> int | None:
    """The year most audit items' plans are due in (their latest follow-up's; the earlier of equals), None
    when no plan is dated: the year the audit's follow-up is about (2022 for the 2022 report's 2021 audit)."""
    years = Counter(int(row["latest_due"][:4]) for row in fetch("audit-items") if row.get("latest_due"))
    return min(years, key=lambda y: (-years[y], y)) if years else None


def overdue_sweep(fetch: Fetch, unit: str | None = None) -> str:
    """Overdue audit items as of the first of each month of the year the items' plans fall due in (January to
    the next January): in all units, and for `unit` (else the six units with most at the end)."""
    title = "기한 경과 감사 처리사항 Overdue audit items by as-of date"
    year = _plans_year(fetch)
    if year is None:
        return _svg(WIDTH, 60, title, ['<text x="8" y="44">no dated follow-up plan</text>'])
    dates = [dt.date(year + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 14)]
    series: dict[str, list[int]] = {}
    for position, day in enumerate(dates):
        for row in fetch("overdue-by-unit", as_of=day.isoformat()):
            series.setdefault(row["unit"], [0] * len(dates))[position] = int(row["overdue"])
    total = [sum(values[i] for values in series.values()) for i in range(len(dates))]
    if unit is None:
        shown = dict(sorted(series.items(), key=lambda kv: (-kv[1][-1], kv[0]))[:6])
    else:
        shown = {unit: series.get(unit, [0] * len(dates))}
    lines = {"all units": total, **shown}
    top = max(max(total, default=0), 1)
    height, plot_top, plot_bottom = 360, 50, 300
    step = (WIDTH - LEFT - 40) / (len(dates) - 1)

    def point(i: int, value: int) -> tuple[float, float]:
        return LEFT + i * step, plot_bottom - (plot_bottom - plot_top) * value / top

    body = [f'<line x1="{LEFT}" y1="{plot_bottom}" x2="{WIDTH - 40}" y2="{plot_bottom}" stroke="#999"/>']
    for tick in sorted({0, top // 2, top}):
        _, y = point(0, tick)
        body.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="10">{tick}</text>'
                    f'<line x1="{LEFT - 4}" y1="{y:.1f}" x2="{WIDTH - 40}" y2="{y:.1f}" stroke="#eee"/>')
    for i, day in enumerate(dates):
        x, _ = point(i, 0)
        body.append(f'<text x="{x:.1f}" y="{plot_bottom + 16}" text-anchor="middle" font-size="10">'
                    f"{day:%y.%m}</text>")
    palette = ["#222", "#3d7ab8", "#e0a800", "#4c9a2a", "#b0413e", "#8e5ea2", "#3cba9f"]
    for (name, values), colour in zip(lines.items(), palette, strict=False):
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(values)))
        body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for i, value in enumerate(values):
            x, y = point(i, value)
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}">'
                        f"<title>{escape(name)} {dates[i].isoformat()} {value}</title></circle>")
        body.append(f'<text x="{8}" y="{plot_top + 14 * list(lines).index(name)}" fill="{colour}">'
                    f"{escape(name)}</text>")
    return _svg(WIDTH, height, title, body)


CHARTS: dict[str, Callable[..., str]] = {
    "budget-execution": budget_execution, "audit-status": audit_status, "overdue-sweep": overdue_sweep}
