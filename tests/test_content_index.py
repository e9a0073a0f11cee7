"""The content index: a raw file is known by its stat only while nothing about it moved.

Every scan here is compared with a scan that reads every file: the index may save reading,
never change a hash. Most tests record files written a moment ago, so they give the index
no settling time (`settled_ns=0`) and wait a few clock ticks between a write and the next
one instead; the settling rule itself is tested with its default.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from pathlib import Path

import duckdb
import pytest
from pipeline_runs import run_ingest

import pipelines.content_index
import pipelines.ingest
from bench.corpus import generate_report
from pipelines.content_index import ContentIndex, index_path
from pipelines.ingest import scan_raw_folder

# Longer than the kernel's coarse clock tick (1-10 ms), which stamps file times.
TICK_S = 0.05


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hashes(files: list[pipelines.ingest.RawFile]) -> dict[str, str]:
    return {f.source_file: f.sha256 for f in files}


def scan(raw: Path, index_file: Path, settled_ns: int = 0) -> ContentIndex:
    """One scan as the raw_files asset makes it: load, scan, save; checked against a scan
    that hashes every file."""
    index = ContentIndex.load(index_file, settled_ns=settled_ns)
    files = scan_raw_folder(raw, index)
    index.save(index_file)
    assert hashes(files) == hashes(scan_raw_folder(raw))
    return index


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_bytes("甲市2021年报告".encode())
    (folder / "b.txt").write_bytes("乙县2021年报告".encode())
    (folder / "sub").mkdir()
    (folder / "sub" / "c.txt").write_bytes(b"c" * 100)
    time.sleep(TICK_S)
    return folder


@pytest.fixture()
def index_file(tmp_path: Path) -> Path:
    return index_path(tmp_path / "w.duckdb")


def test_unchanged_files_are_known_by_their_stat(raw: Path, index_file: Path) -> None:
    assert index_file.name == "w.duckdb.hashes.parquet"
    first = scan(raw, index_file)
    assert (first.hashed, first.hits) == (3, 0)
    again = scan(raw, index_file)
    assert (again.hashed, again.hits) == (0, 3)
    files = {f.source_file: f for f in scan_raw_folder(raw, ContentIndex.load(index_file))}
    assert files["a.txt"].sha256 == sha("甲市2021年报告".encode())
    assert files["sub/c.txt"].size == 100 and files["sub/c.txt"].mode == stat.S_IMODE(
        os.stat(raw / "sub" / "c.txt").st_mode)
    assert stat.S_IMODE(os.stat(index_file).st_mode) == 0o600


def test_same_size_edit_with_its_mtime_set_back_is_read_again(
        raw: Path, index_file: Path) -> None:
    scan(raw, index_file)
    path = raw / "a.txt"
    before = os.stat(path)
    edited = "丙市2021年报告".encode()  # the same length in UTF-8
    assert len(edited) == before.st_size
    path.write_bytes(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # `touch -d` the old time
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size, before.st_mtime_ns, before.st_ino)

    again = scan(raw, index_file)
    assert (again.hashed, again.hits) == (1, 2)
    files = hashes(scan_raw_folder(raw, ContentIndex.load(index_file, settled_ns=0)))
    assert files["a.txt"] == sha(edited) != sha("甲市2021年报告".encode())


def test_touched_file_is_read_again_and_keeps_its_hash(raw: Path, index_file: Path) -> None:
    scan(raw, index_file)
    os.utime(raw / "b.txt")  # `touch`: new times, same bytes
    again = scan(raw, index_file)
    assert (again.hashed, again.hits) == (1, 2)
    assert scan(raw, index_file).hits == 3  # recorded under its new times


def test_a_file_replaced_by_another_is_read_again(raw: Path, index_file: Path) -> None:
    scan(raw, index_file)
    path = raw / "a.txt"
    before = os.stat(path)
    # Written beside and renamed over it, as editors and rsync do, with the old mtime.
    fresh = raw / ".a.txt.new"
    fresh.write_bytes("丁市2021年报告".encode())
    os.utime(fresh, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(fresh, path)
    assert os.stat(path).st_size == before.st_size

    again = scan(raw, index_file)
    assert again.hashed == 1
    assert hashes(scan_raw_folder(raw))["a.txt"] == sha("丁市2021年报告".encode())


def test_renamed_and_swapped_files_are_not_taken_for_each_other(
        raw: Path, index_file: Path) -> None:
    scan(raw, index_file)
    a, b = raw / "a.txt", raw / "b.txt"
    stat_a, stat_b = os.stat(a), os.stat(b)
    assert stat_a.st_size == stat_b.st_size
    # The two names swap their files; each name gets back the mtime it had.
    os.rename(a, raw / "swap")
    os.rename(b, a)
    os.rename(raw / "swap", b)
    os.utime(a, ns=(stat_a.st_atime_ns, stat_a.st_mtime_ns))
    os.utime(b, ns=(stat_b.st_atime_ns, stat_b.st_mtime_ns))
    (raw / "sub" / "c.txt").rename(raw / "sub" / "d.txt")  # a new name for old content

    again = scan(raw, index_file)
    assert (again.hashed, again.hits) == (3, 0)
    files = hashes(scan_raw_folder(raw, ContentIndex.load(index_file, settled_ns=0)))
    assert files == {"a.txt": sha("乙县2021年报告".encode()),
                     "b.txt": sha("甲市2021年报告".encode()),
                     "sub/d.txt": sha(b"c" * 100)}
    # The name that went is no longer in the index.
    assert str(raw / "sub" / "c.txt") not in ContentIndex.load(index_file).known


def test_a_file_changed_just_before_the_scan_is_not_recorded(
        raw: Path, index_file: Path) -> None:
    # With the default settling time: all three were written under two seconds ago, in
    # the clock tick a later same-size edit could share.
    first = scan(raw, index_file, settled_ns=pipelines.content_index._SETTLED_NS)
    assert first.hashed == 3 and first.seen == {}
    assert ContentIndex.load(index_file).known == {}
    assert scan(raw, index_file).hashed == 3


def test_links_are_always_read(raw: Path, index_file: Path) -> None:
    (raw / "link.txt").symlink_to("a.txt")
    scan(raw, index_file)
    again = scan(raw, index_file)
    assert (again.hashed, again.hits) == (1, 3)  # the link again, the three files not
    assert str(raw / "link.txt") not in ContentIndex.load(index_file).known


@pytest.mark.parametrize("content", [b"", b"PAR1 cut short", None])
def test_an_unreadable_or_foreign_index_is_ignored(raw: Path, index_file: Path,
                                                   content: bytes | None,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    if content is None:  # a Parquet file of other columns
        with duckdb.connect() as con:
            con.execute("COPY (SELECT 1 AS path) TO ? (FORMAT parquet)", [str(index_file)])
    else:
        index_file.write_bytes(content)
    index = scan(raw, index_file)
    assert (index.hashed, index.hits) == (3, 0)
    assert f"{index_file}: content index" in caplog.text
    assert scan(raw, index_file).hits == 3  # replaced by a sound one


def test_an_index_that_cannot_be_written_costs_only_time(
        raw: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    index_file = tmp_path / "missing-folder" / "w.duckdb.hashes.parquet"
    assert scan(raw, index_file).hashed == 3
    assert "content index not written" in caplog.text
    assert not index_file.parent.exists()
    assert scan(raw, index_file).hashed == 3


def test_the_job_reads_an_edited_file_whose_stat_was_put_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end: the second run knows every file by its stat; an edit of the same size
    with its mtime put back is parsed again and replaces the stored report."""
    monkeypatch.setattr(pipelines.content_index, "_SETTLED_NS", 0)
    raw = tmp_path / "raw"
    raw.mkdir()
    reports = [generate_report(5, index, broken_share=0.0) for index in range(3)]
    for report in reports:
        (raw / report.file_name).write_text(report.text, encoding="utf-8")
    time.sleep(TICK_S)
    warehouse = tmp_path / "w.duckdb"

    def run() -> dict[str, int]:
        result = run_ingest(raw, warehouse)
        assert result.success
        (materialization,) = result.asset_materializations_for_node("raw_files")
        return {key: materialization.metadata[key].value
                for key in ("files", "hashed", "known_by_stat")}

    assert run() == {"files": 3, "hashed": 3, "known_by_stat": 0}
    assert run() == {"files": 3, "hashed": 0, "known_by_stat": 3}

    path = raw / reports[0].file_name
    before = os.stat(path)
    text = reports[0].text
    # The last digit of the report changed for another: the same size in bytes.
    last = max(i for i, ch in enumerate(text) if ch.isdigit())
    edited = text[:last] + str((int(text[last]) + 1) % 10) + text[last + 1:]
    assert len(edited.encode()) == before.st_size and edited != text
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    assert run() == {"files": 3, "hashed": 1, "known_by_stat": 2}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        stored = dict(con.execute("SELECT source_file, report_id FROM reports").fetchall())
    assert stored[reports[0].file_name] == sha(edited.encode())
    assert stored[reports[1].file_name] == sha(reports[1].text.encode())
