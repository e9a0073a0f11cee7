"""Raw bytes -> text. The only stage that sees bytes."""

from __future__ import annotations

import codecs
import re

from pipelines.parsing._types import ReportRejected

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Containers that sometimes arrive renamed to .txt; named so the rejection says what it is.
# PDF and ZIP (.docx) are read by pipelines.parsing._formats before text decoding.
_MAGIC = (
    (b"\xd0\xcf\x11\xe0", "an OLE container (e.g. .doc), not text"),
)


def decode(data: bytes) -> str:
    """Decode a report's bytes: BOM first, then UTF-8, UTF-16 without BOM, GB18030."""
    if not data or data.isspace():  # as `not data.strip()`, without copying the file
        raise ReportRejected("empty file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReportRejected(f"binary content: {what}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return _checked(body.decode(encoding),
                                body if encoding in _ONE_BYTE_CONTROLS else None)
            except UnicodeDecodeError as exc:
                raise ReportRejected(f"invalid {encoding} after its byte-order mark") from exc
    encoding = _bomless_utf16(data)
    candidates = ([encoding] if encoding else []) + ["utf-8", "gb18030"]
    for candidate in candidates:
        try:
            return _checked(data.decode(candidate),
                            data if candidate in _ONE_BYTE_CONTROLS else None)
        except UnicodeDecodeError:
            continue
    raise ReportRejected("undecodable bytes: neither UTF-8, UTF-16 nor GB18030")


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, told from the high byte of each code unit: for
    Chinese text it is 0x00 (ASCII), 0x30 (CJK punctuation), 0x4E-0x9F (CJK ideographs) or
    0xFF (full-width forms) almost every time; for UTF-8 or GB18030 text it is not."""
    sample = data[:4000]
    if len(sample) < 8:
        return None
    sample = sample[: len(sample) // 2 * 2]

    def share(high: bytes) -> float:
        # Counted by deleting them in C: a generator over 2000 bytes cost more than the
        # rest of decoding.
        return (len(high) - len(high.translate(None, _UTF16_HIGH))) / len(high)

    little, big = share(sample[1::2]), share(sample[0::2])
    if max(little, big) < 0.9:
        return None
    return "utf-16-le" if little >= big else "utf-16-be"


_UTF16_HIGH = bytes([0x00, 0x30, 0xFF, *range(0x4E, 0xA0)])
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])
# Encodings in which those characters are single bytes that no other character's bytes
# contain (UTF-8 continuation bytes are 0x80 and up, GB18030's second bytes 0x30 and up).
_ONE_BYTE_CONTROLS = frozenset({"utf-8", "gb18030"})
_SAMPLE = 20000


def _checked(text: str, data: bytes | None = None) -> str:
    """`text`, unless it is binary content; `data`, the bytes it was decoded from when
    they are in one of _ONE_BYTE_CONTROLS, lets the control characters be counted in C
    by deleting their bytes, much faster than matching them in the text."""
    if "\x00" in text:
        raise UnicodeDecodeError("text", b"", 0, 1, "NUL character in decoded text")
    sample = text[:_SAMPLE]
    if data is not None and len(text) <= _SAMPLE:
        controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    else:
        controls = len(_CONTROL.findall(sample))
    if controls > 0.01 * len(sample):
        raise ReportRejected("binary content: too many control characters for a text file")
    return text
