"""Table 3's applicant columns as a report's own header prints them, and tables laid out by
character positions the way pdftotext -layout writes them.

Column kinds (the values are decided before printing; the header and every row follow
the printed order, so only the header tells which column is which):

* `t3_columns_reordered`: the five columns of 法人或其他组织 in another order, and now and
  then 总计 first in the row of 自然人: read exactly (a warning says so);
* `t3_legal_joined`: 法人或其他组织 printed as one column holding the five's sum: no code
  holds it, so only 自然人 and 总计 are stored, and the template's cells are not all
  present (flagged by `rows_present`);
* `t3_column_absent`: one of the five left out (the report has no such applicants):
  the others read exactly, flagged by `rows_present`;
* `t3_header_unplaceable`: another order with one head misprinted past reading: where
  the columns stand is unknown, every printed cell NULL, flagged.

`pdf_layout_blanks`: every table printed as pdftotext -layout prints a PDF without ruling
lines: each cell at a character position, a label padded to a display width (a CJK
character counts two but is written as one, so a row's numbers move with its label's
length), a blank cell only spaces. Blank cells inside rows of tables 2, 3 and 4, which
the full rows' columns (or the heads over a table of one row) place: read exactly.
"""

from __future__ import annotations

import random
import unicodedata

from pipelines.parsing import vocabulary as vocab

APPLICANTS = tuple(t.code for t in vocab.APPLICANT_TYPES)
SUBS = APPLICANTS[1:-1]
LEGAL = "legal"  # 法人或其他组织 printed as one column
COLUMN_KINDS = ("t3_columns_reordered", "t3_legal_joined", "t3_column_absent",
                "t3_header_unplaceable")
_LABEL = {t.code: t.label for t in vocab.APPLICANT_TYPES}
# A head as OCR misprints it past reading (another character inside the word).
_MISPRINTED = {"commercial_enterprise": "商▲企业", "research_institution": "科▲机构",
               "social_welfare_org": "社▲公益组织", "legal_service_org": "法▲服务机构"}


def choose_columns(rng: random.Random, kind: str) -> list[str]:
    """The applicant columns as the report prints them, left to right."""
    if kind == "t3_legal_joined":
        return ["natural_person", LEGAL, "total"]
    subs = list(SUBS)
    if kind == "t3_column_absent":
        subs.remove(rng.choice(SUBS))
        return ["natural_person", *subs, "total"]
    while subs == list(SUBS):
        rng.shuffle(subs)
    if kind == "t3_columns_reordered" and rng.random() < 0.3:
        return ["total", "natural_person", *subs]
    return ["natural_person", *subs, "total"]


def prepare_values(kind: str, columns: list[str], t3: dict) -> None:
    """A column the report leaves out: it has no such applicants (0), its totals add up."""
    if kind == "t3_column_absent":
        (gone,) = [c for c in SUBS if c not in columns]
        for row in t3.values():
            row["total"] -= row[gone]
            row[gone] = 0


def header_rows(kind: str, columns: list[str], rng: random.Random) -> list[list[str]]:
    """Table 3's header rows in the generator's grid (two label columns in front)."""
    note = "(本列数据的勾稽关系为: 第一项加第二项之和, 等于第三项加第四项之和)"
    subs = [c for c in columns if c in SUBS]
    names = dict(_LABEL)
    if kind == "t3_header_unplaceable":
        misprinted = rng.choice([c for c in subs if c in _MISPRINTED])
        names[misprinted] = _MISPRINTED[misprinted]
    top, second = [], []
    for code in columns:
        if code in SUBS:
            top.append("法人或其他组织" if code == subs[0] else "")
            second.append(names[code])
        else:
            top.append("法人或其他组织" if code == LEGAL else names[code])
            second.append("")
    rows = [[note, "", "申请人情况", *[""] * (len(columns) - 1)], ["", "", *top]]
    if subs:
        rows.append(["", "", *second])
    return rows


def printed_value(code: str, cells: dict) -> int | None:
    if code != LEGAL:
        return cells[code]
    parts = [cells[c] for c in SUBS]
    return None if None in parts else sum(parts)


def expected(kind: str, columns: list[str], t3: dict) -> tuple[dict, bool]:
    """Table 3 as the warehouse must hold it, and whether the report must be flagged."""
    if kind == "t3_header_unplaceable":
        return {row: dict.fromkeys(APPLICANTS) for row in t3}, True
    kept = [c for c in columns if c != LEGAL]
    return {row: {c: cells[c] for c in kept} for row, cells in t3.items()}, \
        kind != "t3_columns_reordered"


# --- pdftotext -layout ---------------------------------------------------------------------

_GAP = 3  # spaces at least between two cells


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    """`text` and the spaces that make it `width` wide as printed (CJK counts two)."""
    return text + " " * max(_GAP, width - _width(text))


def laid_out_lines(label_rows: list[tuple[str, list[str]]], heads: list[list[str]],
                   label_width: int) -> list[str]:
    """Header lines (`heads`: one list per line, a cell per value column) and rows (a label
    and its value cells), each cell at its column's character position."""
    columns = len(label_rows[0][1]) if label_rows else len(heads[-1])
    widths = [max(6, *(len(h[c]) * 2 + 2 for h in heads if h[c])) for c in range(columns)]

    def line(label: str, cells: list[str]) -> str:
        out = _pad(label, label_width)
        for cell, width in zip(cells, widths, strict=True):
            out += cell + " " * (width - len(cell))
        return out.rstrip()

    return [*(line("", h) for h in heads), *(line(label, cells) for label, cells in label_rows)]


def blank_inside(rng: random.Random, t2: dict, t3: dict, t4: dict) -> None:
    """Blank cells where the columns still place them: inside table-3 rows (neither first
    nor last column), the middle measure of a table-2 item beside a full one, a table-4
    cell."""
    rows = sorted(t3)
    for row in rng.sample(rows, 2):
        t3[row][APPLICANTS[rng.randrange(1, len(APPLICANTS) - 1)]] = None
    pairs = [("regulations", "normative_documents")]
    item = rng.choice(rng.choice(pairs))
    measures = list(t2[item])
    t2[item][measures[1]] = None
    t4[rng.choice(sorted(t4))][rng.choice(("upheld", "corrected", "other", "pending"))] = None
