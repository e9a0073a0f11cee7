"""Words of a page: pdfplumber's `extract_words(extra_attrs=["size"])` with its default
tolerances, for upright text, in a single pass without its general machinery.

The steps are pdfplumber's (`pdfplumber.utils.text.WordExtractor`): runs of characters of
the same size, in content order; each run cut into lines by clustering the characters'
tops within 3 points; a line's characters sorted left to right; a new word at a blank,
at a step back or at a gap wider than 3 points, or where the top moves by more than 3
points. tests/test_pdf_reading.py holds the two side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter

from pdfplumber.utils.text import LIGATURES

_X_TOLERANCE = 3.0
_Y_TOLERANCE = 3.0

Bbox = tuple[float, float, float, float]


def extract_words(chars: list[dict], *, by_size: bool = True,
                  skip: Sequence[Bbox] = ()) -> list[dict]:
    """by_size=False: pdfplumber's default extractor (no extra attributes), which does not
    cut runs where the size changes. A line whose every character has its middle in one
    box of `skip` (a table's, read cell by cell) is left out: each of its words would have
    its middle there too, since a word's box spans its characters' boxes."""
    words: list[dict] = []
    runs = groupby(chars, key=_SIZE) if by_size else [(None, chars)]
    for _, run in runs:
        run = list(run)
        if skip and _run_within_one(run, skip):
            continue  # a run of a table's cells (most of a ruled page): each line left out
        for line in _lines(run):
            if skip and _within_one(line, skip):
                continue
            line.sort(key=_LEFT_RIGHT)
            word: list[dict] = []
            # The word's last character: its left, right and top.
            left = right = top = 0.0
            for char in line:
                if char["text"].isspace():
                    if word:
                        words.append(_merge(word))
                        word = []
                    continue
                x0 = char["x0"]
                if word and (x0 < left or x0 > right + _X_TOLERANCE
                             or abs(char["top"] - top) > _Y_TOLERANCE):
                    # A new word at a step back, a gap, or a move up or down.
                    words.append(_merge(word))
                    word = []
                word.append(char)
                left, right, top = x0, char["x1"], char["top"]
            if word:
                words.append(_merge(word))
    return words


_SIZE = itemgetter("size")
# pdfplumber's ligatures are single characters: a word holds one if it shares a character.
_LIGATURES = frozenset(LIGATURES)
assert all(len(ligature) == 1 for ligature in _LIGATURES)
_LEFT_RIGHT = itemgetter("x0", "x1")


def _within_one(chars: list[dict], boxes: Sequence[Bbox]) -> bool:
    first = chars[0]
    x, y = (first["x0"] + first["x1"]) / 2, (first["top"] + first["bottom"]) / 2
    for x0, top, x1, bottom in boxes:
        if x0 <= x <= x1 and top <= y <= bottom:
            for c in chars:  # a loop, not all(): most lines of a table page pass here
                if not (x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                        and top <= (c["top"] + c["bottom"]) / 2 <= bottom):
                    return False
            return True
    return False


def _run_within_one(chars: list[dict], boxes: Sequence[Bbox]) -> bool:
    """Every character of a run in one box that no box before it touches: the box
    _within_one finds for any line of the run, which then holds the whole line."""
    first = chars[0]
    x, y = (first["x0"] + first["x1"]) / 2, (first["top"] + first["bottom"]) / 2
    for k, box in enumerate(boxes):
        x0, top, x1, bottom = box
        if x0 <= x <= x1 and top <= y <= bottom:
            if any(a0 <= x1 and x0 <= a1 and a_top <= bottom and top <= a_bottom
                   for a0, a_top, a1, a_bottom in boxes[:k]):
                return False
            return _within_one(chars, (box,))
    return False


def extract_text(chars: list[dict]) -> str:
    """pdfplumber's `extract_text(chars)` for upright characters: the words, clustered into
    lines by their tops as the characters are, one line of text per line."""
    return "\n".join(" ".join(word["text"] for word in line)
                     for line in _lines(extract_words(chars, by_size=False)))


def _lines(chars: list[dict]) -> list[list[dict]]:
    """pdfplumber's cluster_objects on `top`: distinct tops chained within tolerance,
    characters in content order inside each line.

    Sorted by top (a stable sort), the characters of a line with one top (nearly every
    line) are already in content order; a line of several tops is gathered again."""
    ordered = sorted(chars, key=_TOP)
    lines: list[list[dict]] = []
    tops: list[tuple[float, float]] = []  # each line's first and last top
    for top, same in groupby(ordered, key=_TOP):
        if lines and top <= tops[-1][1] + _Y_TOLERANCE:
            lines[-1].extend(same)
            tops[-1] = (tops[-1][0], top)
        else:
            lines.append(list(same))
            tops.append((top, top))
    for k, (first, last) in enumerate(tops):
        if first != last:
            lines[k] = [c for c in chars if first <= c["top"] <= last]
    return lines


_TOP = itemgetter("top")


def _merge(chars: list[dict]) -> dict:
    first = chars[0]
    if len(chars) == 1:  # a digit, a mark: a third of the words of a table page
        text = first["text"]
        if not _LIGATURES.isdisjoint(text):
            text = LIGATURES.get(text, text)
        return {"text": text, "x0": first["x0"], "x1": first["x1"], "top": first["top"],
                "bottom": first["bottom"], "size": first["size"]}
    x0, x1, top, bottom = first["x0"], first["x1"], first["top"], first["bottom"]
    for c in chars[1:]:
        if c["x0"] < x0:
            x0 = c["x0"]
        if c["x1"] > x1:
            x1 = c["x1"]
        if c["top"] < top:
            top = c["top"]
        if c["bottom"] > bottom:
            bottom = c["bottom"]
    text = "".join([c["text"] for c in chars])
    if not _LIGATURES.isdisjoint(text):
        text = "".join(LIGATURES.get(c["text"], c["text"] or "") for c in chars)
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "size": first["size"]}


