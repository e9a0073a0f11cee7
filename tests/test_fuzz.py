"""Mutation fuzzing: damaged reports never crash the parser, and checks and issues agree.

Valid reports (the seeds, a synthetic tab-layout report, and generated reports in the
PDF-like spaced and markdown pipe layouts) are damaged the way copying,
extraction and editing damage them: lines deleted, duplicated or swapped, cells swapped,
digits changed, garbage inserted, the file cut short. Then

* `parse_bytes` returns a report or raises its one documented error, `ReportRejected`;
* through `build_batch` + `validate_batch`, a `valid` report has no failed check, every
  failed check has an `error` issue (of the same name, or `possible_misread`), and
  `flagged` means some error;
* lines deleted, duplicated or swapped leave every printed number as it was: a report
  that stays `valid` holds exactly its base's table-3 and table-4 numbers (a cell may be
  NULL only with a warning), never numbers moved to another row or column. A swap of two
  lines that each hold one value cell (seed 004 prints a cell a line) swaps two cells,
  like `swap_cells`, and is not held to that.

The volume is FUZZ_EXAMPLES examples per property (default 150 and a fifth of that for
the batch property, 8 reports each); `FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py` runs a
longer campaign. The default run is derandomized so `make test` is repeatable.
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.corpus import generate_report
from pipelines.frames import ParseOutcome, SourceDocument, build_batch
from pipelines.parsing import ReportRejected, parse_bytes
from pipelines.parsing._values import is_value_text
from pipelines.validation import validate_batch

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
BATCH = 8
SEEDS = 5  # data/raw/*.txt; the synthetic report is base number SEEDS
# Generated reports in the layouts the seeds do not use (PDF-like spaces, markdown pipes),
# undamaged, after the synthetic one.
GENERATED = (generate_report(11, 4).text, generate_report(11, 5).text)
BASES = SEEDS + 1 + len(GENERATED)

_APPLICANT_HEADER = ("\t\t自然人\t法人或其他组织\t\t\t\t\t\t\n"
                     "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t")
_T3_ROWS_2021 = [
    ("一、本年新收政府信息公开申请数量", [7, 2, 0, 1, 0, 0, 10]),
    ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
    ("三、本年度办理结果\t（一）予以公开", [4, 1, 0, 1, 0, 0, 6]),
    ("\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [1, 0, 0, 0, 0, 0, 1]),
    ("\t（三）不予公开\t1.属于国家秘密", [0] * 7),
    ("\t\t2.其他法律行政法规禁止公开", [0] * 7),
    ("\t\t3.危及“三安全一稳定”", [0] * 7),
    ("\t\t4.保护第三方合法权益", [0] * 7),
    ("\t\t5.属于三类内部事务信息", [0] * 7),
    ("\t\t6.属于四类过程性信息", [1, 0, 0, 0, 0, 0, 1]),
    ("\t\t7.属于行政执法案卷", [0] * 7),
    ("\t\t8.属于行政查询事项", [0] * 7),
    ("\t（四）无法提供\t1.本机关不掌握相关政府信息", [1, 1, 0, 0, 0, 0, 2]),
    ("\t\t2.没有现成信息需要另行制作", [0] * 7),
    ("\t\t3.补正后申请内容仍不明确", [0] * 7),
    ("\t（五）不予处理\t1.信访举报投诉类申请", [0] * 7),
    ("\t\t2.重复申请", [0] * 7),
    ("\t\t3.要求提供公开出版物", [0] * 7),
    ("\t\t4.无正当理由大量反复申请", [0] * 7),
    ("\t\t5.要求行政机关确认或重新出具已获取信息", [0] * 7),
    ("\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     [0] * 7),
    ("\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0] * 7),
    ("\t\t3.其他", [0] * 7),
    ("\t（七）总计", [7, 2, 0, 1, 0, 0, 10]),
    ("四、结转下年度继续办理", [1, 0, 0, 0, 0, 0, 1]),
]


def synthetic_tab_report() -> str:
    """A consistent 2021-template report in the tab layout, with nonzero numbers."""
    t3 = "\n".join(label + "\t" + "\t".join(map(str, numbers)) for label, numbers
                   in _T3_ROWS_2021)
    return "\n".join([
        "某某市交通运输局2022年政府信息公开工作年度报告",
        "",
        "一、总体情况",
        "本年度政务公开工作正常开展。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项\t\t\t",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t0\t0\t0",
        "行政规范性文件\t2\t1\t15",
        "第二十条第（五）项\t\t\t",
        "信息内容\t本年处理决定数量\t\t",
        "行政许可\t356\t\t",
        "第二十条第（六）项\t\t\t",
        "信息内容\t本年处理决定数量\t\t",
        "行政处罚\t120\t\t",
        "行政强制\t3\t\t",
        "第二十条第（八）项\t\t\t",
        "信息内容\t本年收费金额（单位：万元）\t\t",
        "行政事业性收费\t26.5\t\t",
        "三、收到和处理政府信息公开申请情况",
        "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况"
        "\t\t\t\t\t\t总计",
        _APPLICANT_HEADER,
        t3,
        "",
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议\t\t\t\t\t行政诉讼",
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
        "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计"
        "\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
        "1\t0\t0\t1\t2\t0\t0\t0\t0\t0\t1\t0\t0\t0\t1",
        "五、存在的主要问题及改进情况",
        "公开内容还不够丰富。",
        "六、其他需要报告的事项",
        "无。",
        "某某市交通运输局",
        "2023年1月20日",
    ])


@pytest.fixture(scope="module")
def bases(seed_dir: Path) -> list[str]:
    seeds = sorted(seed_dir.glob("*.txt"))
    assert len(seeds) == SEEDS
    return [p.read_text(encoding="utf-8") for p in seeds] + [synthetic_tab_report(),
                                                             *GENERATED]


# Tables whose every cell is bound by an identity (SPEC §6), so a number read into the
# wrong place cannot pass the checks unnoticed.
_CHECKED_TABLES = ("applications", "review_litigation")


@pytest.fixture(scope="module")
def base_cells(bases: list[str]) -> list[dict[tuple, int | None]]:
    """(table, row, column) -> number, of each base as the parser reads it undamaged."""
    cells = []
    for text in bases:
        report = parse_bytes(text.encode("utf-8"), "base.txt")
        cells.append({(f.table, f.row, f.col): f.value for f in report.facts
                      if f.table in _CHECKED_TABLES})
    return cells

# --- mutations --------------------------------------------------------------------------------

_GARBAGE = st.text(
    alphabet=st.sampled_from(
        list("0123456789abcXYZ \t|/-—.,，、（）()：:；;无总计合计一二三四五六七八九十")
        + ["\x00", "\ufeff", "\u3000", "\xa0", "\r", "\n", "\x0c", "増", "減", "𠀀", "\ud7ff"]
    ),
    min_size=1, max_size=12,
)


MUTATIONS = ("delete", "duplicate", "swap_lines", "swap_cells", "digit", "garbage",
             "truncate", "truncate_bytes", "reencode")
# Encodings real reports arrive in (SPEC: BOM, GB18030, UTF-16), to be cut mid-character.
_ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "gb18030", "utf-8-sig", "utf-32")


@st.composite
def mutation(draw: st.DrawFn) -> tuple:
    kind = draw(st.sampled_from(MUTATIONS))
    where = draw(st.integers(min_value=0, max_value=10**6))
    other = draw(st.integers(min_value=0, max_value=10**6))
    extra = draw(_GARBAGE) if kind == "garbage" else draw(st.sampled_from("0123456789"))
    return kind, where, other, extra


def mutate(text: str, mutations: list[tuple]) -> bytes:
    """Apply the mutations in order; positions are taken modulo the current size."""
    lines = text.split("\n")
    for kind, where, other, extra in mutations:
        i, j = where % len(lines), other % len(lines)
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap_lines":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "swap_cells":
            cells = lines[i].split("\t")
            a, b = other % len(cells), (other // 7) % len(cells)
            cells[a], cells[b] = cells[b], cells[a]
            lines[i] = "\t".join(cells)
        elif kind == "digit":
            joined = "\n".join(lines)
            digits = [k for k, ch in enumerate(joined) if ch.isdigit()]
            if digits:
                k = digits[where % len(digits)]
                lines = (joined[:k] + extra + joined[k + 1:]).split("\n")
        elif kind == "garbage":
            k = other % (len(lines[i]) + 1)
            lines[i] = lines[i][:k] + extra + lines[i][k:]
            lines = "\n".join(lines).split("\n")
        elif kind == "truncate":
            joined = "\n".join(lines)
            lines = joined[: where % (len(joined) + 1)].split("\n")
        elif kind == "truncate_bytes":
            # Cut the encoded file, possibly inside a multi-byte character.
            encoded = "\n".join(lines).encode("utf-8")
            return encoded[: where % (len(encoded) + 1)]
        elif kind == "reencode":
            # Another encoding, whole (even `where`) or cut anywhere, even inside a unit.
            encoded = "\n".join(lines).encode(_ENCODINGS[other % len(_ENCODINGS)])
            return encoded if where % 2 == 0 else encoded[: where % (len(encoded) + 1)]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


# A damaged document: which base, and what is done to it.
DOCUMENT = st.tuples(st.integers(min_value=0, max_value=BASES - 1),
                     st.lists(mutation(), min_size=1, max_size=4))


_SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, database=None,
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)


def test_bases_are_valid_reports(bases: list[str]) -> None:
    """The fuzz starts from reports that parse cleanly, so damage is all it measures."""
    outcomes = [ParseOutcome(SourceDocument(f"{i:064x}", f"base{i}.txt"),
                             parse_bytes(text.encode("utf-8"), f"base{i}.txt"))
                for i, text in enumerate(bases)]
    tables = validate_batch(build_batch(outcomes))
    assert tables.reports["status"].to_list() == ["valid"] * BASES
    synthetic = tables.applications.filter(
        (pl.col("report_id") == f"{SEEDS:064x}") & (pl.col("outcome") == "new_received"))
    assert synthetic["count"].to_list() == [7, 2, 0, 1, 0, 0, 10]


@_SETTINGS
@given(DOCUMENT)
def test_parser_raises_only_report_rejected(bases: list[str], document: tuple) -> None:
    base, mutations = document
    data = mutate(bases[base], mutations)
    try:
        parse_bytes(data, "fuzzed.txt")
    except ReportRejected as exc:
        assert str(exc).startswith("fuzzed.txt: ")


@settings(_SETTINGS, max_examples=max(1, EXAMPLES // 5))
@given(st.lists(DOCUMENT, min_size=BATCH, max_size=BATCH))
def test_checks_and_issues_agree_on_damaged_batches(bases: list[str],
                                                    base_cells: list[dict[tuple, int | None]],
                                                    documents: list[tuple]) -> None:
    outcomes = []
    for i, (base, mutations) in enumerate(documents):
        data = mutate(bases[base], mutations)
        name = f"fuzzed-{i}.txt"
        try:
            result = parse_bytes(data, name)
        except ReportRejected as exc:
            result = exc
        # A distinct id per file, so that every report is checked on its own.
        outcomes.append(ParseOutcome(SourceDocument(f"{i:064x}", name), result))
    tables = validate_batch(build_batch(outcomes))

    assert tables.reports.height == BATCH
    status = dict(zip(tables.reports["report_id"], tables.reports["status"], strict=True))
    assert set(status.values()) <= {"valid", "flagged", "rejected"}
    failed = tables.checks.filter(pl.col("status") == "fail")
    errors = tables.issues.filter(pl.col("severity") == "error")
    failed_pairs = set(zip(failed["report_id"], failed["check_name"], strict=True))
    error_pairs = set(zip(errors["report_id"], errors["check_name"], strict=True))
    # Every failed check is told to the reader as an error: under its own name, or as a
    # possible misread where the parser had to guess in that table (README)...
    for rid, check in failed_pairs:
        assert (rid, check) in error_pairs or (rid, "possible_misread") in error_pairs
    for rid, state in status.items():
        has_error = any(r == rid for r, _ in error_pairs)
        # ...a valid report has neither, a flagged one has an error, a rejected one says why.
        if state == "valid":
            assert not has_error and not any(r == rid for r, _ in failed_pairs)
        elif state == "flagged":
            assert has_error
        else:
            assert (rid, "rejected") in error_pairs
            assert not any(r == rid for r, _ in failed_pairs)

    stored = _stored_cells(tables)
    warned = set(tables.issues.filter(pl.col("severity") == "warning")["report_id"])
    for i, (base, mutations) in enumerate(documents):
        rid = f"{i:064x}"
        if status[rid] != "valid" or not keeps_numbers(bases[base], mutations):
            continue
        for key, value in base_cells[base].items():
            got = stored.get((rid, *key))
            assert got == value or (got is None and rid in warned), (base, mutations, key)


# Mutations that keep every printed number as printed (they may drop or move it).
_NUMBERS_KEPT = ("delete", "duplicate", "swap_lines")


def keeps_numbers(text: str, mutations: list[tuple]) -> bool:
    """Whether the mutations only delete, duplicate or swap lines, and no swap trades two
    lines that each hold one value cell: in a table printed one cell per line that is a
    swap of two cells, as undetectable as `swap_cells` (the text is a report printing
    those numbers there)."""
    lines = text.split("\n")
    for kind, where, other, _ in mutations:
        if kind not in _NUMBERS_KEPT:
            return False
        i, j = where % len(lines), other % len(lines)
        if kind == "swap_lines" and lines[i] != lines[j] and all(
                _value_line(lines[k]) for k in (i, j)):
            return False
        lines = mutate("\n".join(lines), [(kind, where, other, "0")]).decode(
            "utf-8", "surrogatepass").split("\n")
    return True


def _value_line(line: str) -> bool:
    """A line holding one value cell (a number, a blank printed as a no-break space)."""
    text = line.replace("\xa0", " ").strip()
    return bool(line) and "\t" not in text and "|" not in text and is_value_text(text)


def _stored_cells(tables) -> dict[tuple, int | None]:  # noqa: ANN001 - WarehouseTables
    out = {}
    for name, frame, row, col in (("applications", tables.applications, "outcome",
                                   "applicant_type"),
                                  ("review_litigation", tables.review_litigation,
                                   "proceeding", "result")):
        for rid, r, c, v in frame.select("report_id", row, col, "count").iter_rows():
            out[(rid, name, r, c)] = v
    return out


@pytest.mark.parametrize("kind", MUTATIONS)
def test_each_mutation_changes_the_text(kind: str) -> None:
    base = synthetic_tab_report()
    mutated = mutate(base, [(kind, 29, 3, "7" if kind != "garbage" else "XYZ")])
    assert mutated != base.encode("utf-8")
