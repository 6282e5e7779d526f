"""The dashboard's charts: plotly figures built from the warehouse's review queries, drawn by plotly.js.

Each chart is a dict (id, title, note, html); a chart with no data keeps its place and says why, so an
empty warehouse still shows what the dashboard would hold.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

import duckdb
import plotly.graph_objects as go

from warehouse.review import review_rows

TOP_PROJECTS = 12
TOP_FUNDED = 20
FUNDING = (("national_yen", "国"), ("prefectural_yen", "県"), ("other_yen", "その他"), ("bonds_yen", "市債"))
FUNDING += (("general_revenue_yen", "一般財源"),)
STATUS_COLOURS = {"達成": "#2e7d32", "未達成": "#c62828", None: "#9e9e9e"}
PLOT_CONFIG = {"displaylogo": False, "responsive": True}


def dashboard_charts(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every chart of the dashboard, in display order."""
    return [
        *_kan_charts(review_rows(con, "kan_budgets")),
        *_project_charts(review_rows(con, "project_budgets")),
        _funding_chart(review_rows(con, "funding")),
        *_kpi_charts(review_rows(con, "kpis")),
        *_run_charts(review_rows(con, "runs")),
    ]


def _chart(chart_id: str, title: str, figure: go.Figure | None, note: str = "") -> dict:
    html = ""
    if figure is not None:
        figure.update_layout(
            title=title, margin={"l": 60, "r": 20, "t": 50, "b": 60}, height=440, legend={"font": {"size": 11}}
        )
        html = figure.to_html(full_html=False, include_plotlyjs=False, div_id=chart_id, config=PLOT_CONFIG)
    return {"id": chart_id, "title": title, "note": note, "html": html}


def _thousand(yen) -> float | None:
    return None if yen is None else yen / 1000


def _fy(year: int | None) -> str:
    return "年度不明" if year is None else f"{year}年度"


def _over_years(rows: list[dict]) -> dict:
    """x (fiscal years) and y (千円) of one series of amounts."""
    return {"x": [_fy(r["fiscal_year"]) for r in rows], "y": [_thousand(r["amount_yen"]) for r in rows]}


def _kan_charts(rows: list[dict]) -> list[dict]:
    """Budget by 款 over fiscal years: one stacked bar chart per municipality and side (歳入 / 歳出)."""
    if not rows:
        return [_chart("kan", "予算 by 款", None, "No budget book (事項別明細書) is loaded.")]
    charts = []
    for (municipality, side), group in groupby(rows, key=lambda r: (r["municipality"], r["side"])):
        group = list(group)
        figure = go.Figure()
        for (code, kan), kan_rows in groupby(group, key=lambda r: (r["code"], r["kan"])):
            figure.add_bar(name=f"{code} {kan}", **_over_years(list(kan_rows)))
        figure.update_layout(barmode="stack", yaxis_title="千円", xaxis_type="category")
        title = f"{municipality or '-'} {side or ''} 予算 by 款 (千円)"
        charts.append(_chart(f"kan-{len(charts)}", title, figure))
    return charts


def _project_charts(rows: list[dict]) -> list[dict]:
    """Budget by project over fiscal years: the largest projects of each municipality, one line each."""
    if not rows:
        return [_chart("projects", "予算 by 事業", None, "No budget sheet (事業計画書) is loaded.")]
    charts = []
    for municipality, group in groupby(rows, key=lambda r: r["municipality"]):
        series: dict[str, list[dict]] = defaultdict(list)
        for row in group:
            series[row["project"]].append(row)
        latest = sorted(series, key=lambda p: -(series[p][-1]["amount_yen"] or 0))[:TOP_PROJECTS]
        figure = go.Figure()
        for project in latest:
            figure.add_scatter(name=project, mode="lines+markers", **_over_years(series[project]))
        figure.update_layout(yaxis_title="千円", xaxis_type="category", xaxis_categoryorder="category ascending")
        title = f"{municipality or '-'} 事業 予算 over fiscal years (largest {len(latest)} of {len(series)}, 千円)"
        charts.append(_chart(f"projects-{len(charts)}", title, figure))
    return charts


def _funding_chart(rows: list[dict]) -> dict:
    """Funding mix (財源内訳) of the largest projects: 国・県・その他・市債・一般財源, stacked."""
    title = f"財源内訳: funding mix of the {TOP_FUNDED} largest projects (千円)"
    if not rows:
        return _chart("funding", title, None, "No project prints a 財源内訳.")
    top = rows[:TOP_FUNDED][::-1]
    labels = [f"{r['project']} ({r['municipality']}, {_fy(r['fiscal_year'])})" for r in top]
    figure = go.Figure()
    for column, name in FUNDING:
        figure.add_bar(name=name, orientation="h", y=labels, x=[_thousand(r[column]) or 0 for r in top])
    figure.update_layout(barmode="stack", xaxis_title="千円", height=max(440, 26 * len(top)))
    return _chart("funding", title, figure)


def _kpi_charts(rows: list[dict]) -> list[dict]:
    """KPI target vs actual: achievement per indicator and year coloured 達成 / 未達成, and the counts."""
    if not rows:
        return [_chart("kpi", "KPI target vs actual", None, "No KPI with an actual value is loaded.")]
    rated = [r for r in rows if r["achievement_pct"] is not None]
    figure = go.Figure()
    for status in ("達成", "未達成", None):
        points = [r for r in rated if r["status"] == status]
        if points:
            figure.add_bar(
                name=status or "no status printed",
                marker_color=STATUS_COLOURS[status],
                x=[f"{r['project_code'] or ''} {r['indicator_name']} {_fy(r['fiscal_year'])}" for r in points],
                y=[r["achievement_pct"] for r in points],
                customdata=[[r["target"], r["actual"], r["unit"] or ""] for r in points],
                hovertemplate="%{x}<br>target %{customdata[0]} %{customdata[2]}, actual %{customdata[1]}"
                "<br>%{y} %<extra></extra>",
            )
    figure.add_hline(y=100, line_dash="dot", line_color="#555")
    # a few indicators exceed their target many times over: clip the axis, the hover keeps the figures
    figure.update_layout(yaxis_title="actual / target (%)", yaxis_range=[0, 250], xaxis_showticklabels=False)
    counts: dict[tuple, int] = defaultdict(int)
    for r in rows:
        counts[(r["municipality"], r["fiscal_year"], r["status"])] += 1
    tally = go.Figure()
    for status in ("達成", "未達成", None):
        keys = sorted(k for k in counts if k[2] == status)
        if keys:
            tally.add_bar(
                name=status or "no status printed",
                marker_color=STATUS_COLOURS[status],
                x=[f"{k[0]} {_fy(k[1])}" for k in keys],
                y=[counts[k] for k in keys],
            )
    tally.update_layout(barmode="stack", yaxis_title="indicators")
    return [
        _chart("kpi", f"KPI actual vs target, {len(rated)} indicator-years (%)", figure),
        _chart("kpi-status", "KPI results by status: 達成 / 未達成", tally),
    ]


def _run_charts(rows: list[dict]) -> list[dict]:
    """Document and check health over ingest runs."""
    if not rows:
        return [_chart("runs", "Ingest runs", None, "No ingest run has finished yet.")]
    runs = [f"{r['started_at']:%m-%d %H:%M:%S}" for r in rows]
    documents = go.Figure()
    outcomes = (("documents_loaded", "loaded", "#2e7d32"), ("documents_partial", "partial", "#f9a825"))
    outcomes += (("documents_skipped", "unchanged", "#90a4ae"), ("documents_failed", "failed", "#c62828"))
    for column, name, colour in outcomes:
        documents.add_bar(name=name, x=runs, y=[r[column] for r in rows], marker_color=colour)
    documents.add_scatter(name="rejects", x=runs, y=[r["rejects"] for r in rows], mode="lines+markers", yaxis="y2")
    documents.update_layout(
        barmode="stack",
        xaxis_type="category",
        yaxis_title="documents",
        yaxis2={"title": "rejects", "overlaying": "y", "side": "right", "rangemode": "tozero"},
    )
    checks = go.Figure()
    checks.add_bar(name="passed", x=runs, y=[r["checks_passed"] for r in rows], marker_color="#2e7d32")
    checks.add_bar(name="failed", x=runs, y=[r["checks_failed"] for r in rows], marker_color="#c62828")
    checks.update_layout(barmode="stack", xaxis_type="category", yaxis_title="checks of the documents loaded")
    return [
        _chart("runs", "Documents per ingest run", documents),
        _chart("run-checks", "Checks per ingest run", checks),
    ]
