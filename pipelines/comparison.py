"""The comparison report: one static HTML page of charts over the warehouse's metric views.

The page carries its own copy of Vega, Vega-Lite and vega-embed (from vl-convert's bundle),
so it opens from disk with no network. Each chart's Vega-Lite spec sits in one JSON block
keyed by the id of the element it is drawn into.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import duckdb
import polars as pl
import vl_convert

from pipelines.comparison_peers import PEER_CHART_IDS, peer_frames, peer_sections, peer_specs
from pipelines.parsing import vocabulary
from pipelines.warehouse import connect_readonly

__all__ = ["ALL_CHART_IDS", "CHART_IDS", "ComparisonSummary", "comparison_frames", "is_current",
           "write_comparison"]

# Element id -> section title, in page order.
CHART_IDS = {
    "chart-disclosure-rate": "Disclosure rate by agency and year (予以公开 + 部分公开) / 总计",
    "chart-applicant-mix": "Applicant mix of new applications (本年新收)",
    "chart-denial-reasons": "Denial reasons (不予公开), all reports",
    "chart-review-litigation": "Reconsideration and litigation outcomes (行政复议、行政诉讼)",
}
FLAGGED_TABLE_ID = "table-flagged"
# Every chart of the page, the like-for-like sections (pipelines/comparison_peers.py) last.
ALL_CHART_IDS = {**CHART_IDS, **PEER_CHART_IDS}

_APPLICANT_LABELS = {t.code: t.label for t in vocabulary.APPLICANT_TYPES}
_OUTCOME_LABELS = {t.code: t.label for t in vocabulary.OUTCOMES}
_PROCEEDING_LABELS = {t.code: t.label for t in vocabulary.PROCEEDINGS}
_RESULT_LABELS = {t.code: t.label for t in vocabulary.RESULTS}
_DENIED = [t.code for t in vocabulary.OUTCOMES if t.group == "denied"]


@dataclass(frozen=True, slots=True)
class ComparisonSummary:
    path: Path
    reports: int  # loaded reports (distinct content) compared
    flagged_reports: int
    charts: tuple[str, ...]  # element ids of the charts on the page
    top_markdown: str  # disclosure rate by agency and year, as a markdown table


# Charts drawn per report show the reports that handled the most applications: a national
# corpus has 100,000 of them, which no bar chart can show and no browser would open.
CHART_REPORTS = 40
# Rows of the flagged-issues table on the page; report_issues has them all.
FLAGGED_ROWS = 500


def comparison_frames(warehouse: Path) -> dict[str, pl.DataFrame]:
    """The data behind each section, read from the views through a read-only connection.

    Sums over all reports are computed by DuckDB; only per-report rows come back whole.
    """
    with connect_readonly(warehouse) as con:
        def frame(relation: duckdb.DuckDBPyRelation) -> pl.DataFrame:
            # The relation exports an Arrow C stream, which polars reads without pyarrow.
            return pl.DataFrame(relation)

        statuses = frame(con.table("report_metadata")
                         .aggregate("status, count(*) AS reports", "status").order("status"))
        disclosure = frame(con.table("metric_disclosure_rate"))
        mix = frame(con.table("metric_applicant_mix"))
        denied = frame(con.table("report_applications_wide").select(
            *(duckdb.ColumnExpression(code) for code in _DENIED)))
        review = frame(con.table("fact_review_litigation")
                       # SQL text, not ConstantExpression, which imports pandas (3 s).
                       .filter("result <> 'total'")
                       .aggregate("proceeding, result, sum(count) AS cases",
                                  "proceeding, result"))
        flagged = frame(con.table("flagged_report_issues"))
        peers = peer_frames(con)
    return {
        **peers,
        "statuses": statuses.cast({"reports": pl.Int64}),
        "disclosure": _disclosure(disclosure),
        "applicant_mix": _applicant_mix(mix),
        "denial_reasons": _denial_reasons(denied),
        "review_litigation": _review_litigation(review),
        "flagged": flagged.select("source_file", "agency", "year", "check_name", "message")
                          .sort("source_file", "check_name", "message"),
    }


def source_stamp(warehouse: Path) -> str:
    """What the page was drawn from: the warehouse file as it is now, and this code."""
    built = Path(warehouse).resolve()
    return f"{built}@{built.stat().st_mtime_ns}@{Path(__file__).stat().st_mtime_ns}"


def is_current(out: Path, warehouse: Path) -> bool:
    """True when `out` was written from the warehouse as it is now, by this code: a nightly
    run that changed nothing need not draw the page again."""
    try:
        with Path(out).open(encoding="utf-8") as page:
            head = page.read(4096)
    except (OSError, UnicodeDecodeError):
        return False
    return _stamp_tag(source_stamp(warehouse)) in head


def _stamp_tag(stamp: str) -> str:
    return f'<meta name="source" content="{html.escape(stamp)}">'


def write_comparison(warehouse: Path, out: Path) -> ComparisonSummary:
    """Write the report to `out` (atomically: a reader never sees half a page)."""
    stamp = source_stamp(warehouse)
    frames = comparison_frames(warehouse)
    specs = {
        "chart-disclosure-rate": _disclosure_chart(_most_processed(frames["disclosure"])),
        "chart-applicant-mix": _applicant_mix_chart(_most_received(frames["applicant_mix"])),
        "chart-denial-reasons": _denial_chart(frames["denial_reasons"]),
        "chart-review-litigation": _review_chart(frames["review_litigation"]),
    }
    drawn = {key: chart.to_dict() for key, chart in specs.items()} | peer_specs(frames)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    page = _page(frames, drawn, stamp, out.parent)
    partial = out.with_name(f"{out.name}.{os.getpid()}.tmp")
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, out)
    flagged_reports = frames["flagged"]["source_file"].n_unique()
    return ComparisonSummary(
        path=out,
        reports=int(frames["statuses"]["reports"].sum()),
        flagged_reports=flagged_reports,
        charts=tuple(drawn),
        top_markdown=_markdown(frames["disclosure"]),
    )


def _disclosure(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(
        "agency", "year", "province", "granted", "partly_granted", "total_processed",
        "disclosure_rate",
    ).sort("disclosure_rate", "agency", "year", descending=[True, False, False],
           nulls_last=True)


def _most_processed(disclosure: pl.DataFrame) -> pl.DataFrame:
    """The CHART_REPORTS reports that processed the most applications, in table order."""
    top = disclosure.with_row_index("order").top_k(CHART_REPORTS, by="total_processed")
    return top.sort("order").drop("order")


def _most_received(mix: pl.DataFrame) -> pl.DataFrame:
    """Rows of the CHART_REPORTS reports with the most new applications.

    Reports are told apart by report_id: one agency and year can be several reports (a
    report published twice, a corpus of many years' files), and picking by label took
    every report that shared one (14,088 rows for 40 bars at 100k). Chosen reports that
    share a label get their file name added, so each keeps a bar of its own."""
    reports = mix.select("report_id", "new_received").unique("report_id").top_k(
        CHART_REPORTS, by=["new_received", "report_id"])
    chosen = mix.filter(pl.col("report_id").is_in(reports["report_id"].implode()))
    labels = chosen.unique("report_id").select("report_id", "report")
    shared = labels.filter(pl.col("report").is_duplicated())["report_id"]
    return chosen.with_columns(
        pl.when(pl.col("report_id").is_in(shared.implode()))
        .then(pl.format("{} · {}", pl.col("report"), pl.col("source_file")))
        .otherwise(pl.col("report")).alias("report"),
    ).drop("report_id", "source_file")


def _applicant_mix(frame: pl.DataFrame) -> pl.DataFrame:
    shares = [c for c in frame.columns if c.startswith("share_")]
    return (
        frame.filter(pl.col("new_received") > 0)
        .with_columns(report=pl.concat_str(pl.col("agency"), pl.col("year"), separator=" "))
        .unpivot(index=["report_id", "source_file", "report", "new_received"], on=shares,
                 variable_name="applicant_type", value_name="share")
        .with_columns(
            pl.col("applicant_type").str.strip_prefix("share_")
            .replace_strict(_APPLICANT_LABELS).alias("applicant"))
        .sort("report", "applicant_type")
    )


def _denial_reasons(denied: pl.DataFrame) -> pl.DataFrame:
    sums = denied.select(pl.col(_DENIED).sum())
    return pl.DataFrame({
        "reason": [_OUTCOME_LABELS[code] for code in _DENIED],
        "order": list(range(1, len(_DENIED) + 1)),
        "denials": [int(sums[code][0] or 0) for code in _DENIED],
    })


def _review_litigation(cases: pl.DataFrame) -> pl.DataFrame:
    return (
        cases.with_columns(
            pl.col("cases").cast(pl.Int64),
            pl.col("proceeding").replace_strict(_PROCEEDING_LABELS).alias("proceeding_label"),
            pl.col("result").replace_strict(_RESULT_LABELS).alias("result_label"))
        .sort("proceeding", "result")
    )


def _data(frame: pl.DataFrame) -> alt.Data:
    # Inline values: altair's own conversion of a polars frame would need pyarrow.
    return alt.Data(values=frame.to_dicts())


def _disclosure_chart(frame: pl.DataFrame) -> alt.Chart:
    return alt.Chart(_data(frame), title="Disclosure rate").mark_bar().encode(
        x=alt.X("agency:N", title="agency", sort="-y"),
        xOffset=alt.XOffset("year:N"),
        y=alt.Y("disclosure_rate:Q", title="disclosure rate", axis=alt.Axis(format="%")),
        color=alt.Color("year:N", title="year"),
        tooltip=["agency:N", "year:N", "granted:Q", "partly_granted:Q", "total_processed:Q",
                 alt.Tooltip("disclosure_rate:Q", format=".1%")],
    )


def _applicant_mix_chart(frame: pl.DataFrame) -> alt.Chart:
    return alt.Chart(_data(frame), title="Applicant mix").mark_bar().encode(
        y=alt.Y("report:N", title="report"),
        x=alt.X("share:Q", title="share of new applications", stack="normalize",
                axis=alt.Axis(format="%")),
        color=alt.Color("applicant:N", title="applicant"),
        tooltip=["report:N", "applicant:N", alt.Tooltip("share:Q", format=".1%"),
                 "new_received:Q"],
    )


def _denial_chart(frame: pl.DataFrame) -> alt.Chart:
    return alt.Chart(_data(frame), title="Denial reasons").mark_bar().encode(
        y=alt.Y("reason:N", title="reason", sort=alt.EncodingSortField("order")),
        x=alt.X("denials:Q", title="denied requests"),
        tooltip=["reason:N", "denials:Q"],
    )


def _review_chart(frame: pl.DataFrame) -> alt.Chart:
    return alt.Chart(_data(frame), title="Reconsideration and litigation").mark_bar().encode(
        y=alt.Y("proceeding_label:N", title="proceeding"),
        x=alt.X("cases:Q", title="cases"),
        color=alt.Color("result_label:N", title="result"),
        tooltip=["proceeding_label:N", "result_label:N", "cases:Q"],
    )


def _markdown(disclosure: pl.DataFrame, limit: int = 10) -> str:
    lines = ["| agency | year | granted + partly | processed | disclosure rate |",
             "|---|---|---|---|---|"]
    for row in disclosure.head(limit).iter_rows(named=True):
        rate = row["disclosure_rate"]
        granted = (None if row["granted"] is None or row["partly_granted"] is None
                   else row["granted"] + row["partly_granted"])
        lines.append(
            f"| {row['agency']} | {row['year']} | {_blank(granted)} "
            f"| {_blank(row['total_processed'])} "
            f"| {'—' if rate is None else f'{rate:.1%}'} |")
    return "\n".join(lines)


def _blank(value: object) -> str:
    return "—" if value is None else str(value)


def _page(frames: dict[str, pl.DataFrame], specs: dict[str, dict], stamp: str,
          folder: Path) -> str:
    counts = frames["statuses"].iter_rows()
    status_line = ", ".join(f"{n} {status}" for status, n in counts) or "no reports"
    reports = int(frames["statuses"]["reports"].sum())
    shown = ("" if reports <= CHART_REPORTS else
             f" Per-report charts show the {CHART_REPORTS} reports that handled the most "
             "applications; the views hold them all.")
    sections = "\n".join(
        f'<section><h2>{html.escape(title)}</h2><div class="chart" id="{key}"></div>'
        f"</section>" for key, title in CHART_IDS.items())
    return _TEMPLATE.format(
        bundle=_script_safe(_javascript_bundle(folder)),
        specs=_json_safe(specs),
        reports=reports,
        statuses=html.escape(status_line),
        shown=html.escape(shown),
        source=_stamp_tag(stamp),
        sections=sections,
        flagged_id=FLAGGED_TABLE_ID,
        flagged=_flagged_table(frames["flagged"]),
        peers=peer_sections(frames),
    )


def _flagged_table(flagged: pl.DataFrame) -> str:
    if flagged.is_empty():
        return "<p>No report is flagged.</p>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in flagged.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_blank(v))}</td>" for v in row) + "</tr>"
        for row in flagged.head(FLAGGED_ROWS).iter_rows())
    more = flagged.height - FLAGGED_ROWS
    note = (f"<p>{more} more issue rows: see the view flagged_report_issues.</p>"
            if more > 0 else "")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{note}"


@functools.cache
def _javascript_bundle(folder: Path) -> str:
    """~1 MB that vl-convert builds in 3 to 10 s (more than the rest of the page at 100k
    reports), the same for every page of one vl-convert and Vega-Lite: kept once per
    process, and in a file beside the page for the next run."""
    # The bundle must speak the Vega-Lite version altair writes its specs for.
    version = ".".join(alt.SCHEMA_VERSION.split(".")[:2])
    kept = folder / f".vega-lite-{version}-vl-convert-{vl_convert.__version__}.js"
    with contextlib.suppress(OSError, UnicodeDecodeError):
        return kept.read_text(encoding="utf-8")
    bundle = vl_convert.javascript_bundle(vl_version=version)
    with contextlib.suppress(OSError):
        partial = kept.with_name(f"{kept.name}.{os.getpid()}.tmp")
        partial.write_text(bundle, encoding="utf-8")
        os.replace(partial, kept)
    return bundle


def _script_safe(text: str) -> str:
    """JavaScript that cannot end the <script> element it is placed in."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def _json_safe(value: object) -> str:
    # "<" as a JSON escape: no "</script>" or "<!--" can appear in the element's text.
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
{source}
<title>Government information disclosure: comparison</title>
<style>
body {{ font-family: sans-serif; margin: 2em; max-width: 72em; }}
.chart {{ width: 100%; }}
table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; }}
</style>
<script>
{bundle}
</script>
</head>
<body>
<h1>Government information disclosure annual reports: comparison</h1>
<p>{reports} loaded reports ({statuses}). Ratios are blank where the report processed
nothing or left a needed cell blank.{shown}</p>
{sections}
<section><h2>Flagged reports and their issues</h2>
<div id="{flagged_id}">{flagged}</div></section>
{peers}
<script type="application/json" id="chart-specs">{specs}</script>
<script>
const specs = JSON.parse(document.getElementById("chart-specs").textContent);
for (const [id, spec] of Object.entries(specs)) {{
  vegaEmbed("#" + id, spec, {{actions: false}}).catch(console.error);
}}
</script>
</body>
</html>
"""
