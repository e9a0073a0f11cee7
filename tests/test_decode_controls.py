"""Binary content told by its share of control characters, whatever the encoding: the
count is taken from the bytes for UTF-8 and GB18030 and from the text otherwise, and the
two must draw the line at the same place (more than 1 % of the characters)."""

from __future__ import annotations

import codecs

import pytest

from pipelines.parsing._decode import decode
from pipelines.parsing._types import ReportRejected


def _text(controls: int) -> str:
    # 1,000 characters: `controls` of them \x01 to \x08 and \x0e to \x1f, spread out.
    marks = [chr(c) for c in (*range(0x01, 0x09), *range(0x0E, 0x20))]
    body = list("某某县交通运输局政府信息公开年度报告\n" * 60)[:1000]
    for k in range(controls):
        body[k * 90 + 5] = marks[k % len(marks)]
    return "".join(body)


ENCODINGS = [
    pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
    pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
    pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf-8 with BOM"),
    pytest.param(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), id="utf-16 with BOM"),
]


@pytest.mark.parametrize("encode", ENCODINGS)
def test_ten_controls_in_a_thousand_characters_are_text(encode) -> None:
    text = _text(10)
    assert len(text) == 1000
    assert decode(encode(text)) == text


@pytest.mark.parametrize("encode", ENCODINGS)
def test_eleven_controls_in_a_thousand_characters_are_binary(encode) -> None:
    with pytest.raises(ReportRejected, match="too many control characters"):
        decode(encode(_text(11)))
