"""A PDF page's characters and ruling lines read by pdfminer (through pdfplumber): slow,
pure Python, and able to place any page; the fallback of the PDFium reader."""

from __future__ import annotations

import pdfplumber

from pipelines.parsing._formats._pdf_geometry import PageGeometry


def read_page(page: pdfplumber.page.Page) -> PageGeometry:
    return PageGeometry(chars=page.chars, edges=page.edges, width=float(page.width),
                        height=float(page.height))
