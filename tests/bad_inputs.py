"""A corpus of bad inputs, written into a raw folder at test time, with the outcome of each.

Every case is made from the seed reports in data/raw/ or from inline bytes, so nothing
large is committed (the 50 MB file is built when the test runs). `write_corpus` writes
the files and returns the table of expected outcomes that tests/test_bad_inputs.py
checks against the warehouse of one real Dagster run.

The expected outcome of each case is read from SPEC.md, not from what the code does; a
case where the two disagree carries `xfail` with the reason.
"""

from __future__ import annotations

import gzip
import io
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Status = Literal["valid", "flagged", "rejected"]

TAB_SEED = "000_a9a3d7926273398a.txt"  # tab layout, 2019 template, tables 3 and 4 all zeros
CELL_SEED = "002_ff0ada4805145011.txt"  # one cell per line, 5 applications granted
TRADITIONAL_SEED = "004_070aa7a08bb6abec.txt"
SEEDS = (
    TAB_SEED,
    "001_e530588c4c56b619.txt",
    CELL_SEED,
    "003_10a7f6760b753e6c.txt",
    TRADITIONAL_SEED,
)
BIG_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Case:
    """One file of the corpus and the outcome it must get.

    `errors` is the exact set of check_names of the file's `error` issues; `fragment` is
    text that one of them must contain (besides the file's name, which every message has).
    `errors` None means: at least one error, whatever its name (SPEC does not name it).
    `same_values_as` names a seed whose facts the file must reproduce cell for cell.
    """

    name: str
    status: Status
    errors: frozenset[str] | None
    fragment: str | None
    write: Callable[[Path, Path, dict[str, bytes]], None] = field(repr=False)
    same_values_as: str | None = None
    xfail: str | None = None  # why the code does not do what SPEC asks yet


def corpus_cases() -> list[Case]:
    """Every case, without writing anything (for test parametrization)."""
    return _cases()


def write_cases(cases: list[Case], raw: Path, outside: Path, seed_dir: Path) -> None:
    """Write `cases` into `raw`; `outside` is a folder beside it, for links out of it."""
    seeds = {name: (seed_dir / name).read_bytes() for name in SEEDS}
    raw.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    for case in cases:
        case.write(raw, outside, seeds)


# --- building blocks ------------------------------------------------------------------------

def _file(make: Callable[[dict[str, bytes]], bytes]) -> Callable[[Path, Path, dict], None]:
    def write(raw: Path, outside: Path, seeds: dict[str, bytes], *, name: str) -> None:
        path = raw / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make(seeds))

    return write


def _lines(seeds: dict[str, bytes], seed: str) -> list[str]:
    return seeds[seed].decode("utf-8").split("\n")


def _join(lines: list[str]) -> bytes:
    return "\n".join(lines).encode("utf-8")


def _expect(lines: list[str], number: int, starts: str) -> None:
    """Edits address seed lines by number; fail loudly if a seed ever changes."""
    if not lines[number - 1].lstrip("\t").startswith(starts):
        raise AssertionError(f"seed line {number} is {lines[number - 1]!r}, not {starts!r}...")


def _set_cells(line: str, values: dict[int, str]) -> str:
    """Replace the value cells (0-based among the line's numeric cells) of a tab row."""
    parts = line.split("\t")
    numeric = [i for i, part in enumerate(parts) if part.strip().lstrip("-").isdigit()]
    for index, value in values.items():
        parts[numeric[index]] = value
    return "\t".join(parts)


def _tab_edit(*edits: tuple[int, str, dict[int, str]]) -> Callable[[dict[str, bytes]], bytes]:
    """The tab seed with cells of some lines (1-based, with their expected label) replaced."""

    def make(seeds: dict[str, bytes]) -> bytes:
        lines = _lines(seeds, TAB_SEED)
        for number, label, values in edits:
            _expect(lines, number, label)
            lines[number - 1] = _set_cells(lines[number - 1], values)
        return _join(lines)

    return make


def _tab_cut(start: int, end: int) -> Callable[[dict[str, bytes]], bytes]:
    """The tab seed without lines start..end (1-based, inclusive)."""

    def make(seeds: dict[str, bytes]) -> bytes:
        lines = _lines(seeds, TAB_SEED)
        return _join(lines[: start - 1] + lines[end:])

    return make


def _tab_truncated(last_line: int, extra: str = "") -> Callable[[dict[str, bytes]], bytes]:
    def make(seeds: dict[str, bytes]) -> bytes:
        lines = _lines(seeds, TAB_SEED)
        return _join(lines[:last_line]) + extra.encode("utf-8")

    return make


def _copy(seed: str, encoding: str | None = None,
          transform: Callable[[str], str] | None = None) -> Callable[[dict[str, bytes]], bytes]:
    def make(seeds: dict[str, bytes]) -> bytes:
        if encoding is None and transform is None:
            return seeds[seed]
        text = seeds[seed].decode("utf-8")
        if transform is not None:
            text = transform(text)
        return text.encode(encoding or "utf-8")

    return make


def _bytes(data: bytes) -> Callable[[dict[str, bytes]], bytes]:
    return lambda seeds: data


def _random_bytes(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _zip_of(seed: str) -> Callable[[dict[str, bytes]], bytes]:
    def make(seeds: dict[str, bytes]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", seeds[seed])
        return buffer.getvalue()

    return make


def _gzip_of(seed: str) -> Callable[[dict[str, bytes]], bytes]:
    return lambda seeds: gzip.compress(seeds[seed], mtime=0)


def _big(seeds: dict[str, bytes]) -> bytes:
    """The tab seed with a 50 MB appendix of narrative text in its last section."""
    head = seeds[TAB_SEED]
    paragraph = ("附件：本年度政务公开工作台账。各科室按月报送公开信息目录，"
                 "办公室逐条审核后在门户网站发布，并在年底汇总归档。\n").encode()
    repeats = (BIG_FILE_BYTES - len(head)) // len(paragraph) + 1
    return head + b"\n" + paragraph * repeats


def _two_reports(seeds: dict[str, bytes]) -> bytes:
    return seeds[TAB_SEED] + b"\n" + seeds[CELL_SEED]


def _table3_twice(seeds: dict[str, bytes]) -> bytes:
    lines = _lines(seeds, TAB_SEED)
    _expect(lines, 40, "三、收到和处理")
    _expect(lines, 69, "四、结转下年度")
    return _join(lines[:69] + [""] + lines[39:69] + lines[69:])


def _symlink_outside(raw: Path, outside: Path, seeds: dict[str, bytes], *, name: str) -> None:
    secret = outside / "secret report.txt"
    secret.write_bytes(seeds[TAB_SEED])
    (raw / name).symlink_to(secret)


def _symlink_inside(raw: Path, outside: Path, seeds: dict[str, bytes], *, name: str) -> None:
    (raw / name).symlink_to(TAB_SEED)  # relative: the seed copy in the same folder


def _dangling_symlink(raw: Path, outside: Path, seeds: dict[str, bytes], *, name: str) -> None:
    (raw / name).symlink_to("no such report.txt")


def _fifo(raw: Path, outside: Path, seeds: dict[str, bytes], *, name: str) -> None:
    os.mkfifo(raw / name)  # reading it would block the run forever


NOTICE = """关于召开2021年全市政务公开工作会议的通知

各县（市、区）人民政府，市政府各部门：
经研究，定于2021年3月5日上午9时在市政府三楼会议室召开全市政务公开工作会议。
请各单位分管负责同志准时参加。

市政府办公室
2021年3月1日
"""

# A decision letter: a government text that names 行政复议 in a short line and nothing else
# of a report.
REVIEW_DECISION = """某某市人民政府
行政复议决定书
某府复决字〔2020〕第12号
申请人：张某，男，1970年生。
被申请人：某某市自然资源局。
申请人不服被申请人作出的政府信息公开答复，于2020年5月6日向本机关申请行政复议，本机关依法已予受理。
经审理，本机关决定：维持被申请人作出的答复。
申请人如不服本决定，可以自收到本决定书之日起十五日内向人民法院提起行政诉讼。
2020年7月1日
"""

# Reports under the 2008 regulation: narrative, no statistical tables.
NARRATIVE_2017 = """某某市统计局2017年政府信息公开工作年度报告

本报告根据《中华人民共和国政府信息公开条例》要求，由某某市统计局编制。

一、概述
2017年，我局认真贯彻落实政府信息公开条例，不断完善工作机制。

二、主动公开政府信息情况
2017年，我局共主动公开政府信息215条，其中统计数据发布120条，统计分析报告60条。

三、依申请公开政府信息情况
2017年，我局共收到政府信息公开申请3件，均已在法定期限内答复。其中同意公开2件，不予公开1件。

四、政府信息公开的收费及减免情况
2017年，我局未收取任何费用。

五、因政府信息公开申请行政复议、提起行政诉讼的情况
2017年，我局未发生因政府信息公开申请行政复议、提起行政诉讼的情况。

六、政府信息公开工作存在的主要问题及改进情况
公开内容还不够丰富，下一步将继续加大公开力度。

某某市统计局
2018年3月20日
"""

NARRATIVE_2016_NO_REVIEW = """某某县水务局2016年政府信息公开工作年度报告

一、概述
2016年，我局认真贯彻落实政府信息公开条例。

二、主动公开政府信息情况
全年主动公开政府信息86条。

三、依申请公开政府信息情况
全年未收到政府信息公开申请。

四、存在的主要问题及改进情况
公开内容还不够丰富。

某某县水务局
2017年3月10日
"""


def _narrative(text: str) -> Callable[[dict[str, bytes]], bytes]:
    return _bytes(text.encode("utf-8"))


# --- the table ------------------------------------------------------------------------------

_NUMBERS_LINE = 76  # tab seed: the 15 numbers of table 4
_T3_FIRST = 45  # tab seed: new_received
_T3_GRANTED = 47
_T3_TOTAL = 68  # (七) 总计
_NATURAL, _TOTAL = 0, 6  # value cells of a table-3 row

def _cases() -> list[Case]:
    cases: list[Case] = []

    def add(name: str, status: Status, errors: set[str] | None, fragment: str | None,
            writer: object, **extra: object) -> None:
        expected = None if errors is None else frozenset(errors)
        cases.append(Case(name, status, expected, fragment, _bind(writer, name), **extra))

    # Controls: the seeds themselves load valid beside everything below.
    for seed in SEEDS:
        add(seed, "valid", set(), None, _copy(seed), same_values_as=seed)

    # Encodings of valid reports: same values as the UTF-8 original.
    for seed, encoding, suffix in [
        (TAB_SEED, "gb18030", "gb18030"), (TAB_SEED, "gbk", "gbk"),
        (TAB_SEED, "utf-16", "utf16-bom"), (TAB_SEED, "utf-16-le", "utf16le-nobom"),
        (TAB_SEED, "utf-8-sig", "utf8-bom"), (TAB_SEED, "utf-32", "utf32-bom"),
        (CELL_SEED, "gb18030", "gb18030"), (CELL_SEED, "utf-16", "utf16-bom"),
        (CELL_SEED, "utf-8-sig", "utf8-bom"),
        (TRADITIONAL_SEED, "gb18030", "gb18030"), (TRADITIONAL_SEED, "utf-16", "utf16-bom"),
    ]:
        add(f"encodings/{seed[:3]}-{suffix}.txt", "valid", set(), None,
            _copy(seed, encoding), same_values_as=seed)
    add("encodings/002-utf16be-nobom.txt", "valid", set(), None,
        _copy(CELL_SEED, "utf-16-be"), same_values_as=CELL_SEED)
    add("encodings/000-crlf.txt", "valid", set(), None,
        _copy(TAB_SEED, transform=lambda t: t.replace("\n", "\r\n")), same_values_as=TAB_SEED)
    add("encodings/002-crlf-utf8-bom.txt", "valid", set(), None,
        _copy(CELL_SEED, "utf-8-sig", lambda t: t.replace("\n", "\r\n")),
        same_values_as=CELL_SEED)

    # File names a shell or a SQL string would trip over: each loads like its content.
    for name in ["report with spaces.txt", "quote's \"double\".txt", "semi;colon;.txt",
                 "安丘市 卫生健康局（2020）年报.txt", "-leading-dash.txt", "--rf.txt",
                 "$(touch pwned) `id`.txt", "'; DROP TABLE reports; --.txt",
                 "sub folder/nested report.txt"]:
        add(name, "valid", set(), None, _copy(CELL_SEED), same_values_as=CELL_SEED)
    add("--flagged ';.txt", "flagged", {"magnitude"}, "10^9",
        _tab_edit((_T3_FIRST, "一、本年新收", {_NATURAL: "1000000000", _TOTAL: "1000000000"}),
                  (_T3_GRANTED, "三、本年度办理结果", {_NATURAL: "1000000000",
                                                    _TOTAL: "1000000000"}),
                  (_T3_TOTAL, "(七) 总计", {_NATURAL: "1000000000", _TOTAL: "1000000000"})))

    add("big-50MB.txt", "valid", set(), None, _big, same_values_as=TAB_SEED)

    # Links and special files: only regular files inside the raw folder are read.
    add("link-outside.txt", "rejected", {"rejected"}, "link points outside the raw folder",
        _symlink_outside)
    add("link-inside.txt", "valid", set(), None, _symlink_inside, same_values_as=TAB_SEED)
    add("link-dangling.txt", "rejected", {"rejected"}, "not a regular file", _dangling_symlink)
    add("fifo.txt", "rejected", {"rejected"}, "not a regular file", _fifo)

    # Not text at all.
    add("empty.txt", "rejected", {"rejected"}, "empty file", _bytes(b""))
    add("blank-lines.txt", "rejected", {"rejected"}, "empty file", _bytes(b"\r\n \n\t\n"))
    add("garbage-random.txt", "rejected", {"rejected"}, None, _bytes(_random_bytes(1, 4096)))
    add("garbage-nul.txt", "rejected", {"rejected"}, None, _bytes(b"\x00" * 4096))
    add("garbage-png.txt", "rejected", {"rejected"}, None,
        _bytes(b"\x89PNG\r\n\x1a\n" + _random_bytes(2, 2048)))
    add("zip-as.txt", "rejected", {"rejected"}, ".docx", _zip_of(TAB_SEED))
    add("gzip-as.txt", "rejected", {"rejected"}, None, _gzip_of(TAB_SEED))
    add("ole-doc-as.txt", "rejected", {"rejected"}, ".doc",
        _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + _random_bytes(3, 2048)))
    # A PDF without a text layer: rejected whether or not PDFs are parsed.
    add("pdf-garbage-as.txt", "rejected", {"rejected"}, "PDF",
        _bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + _random_bytes(4, 4096) + b"\n%%EOF\n"))
    add("pdf-truncated-as.txt", "rejected", {"rejected"}, "PDF", _bytes(b"%PDF-1.7\n"))
    add("utf8-bom-then-garbage.txt", "rejected", {"rejected"}, "utf-8",
        _bytes(b"\xef\xbb\xbf" + b"\xff\xfe\xfd" * 100))

    # Text, but not an annual report.
    add("notice.txt", "rejected", {"rejected"}, "not an annual report",
        _bytes(NOTICE.encode("utf-8")))
    add("notice-gbk.txt", "rejected", {"rejected"}, "not an annual report",
        _bytes(NOTICE.encode("gbk")))
    add("lorem.txt", "rejected", {"rejected"}, "not an annual report",
        _bytes(("Lorem ipsum dolor sit amet.\n" * 200).encode()))
    add("review-decision.txt", "rejected", {"rejected"}, "not an annual report",
        _bytes(REVIEW_DECISION.encode("utf-8")))

    # Reports from before the 2019 template: metadata loads, the tables are missing.
    add("narrative-2017.txt", "flagged", {"parse_table_missing", "rows_present"},
        "table 3 (依申请) not found", _narrative(NARRATIVE_2017))
    add("narrative-2016-no-review.txt", "flagged", {"parse_table_missing", "rows_present"},
        "table 3 (依申请) not found", _narrative(NARRATIVE_2016_NO_REVIEW))

    # Damaged reports: loaded and flagged, naming what is wrong.
    add("cut-in-table3.txt", "flagged", {"parse_row_missing", "parse_table_missing",
                                         "rows_present"},
        "row denied_prohibited_by_law not found", _tab_truncated(49))
    # The cut row keeps two numbers and a blank: which columns they were is unknown.
    add("cut-in-table3-mid-line.txt", "flagged",
        {"parse_row_missing", "parse_table_missing", "parse_row_short", "rows_present"},
        "not found", _tab_truncated(49, "\t\t2.其他法律行政法规禁止公开\t0\t0\t"))
    add("cut-in-table2.txt", "flagged",
        {"parse_row_missing", "parse_table_missing", "rows_present"},
        "table 3 (依申请) not found", _tab_truncated(28))
    add("table2-missing.txt", "flagged", {"parse_table_missing", "rows_present"},
        "table 2 (主动公开) not found", _tab_cut(19, 38))
    add("table3-missing.txt", "flagged", {"parse_table_missing", "rows_present"},
        "table 3 (依申请) not found", _tab_cut(40, 69))
    add("table4-missing.txt", "flagged", {"parse_table_missing", "rows_present"},
        "table 4 (复议诉讼) not found", _tab_cut(71, 76))
    add("letters-in-cell.txt", "flagged", {"parse_bad_cell"}, "line 45",
        _tab_edit((_T3_FIRST, "一、本年新收", {2: "3a"})))
    # Read as 10 (OCR's O for 0), a guess the row's arithmetic then refutes: 0 + … ≠ 10.
    add("letter-o-for-zero.txt", "flagged", {"possible_misread"}, "had to guess in table 3",
        _tab_edit((_T3_GRANTED, "三、本年度办理结果", {_TOTAL: "1O"})))
    add("fraction-in-count.txt", "flagged", {"parse_bad_cell"}, "fractional count",
        _tab_edit((_T3_FIRST, "一、本年新收", {1: "1.5"})))
    add("money-in-count.txt", "flagged", {"parse_bad_cell"}, "money where a count",
        _tab_edit((_T3_FIRST, "一、本年新收", {1: "5万元"})))
    add("letters-in-table4.txt", "flagged", {"parse_bad_cell"}, "table 4",
        _tab_edit((_NUMBERS_LINE, "", {7: "x"})))
    add("huge-number.txt", "flagged", {"magnitude"}, "10^9",
        _tab_edit((_T3_FIRST, "一、本年新收", {_NATURAL: "1000000000", _TOTAL: "1000000000"}),
                  (_T3_GRANTED, "三、本年度办理结果", {_NATURAL: "1000000000",
                                                    _TOTAL: "1000000000"}),
                  (_T3_TOTAL, "(七) 总计", {_NATURAL: "1000000000", _TOTAL: "1000000000"})))
    add("huge-number-beyond-int32.txt", "flagged", {"parse_bad_cell"}, "too large to be a count",
        _tab_edit((_NUMBERS_LINE, "", {0: "3000000000", 4: "3000000000"})))
    add("huge-number-beyond-int64.txt", "flagged", {"parse_bad_cell"}, "too large to be a count",
        _tab_edit((_NUMBERS_LINE, "", {0: "99999999999999999999", 4: "99999999999999999999"})))
    add("negative-count.txt", "flagged", {"non_negative"}, "-2",
        _tab_edit((_T3_FIRST, "一、本年新收", {_NATURAL: "-2", _TOTAL: "-2"}),
                  (_T3_GRANTED, "三、本年度办理结果", {_NATURAL: "-2", _TOTAL: "-2"}),
                  (_T3_TOTAL, "(七) 总计", {_NATURAL: "-2", _TOTAL: "-2"})))
    add("balance-broken.txt", "flagged", {"balance", "row_total"}, "natural_person",
        _tab_edit((_T3_FIRST, "一、本年新收", {_NATURAL: "4"})))
    add("row-too-long.txt", "flagged", {"parse_row_too_long", "rows_present"},
        "8 filled cells for 7 columns",
        _tab_edit((_T3_GRANTED, "三、本年度办理结果", {_TOTAL: "0\t0"})))
    add("table3-twice.txt", "flagged", {"parse_duplicate_row"}, "printed again",
        _table3_twice)
    add("two-reports.txt", "flagged", {"parse_multiple_reports"}, "second report",
        _two_reports)

    return cases


def _bind(writer: object, name: str) -> Callable[[Path, Path, dict[str, bytes]], None]:
    """A content maker or a file writer, bound to the case's file name."""
    if writer in (_symlink_outside, _symlink_inside, _dangling_symlink, _fifo):
        return lambda raw, outside, seeds: writer(raw, outside, seeds, name=name)
    return lambda raw, outside, seeds: _file(writer)(raw, outside, seeds, name=name)
