"""The one-line text of a cell, as every converter cuts it."""

from __future__ import annotations

from pipelines.parsing._formats._text import clean, join_fragments


def test_clean_collapses_every_kind_of_whitespace_and_keeps_the_rest() -> None:
    """Each Unicode whitespace code point (ideographic space, no-break space, the
    information separators, line and paragraph separators among them) collapses, in runs,
    to one ASCII space and is stripped at the ends; every other code point stays."""
    whitespace = [chr(cp) for cp in range(0x110000)
                  if not 0xD800 <= cp < 0xE000 and chr(cp).isspace()]
    assert len(whitespace) == 29
    assert {"\u3000", "\u00a0", "\x1c", "\u2028", "\u2029", "\x85"} <= set(whitespace)
    for space in whitespace:
        assert clean(f"{space}受理{space}{space}12件{space}") == "受理 12件", hex(ord(space))
    assert clean("\u200b受理\u200b") == "\u200b受理\u200b"  # zero-width: not whitespace
    assert clean("") == ""
    assert clean(" \t\n ") == ""


def test_join_fragments_spaces_only_between_words_of_spaced_scripts() -> None:
    assert join_fragments(["依申请 ", " 公开", "", "  "]) == "依申请公开"
    assert join_fragments(["Annual", "report\t 2023"]) == "Annual report 2023"
    assert join_fragments(["第三方", "review"]) == "第三方review"
