"""Published formats -> the line-oriented text the parser reads.

HTML pages, PDF files with a text layer and Word .docx files are each turned into plain
lines: paragraphs as lines, each table row as one line with its cells separated by tabs
(a merged cell's text in its first cell, the cells it covers empty). `source_line` and
`raw_text` of the facts then refer to lines of that rendering, not of the original file.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Literal

from pipelines.parsing._decode import decode
from pipelines.parsing._types import ReportRejected

SourceFormat = Literal["text", "html", "pdf", "docx"]


@dataclass(frozen=True, slots=True)
class Converted:
    text: str
    source_format: SourceFormat
    # PDF pages PDFium could not place, read by the slower pdfminer reader instead.
    slow_pages: int = 0


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
# What an HTML file starts with once comments and whitespace are skipped; a text report
# never starts with a tag.
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<?xml",
                b"<table", b"<div", b"<p>", b"<p ", b"<title", b"<!--")


def sniff_format(head: bytes, name: str) -> SourceFormat:
    """Which converter a file goes to, from its first bytes (2 KB are enough) and name.

    The content decides, the file name only when the content is ambiguous: a PDF renamed
    to .txt is still read as a PDF.
    """
    lower = name.lower()
    # Some PDF writers put junk before the header; readers accept it within 1 KB.
    if b"%PDF-" in head[:1024] or lower.endswith(".pdf"):
        return "pdf"
    if head.startswith(_OLE):
        return "text"  # refused by the text decoder with its reason
    if head.startswith(_ZIP) or lower.endswith(".docx"):
        return "docx"
    if lower.endswith(_HTML_EXTENSIONS) or looks_like_html(head):
        return "html"
    return "text"


def convert(data: bytes, name: str) -> Converted:
    """The report's text, whatever format it was published in (see sniff_format)."""
    lower = name.lower()
    if not data or data.isspace():  # as `not data.strip()`, without copying the file
        raise ReportRejected("empty file")
    source_format = sniff_format(data[:2048], name)
    if source_format == "pdf":
        if b"%PDF-" not in data[:1024]:
            raise ReportRejected("corrupt PDF: no %PDF header")
        from pipelines.parsing._formats._pdf import read_pdf

        pdf = read_pdf(data)
        return Converted(pdf.text, "pdf", pdf.slow_pages)
    if data.startswith(_OLE):
        raise ReportRejected(
            "legacy .doc format is not supported; save as .docx"
            if not lower.endswith((".xls", ".ppt")) else
            "legacy Office binary format is not supported")
    if source_format == "docx":
        if not data.startswith(_ZIP):
            raise ReportRejected("corrupt .docx: not a ZIP container")
        from pipelines.parsing._formats._docx import docx_to_text

        return Converted(docx_to_text(data), "docx")
    if source_format == "html":
        from pipelines.parsing._formats._html import html_to_text

        return Converted(html_to_text(data), "html")
    return Converted(decode(data), "text")


def looks_like_html(data: bytes) -> bool:
    head = data[:2048]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(encoding, errors="ignore").encode("ascii", "ignore")
    head = head.removeprefix(codecs.BOM_UTF8).lstrip().lower()
    return head.startswith(_HTML_STARTS)
