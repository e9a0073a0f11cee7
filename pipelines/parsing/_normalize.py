"""Text -> normalized lines, keeping the raw line beside each for provenance.

Normalization (SPEC preamble): NFKC, Traditional -> Simplified (OpenCC t2s), page marks
dropped. Line numbers never change: a dropped line becomes an empty line.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import opencc

_PAGE_MARK = re.compile(
    r"^\s*(?:[-—–－]+\s*\d+\s*[-—–－]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*[,，/]?\s*第\s*\d+\s*页|\d+\s*/\s*\d+|-{3,}|\*{3,}|_{3,}"
    r"|<!--\s*page\s*break\s*-->|\f)\s*$",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3400-\u9fff]")
# Traditional share above which a text counts as Traditional; Simplified text changes
# in a handful of characters at most under t2s.
_TRADITIONAL_SHARE = 0.03


@dataclass(frozen=True, slots=True)
class Lines:
    """Parallel raw and normalized lines; index i is source line i + 1."""

    raw: tuple[str, ...]
    norm: tuple[str, ...]
    script: str
    squeezed: tuple[str, ...] = ()  # norm without whitespace, for matching words


@functools.cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def normalize(text: str) -> Lines:
    raw = [line.rstrip("\r") for line in text.split("\n")]
    nfkc = unicodedata.normalize("NFKC", "\n".join(raw))
    simplified = _t2s().convert(nfkc)
    norm = simplified.split("\n")
    if len(norm) != len(raw):  # a conversion that moved a line break: redo line by line
        norm = [_t2s().convert(unicodedata.normalize("NFKC", line)) for line in raw]
    script = _script(nfkc, simplified)
    norm = [_clean(line) for line in norm]
    return Lines(tuple(raw), tuple(norm), script, tuple(squeeze(line) for line in norm))


def normalize_fragment(text: str) -> str:
    """Normalize a short string the way whole documents are (for labels and tests)."""
    return _clean(_t2s().convert(unicodedata.normalize("NFKC", text)))


# Machine-converted mirror sites insert pinyin after characters: 公(gong)开(kai).
_PINYIN = re.compile(r"(?<=[\u3400-\u9fff])\((?:[a-zA-Z]{1,6}[1-4]?)\)")


def _clean(line: str) -> str:
    if len(line) < 40 and _PAGE_MARK.match(line):
        return ""
    if "(" in line:
        line = _PINYIN.sub("", line)
    # 其它 is a common variant of the template's 其他; the same length keeps offsets.
    return line.replace("其它", "其他")


def _script(before: str, after: str) -> str:
    cjk = len(before) - len(_CJK.sub("", before))
    if cjk == 0:
        return "simplified"
    changed = sum(map(str.__ne__, before, after))  # t2s maps character for character
    return "traditional" if changed / cjk > _TRADITIONAL_SHARE else "simplified"


_SQUEEZE = re.compile(r"[\s\u3000]+")


def squeeze(text: str) -> str:
    """Text without any whitespace: labels are compared in this form."""
    return _SQUEEZE.sub("", text)
