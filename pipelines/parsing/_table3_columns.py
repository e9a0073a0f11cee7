"""Table 3's applicant columns in the order its own header prints them.

The template prints 自然人, the five columns of 法人或其他组织, then 总计; some reports move a
column, print 法人或其他组织 as one column, leave one of its columns out, or join two of them
under one head. The header says which: read from its words, never from the numbers
(whose sums do not change when two columns trade places).

Only what the header shows for sure is used. The five sub-columns always stand in one
header row, so their reading order is their order. Whether 自然人, the 法人 group and 总计
stand in another order is known only from one printed line naming two of them, or from a
run of lines that each print one cell (a table printed one cell per line prints a header
row that way); a 总计 printed alone on a line above (a cell merged down the header rows) says
nothing of its place.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import filterfalse, permutations
from operator import itemgetter
from typing import NamedTuple

from pipelines.parsing import vocabulary as vocab
from pipelines.parsing._normalize import squeeze
from pipelines.parsing._types import Cell, Issue
from pipelines.parsing._values import is_value_text

APPLICANTS = tuple(t.code for t in vocab.APPLICANT_TYPES)
_NATURAL, _TOTAL = APPLICANTS[0], APPLICANTS[-1]
SUBS = APPLICANTS[1:-1]  # the columns of 法人或其他组织
_GROUP = "legal"  # the 法人或其他组织 head: where its columns stand among the others

# A head's words, and the shortest part of them that a wrapped or one-character-per-line
# head still prints whole. 法人或其他组织 is tried first: it holds 其他. The rest of a
# wrapped 法人或其他组织 (其他组织) names no column of its own.
_HEAD = re.compile(
    "(?P<legal>法人或者?其他组织|法人)|(?P<tail>其他组织)|(?P<natural_person>自然人)"
    "|(?P<total>总计|合计)|(?P<commercial_enterprise>商业企业|商业)"
    "|(?P<research_institution>科研机构|科研)"
    "|(?P<social_welfare_org>社会公益组织|社会组织|公益组织|社会公益|社会)"
    "|(?P<legal_service_org>法律服务机构|法律服务|法律)|(?P<other_org>其他|其它)")
# What a head's text may hold besides its words: the rest of a wrapped head, and the marks
# that join two heads printed as one column (科研机构/社会公益组织).
_REST = frozenset("企业机构组织公益服务或者其他人计")
_JOINERS = frozenset("、/／和及与+＋")
# The second halves of heads printed over two lines, which name no column themselves.
_TAILS = frozenset({"企业", "机构", "组织", "公益", "服务", "公益组织", "服务机构", "其他组织",
                    "情况"})
_UNREAD = "?"  # a head misprinted past reading
_SUB_OR_UNREAD = frozenset((*APPLICANTS[1:-1], _UNREAD))
_HEAD_CHARS = frozenset("自然人总合计法或者其他它组织商业企科研机构社会公益律服务")
# The header of the template, as most reports print it, in reading order (the 法人 head
# left out): one row, or 自然人 and 总计 in the row above the five.
_USUAL = (
    (_NATURAL, *SUBS, _TOTAL),
    (_NATURAL, _TOTAL, *SUBS),
)


class Columns(NamedTuple):
    """The printed columns, left to right: an applicant code, or None for a column that
    joins several (stored nowhere: no code holds their sum)."""

    slots: tuple[str | None, ...]
    joined: tuple[str, ...] = ()  # codes printed only inside a joined column
    absent: tuple[str, ...] = ()  # sub-columns the header does not print
    problem: str | None = None  # why the header cannot place the columns


TEMPLATE = Columns(APPLICANTS)
_NO_TOTAL = Columns(APPLICANTS[:-1])


def header_columns(cells: list[Cell], first_line: int | None) -> Columns:
    """The columns the header above the table's first row prints; the template's order
    when there is no header naming the applicants."""
    if first_line is None:
        return TEMPLATE
    # Cells come in line order: those above the first row are the first few.
    above = cells[:bisect_left(cells, first_line, key=itemgetter(2))]
    text = squeeze("".join(filterfalse(is_value_text, map(itemgetter(0), above))))
    # Most tables print the template's header: its five heads side by side after 自然人,
    # and 总计 after 自然人 or in a row above it. Told by three searches.
    natural = text.find("自然人")
    subs = _TEMPLATE_SUBS.search(text, natural) if natural >= 0 else None
    if subs is not None:
        total = max(text.find("总计"), text.find("合计"))
        if total > natural or (total >= 0 and _total_in_row_above(above)):
            return TEMPLATE
    elif natural < 0 and "商业" not in text and "科研" not in text:
        return TEMPLATE  # no header naming the applicants
    matches = [m for m in _HEAD.finditer(text) if m.lastgroup not in (_GROUP, "tail")]
    heads = tuple(m.lastgroup for m in matches)
    if not heads:
        return TEMPLATE
    # Two heads joined by a mark (科研机构/社会公益组织) are one column.
    joined = any(b.start() == a.end() + 1 and text[a.end()] in _JOINERS
                 for a, b in zip(matches, matches[1:], strict=False))
    if not joined and (heads in _USUAL
                       or heads == _TOTAL_FIRST and _total_in_row_above(above)):
        return TEMPLATE  # most tables: nothing to place
    if _TOTAL not in heads:
        # A header that names the applicants and no 总计 was printed without it.
        named = "自然人" in text or "商业企业" in text
        if named and not joined and _placed_as_usual(heads):
            return _NO_TOTAL
        read = [h for h in heads if h in SUBS]
        if not named and read == [c for c in SUBS if c in read]:
            return TEMPLATE  # what was read stands as the template's
    return _read_header(above)


_TEMPLATE_SUBS = re.compile(
    "商业企业科研机构(?:社会公益组织|社会组织|公益组织)法律服务机构其[他它]")
# 总计 read first: printed in a row of its own above the others (merged down the header
# rows), or standing first in the row of 自然人.
_TOTAL_FIRST = (_TOTAL, _NATURAL, *SUBS)


def _total_in_row_above(above: list[Cell]) -> bool:
    """Whether 总计 stands in a header row above 自然人's, not beside it: a line of several
    cells, or a line apart from it (rows of one cell per line are parted by empty lines)."""
    total = natural = None
    beside = False  # the line of 总计 holds other cells
    for k, (text, _, line) in enumerate(above):
        if total is None and ("总计" in text or "合计" in text):
            total = line
            beside = (k > 0 and above[k - 1].line == line) or (
                k + 1 < len(above) and above[k + 1].line == line)
        elif natural is None and "自然人" in text:
            natural = line
            break
    if total is None or natural is None or total == natural:
        return False
    return natural > total + 1 or beside


def _placed_as_usual(heads: tuple[str | None, ...]) -> bool:
    subs = [h for h in heads if h in SUBS]
    return subs == list(SUBS) and (not heads or heads[0] == _NATURAL)


class _Head(NamedTuple):
    codes: tuple[str, ...]  # several: one column whose head joins them
    run: int  # heads of one run of the header stand in one row, in its order
    alone: bool  # its run is lines of one cell each: only 自然人/法人/总计 compare


def _read_header(above: list[Cell]) -> Columns:
    heads, unsure = _heads(above)
    # The sub-heads in reading order, a head misprinted past reading as _UNREAD.
    sequence = [h.codes for h in heads if set(h.codes) <= _SUB_OR_UNREAD]
    heads = [h for h in heads if h.codes != (_UNREAD,)]
    subs = [h for h in heads if set(h.codes) <= set(SUBS)]
    named_subs = [c for h in subs for c in h.codes]
    if len(set(named_subs)) != len(named_subs):
        return _unplaced("it names a column of 法人或其他组织 twice")
    group_named = any(_GROUP in h.codes for h in heads)
    codes = {c for h in heads for c in h.codes}
    # No 总计 only where the row of 自然人 was read, and it does not print one.
    has_total = _TOTAL in codes or _NATURAL not in codes
    # The block the 法人 group stands for: its columns in the header's order.
    if not named_subs:
        if group_named and not unsure:
            block: list[tuple[str, ...]] = [SUBS]  # 法人或其他组织 printed as one column
        else:
            block = [(c,) for c in SUBS]  # no sub-heads read: the template's
    elif len(named_subs) == len(SUBS) or not unsure:
        block = [h.codes for h in subs]
    elif _as_template(sequence, named_subs):
        block = [(c,) for c in SUBS]  # some heads unreadable, the rest as the template's
    else:
        return _unplaced("its 法人或其他组织 heads are in another order and not all readable")
    order = _top_order(heads, has_total)
    if order is None:
        return _unplaced("it names 自然人, 法人或其他组织 and 总计 in an order that does not "
                         "settle where each stands")
    slots: list[str | None] = []
    joined: list[str] = []
    for top in order:
        if top != _GROUP:
            slots.append(top)
            continue
        for codes in block:
            slots.append(codes[0] if len(codes) == 1 else None)
            if len(codes) > 1:
                joined += codes
    printed = {c for c in slots if c} | set(joined)
    absent = tuple(c for c in SUBS if c not in printed)
    return Columns(tuple(slots), tuple(joined), absent)


def _as_template(sequence: list[tuple[str, ...]], named: list[str]) -> bool:
    """Whether sub-heads partly unread stand as the template's: each read one in the
    template's place where every head of the five stands (a misprinted one too), or in
    the template's order where some are lost altogether (a head's word in pieces)."""
    if len(sequence) == len(SUBS) and all(len(h) == 1 for h in sequence):
        return all(h[0] in (_UNREAD, code) for h, code in zip(sequence, SUBS, strict=True))
    return (_UNREAD,) not in sequence and named == [c for c in SUBS if c in named]


def _unplaced(why: str) -> Columns:
    return Columns(TEMPLATE.slots, problem=f"the header cannot place its columns: {why}")


def _heads(above: list[Cell]) -> tuple[list[_Head], bool]:
    """The header's heads in reading order, and whether some text in it that names a
    head could not be read whole (a head glued to other words)."""
    lines: dict[int, list[str]] = {}
    for text, _, line in above:
        if not is_value_text(text) or not text:
            lines.setdefault(line, []).append(text)
    out: list[_Head] = []
    unsure = False
    run, previous, previous_alone = -1, -2, False
    for line, texts in sorted(lines.items()):
        tokens = [t for text in texts for t in text.split()]
        alone = len(tokens) <= 1
        if not (alone and previous_alone and line == previous + 1):
            run += 1
        previous, previous_alone = line, alone
        for token in tokens:
            found, clean = _token_heads(token)
            unsure |= not clean
            if clean or found == [(_UNREAD,)]:
                out += [_Head(codes, run, alone) for codes in found]
            elif all(set(codes) <= _SUB_OR_UNREAD for codes in found):
                # A sub-head glued to other marks: a head that stands there, unread.
                out.append(_Head((_UNREAD,), run, alone))
    return out, unsure


def _token_heads(token: str) -> tuple[list[tuple[str, ...]], bool]:
    """The heads one printed word holds, each a tuple of codes (several when joined); and
    whether the word holds nothing else."""
    found: list[tuple[str, ...]] = []
    end = 0
    clean = True
    for m in _HEAD.finditer(token):
        between = token[end:m.start()]
        end = m.end()
        if m.lastgroup == "tail":
            continue
        if found and between and set(between) <= _JOINERS and m.lastgroup in SUBS \
                and set(found[-1]) <= set(SUBS):
            found[-1] = (*found[-1], m.lastgroup)
            continue
        clean &= set(between) <= _REST
        found.append((m.lastgroup,))
    if not found:
        # A note or a head's rest names nothing; a piece of a head's word (其 | 他 printed
        # on two lines) hides a head the header may still print.
        if token in _TAILS:
            return [], True
        # A word with a head's characters and others is a head misprinted past reading.
        if sum(c in _HEAD_CHARS for c in token) >= 2:
            return [(_UNREAD,)], False
        return [], not set(token) <= _HEAD_CHARS
    clean &= set(token[end:]) <= _REST
    return found, clean


def _top_order(heads: list[_Head], has_total: bool) -> tuple[str, ...] | None:
    """The order of 自然人, the 法人 group and 总计: the template's unless the heads of one
    run say otherwise; None when they say so without settling it."""
    tops = (_NATURAL, _GROUP, _TOTAL) if has_total else (_NATURAL, _GROUP)
    before: set[tuple[str, str]] = set()
    runs: dict[int, list[_Head]] = {}
    for head in heads:
        runs.setdefault(head.run, []).append(head)
    for members in runs.values():
        seen: list[str] = []
        for head in members:
            top = _top(head.codes)
            if head.alone and top == _GROUP and head.codes != (_GROUP,):
                continue  # lines of one cell each: only the row 自然人/法人/总计 compares
            seen.append(top)
        for i, a in enumerate(seen):
            before.update((a, b) for b in seen[i + 1:] if b != a)
    before = {(a, b) for a, b in before if a in tops and b in tops}
    fits = [p for p in permutations(tops)
            if not any(p.index(a) > p.index(b) for a, b in before)]
    if tops in fits:
        return tops
    return fits[0] if len(fits) == 1 else None


def _top(codes: tuple[str, ...]) -> str:
    return codes[0] if codes[0] in (_NATURAL, _TOTAL) else _GROUP


_LABEL = {t.code: t.label for t in vocab.APPLICANT_TYPES}


def column_notes(columns: Columns) -> list[Issue]:
    """What a reader must know of columns placed otherwise than the template's."""
    if columns.problem:
        return [Issue("parse_column_order", "error",
                      f"table 3: {columns.problem}; its cells are left NULL")]
    notes = []
    printed = "、".join(_LABEL[c] if c else "+".join(_LABEL[j] for j in columns.joined)
                       for c in columns.slots)
    if columns.slots != tuple(c for c in APPLICANTS if c in columns.slots):
        notes.append(Issue("parse_column_order", "warning",
                           f"table 3: the header prints its columns as {printed}; "
                           f"each cell read under its own head"))
    if columns.joined:
        notes.append(Issue("parse_column_joined", "warning",
                           f"table 3: the header prints "
                           f"{'、'.join(_LABEL[c] for c in columns.joined)} as one column; "
                           f"no code holds their sum, so those cells are not stored"))
    if columns.absent:
        notes.append(Issue("parse_column_absent", "warning",
                           f"table 3: the header prints no "
                           f"{'、'.join(_LABEL[c] for c in columns.absent)} column; those "
                           f"cells are not stored"))
    return notes
