"""The comparison page's like-for-like sections: peer groups, the reports furthest from
their peers, and coverage by level, sector and year.

Frames are read with the queries in sql/comparison_*.sql; the sizes of what reaches the
page are capped here, so it stays a few MB at any corpus size.
"""

from __future__ import annotations

import html

import altair as alt
import duckdb
import polars as pl

from pipelines.warehouse import load_sql

__all__ = ["PEER_CHART_IDS", "PEER_GROUPS", "PEER_POINTS", "OUTLIERS", "peer_frames",
           "peer_sections", "peer_specs"]

PEER_CHART_IDS = {
    "chart-peer-groups": "Peer groups: the main metrics of agencies of the same level, kind "
                         "and sector in one year",
    "chart-coverage": "Coverage: report files by level and year",
}
OUTLIERS_TABLE_ID = "table-peer-outliers"
COVERAGE_TABLE_ID = "table-coverage"
PEER_GROUPS = 6  # the largest groups drawn
PEER_POINTS = 60  # agencies drawn as points per group and metric; the spread covers all
OUTLIERS = 30

_METRIC_LABELS = {
    "disclosure_rate": "disclosure rate",
    "grant_rate": "grant rate",
    "denial_rate": "denial rate",
    "not_held_rate": "not-held rate",
}


def peer_frames(con: duckdb.DuckDBPyConnection) -> dict[str, pl.DataFrame]:
    def read(name: str, params: dict[str, int] | None = None) -> pl.DataFrame:
        return pl.DataFrame(con.sql(load_sql(name), params=params or {}))

    groups = read("comparison_peer_groups.sql", {"groups": PEER_GROUPS, "points": PEER_POINTS})
    return {
        "peer_groups": groups.with_columns(
            group=pl.format("{} {} {} {} ({} peers)", "year", "level", "kind", "sector",
                            "peers"),
            metric_label=pl.col("metric").replace_strict(_METRIC_LABELS),
        ),
        "outliers": read("comparison_outliers.sql", {"limit": OUTLIERS}),
        "coverage": read("comparison_coverage.sql"),
    }


def peer_specs(frames: dict[str, pl.DataFrame]) -> dict[str, dict]:
    coverage = (frames["coverage"].group_by("level", "year")
                .agg(pl.col("valid", "flagged", "rejected").sum())
                .unpivot(index=["level", "year"], variable_name="status", value_name="reports")
                .sort("level", "year", "status"))
    return {
        "chart-peer-groups": _with_values(_peer_chart(), frames["peer_groups"]),
        "chart-coverage": _with_values(_coverage_chart(), coverage),
    }


def _with_values(chart: alt.TopLevelMixin, frame: pl.DataFrame) -> dict:
    # The rows go in after altair has written the spec: validating 1,500 inline rows value
    # by value took altair 15 s, and the rows are plain JSON already.
    spec = chart.to_dict()
    spec["data"] = {"values": frame.to_dicts()}
    return spec


def _peer_chart() -> alt.FacetChart:
    base = alt.Chart().encode(y=alt.Y("metric_label:N", title=None))
    spread = base.transform_filter("datum.row_kind == 'summary'")
    layers = alt.layer(
        spread.mark_rule().encode(x=alt.X("low:Q", title="value", axis=alt.Axis(format="%")),
                                  x2="high:Q"),
        spread.mark_bar(opacity=0.3, size=14).encode(x="q1:Q", x2="q3:Q"),
        spread.mark_tick(color="black", size=14).encode(
            x="median:Q", tooltip=["metric_label:N", "n:Q", alt.Tooltip("median:Q", format=".1%")]),
        base.transform_filter("datum.row_kind == 'point'").mark_circle(size=25).encode(
            x="value:Q", yOffset=alt.YOffset("jitter:Q"),
            tooltip=["agency:N", "province:N", alt.Tooltip("value:Q", format=".1%"),
                     alt.Tooltip("percentile_rank:Q", format=".2f")],
        ).transform_calculate(jitter="random()"),
        data=alt.NamedData(name="peer_groups"),
    )
    return layers.facet(row=alt.Row("group:N", title=None, sort=None),
                        title="Peer groups (bar: middle half, tick: median)")


def _coverage_chart() -> alt.Chart:
    return alt.Chart(alt.NamedData(name="coverage"),
                     title="Report files by level and year").mark_bar().encode(
        x=alt.X("year:O", title="year"),
        y=alt.Y("reports:Q", title="report files"),
        color=alt.Color("status:N", title="status"),
        column=alt.Column("level:N", title="level"),
        tooltip=["level:N", "year:O", "status:N", "reports:Q"],
    )


def peer_sections(frames: dict[str, pl.DataFrame]) -> str:
    """The HTML of the peer-group and coverage sections, charts left to the page's script."""
    charts = "\n".join(
        f'<section><h2>{html.escape(title)}</h2><div class="chart" id="{key}"></div>'
        f"</section>" for key, title in PEER_CHART_IDS.items())
    note = (f"<p>The {PEER_GROUPS} largest peer groups; each shows the spread of all its "
            f"peers and up to {PEER_POINTS} of them as points (the view metric_peer_rank "
            "holds every report).</p>")
    return (f"{note}\n{charts}\n<section><h2>Furthest from their peers (disclosure rate)</h2>"
            f'<div id="{OUTLIERS_TABLE_ID}">{_table(frames["outliers"])}</div></section>\n'
            "<section><h2>Coverage by level, sector and year</h2>"
            f'<div id="{COVERAGE_TABLE_ID}">{_table(frames["coverage"])}</div></section>')


def _table(frame: pl.DataFrame) -> str:
    if frame.is_empty():
        return "<p>None.</p>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>"
        for row in frame.iter_rows())
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
