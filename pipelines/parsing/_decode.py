"""Raw bytes -> text. The only stage that sees bytes."""

from __future__ import annotations

import codecs

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
    if not data.strip():
        raise ReportRejected("empty file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReportRejected(f"binary content: {what}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(encoding))
            except UnicodeDecodeError as exc:
                raise ReportRejected(f"invalid {encoding} after its byte-order mark") from exc
    encoding = _bomless_utf16(data)
    candidates = ([encoding] if encoding else []) + ["utf-8", "gb18030"]
    for candidate in candidates:
        try:
            return _checked(data.decode(candidate))
        except UnicodeDecodeError:
            continue
    raise ReportRejected("undecodable bytes: neither UTF-8, UTF-16 nor GB18030")


def _bomless_utf16(data: bytes) -> str | None:
    # ASCII-heavy UTF-16 has a NUL in every other byte; CJK-heavy UTF-16 does not, but
    # then UTF-8 and GB18030 decoding fail on it or yield NULs, which _checked rejects.
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _checked(text: str) -> str:
    if "\x00" in text:
        raise UnicodeDecodeError("text", b"", 0, 1, "NUL character in decoded text")
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > 0.01 * min(len(text), 20000):
        raise ReportRejected("binary content: too many control characters for a text file")
    return text
