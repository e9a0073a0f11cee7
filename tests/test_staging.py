"""Staged Parquet parts: what parse steps hand to validation and the load."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from polars.testing import assert_frame_equal

from bench.corpus import generate_reports
from pipelines.frames import build_batch, read_batch
from pipelines.ingest import parse_files, parse_into_parts, scan_raw_folder
from pipelines.staging import Part, chunked, remove_finished_runs, total_rows, write_part
from pipelines.validation import validate_batch, validate_parts
from pipelines.warehouse import ParquetFiles, build_warehouse, connect_readonly


def test_chunks_never_split_a_run_of_equal_keys() -> None:
    items = ["a", "a", "a", "b", "c", "c", "d", "e", "e", "e", "e"]
    chunks = list(chunked(items, 2, key=lambda x: x))
    assert chunks == [["a", "a", "a"], ["b", "c", "c"], ["d", "e", "e", "e", "e"]]
    assert list(chunked([], 3, key=lambda x: x)) == []


def test_a_part_keeps_frames_and_counts_them(tmp_path: Path) -> None:
    frames = {"x": pl.DataFrame({"a": [1, None, 3], "b": ["一", "二", None]}),
              "empty": pl.DataFrame(schema={"c": pl.Int32})}
    part = write_part(tmp_path / "p", frames)
    assert part.rows == {"x": 3, "empty": 0}
    assert_frame_equal(pl.read_parquet(part.path("x")), frames["x"])
    assert pl.read_parquet(part.path("empty")).schema == pl.Schema({"c": pl.Int32})
    assert total_rows([part, part], "x") == 6


def test_only_folders_of_finished_runs_are_removed(tmp_path: Path) -> None:
    for run in ("done", "running", "unknown"):
        (tmp_path / run).mkdir()
        (tmp_path / run / "f.parquet").write_bytes(b"x")
    removed = remove_finished_runs(tmp_path, lambda run_id: run_id == "running")
    assert removed == ["done", "unknown"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["running"]
    assert remove_finished_runs(tmp_path / "missing", lambda _: False) == []


def _corpus(tmp_path: Path, n: int) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for report in generate_reports(n, seed=5, broken_share=0.2):
        (raw / report.file_name).write_text(report.text, encoding="utf-8")
    # Two files with one content: their facts must stay in one part, stored once.
    (raw / "copy.txt").write_bytes((raw / sorted(p.name for p in raw.iterdir())[0]).read_bytes())
    return raw


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns, nulls_last=True)


def test_checking_part_by_part_equals_checking_the_whole_batch(tmp_path: Path) -> None:
    raw = _corpus(tmp_path, 40)
    files = scan_raw_folder(raw)
    whole = validate_batch(build_batch(parse_files(raw, files)))

    parts = parse_into_parts(raw, files, tmp_path / "parsed", part_size=7)
    assert len(parts) >= 5 and total_rows(parts, "reports") == len(files) == 41
    staged = validate_parts(parts, tmp_path / "validated")

    assert_frame_equal(_sorted(staged.reports), _sorted(whole.reports))
    assert whole.reports["status"].value_counts().height >= 2  # valid and flagged both occur
    for field in ("applications", "review_litigation", "proactive", "checks", "issues"):
        files_of = getattr(staged, field)
        assert isinstance(files_of, ParquetFiles)
        frame = pl.concat([pl.read_parquet(p) for p in files_of.paths])
        assert files_of.rows == frame.height == getattr(whole, field).height, field
        assert_frame_equal(_sorted(frame), _sorted(getattr(whole, field)))


def test_a_warehouse_loaded_from_parts_equals_one_loaded_from_frames(tmp_path: Path) -> None:
    raw = _corpus(tmp_path, 20)
    files = scan_raw_folder(raw)
    parts = parse_into_parts(raw, files, tmp_path / "parsed", part_size=6)
    from_parts = build_warehouse(tmp_path / "parts.duckdb",
                                 validate_parts(parts, tmp_path / "validated"))
    from_frames = build_warehouse(tmp_path / "frames.duckdb",
                                  validate_batch(build_batch(parse_files(raw, files))))
    assert from_parts.row_counts == from_frames.row_counts
    assert from_parts.row_counts["fact_applications"] > 20 * 150
    for table in from_parts.row_counts:
        rows = []
        for path in (from_parts.target, from_frames.target):
            with connect_readonly(path) as con:
                relation = con.table(table)
                columns = [c for c in relation.columns if c != "loaded_at"]
                rows.append(sorted(relation.select(*columns).fetchall(), key=repr))
        assert rows[0] == rows[1], table


def test_a_part_reads_back_as_the_batch_it_was_written_from(tmp_path: Path) -> None:
    raw = _corpus(tmp_path, 4)
    files = scan_raw_folder(raw)
    (part,) = parse_into_parts(raw, files, tmp_path / "parsed")
    assert isinstance(part, Part)
    batch = build_batch(parse_files(raw, sorted(files, key=lambda f: f.sha256)))
    again = read_batch(part)
    for field in ("reports", "applications", "review_litigation", "proactive", "issues",
                  "claims"):
        assert_frame_equal(getattr(again, field), getattr(batch, field))
