"""The benchmark's .docx files, written directly: python-docx's package with the body of
word/document.xml written as text.

tests/format_fixtures.to_docx builds each document through python-docx's object model
(about 60 ms a document, most of it inserting elements) and zips the whole package,
800 kB of style sheets included, every time; its files also carry the time they were
saved, so the same document differs from one minute to the next. Here the package
python-docx saves for an empty document is read and compressed once per process; a
document's body is serialized as python-docx serializes the same calls (the same
elements, attributes and escaping: the tests compare the two), and the zip entries carry
a fixed date, so the same document gives the same bytes.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from xml.sax.saxutils import escape

from format_fixtures import Document, Table, anchors, grid

_DOCUMENT = "word/document.xml"
# python-docx's block width in EMU (its template's page, 12,240 twips, less 1,800 each side); a
# new table divides it evenly between its columns.
_BLOCK_EMU = 5486400
_EMU_PER_TWIP = 635
_TABLE_PROPERTIES = (
    '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>')
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest a zip entry can say


@dataclass(frozen=True, slots=True)
class _Entry:
    name: bytes
    crc: int
    size: int
    packed: bytes


@dataclass(frozen=True, slots=True)
class _Template:
    entries: list[_Entry | None]  # None where word/document.xml goes
    head: str  # word/document.xml up to and including <w:body>
    tail: str  # its section properties and closing tags


@functools.cache
def _template() -> _Template:
    import docx  # only the generator needs it

    saved = io.BytesIO()
    docx.Document().save(saved)
    entries: list[_Entry | None] = []
    with zipfile.ZipFile(saved) as package:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == _DOCUMENT:
                text = data.decode("utf-8")
                cut = text.index("<w:body>") + len("<w:body>")
                head, tail = text[:cut], text[cut:]
                entries.append(None)
            else:
                entries.append(_entry(info.filename, data))
    return _Template(entries, head, tail)


def to_docx(document: Document) -> bytes:
    """The document as format_fixtures.to_docx writes it, with a fixed date."""
    template = _template()
    body = "".join(_paragraph(block) if isinstance(block, str) else _table(block)
                   for block in document.blocks)
    xml = (template.head + body + template.tail).encode("utf-8")
    return _zip([entry or _entry(_DOCUMENT, xml) for entry in template.entries])


def _paragraph(text: str) -> str:
    return f"<w:p>{_run(text)}</w:p>"


def _run(text: str) -> str:
    """python-docx's run for a text: tabs and line breaks as elements, the rest in w:t
    (space-preserving where it starts or ends with whitespace); an empty run is w:r/."""
    parts = []
    piece = []

    def flush() -> None:
        if piece:
            value = "".join(piece)
            space = ' xml:space="preserve"' if value != value.strip() else ""
            parts.append(f"<w:t{space}>{escape(value)}</w:t>")
            piece.clear()

    for char in text:
        if char == "\t":
            flush()
            parts.append("<w:tab/>")
        elif char in "\r\n":
            flush()
            parts.append("<w:br/>")
        else:
            piece.append(char)
    flush()
    return f"<w:r>{''.join(parts)}</w:r>" if parts else "<w:r/>"


def _table(table: Table) -> str:
    spans = anchors(table)
    owners = {}
    for (r0, c0), span in spans.items():
        for dr in range(span.rowspan):
            for dc in range(span.colspan):
                owners[(r0 + dr, c0 + dc)] = (r0, span)
    width = len(grid(table)[0])
    column = (_BLOCK_EMU // width) // _EMU_PER_TWIP
    out = [f"<w:tbl>{_TABLE_PROPERTIES}<w:tblGrid>",
           f'<w:gridCol w:w="{column}"/>' * width, "</w:tblGrid>"]
    for r in range(len(table)):
        out.append("<w:tr>")
        c = 0
        while c < width:
            r0, span = owners[(r, c)]
            properties = ""
            if span.colspan > 1:
                properties += f'<w:gridSpan w:val="{span.colspan}"/>'
            if span.rowspan > 1:
                properties += ('<w:vMerge w:val="restart"/>' if r == r0 else "<w:vMerge/>")
            if properties:
                properties = f"<w:tcPr>{properties}</w:tcPr>"
            content = _paragraph(span.text) if r == r0 else "<w:p/>"
            out.append(f"<w:tc>{properties}{content}</w:tc>")
            c += span.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _entry(name: str, data: bytes) -> _Entry:
    packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return _Entry(name.encode("utf-8"), zlib.crc32(data), len(data),
                  packer.compress(data) + packer.flush())


def _zip(entries: list[_Entry]) -> bytes:
    """A zip archive of deflated entries, every one dated 1980-01-01."""
    out = bytearray()
    directory = bytearray()
    for entry in entries:
        offset = len(out)
        fields = (20, 0, zipfile.ZIP_DEFLATED, 0, _DOS_DATE, entry.crc, len(entry.packed),
                  entry.size, len(entry.name), 0)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + entry.name + entry.packed
        directory += struct.pack("<IH", 0x02014B50, (3 << 8) | 20)
        directory += struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0o600 << 16, offset)
        directory += entry.name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                      len(directory), len(out), 0)
    return bytes(out + directory + end)
