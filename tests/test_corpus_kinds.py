"""The damage kinds first met in hand-written fixtures (bench/corpus_kinds.py), as the
generator prints them: each form is printed as it claims, and its expected values are what
the damaged text still says, read back here by hand, not by the parser."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from bench.corpus import DAMAGE_LAYOUTS, GeneratedReport, generate_report
from bench.corpus_kinds import FORMS, KINDS, ocr_cells
from bench.corpus_print import T3_LABELS, number
from pipelines.parsing import vocabulary as vocab

APPLICANTS = [t.code for t in vocab.APPLICANT_TYPES]
_OCR_READ = str.maketrans("OoIlSB", "001158")


def reports(kind: str, n: int = 40, layout: str | None = None) -> list[GeneratedReport]:
    """The first `n` reports of `kind` in a corpus of that kind alone (seed 0)."""
    found = []
    for index in range(1, 4000, 2):  # the kind takes turns with undamaged reports
        report = generate_report(0, index, damages=(kind,))
        if layout is None or report.expected["layout"] == layout:
            found.append(report)
        if len(found) == n:
            return found
    raise AssertionError(f"no {n} {kind} reports in {layout}")


def t3_row(text: str, code: str) -> list[str]:
    """Table 3's row `code` as tab-printed: its cells after the label."""
    label = next(c for c in reversed(T3_LABELS[code]) if c)
    line = next(ln for ln in text.split("\n") if f"\t{label}\t" in ln or ln.startswith(label))
    return line.rstrip("\t").split("\t")[-len(APPLICANTS):]


def test_every_form_of_every_kind_is_drawn() -> None:
    assert set(KINDS) <= set(DAMAGE_LAYOUTS)
    for kind in KINDS:
        forms = Counter(r.expected["form"] for r in reports(kind, n=60))
        assert set(forms) == set(FORMS[kind]), kind


def test_generation_of_the_kinds_is_deterministic() -> None:
    for kind in KINDS:
        first, again = generate_report(5, 9, damages=(kind,)), generate_report(5, 9,
                                                                              damages=(kind,))
        assert first.text == again.text and first.expected == again.expected


_HEADER = re.compile(r"^\d{4}/\d{1,2}/\d{1,2} (上午|下午)?\d{1,2}:\d{2} \S")
_ADDRESS = re.compile(r"^https?://\S+\.(?:s?html|html\?id=\d+)?")


def test_browser_marks_frame_every_page_and_break_table_3_between_rows() -> None:
    for report in reports("browser_print_marks", n=30):
        if report.data:
            continue  # a PDF: below
        lines = report.text.split("\n")
        if report.expected["form"] == "counter_only":
            counters = [i for i, ln in enumerate(lines) if re.fullmatch(r"\d+/\d+", ln)]
            pages = len(counters)
            assert [lines[i] for i in counters] == [f"{p}/{pages}" for p in
                                                    range(1, pages + 1)]
            assert counters[-1] == len(lines) - 1 and not _HEADER.match(lines[0])
            continue
        title = f"{report.expected['year']}年政府信息公开工作年度报告"
        headers = [i for i, ln in enumerate(lines) if _HEADER.match(ln)]
        assert headers[0] == 0 and all(title in lines[i] for i in headers)
        addresses = [i for i, ln in enumerate(lines) if ln.startswith("http")]
        pages = len(headers)
        assert len(addresses) == pages and addresses[-1] >= len(lines) - 2
        form = report.expected["form"]
        counters = [re.fullmatch(r"(\d+)/(\d+)", lines[i].rsplit(" ", 1)[-1]
                                 if form == "counter_after_address"
                                 else lines[i + 1] if i + 1 < len(lines) else "")
                    for i in addresses]
        if form == "address_only":
            assert counters == [None] * pages
        else:
            assert [(int(c.group(1)), int(c.group(2))) for c in counters] == [
                (page, pages) for page in range(1, pages + 1)]
        t3 = next(i for i, ln in enumerate(lines) if "三、收到和处理政府信息公开申请情况" in ln)
        t4 = next(i for i, ln in enumerate(lines) if "四、政府信息公开行政复议" in ln)
        inside = [i for i in headers if t3 < i < t4]
        assert inside, report.file_name
        if report.expected["layout"] in ("tabs", "markdown"):
            # Between two rows of the table (or before the next section's heading).
            for i in inside:
                assert ("\t" in lines[i + 1] or lines[i + 1] in ("", "---")
                        or lines[i + 1].lstrip("# ").startswith("四、"))
        assert report.expected["issues"] == []


def test_a_pdf_printed_from_a_browser_carries_its_marks_on_every_page() -> None:
    import pypdfium2

    for report in reports("browser_print_marks", n=3, layout="pdf_unruled"):
        document = pypdfium2.PdfDocument(report.data)
        pages = [page.get_textpage().get_text_range() for page in document]
        assert len(pages) >= 2
        form = report.expected["form"]
        for page, text in enumerate(pages, 1):
            lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
            if form == "counter_only":
                assert not _HEADER.match(lines[0]) and not any("http" in ln for ln in lines)
            else:
                assert _HEADER.match(lines[0]) and any(ln.startswith("http") for ln in lines)
            assert (f"{page}/{len(pages)}" in lines[-1]) == (form != "address_only")
        # The text the PDF was drawn from carries none: the browser adds them.
        assert "http" not in report.text and not _HEADER.match(report.text.split("\n")[0])


def test_group_subtotals_are_the_sums_of_their_rows() -> None:
    seen = set()
    for report in reports("group_subtotals", n=20, layout="tabs"):
        t3 = report.expected["applications"]
        form = report.expected["form"]
        seen.add(form)
        lines = report.text.split("\n")
        if form.startswith("t4_"):
            t4 = report.expected["review_litigation"]
            summed = [p for p in t4 if form == "t4_合计" or p.startswith("litigation")]
            at = lines.index(form[3:])
            assert [int(n) for n in lines[at + 2].split("\t")] == [
                sum(t4[p][r.code] for p in summed) for r in vocab.RESULTS]
            assert lines[at - 3] == "行政诉讼（复议后起诉）"
            assert report.expected["issues"] == ["parse_group_subtotal"]
            continue
        for prefix, heading, name in (("denied_", "(三) 不予公开", "不予公开"),
                                      ("unable_", "(四) 无法提供", "无法提供"),
                                      ("rejected_", "(五) 不予处理", "不予处理")):
            members = [code for code in t3 if code.startswith(prefix)]
            sums = [sum(t3[code][column] for code in members) for column in APPLICANTS]
            label = {"heading": heading, "小计": "小计", "group_小计": name + "小计"}[form]
            rows = [ln.rstrip("\t").split("\t") for ln in lines if f"\t{label}\t" in ln]
            if form == "小计":
                rows = [rows[("denied_", "unable_", "rejected_").index(prefix)]]
            assert [[int(c) for c in row[-7:]] for row in rows] == [sums]
            if form != "heading":  # under the group's last row
                last = next(c for c in reversed(T3_LABELS[members[-1]]) if c)
                at = next(i for i, ln in enumerate(lines) if f"\t{label}\t" in ln
                          and int(ln.rstrip("\t").split("\t")[-1]) == sums[-1])
                assert last in lines[at - 1]
        assert report.expected["issues"] == ["parse_group_subtotal"]
        assert report.expected["status"] == ("flagged" if report.expected["broken"]
                                             else "valid")
    assert seen == set(FORMS["group_subtotals"])


def test_ocr_cells_drawn_from_hand_made_tables() -> None:
    t2 = {"licensing": {"prior_items": 18, "change": 4, "decisions": 81},
          "fees": {"prior_items": 7, "change": -2}, "penalty": {"prior_items": 3, "change": 0}}
    t3 = {"granted": {"natural_person": 13, "total": 13}, "carried_over": {"total": 2}}
    t4 = {"admin_reconsideration": {"upheld": 5, "total": None}}
    ocr = ocr_cells(random.Random(1), "2019", "letters", t2, t3, t4)
    assert ocr.cells[("t2", "licensing", "change")] == "十4"
    assert ocr.cells[("t2", "fees", "change")] == "一2"
    assert ("t2", "penalty", "change") not in ocr.cells  # 0 has no sign
    letters = {k: v for k, v in ocr.cells.items() if k[0] != "t2"}
    assert 2 <= len(letters) <= 3
    for (table, row, col), printed in letters.items():
        assert printed != str((t3 if table == "t3" else t4)[row][col])
        assert int(printed.translate(_OCR_READ)) == (t3 if table == "t3" else t4)[row][col]
    assert ocr.issues == ["parse_ocr_digit", "parse_ocr_sign"] and not ocr.flagged
    # A 2021 report has no change column: letters only.
    assert ocr_cells(random.Random(1), "2021", "letters", {}, t3, t4).issues == [
        "parse_ocr_digit"]
    # A count of table 2 misprinted: NULL and an error; a 3 printed B: refuted, unscored.
    in_t2 = ocr_cells(random.Random(2), "2019", "letters_in_table2", t2, t3, t4)
    (item, measure), = in_t2.nulls
    printed = in_t2.cells[("t2", item, measure)]
    assert int(printed.translate(_OCR_READ)) == t2[item][measure] and in_t2.flagged
    assert "parse_bad_cell" in in_t2.issues
    refuted = ocr_cells(random.Random(3), "2021", "refuted", {}, t3, t4)
    (row, column), = refuted.unscored
    assert row == "granted" and refuted.cells[("t3", row, column)] == "1B"
    assert "possible_misread" in refuted.issues and refuted.flagged


def test_ocr_misreads_print_signs_and_letters_the_truth_reads_back_from() -> None:
    forms = set()
    for report in reports("ocr_misreads", n=24, layout="tabs"):
        expected = report.expected
        forms.add(expected["form"])
        t3 = expected["applications"]
        unscored = {tuple(k[1:]) for k in expected["unscored"]}
        misprinted = 0
        for code in t3:
            for column, cell in zip(APPLICANTS, t3_row(report.text, code), strict=True):
                if cell.isdigit() or cell == "":
                    continue
                misprinted += 1
                if (code, column) in unscored:
                    assert cell.replace("B", "3") == str(t3[code][column])
                else:
                    assert int(cell.translate(_OCR_READ)) == t3[code][column]
        if expected["template"] == "2019":
            changes = re.findall(r"\t([十一]\d+)(?=\t|$)", report.text, flags=re.MULTILINE)
            assert sorted(int(c[1:]) * (1 if c[0] == "十" else -1) for c in changes) == sorted(
                row["change"] for row in expected["proactive"].values()
                if row.get("change"))
        assert "parse_ocr_digit" in expected["issues"]
        assert expected["status"] == ("flagged" if expected["form"] != "letters"
                                      or expected["broken"] else "valid")
        if expected["form"] == "letters_in_table2":
            nulls = [(i, m) for i, row in expected["proactive"].items()
                     for m, v in row.items() if v is None]
            assert len(nulls) == 1 and "parse_bad_cell" in expected["issues"]
    assert forms == set(FORMS["ocr_misreads"])


def test_article_cells_stand_before_the_first_label_or_on_a_header() -> None:
    seen = set()
    for report in reports("t2_article_in_rows", n=24, layout="tabs"):
        form = report.expected["form"]
        seen.add(form)
        lines = report.text.split("\n")
        t2 = report.expected["proactive"]
        for article, item, label in (("第二十条第（一）项", "regulations", "规章"),
                                     ("第二十条第（六）项", "penalty", "行政处罚")):
            line = next(ln for ln in lines if ln.startswith(article + "\t"))
            values = [number(v, m) for m, v in t2[item].items()]
            assert line == "\t".join([article, label, *values])
        fees = next(i for i, ln in enumerate(lines) if ln.startswith("第二十条第（八）项\t"))
        if form.startswith("centred"):  # a block of one item: on its header's line
            assert lines[fees].split("\t")[1] == "信息内容"
        else:
            assert lines[fees].split("\t")[1] == "行政事业性收费"
        lead = "\t" if form.endswith("lead_blank") else ""
        assert any(ln.startswith(lead + ("行政规范性文件\t" if report.expected["template"]
                                         == "2021" else "规范性文件\t")) for ln in lines)
        assert report.expected["issues"] == []
    assert seen == set(FORMS["t2_article_in_rows"]) - {"rowspan"}
    for report in reports("t2_article_in_rows", n=2, layout="html"):
        assert report.expected["form"] == "rowspan"
        # Merged down its block: the header's row and the items' rows.
        assert '<td rowspan="3">第二十条第（一）项</td><td>信息内容</td>' in report.text
        assert ('</tr><tr><td>行政处罚</td>' in report.text
                and '<td rowspan="3">第二十条第（六）项</td>' in report.text)


def test_tables_in_an_appendix_follow_the_signature_and_date() -> None:
    seen = set()
    for report in reports("tables_in_appendix", n=40):
        if report.expected["layout"] in ("traditional", "html"):
            continue
        form = report.expected["form"]
        seen.add(form)
        lines = [ln.lstrip("#").strip() for ln in report.text.split("\n")]
        published = [int(p) for p in report.expected["published_on"].split("-")]
        date = next(i for i, ln in enumerate(lines)
                    if ln == "{}年{}月{}日".format(*published))
        word = "附件" if form.startswith("附件") else "附表"
        for n, title in enumerate(("主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                                   "政府信息公开行政复议、行政诉讼情况"), 1):
            reference = next(i for i, ln in enumerate(lines) if f"详见{word}{n}" in ln)
            caption = next(i for i, ln in enumerate(lines)
                           if ln.startswith(f"{word}{n}") and i > date)
            assert reference < date < caption and title in " ".join(lines[caption:caption + 3])
        assert min(i for i, ln in enumerate(lines) if "第二十条" in ln) > date
    assert seen == set(FORMS["tables_in_appendix"])


_IN_10K = {"亿元": 10_000, "亿": 10_000, "万元": 1, "万": 1, "元": 1 / 10_000}


def _read_amount(cell: str, header: str) -> float:
    unit = re.search(r"(亿元|亿|万元|万|元)$", cell.strip())
    if unit is None:
        unit = re.search(r"(亿元|万元|元)", header)
    number = float(re.match(r"[\d,.]+", cell.strip()).group(0).replace(",", ""))
    return number * _IN_10K[unit.group(1)] if unit else number


def test_money_in_other_units_reads_back_to_its_10k_yuan() -> None:
    seen = set()
    for report in reports("money_units", n=40, layout="tabs"):
        seen.add(report.expected["form"])
        lines = report.text.split("\n")
        item, label = (("procurement", "政府集中采购") if report.expected["template"] == "2019"
                       else ("fees", "行政事业性收费"))
        at = next(i for i, ln in enumerate(lines) if ln.startswith(label + "\t"))
        header, cell = lines[at - 1].split("\t")[-1], lines[at].split("\t")[-1]
        assert _read_amount(cell, header) == pytest.approx(
            report.expected["proactive"][item]["amount_10k_yuan"], abs=1e-6)
        assert report.expected["issues"] == []
    assert seen == set(FORMS["money_units"])
