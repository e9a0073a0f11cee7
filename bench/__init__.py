"""Benchmarks and generated corpora.

The format renderers live with the tests that prove each format reads back
(tests/format_fixtures.py); the benchmark uses them as they are rather than keeping a
second copy, so that folder is importable from here.
"""

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parents[1] / "tests")
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)
