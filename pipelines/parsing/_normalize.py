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


def _whole_line(body: str, first: str = "") -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A pattern of a whole line, `body` with {s} for whitespace; and the same over a text
    with a newline in front ("\n" + the line), where {s} must not span a line break.
    Starting with a literal lets the search jump from line break to line break; `first`,
    the characters every match can start with (after blanks), turns most lines away in
    one test."""
    ahead = rf"(?=[^\S\n]*[{first}])" if first else ""
    return (re.compile("^" + body.format(s=r"\s") + "$", re.IGNORECASE),
            re.compile(r"\n" + ahead + body.format(s=r"[^\S\n]") + r"(?=\n|\Z)",
                       re.IGNORECASE))


_PAGE_MARK, _PAGE_MARK_LINE = _whole_line(
    r"{s}*(?:[-—–－]+{s}*\d+{s}*[-—–－]+|第{s}*\d+{s}*页(?:{s}*[,，/]?{s}*共{s}*\d+{s}*页)?"
    r"|共{s}*\d+{s}*页{s}*[,，/]?{s}*第{s}*\d+{s}*页|\d+{s}*/{s}*\d+|-{{3,}}|\*{{3,}}|_{{3,}}"
    r"|<!--{s}*page{s}*break{s}*-->|\f){s}*", first=r"-—–－第共\d*_<\f")
_PAGE_MARK_MAX = 40  # longer lines are text, whatever they look like
# A web page printed from a browser carries the browser's own header and footer on every
# page, in the middle of tables: the date and time with the page's title, and the page's
# address with the page count (https://…/art_1.html 2/5).
_BROWSER_MARK, _BROWSER_MARK_LINE = _whole_line(
    r"{s}*(?:https?://\S+(?:{s}+\d+{s}*/{s}*\d+)?"
    r"|\d{{4}}/\d{{1,2}}/\d{{1,2}}{s}+(?:上午|下午)?{s}*\d{{1,2}}:\d{{2}}(?:{s}*[AP]M)?"
    r"(?:{s}+\S.*)?){s}*")
# What every browser mark holds, found by a fast scan for its first character: most
# texts have neither, and the line-by-line match is skipped.
_BROWSER_HINT = re.compile(r"/\d{1,2}/\d")
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
    # `squeezed` joined by line breaks: several stages search the whole text at once, and
    # normalization has it before it splits it.
    squeezed_text: str = ""

    def __post_init__(self) -> None:
        if self.squeezed and not self.squeezed_text:
            object.__setattr__(self, "squeezed_text", "\n".join(self.squeezed))


@functools.cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# Characters of county names that a Traditional round trip does not give back: t2s
# writes 乾县 and 乾安县 as 干县 and 干安县, and a mirror site's s2t prints 浚县, 澄江,
# 卫辉 and 叙永 as 濬县, 澂江, 衞辉 and 敍永, which t2s leaves alone. 乾 is written on
# purpose wherever it stands (Simplified text writes 干 for 干燥), so it is always kept.
_KEPT = "乾"
_VARIANTS = str.maketrans("濬澂衞敍", "浚澄卫叙")
_VARIANT = re.compile("[濬澂衞敍]")


def _simplified(nfkc: str) -> str:
    """t2s, keeping what Simplified place names write."""
    simplified = _t2s().convert(nfkc)
    if simplified == nfkc:
        return simplified
    if _KEPT in nfkc and len(simplified) == len(nfkc):
        simplified = "".join(b if b == _KEPT else a
                             for b, a in zip(nfkc, simplified, strict=True))
    if _VARIANT.search(simplified):
        simplified = simplified.translate(_VARIANTS)
    return simplified


def normalize(text: str) -> Lines:
    raw, joined = _raw_lines(text)
    nfkc = _nfkc(joined)
    simplified = _simplified(nfkc)
    norm = simplified.split("\n")
    script = _script(nfkc, simplified)
    if len(norm) != len(raw):  # a conversion that moved a line break: redo line by line
        norm = [_clean(_simplified(unicodedata.normalize("NFKC", line))) for line in raw]
        return Lines(tuple(raw), tuple(norm), script, tuple(squeeze(line) for line in norm))
    cleaned = _clean_text(simplified)
    squeezed = _squeezed_text(cleaned)
    return Lines(tuple(raw), tuple(cleaned.split("\n")), script, tuple(squeezed.split("\n")),
                 squeezed)


def _raw_lines(text: str) -> tuple[list[str], str]:
    """The lines without their carriage returns, and those lines joined again."""
    if "\r" not in text:
        return text.split("\n"), text
    raw = [line.rstrip("\r") for line in text.split("\n")]
    return raw, "\n".join(raw)


def normalize_fragment(text: str) -> str:
    """Normalize a short string the way whole documents are (for labels and tests)."""
    return _clean(_simplified(unicodedata.normalize("NFKC", text)))


# Characters NFKC changes in almost every report, each with its compatibility
# decomposition. Replacing a character by its decomposition leaves a text's NFKC form
# unchanged, and most reports are in NFKC form once these are replaced.
_WIDE_FORMS = tuple((ch, unicodedata.normalize("NFKD", ch)) for ch in "，（）：；\xa0\u3000")


def _nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), skipping the normalization where the common
    replacements already give the normal form."""
    for wide, narrow in _WIDE_FORMS:
        if wide in text:
            text = text.replace(wide, narrow)
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


# Machine-converted mirror sites insert pinyin after characters: 公(gong)开(kai). The
# look-behind follows the parenthesis so that a search can skip from "(" to "(".
_PINYIN = re.compile(r"\((?<=[\u3400-\u9fff]\()(?:[a-zA-Z]{1,6}[1-4]?)\)")


def _clean(line: str) -> str:
    if len(line) < _PAGE_MARK_MAX and _PAGE_MARK.match(line) or _BROWSER_MARK.match(line):
        return ""
    if "(" in line:
        line = _PINYIN.sub("", line)
    # 其它 is a common variant of the template's 其他; the same length keeps offsets.
    return line.replace("其它", "其他")


def _clean_text(text: str) -> str:
    """`_clean` of every line of `text` in three passes over the whole text: none of its
    patterns spans a line break, so the lines come out as `_clean` makes them."""
    text = _PAGE_MARK_LINE.sub(_blank_short_line, "\n" + text)[1:]
    if "://" in text or _BROWSER_HINT.search(text):
        text = _BROWSER_MARK_LINE.sub("\n", "\n" + text)[1:]
    if "(" in text:
        text = _PINYIN.sub("", text)
    return text.replace("其它", "其他")


def _blank_short_line(match: re.Match[str]) -> str:
    return "\n" if len(match.group()) <= _PAGE_MARK_MAX else match.group()


def _script(before: str, after: str) -> str:
    """Traditional when t2s changed more than a small share of the CJK characters."""
    if before == after:
        return "simplified"
    changed = 0
    for b, a in _aligned_changes(before, after):
        changed += sum(map(str.__ne__, b, a))  # t2s maps character for character
        # There are at most len(before) CJK characters: past this share, counting them
        # could not change the answer.
        if changed / len(before) > _TRADITIONAL_SHARE:
            return "traditional" if _CJK.search(before) else "simplified"
    cjk = len(before) - len(_CJK.sub("", before))
    if cjk == 0:
        return "simplified"
    return "traditional" if changed / cjk > _TRADITIONAL_SHARE else "simplified"


def _aligned_changes(before: str, after: str) -> list[tuple[str, str]]:
    """Pairs of pieces of the two texts, each pair position for position, that hold every
    position where they differ: the lines that changed (most Simplified reports have
    none), or the whole texts once a line changed its length and shifted the rest."""
    before_lines, after_lines = before.split("\n"), after.split("\n")
    if len(before_lines) == len(after_lines):
        pairs = [(b, a) for b, a in zip(before_lines, after_lines, strict=True) if b != a]
        if all(len(b) == len(a) for b, a in pairs):
            return pairs
    return [(before, after)]


_SQUEEZE = re.compile(r"[\s\u3000]+")
_LINE_SPACE = re.compile(r"[^\S\n]+")  # whitespace but line breaks
# The whitespace left after tabs and spaces (every whitespace character lies below
# U+3001): most texts hold none, and a scan for each is faster than matching the class.
_OTHER_SPACES = tuple(ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch not in "\n\t ")


def _squeezed_text(text: str) -> str:
    """`squeeze` of every line of `text`, line breaks kept. Tabs and spaces, most of the
    whitespace, go first by plain replacement, much faster than matching them one by one."""
    text = text.replace("\t", "").replace(" ", "")
    if any(space in text for space in _OTHER_SPACES):
        text = _LINE_SPACE.sub("", text)
    return text


def squeeze(text: str) -> str:
    """Text without any whitespace: labels are compared in this form."""
    text = text.replace(" ", "")
    # Every whitespace character but the space is unprintable: most texts are done.
    return text if text.isprintable() else _SQUEEZE.sub("", text)
