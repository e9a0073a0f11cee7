"""A PDF page's characters and ruling lines read by pdfminer (through pdfplumber): slow,
pure Python, and able to place any page; the fallback of the PDFium reader."""

from __future__ import annotations

import pdfplumber

from pipelines.parsing._formats._pdf_geometry import PageGeometry, edge_row


def read_page(page: pdfplumber.page.Page) -> PageGeometry:
    edges = page.edges
    return PageGeometry(chars=page.chars, edge_rows=[edge_row(e) for e in edges],
                        width=float(page.width), height=float(page.height), own_edges=edges)
