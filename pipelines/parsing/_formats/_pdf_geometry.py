"""What table and line reading needs of a PDF page, whichever reader produced it.

Characters are dicts with pdfplumber's keys and edges rows that give pdfplumber's dicts on
demand, so that pdfplumber's own table finder and word grouping (pure Python over those
dicts) run on either reader's output and give the same cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pdfplumber.utils import extract_words

# An edge as the table finder reads it: x0, top, x1, bottom, width, height, orientation
# ("h", "v" or None) and pdfplumber's object_type. A tuple is cheaper to make and to read
# than pdfplumber's dict, and the PDFium reader makes one for every side of every cell.
Edge = tuple[float, float, float, float, float, float, str | None, str]


def edge_row(edge: dict) -> Edge:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"], edge["width"],
            edge["height"], edge["orientation"], edge["object_type"])


def edge_dict(row: Edge) -> dict:
    """pdfplumber's dict of an edge made by the PDFium reader (whose edges never leave the
    page's first top, so doctop is top)."""
    x0, top, x1, bottom, width, height, orientation, object_type = row
    return {"object_type": object_type, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "doctop": top, "width": width, "height": height, "orientation": orientation}


@dataclass(slots=True)
class PageGeometry:
    chars: list[dict]
    edge_rows: list[Edge]
    width: float
    height: float
    # pdfplumber's edge dicts, when pdfminer read the page; made from the rows on demand
    # otherwise (pdfplumber's own table finder, for a page of turned text, reads them).
    own_edges: list[dict] | None = None

    @property
    def edges(self) -> list[dict]:
        if self.own_edges is None:
            self.own_edges = [edge_dict(row) for row in self.edge_rows]
        return self.own_edges

    # What pdfplumber's TableFinder and Table read from a page.
    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)

    def extract_words(self, **kwargs: Any) -> list[dict]:
        return extract_words(self.chars, **kwargs)
