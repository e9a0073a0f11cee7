"""What table and line reading needs of a PDF page, whichever reader produced it.

Characters and edges are dicts with pdfplumber's keys, so that pdfplumber's own table
finder and word grouping (pure Python over those dicts) run on either reader's output and
give the same cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pdfplumber.utils import extract_words


@dataclass(slots=True)
class PageGeometry:
    chars: list[dict]
    edges: list[dict]
    width: float
    height: float

    # What pdfplumber's TableFinder and Table read from a page.
    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)

    def extract_words(self, **kwargs: Any) -> list[dict]:
        return extract_words(self.chars, **kwargs)
