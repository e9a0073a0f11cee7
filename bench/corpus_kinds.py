"""Damage kinds first met in hand-written fixtures (tests/fixtures), as the generator draws
them: which variant (form) a report prints, the cells it prints otherwise than the
template does, and the issues a careful reader must then report.

* `browser_print_marks`: a web page printed by a browser, its header (date, time, the
  page's title) and footer (the address, a page counter such as 2/5) on every page, also
  between the rows of a table: dropped, the report read exactly (bench.corpus_pages).
* `group_subtotals`: table 3 printing the sums of a group's numbered rows, on the group's
  heading or on a 小计 row after them, or table 4 printed as three small tables and a
  fourth of their sums (合计): no row of the template, so not stored; checked against the
  rows it sums (a `parse_group_subtotal` warning).
* `ocr_misreads`: OCR took the signs of the 2019 本年增/减 for numerals (十3, 一2: read as
  +3 / -2, `parse_ocr_sign`) and digits of tables 3 and 4 for the letters they look like
  (1O, l, S, B: read as the digits, `parse_ocr_digit`, the checks confirming them).
* `t2_article_in_rows`: table 2's 第二十条第（N）项 cell, merged down each block by Word,
  printed on the line of the row it is centred on, before the item's label.
* `tables_in_appendix`: sections 二 to 四 refer to 附表1-3, printed after the signature.
* `money_units`: an amount in 亿元, 元 or 万元, the unit in the cell or in the header:
  stored in 万元.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

KINDS = ("browser_print_marks", "group_subtotals", "ocr_misreads", "t2_article_in_rows",
         "tables_in_appendix", "money_units")
FORMS: dict[str, tuple[str, ...]] = {
    # the footer: the page counter after the address, on a line of its own, or none; or
    # the page counter alone, the browser's header and address turned off
    "browser_print_marks": ("counter_after_address", "counter_own_line", "address_only",
                            "counter_only"),
    # table 3's groups (on the heading, a 小计 row, a 不予公开小计 row), or table 4 printed
    # as three small tables and a fourth of the litigation's or all three's sums
    "group_subtotals": ("heading", "小计", "group_小计", "t4_行政诉讼合计", "t4_合计"),
    "ocr_misreads": ("letters", "letters", "letters_in_table2", "refuted"),
    # in text on the first item's row or a one-item block's header row; in HTML merged
    # down the block (rowspan)
    "t2_article_in_rows": ("first_row", "centred", "first_row_lead_blank",
                           "centred_lead_blank", "rowspan"),
    "tables_in_appendix": ("附表_lines", "附表_colon", "附件_heading", "附表_in_heading"),
    "money_units": ("header_yi", "cell_yi", "cell_yi_short", "cell_yuan",
                    "cell_wan_under_yuan", "cell_wan_short", "header_wan"),
}
# The letters OCR prints for digits; each digit has a letter or two.
_OCR_LETTERS = {"0": ("O", "o"), "1": ("l", "I"), "5": ("S",), "8": ("B",)}
# Headers that state the unit of an amount, per item: (in 亿元, in 元, in 万元).
UNIT_HEADERS = {
    "procurement": ("采购总金额（亿元）", "采购总金额（元）", "采购总金额（万元）"),
    "fees": ("本年收费金额（单位：亿元）", "本年收费金额（单位：元）",
             "本年收费金额（单位：万元）"),
}


# Forms printed only in some layouts: table 4 as small tables is read in these; an article
# cell is merged down in HTML, and lands on a row in text.
_TEXT_ARTICLE = ("tabs", "spaces", "pipes")
_FORM_LAYOUTS = {"t4_行政诉讼合计": ("tabs", "pipes", "spaces"),
                 "t4_合计": ("tabs", "pipes", "spaces"),
                 **dict.fromkeys(FORMS["t2_article_in_rows"][:-1], _TEXT_ARTICLE),
                 "rowspan": ("html",)}


def draw_form(rng: random.Random, kind: str, layout: str) -> str:
    if kind not in FORMS:
        return ""
    return rng.choice([f for f in FORMS[kind] if layout in _FORM_LAYOUTS.get(f, (layout,))])


def money(rng: random.Random, t2: dict, form: str) -> dict[str, tuple[str, str | None]]:
    """Amounts printed in another unit than 万元 (`form`); `t2` gets the amounts in 万元
    they state. -> item -> (the cell as printed, the header when not the template's)."""
    printed: dict[str, tuple[str, str | None]] = {}
    for item, row in t2.items():
        if "amount_10k_yuan" not in row:
            continue
        in_yi, in_yuan, in_wan = UNIT_HEADERS[item]
        if form in ("header_yi", "cell_yi", "cell_yi_short"):
            # Whole 万元 in 亿元: up to four decimals, each a 万元; the cell's unit may be
            # 亿 alone.
            amount = rng.randint(1, 99_999)
            row["amount_10k_yuan"] = float(amount)
            text = f"{amount / 10_000:.4f}".rstrip("0").rstrip(".")
            unit = "亿" if form == "cell_yi_short" else rng.choice(("亿元", " 亿元"))
            printed[item] = (text, in_yi) if form == "header_yi" else (text + unit, None)
        elif form == "cell_yuan":
            cents = rng.randint(100, 900_000_000)
            row["amount_10k_yuan"] = cents / 1_000_000
            yuan = f"{cents // 100:,}" if rng.random() < 0.5 else str(cents // 100)
            printed[item] = (f"{yuan}.{cents % 100:02d}元", None)
        else:
            # 万元: in the cell under a header of 元 (the cell's own unit decides), 万
            # alone in the cell, or only in the header over a bare amount.
            amount = row["amount_10k_yuan"]
            if amount is None:  # left blank (a Traditional layout's blank cells): printed
                amount = row["amount_10k_yuan"] = round(rng.uniform(0.5, 900.0), 2)
            if form == "cell_wan_under_yuan":
                printed[item] = (f"{amount:.2f}万元", in_yuan)
            elif form == "cell_wan_short":  # 万 alone, under the template's header
                printed[item] = (f"{amount:.2f}万", None)
            else:
                printed[item] = (f"{amount:.2f}", in_wan)
    return printed


@dataclass(frozen=True, slots=True)
class Ocr:
    """What OCR printed otherwise, and what the warehouse must then hold."""

    cells: dict[tuple[str, str, str], str]  # (t2/t3/t4, row, column) -> the cell as printed
    issues: list[str]  # issue codes a reader must report
    flagged: bool = False
    nulls: tuple[tuple[str, str], ...] = ()  # table-2 (item, measure) left NULL
    unscored: tuple[tuple[str, str], ...] = ()  # table-3 (row, column) read wrong, flagged


def ocr_cells(rng: random.Random, template: str, form: str, t2: dict, t3: dict, t4: dict,
              ) -> Ocr:
    """The 2019 changes carry signs OCR reads as 十 / 一; two or three cells of tables 3
    and 4 print letters for some of their digits, read as those digits, the checks
    confirming them. `letters_in_table2`: a count of table 2 too, which no arithmetic
    checks: NULL and an error. `refuted`: a 3 of table 3 printed as B, read as 8: the
    checks refute it (a possible misread, flagged; the cell is not scored)."""
    cells: dict[tuple[str, str, str], str] = {}
    issues: set[str] = set()
    if template == "2019":
        for item, row in t2.items():
            change = row.get("change")
            if change:
                cells[("t2", item, "change")] = f"{'十' if change > 0 else '一'}{abs(change)}"
                issues.add("parse_ocr_sign")
    tables = {"t3": t3, "t4": t4}
    candidates = [(table, row, col) for table, values in tables.items()
                  for row, cols in values.items() for col, value in cols.items()
                  if value is not None and set(str(value)) & set(_OCR_LETTERS)]
    for key in rng.sample(candidates, min(len(candidates), rng.randint(2, 3))):
        table, row, col = key
        cells[key] = _misprint(rng, str(tables[table][row][col]))
        issues.add("parse_ocr_digit")
    if form == "letters_in_table2":
        counts = [(item, measure) for item, row in t2.items() for measure, value in row.items()
                  if measure not in ("change", "amount_10k_yuan")
                  and set(str(value)) & set(_OCR_LETTERS)]
        item, measure = rng.choice(counts)
        cells[("t2", item, measure)] = _misprint(rng, str(t2[item][measure]))
        return Ocr(cells, sorted({*issues, "parse_bad_cell"}), True, ((item, measure),))
    if form == "refuted":
        threes = [(row, col) for row, cols in t3.items() for col, value in cols.items()
                  if value is not None and "3" in str(value) and ("t3", row, col) not in cells]
        if threes:
            row, col = rng.choice(threes)
            cells[("t3", row, col)] = str(t3[row][col]).replace("3", "B", 1)
            return Ocr(cells, sorted({*issues, "parse_ocr_digit", "possible_misread"}), True,
                       unscored=((row, col),))
    return Ocr(cells, sorted(issues))


def _misprint(rng: random.Random, value: str) -> str:
    """`value` with some of its digits printed as the letters OCR takes them for."""
    digits = [i for i, d in enumerate(value) if d in _OCR_LETTERS]
    chosen = set(rng.sample(digits, rng.randint(1, len(digits))))
    return "".join(rng.choice(_OCR_LETTERS[d]) if i in chosen else d
                   for i, d in enumerate(value))


def expected_issues(kind: str, ocr: Ocr | None) -> list[str]:
    """The issue codes the warehouse must hold for a report of `kind`."""
    if ocr is not None:
        return ocr.issues
    if kind == "group_subtotals":
        return ["parse_group_subtotal"]
    return []

