"""`python -m pipelines.inspect FILE`: one report printed in full, the warehouse untouched."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.inspect import inspect_file, main

SEED = "002_ff0ada4805145011.txt"  # 安丘市卫生健康局 2020: 5 new applications, natural persons


def _run(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main([str(path)])
    return code, capsys.readouterr().out.splitlines()


def _cells(lines: list[str], label: str) -> list[str]:
    """The cells printed after a row label, split on runs of spaces."""
    [line] = [line for line in lines if line.strip().startswith(label)]
    return re.split(r"\s{2,}", line.strip())[1:]


def test_seed_prints_metadata_tables_checks(seed_dir: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _run(seed_dir / SEED, capsys)
    assert code == 0
    assert lines[0] == f"{SEED}: valid"
    assert "  agency             安丘市卫生健康局" in lines
    assert "  year               2020" in lines
    assert "  template           2019" in lines
    assert "  adcode             370784" in lines
    # Table 3 in template order under the template's column labels.
    header = lines[lines.index("表三 收到和处理政府信息公开申请情况") + 1].split()
    assert header == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
                      "总计"]
    assert _cells(lines, "一、本年新收政府信息公开申请数量") == ["5", "0", "0", "0", "0", "0", "5"]
    assert _cells(lines, "（一）予以公开") == ["5", "0", "0", "0", "0", "0", "5"]
    assert _cells(lines, "（七）总计") == ["5", "0", "0", "0", "0", "0", "5"]
    table3 = lines[lines.index("表三 收到和处理政府信息公开申请情况") + 2:]
    labels = [line.split()[0] for line in table3[:23]]
    assert labels[0] == "一、本年新收政府信息公开申请数量"
    assert labels[20:] == ["（六）其他处理", "（七）总计", "四、结转下年度继续办理"]
    assert _cells(lines, "行政复议") == ["0"] * 5
    assert _cells(lines, "行政处罚") == ["上一年项目数量 605", "本年增/减 -73", "处理决定数量 13"]
    # Every check with its status; this report passes them all.
    assert re.fullmatch(r"checks \(\d+ pass, 0 fail, 0 not_checked\)",
                        next(x for x in lines if x.startswith("checks (")))
    rows = [re.split(r"\s{2,}", x.strip()) for x in lines if x.startswith("  pass ")]
    assert ["pass", "balance", "total", "5", "5",
            "new_received + carried_over = 5 + 0 = 5;"
            " total_processed + carried_forward = 5 + 0 = 5"] in rows
    assert lines[-1] == "issues (0)"


def test_flagged_report_says_which_check_failed(tmp_path: Path, seed_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    text = (seed_dir / SEED).read_text(encoding="utf-8").split("\n")
    assert text[146] == "\t5"  # new_received / natural_person
    text[146] = "\t6"
    edited = tmp_path / "edited.txt"
    edited.write_text("\n".join(text), encoding="utf-8")
    code, lines = _run(edited, capsys)
    assert code == 0  # flagged reports are loaded: only rejection is a failure
    assert lines[0] == "edited.txt: flagged"
    assert _cells(lines, "一、本年新收政府信息公开申请数量")[0] == "6"
    failed = [re.split(r"\s{2,}", x.strip())[:5] for x in lines if x.startswith("  fail ")]
    assert ["fail", "balance", "natural_person", "6", "5"] in failed
    assert ["fail", "row_total", "new_received", "6", "5"] in failed
    issues = lines[lines.index(next(x for x in lines if x.startswith("issues ("))):]
    assert any(x.startswith("  error    balance: ") and "natural_person" in x for x in issues)


def test_rejected_file_exits_non_zero_with_the_reason(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("会议纪要\n今天没有表格。\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pipelines.inspect", str(bad)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "notes.txt: rejected"
    # The reason is the parser's; its wording is the parser's business.
    assert lines[1].startswith("rejected: notes.txt: not an annual report")
    reason = lines[1].removeprefix("rejected: ")
    assert lines[-2:] == ["issues (1)", f"  error    rejected: {reason}"]


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main([str(tmp_path / "absent.txt")])
    assert exc.value.code == 2


def test_line_prints_the_lines_around_a_value_of_a_published_format(
        tmp_path: Path, seed_dir: Path, golden_dir: Path) -> None:
    from format_fixtures import seed_document, to_html

    from pipelines.parsing import parse_bytes

    golden = json.loads((golden_dir / "002_ff0ada4805145011.json").read_text("utf-8"))
    page = tmp_path / "report.html"
    page.write_bytes(to_html(seed_document(seed_dir / golden["file"], golden)))
    fact = next(f for f in parse_bytes(page.read_bytes(), page.name).facts
                if (f.table, f.row, f.col) == ("applications", "new_received", "total"))
    out = io.StringIO()
    assert inspect_file(page, out, line=fact.source_line) == 0
    context = out.getvalue().split("\nlines ")[1].splitlines()
    marked = [row for row in context if row.startswith(">")]
    # The table row as the page's rendering holds it: label, blank merged cells, the six
    # applicant columns and the total (5 new applications, all from natural persons).
    assert marked == [f"> {fact.source_line:>5}  一、本年新收政府信息公开申请数量\t\t\t5"
                      "\t0\t0\t0\t0\t0\t5"]
    assert len(context) == 1 + 2 * 3 + 1  # the heading, three lines either side, the line
