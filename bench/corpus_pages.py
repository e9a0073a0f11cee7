"""Where a synthetic report's tables and pages fall: the tables in their sections or in an
appendix after the signature (damage `tables_in_appendix`), and a browser's header and
footer printed on every page of a web page (damage `browser_print_marks`)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from typing import TypeVar

_T = TypeVar("_T")


def arrange(damage: str, form: str, sections: Sequence[tuple[str, list[_T]]],
            closing: list[_T], heading: Callable[[str], list[_T]],
            paragraph: Callable[[str], list[_T]]) -> list[_T]:
    """Sections 二 to 四, each (its heading, its table's lines), then the closing. With
    `tables_in_appendix`, each section only refers to its table (详见附表1。), and the
    tables follow the signature and the date under captions of the `form`'s kind."""
    if damage != "tables_in_appendix":
        return [line for title, body in sections for line in (*heading(title), *body)] + closing
    word = form.split("_")[0]  # 附表 or 附件
    out: list[_T] = []
    for n, (title, _) in enumerate(sections, 1):
        if form == "附表_in_heading":  # the reference inside the heading, no paragraph
            out += heading(f"{title}（详见{word}{n}）")
        else:
            out += [*heading(title), *paragraph(f"详见{word}{n}。")]
    out += closing
    for n, (title, body) in enumerate(sections, 1):
        name = title.split("、", 1)[1]
        if form in ("附表_lines", "附表_in_heading"):
            caption = [f"{word}{n}", name]
        elif form == "附表_colon":
            caption = [f"{word}{n}：{name}"]
        else:  # the section's heading printed again under the attachment's number
            caption = [f"{word}{n}", title]
        out += [line for text in caption for line in paragraph(text)] + body
    return out


# Browsers' clocks as a Chinese locale prints them in the page header: 12 hours with
# 上午 / 下午, or 24.
_CLOCKS = ("{d.year}/{d.month}/{d.day} {noon}{h12}:{d.minute:02d}",
           "{d.year}/{d.month}/{d.day} {d.hour:02d}:{d.minute:02d}")
_SITES = ("www.{s}.gov.cn/art/{d.year}/{d.month}/{d.day}/art_{a}_{b}.html",
          "{s}.gov.cn/zwgk/ndbg/{d.year}{d.month:02d}/t{d.year}{d.month:02d}{d.day:02d}_{b}"
          ".shtml",
          "www.{s}.gov.cn/col/col{a}/art.html?id={b}")


def browser_chrome(title: str, printed: dt.datetime, form: str, rng: random.Random,
                   ) -> tuple[str, str, bool]:
    """What a browser prints on every page of a web page: the header (its clock and the
    page's title), the page's address, and whether a page counter follows it; with
    `counter_only` the counter alone."""
    clock = rng.choice(_CLOCKS).format(d=printed, h12=(printed.hour - 1) % 12 + 1,
                                       noon="上午" if printed.hour < 12 else "下午")
    header = f"{clock} {title}{rng.choice(('', '_' + title[:4] + '门户网站'))}"
    site = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 6)))
    address = rng.choice(("https://", "http://")) + rng.choice(_SITES).format(
        s=site, d=printed, a=rng.randint(1000, 9999), b=rng.randint(100000, 9999999))
    if form == "counter_only":
        return "", "", True
    return header, address, form != "address_only"


def browser_marks(text: str, layout: str, chrome: tuple[str, str, bool], form: str,
                  rng: random.Random) -> str:
    """`text` as a browser prints it (`chrome`: see `browser_chrome`): the header on the
    first line and after every page break, the footer (the address, the page counter
    after it or, with `counter_own_line`, on a line of its own) before it and at the
    end. One break falls inside table 3, between two rows."""
    header, address, counter = chrome
    lines = text.split("\n")
    t3 = next(i for i, ln in enumerate(lines) if "三、收到和处理政府信息公开申请情况" in ln)
    t4 = next(i for i, ln in enumerate(lines) if "四、政府信息公开行政复议" in ln)
    inside = [i for i in _row_starts(lines, layout) if t3 + 2 < i < t4 - 1]
    elsewhere = [i for i in _row_starts(lines, layout) if 3 < i < len(lines) and i not in inside]
    breaks = sorted({rng.choice(inside), *rng.sample(elsewhere, rng.randint(1, 3))})
    pages = len(breaks) + 1

    def footer(page: int) -> list[str]:
        folio = [f"{page}/{pages}"] if counter else []
        if form == "counter_own_line":
            return [address, *folio]
        return [" ".join([*filter(None, [address]), *folio])]

    top = [header] if header else []
    for page, at in reversed(list(enumerate(breaks, 1))):
        lines[at:at] = [*footer(page), *top]
    return "\n".join([*top, *lines, *footer(pages)])


def _row_starts(lines: list[str], layout: str) -> list[int]:
    """Where a page may break: before any line, but inside a markdown table never between
    its header and its rule, and in a table printed one cell per line only between rows
    (after the empty line that ends one)."""
    if layout == "cells":
        return [i for i in range(1, len(lines)) if lines[i - 1] == "" and lines[i]]
    return [i for i in range(1, len(lines)) if not lines[i].startswith("|---")]
