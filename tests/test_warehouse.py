"""The warehouse load: contract tables, dimensions, atomic swap, concurrent readers.

Real DuckDB files in tmp_path; expected values are written out by hand from the frames
built below and from SPEC §2-§4.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines import warehouse
from pipelines.frames import CHECK_SCHEMA, ParseOutcome, SourceDocument, build_batch
from pipelines.parsing import Fact, Issue, ParsedReport, Region, ReportRejected
from pipelines.warehouse import (
    Reuse,
    WarehouseError,
    WarehouseTables,
    build_warehouse,
    connect_readonly,
    read_previous,
    read_previous_reports,
)

# Stand-ins for sha256 hex digests, chosen to sort A < B < C like the stored rows.
RID_A = "a" * 64
RID_B = "b" * 64
RID_C = "c" * 64

CONTRACT_TABLES = (
    "reports",
    "fact_applications",
    "fact_review_litigation",
    "fact_proactive_disclosure",
    "report_checks",
    "report_issues",
    "report_lines",
)
DIMENSION_TABLES = (
    "dim_outcome",
    "dim_applicant_type",
    "dim_proceeding",
    "dim_result",
    "dim_item_measure",
    "dim_sector",
    "dim_agency",
    "dim_agency_alias",
)
# Built by each load from the fact tables (sql/figures.sql), for the metric views.
DERIVED_TABLES = ("report_figures", "report_metric_peers", "report_peer_ranks", "report_yoy",
                  "report_cross_year", "report_agency_years",
                  "warehouse_build")


def _report_a() -> ParsedReport:
    # A 2021-template report: 3 application cells, 2 table-4 cells, 2 table-2 cells.
    return ParsedReport(
        agency="安丘市卫生健康局",
        agency_as_written="安丘市卫健局",
        year=2021,
        template="2021",
        script="simplified",
        region=Region("山东省", "潍坊市", "安丘市", "370784"),
        published_on=dt.date(2022, 1, 28),
        facts=[
            Fact("applications", "new_received", "natural_person", 5, 40, "5"),
            Fact("applications", "new_received", "total", 5, 40, "5"),
            Fact("applications", "granted", "natural_person", 3, 44, "３"),
            Fact("review_litigation", "admin_reconsideration", "upheld", 1, 80, "1"),
            Fact("review_litigation", "admin_reconsideration", "pending", None, 80, "/"),
            Fact("proactive", "regulations", "issued", 2.0, 20, "2"),
            Fact("proactive", "fees", "amount_10k_yuan", 26.23, 25, "26.23 万元"),
        ],
        issues=[Issue("short_row", "warning", "row aligned to the right")],
    )


def _report_b() -> ParsedReport:
    # A 2019-template report from a Traditional source, with one failed check.
    return ParsedReport(
        agency="某市统计局",
        agency_as_written="某市統計局",
        year=2019,
        template="2019",
        script="traditional",
        region=Region(),
        published_on=None,
        facts=[
            Fact("applications", "other", "total", 0, 51, "无"),
            Fact("proactive", "procurement", "amount_10k_yuan", 12.5, 30, "12.5"),
            Fact("proactive", "licensing", "change", -3.0, 27, "减 3"),
        ],
        issues=[Issue("balance", "error", "new + carried over != processed + forward")],
    )


def _tables() -> WarehouseTables:
    """Four files: a.txt and copy/a.txt share their bytes; c.pdf was rejected."""
    batch = build_batch(
        [
            ParseOutcome(SourceDocument(RID_B, "2019/b.html"), _report_b()),
            ParseOutcome(SourceDocument(RID_A, "a.txt"), _report_a()),
            ParseOutcome(SourceDocument(RID_C, "c.pdf"), ReportRejected("no table 3", 12)),
            ParseOutcome(SourceDocument(RID_A, "copy/a.txt"), _report_a()),
        ]
    )
    status = {
        "a.txt": "valid", "copy/a.txt": "valid", "2019/b.html": "flagged", "c.pdf": "rejected"
    }  # fmt: skip
    reports = batch.reports.with_columns(status=pl.col("source_file").replace_strict(status))
    checks = pl.DataFrame(
        [
            (RID_A, "balance", "natural_person", "pass", 5.0, 5.0, None),
            (RID_B, "balance", "total", "fail", 3.0, 4.0, "3 != 4"),
            (RID_A, "balance", "total", "not_checked", None, 5.0, "NULL operand"),
            # The same check of the same content, once per file.
            (RID_A, "balance", "natural_person", "pass", 5.0, 5.0, None),
        ],
        schema=CHECK_SCHEMA,
        orient="row",
    )
    return WarehouseTables(
        reports=reports,
        applications=batch.applications,
        review_litigation=batch.review_litigation,
        proactive=batch.proactive,
        checks=checks,
        issues=batch.issues,
    )


def _replace(tables: WarehouseTables, **frames: pl.DataFrame) -> WarehouseTables:
    return dataclasses.replace(tables, **frames)


def _rows(db: Path, query: str, params: list[object] | None = None) -> list[tuple]:
    with connect_readonly(db) as con:
        return con.execute(query, params or []).fetchall()


# Stored in a fixed order; the content-keyed tables are stored in arrival order (load.sql).
ORDERED_TABLES = ("reports", *DIMENSION_TABLES)


def _dump(db: Path) -> dict[str, list[tuple]]:
    """Every table, loaded_at left out: in stored order where load.sql fixes one."""
    with connect_readonly(db) as con:
        out = {}
        for table in CONTRACT_TABLES + DIMENSION_TABLES + DERIVED_TABLES:
            relation = con.table(table)
            columns = [c for c in relation.columns if c != "loaded_at"]
            rows = relation.select(*map(duckdb.ColumnExpression, columns)).fetchall()
            out[table] = rows if table in ORDERED_TABLES else sorted(rows, key=repr)
        return out


@pytest.fixture
def built(tmp_path: Path) -> Path:
    target = tmp_path / "warehouse.duckdb"
    build_warehouse(target, _tables())
    return target


def test_reports_one_row_per_file_with_metadata(built: Path) -> None:
    rows = _rows(
        built,
        "SELECT source_file, report_id, agency, agency_as_written, year, template, script,"
        " province, city, county, adcode, published_on, status FROM reports",
    )
    assert rows == [
        ("2019/b.html", RID_B, "某市统计局", "某市統計局", 2019, "2019", "traditional",
         None, None, None, None, None, "flagged"),
        ("a.txt", RID_A, "安丘市卫生健康局", "安丘市卫健局", 2021, "2021", "simplified",
         "山东省", "潍坊市", "安丘市", "370784", dt.date(2022, 1, 28), "valid"),
        ("c.pdf", RID_C, None, None, None, None, None,
         None, None, None, None, None, "rejected"),
        ("copy/a.txt", RID_A, "安丘市卫生健康局", "安丘市卫健局", 2021, "2021", "simplified",
         "山东省", "潍坊市", "安丘市", "370784", dt.date(2022, 1, 28), "valid"),
    ]  # fmt: skip
    loaded = _rows(built, "SELECT DISTINCT loaded_at, typeof(loaded_at) FROM reports")
    assert len(loaded) == 1 and loaded[0][1] == "TIMESTAMP"


def test_files_with_identical_content_share_facts_loaded_once(built: Path) -> None:
    assert _rows(built, "SELECT * FROM fact_applications ORDER BY ALL") == [
        (RID_A, "granted", "natural_person", 3, 44, "３"),
        (RID_A, "new_received", "natural_person", 5, 40, "5"),
        (RID_A, "new_received", "total", 5, 40, "5"),
        (RID_B, "other", "total", 0, 51, "无"),
    ]
    assert _rows(built, "SELECT * FROM fact_review_litigation ORDER BY ALL") == [
        (RID_A, "admin_reconsideration", "pending", None, 80, "/"),
        (RID_A, "admin_reconsideration", "upheld", 1, 80, "1"),
    ]
    assert _rows(built, "SELECT * FROM fact_proactive_disclosure ORDER BY ALL") == [
        (RID_A, "fees", "amount_10k_yuan", 26.23, 25, "26.23 万元"),
        (RID_A, "regulations", "issued", 2.0, 20, "2"),
        (RID_B, "licensing", "change", -3.0, 27, "减 3"),
        (RID_B, "procurement", "amount_10k_yuan", 12.5, 30, "12.5"),
    ]
    # The report-level join an analyst writes counts each file, each with its facts.
    per_file = _rows(
        built,
        "SELECT r.source_file, sum(f.count) FROM reports r"
        " JOIN fact_applications f USING (report_id)"
        " WHERE f.applicant_type = 'natural_person' GROUP BY ALL ORDER BY ALL",
    )
    assert per_file == [("a.txt", 8), ("copy/a.txt", 8)]


def test_checks_and_issues(built: Path) -> None:
    assert _rows(built, "SELECT * FROM report_checks ORDER BY ALL") == [
        (RID_A, "balance", "natural_person", "pass", 5.0, 5.0, None),
        (RID_A, "balance", "total", "not_checked", None, 5.0, "NULL operand"),
        (RID_B, "balance", "total", "fail", 3.0, 4.0, "3 != 4"),
    ]
    assert _rows(built, "SELECT * FROM report_issues ORDER BY ALL") == [
        # Issues belong to the content: the copy shares the first file's rows.
        (RID_A, "short_row", "warning", "a.txt: row aligned to the right"),
        (RID_B, "balance", "error", "2019/b.html: new + carried over != processed + forward"),
        (RID_C, "rejected", "error", "c.pdf: no table 3 (line 12)"),
    ]


def test_summary_counts_rows_and_statuses(tmp_path: Path) -> None:
    summary = build_warehouse(tmp_path / "w.duckdb", _tables())
    assert summary.target == tmp_path / "w.duckdb"
    assert dict(summary.row_counts) == {
        "reports": 4,
        "fact_applications": 4,
        "fact_review_litigation": 2,
        "fact_proactive_disclosure": 4,
        "report_checks": 3,
        "report_issues": 3,
        "report_lines": 0,
        "dim_outcome": 26,
        "dim_applicant_type": 7,
        "dim_proceeding": 3,
        "dim_result": 5,
        "dim_item_measure": 32,
    }
    assert (summary.reports_valid, summary.reports_flagged, summary.reports_rejected) == (2, 1, 1)
    stored = _rows(tmp_path / "w.duckdb", "SELECT DISTINCT loaded_at FROM reports")
    assert stored == [(summary.loaded_at,)]


def test_dim_outcome_is_the_template_rows(built: Path) -> None:
    # 20 rows common to both templates + 1 (2019 其他处理) + 3 (2021 split 其他) + 2 = 26.
    rows = _rows(built, "SELECT sort_order, code, label, code_group, templates FROM dim_outcome")
    assert [r[0] for r in rows] == list(range(1, 27))
    assert rows[0] == (1, "new_received", "一、本年新收政府信息公开申请数量", "received",
                       ["2019", "2021"])  # fmt: skip
    assert rows[3] == (4, "partly_granted",
                       "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                       "partly_granted", ["2019", "2021"])  # fmt: skip
    assert rows[6] == (7, "denied_security_stability", "（三）3.危及“三安全一稳定”", "denied",
                       ["2019", "2021"])  # fmt: skip
    assert rows[20] == (21, "other", "（六）其他处理", "other", ["2019"])
    assert rows[23] == (24, "other_misc", "（六）3.其他", "other", ["2021"])
    assert rows[25] == (26, "carried_forward", "四、结转下年度继续办理", "carried_forward",
                        ["2019", "2021"])  # fmt: skip
    groups = _rows(built, "SELECT code_group, count(*) FROM dim_outcome GROUP BY ALL ORDER BY 1")
    assert groups == [
        ("carried_forward", 1), ("denied", 8), ("granted", 1), ("other", 4),
        ("partly_granted", 1), ("received", 2), ("rejected", 5), ("total", 1), ("unable", 3),
    ]  # fmt: skip
    per_template = _rows(
        built,
        "SELECT t, count(*) FROM (SELECT unnest(templates) AS t FROM dim_outcome)"
        " GROUP BY t ORDER BY t",
    )
    assert per_template == [("2019", 23), ("2021", 25)]  # SPEC §2: 23 and 25 rows


def test_small_dimensions(built: Path) -> None:
    assert _rows(built, "SELECT sort_order, code, label, code_group FROM dim_applicant_type") == [
        (1, "natural_person", "自然人", "natural_person"),
        (2, "commercial_enterprise", "商业企业", "legal_person_or_org"),
        (3, "research_institution", "科研机构", "legal_person_or_org"),
        (4, "social_welfare_org", "社会公益组织", "legal_person_or_org"),
        (5, "legal_service_org", "法律服务机构", "legal_person_or_org"),
        (6, "other_org", "其他", "legal_person_or_org"),
        (7, "total", "总计", "total"),
    ]
    assert _rows(built, "SELECT sort_order, code, code_group FROM dim_proceeding") == [
        (1, "admin_reconsideration", "reconsideration"),
        (2, "litigation_direct", "litigation"),
        (3, "litigation_after_reconsideration", "litigation"),
    ]
    assert _rows(built, "SELECT sort_order, code, label, code_group FROM dim_result") == [
        (1, "upheld", "结果维持", "decided"),
        (2, "corrected", "结果纠正", "decided"),
        (3, "other", "其他结果", "decided"),
        (4, "pending", "尚未审结", "pending"),
        (5, "total", "总计", "total"),
    ]


def test_dim_item_measure_both_templates(built: Path) -> None:
    # SPEC §4 by hand: 2019 = 3+3+3+3+3+3+2+2 = 22 cells, 2021 = 3+3+1+1+1+1 = 10.
    counts = _rows(
        built,
        "SELECT template, count(*), max(sort_order) FROM dim_item_measure GROUP BY 1 ORDER BY 1",
    )
    assert counts == [("2019", 22, 22), ("2021", 10, 10)]
    rows_2021 = _rows(
        built,
        "SELECT item, item_label, measure, measure_label, is_money, is_signed"
        " FROM dim_item_measure WHERE template = ? ORDER BY sort_order",
        ["2021"],
    )
    assert rows_2021 == [
        ("regulations", "规章", "issued", "本年制发件数", False, False),
        ("regulations", "规章", "repealed", "本年废止件数", False, False),
        ("regulations", "规章", "in_force", "现行有效件数", False, False),
        ("normative_documents", "行政规范性文件", "issued", "本年制发件数", False, False),
        ("normative_documents", "行政规范性文件", "repealed", "本年废止件数", False, False),
        ("normative_documents", "行政规范性文件", "in_force", "现行有效件数", False, False),
        ("licensing", "行政许可", "decisions", "本年处理决定数量", False, False),
        ("penalty", "行政处罚", "decisions", "本年处理决定数量", False, False),
        ("enforcement", "行政强制", "decisions", "本年处理决定数量", False, False),
        ("fees", "行政事业性收费", "amount_10k_yuan", "本年收费金额（单位：万元）", True, False),
    ]
    last_2019 = _rows(
        built,
        "SELECT sort_order, item, measure, is_money FROM dim_item_measure"
        " WHERE template = '2019' AND sort_order >= 18 ORDER BY sort_order",
    )
    assert last_2019 == [
        (18, "enforcement", "decisions", False),
        (19, "fees", "prior_items", False),
        (20, "fees", "change", False),
        (21, "procurement", "projects", False),
        (22, "procurement", "amount_10k_yuan", True),
    ]
    signed = _rows(built, "SELECT DISTINCT item FROM dim_item_measure WHERE is_signed ORDER BY 1")
    assert signed == [("enforcement",), ("fees",), ("licensing",), ("other_services",),
                      ("penalty",)]  # fmt: skip


def test_every_table_and_column_has_a_comment(built: Path) -> None:
    tables = _rows(
        built, "SELECT table_name FROM duckdb_tables() WHERE comment IS NULL OR comment = ''"
    )
    assert tables == []
    columns = _rows(
        built,
        "SELECT table_name, column_name FROM duckdb_columns()"
        " WHERE NOT internal AND (comment IS NULL OR comment = '')",
    )
    assert columns == []
    # Only the contract's tables (and the one derived from them) persist: the load's temp
    # tables and views are gone.
    tables = _rows(built, "SELECT table_name FROM duckdb_tables() ORDER BY 1")
    expected = CONTRACT_TABLES + DIMENSION_TABLES + DERIVED_TABLES
    assert tables == [(name,) for name in sorted(expected)]
    # The analyst views of sql/views.sql stay (tests/test_views.py); temp views do not.
    temp_views = "SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal"
    assert _rows(built, temp_views) == []


def test_loading_twice_gives_identical_rows(tmp_path: Path) -> None:
    first, second = tmp_path / "first.duckdb", tmp_path / "second.duckdb"
    tables = _tables()
    build_warehouse(first, tables)
    # Same rows in another order, as another batch run might produce them.
    reversed_tables = WarehouseTables(
        **{
            name: getattr(tables, name).reverse()
            for name in ("reports", "applications", "review_litigation", "proactive",
                         "checks", "issues")
        }
    )  # fmt: skip
    build_warehouse(second, reversed_tables)
    assert _dump(first) == _dump(second)
    build_warehouse(first, tables)  # over an existing warehouse
    assert _dump(first) == _dump(second)


def test_read_previous_round_trips(built: Path, tmp_path: Path) -> None:
    previous = read_previous(built)
    assert previous is not None
    assert previous.reports.height == 4 and "loaded_at" not in previous.reports.columns
    assert previous.applications.schema == _tables().applications.schema
    assert previous.reports.schema == _tables().reports.schema
    assert sorted(previous.applications.rows(), key=repr)[0] == (
        RID_A, "granted", "natural_person", 3, 44, "３")
    rebuilt = tmp_path / "rebuilt.duckdb"
    build_warehouse(rebuilt, previous)
    assert _dump(rebuilt) == _dump(built)
    assert read_previous(tmp_path / "missing.duckdb") is None


def test_failed_load_leaves_previous_warehouse_untouched(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = built.read_bytes()
    listing = sorted(os.listdir(built.parent))

    def crash(path: Path, *_: object) -> None:
        raise RuntimeError("disk full")

    # After the new file is complete, just before it would be published.
    monkeypatch.setattr(warehouse, "_seal", crash)
    with pytest.raises(RuntimeError, match="disk full"):
        build_warehouse(built, _tables())
    monkeypatch.undo()

    # In the middle of the INSERTs: a count column that is not a number...
    tables = _tables()
    text_counts = tables.applications.with_columns(pl.col("count").cast(pl.String) + "x")
    with pytest.raises(duckdb.BinderException, match="VARCHAR"):
        build_warehouse(built, _replace(tables, applications=text_counts))
    # ...and a number too large for the INTEGER column, refused naming its report.
    too_large = tables.review_litigation.with_columns(
        count=pl.when(pl.col("result") == "upheld").then(3_000_000_000).otherwise("count")
    )
    with pytest.raises(duckdb.Error, match=f"{RID_A}: count 3000000000 does not fit INTEGER"):
        build_warehouse(built, _replace(tables, review_litigation=too_large))

    assert built.read_bytes() == before
    assert sorted(os.listdir(built.parent)) == listing  # no .building-* left behind
    assert _rows(built, "SELECT count(*) FROM reports") == [(4,)]


def test_contract_violations_are_refused_by_name(built: Path) -> None:
    before = built.read_bytes()
    tables = _tables()
    clash = pl.DataFrame(
        [(RID_B, "other", "total", 7, 52, "7")], schema=tables.applications.schema, orient="row"
    )
    unknown = pl.DataFrame(
        [(RID_B, "no_such_item", "made", 1.0, 9, "1")],
        schema=tables.proactive.schema,
        orient="row",
    )
    review_clash = pl.DataFrame(
        [(RID_A, "admin_reconsideration", "upheld", 2, 81, "2")],
        schema=tables.review_litigation.schema, orient="row",
    )
    orphan = pl.DataFrame(
        [("d" * 64, "x", "warning", "m")], schema=tables.issues.schema, orient="row"
    )
    bad = _replace(
        tables,
        applications=pl.concat([tables.applications, clash]),
        review_litigation=pl.concat([tables.review_litigation, review_clash]),
        proactive=pl.concat([tables.proactive, unknown]),
        issues=pl.concat([tables.issues, orphan]),
    )
    with pytest.raises(WarehouseError) as error:
        build_warehouse(built, bad)
    message = str(error.value)
    assert message.startswith("4 contract violation(s)")
    assert f"fact_applications {RID_B}: cell other x total has 2 rows" in message
    assert (f"fact_review_litigation {RID_A}: cell admin_reconsideration x upheld has 2 rows"
            in message)
    assert f"fact_proactive_disclosure {RID_B}: unknown item x measure no_such_item x made" in (
        message
    )
    assert "report_issues" in message and "has no file in reports" in message
    assert built.read_bytes() == before


def test_missing_column_is_refused_before_touching_disk(tmp_path: Path) -> None:
    tables = _tables()
    bad = _replace(tables, reports=tables.reports.drop("status"))
    with pytest.raises(WarehouseError, match="'reports': \\['status'\\]"):
        build_warehouse(tmp_path / "w.duckdb", bad)
    assert os.listdir(tmp_path) == []


def test_file_mode_is_at_most_0644(tmp_path: Path) -> None:
    old_umask = os.umask(0)  # the widest the process could ask for
    try:
        build_warehouse(tmp_path / "w.duckdb", _tables())
    finally:
        os.umask(old_umask)
    mode = stat.S_IMODE(os.stat(tmp_path / "w.duckdb").st_mode)
    assert mode & ~0o644 == 0
    assert mode & 0o600 == 0o600


def test_stale_wal_of_the_old_file_is_not_replayed(built: Path) -> None:
    wal = built.with_name(built.name + ".wal")
    wal.write_bytes(b"left by a crashed writer of the old file")
    build_warehouse(built, _tables())
    assert not wal.exists()
    assert _rows(built, "SELECT count(*) FROM reports") == [(4,)]


_READER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    print(con.execute("SELECT count(*) FROM reports").fetchone()[0], flush=True)
    sys.stdin.readline()  # held open while the parent loads
    print(con.execute("SELECT count(*) FROM reports").fetchone()[0], flush=True)
    """
)


def test_load_succeeds_while_another_process_reads(built: Path) -> None:
    tables = _tables()
    one_file = WarehouseTables(
        reports=tables.reports.filter(pl.col("source_file") == "c.pdf"),
        applications=tables.applications.clear(),
        review_litigation=tables.review_litigation.clear(),
        proactive=tables.proactive.clear(),
        checks=tables.checks.clear(),
        issues=tables.issues.filter(pl.col("report_id") == RID_C),
    )
    reader = subprocess.Popen(
        [sys.executable, "-c", _READER, str(built)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout is not None and reader.stdin is not None
        assert reader.stdout.readline().strip() == "4"
        summary = build_warehouse(built, one_file)
        reader.stdin.write("go\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "4"  # the old file, still open
        assert reader.wait(timeout=30) == 0, reader.stderr.read() if reader.stderr else ""
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.wait()
    assert dict(summary.row_counts)["reports"] == 1
    after = subprocess.run(
        [sys.executable, "-c", _READER, str(built)],
        input="\n",
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert after.stdout.split() == ["1", "1"]
    assert _rows(built, "SELECT source_file, status FROM reports") == [("c.pdf", "rejected")]


def test_a_file_listed_twice_is_refused(built: Path) -> None:
    before = built.read_bytes()
    tables = _tables()
    twice = pl.concat([tables.reports, tables.reports.filter(pl.col("source_file") == "c.pdf")])
    with pytest.raises(WarehouseError, match=f"reports {RID_C}: source_file c.pdf is listed "
                                             "2 times"):
        build_warehouse(built, _replace(tables, reports=twice))
    assert built.read_bytes() == before


def test_amending_a_copy_gives_what_a_new_build_gives(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A rerun reuses a.txt, copy/a.txt and c.pdf, loses 2019/b.html and gains d.txt: the
    copy of the previous warehouse, pruned and filled, equals a warehouse built anew."""
    rid_d = "d" * 64
    new = build_batch([ParseOutcome(SourceDocument(rid_d, "d.txt"), _report_b())])
    new_checks = pl.DataFrame([(rid_d, "balance", "total", "pass", 4.0, 4.0, None)],
                              schema=CHECK_SCHEMA, orient="row")
    results = {}
    for name, share in (("amended", warehouse.AMEND_MIN_REUSED_SHARE), ("new", 2.0)):
        target = tmp_path / name / "warehouse.duckdb"
        target.parent.mkdir()
        build_warehouse(target, _tables())
        stored = read_previous_reports(target)
        assert stored is not None
        reused = (stored.filter(pl.col("report_id").is_in([RID_A, RID_C]))
                  .drop("parser_version"))
        tables = WarehouseTables(
            reports=pl.concat([new.reports.with_columns(status=pl.lit("flagged")), reused]),
            applications=new.applications, review_litigation=new.review_litigation,
            proactive=new.proactive, checks=new_checks, issues=new.issues,
            reuse=Reuse(target, pl.Series([RID_A, RID_C])))
        monkeypatch.setattr(warehouse, "AMEND_MIN_REUSED_SHARE", share)
        summary = build_warehouse(target, tables)
        assert summary.amended is (name == "amended")
        results[name] = _dump(target)
    assert results["amended"] == results["new"]
    amended = results["amended"]
    assert [r[1] for r in amended["reports"]] == ["a.txt", "c.pdf", "copy/a.txt", "d.txt"]
    for table in CONTRACT_TABLES[1:]:
        assert all(row[0] != RID_B for row in amended.get(table, [])), table
    assert sorted({row[0] for row in amended["fact_applications"]}) == [RID_A, rid_d]
    assert {row[0] for row in amended["report_figures"]} == {RID_A, rid_d}
