"""The agency's former name where the report states it: 「XX县卫生健康局（原XX县卫生和计划
生育局）」 in the title or the opening paragraph. The rename is then the report's own word,
not a guess from likeness; pipelines/agencies links the two names by it."""

from __future__ import annotations

import re
from collections.abc import Sequence

# （原…） right after a name, the former name ending like an agency's.
_FORMER = re.compile(r"[（(]原(?P<name>[\u4e00-\u9fff]{2,40}?(?:局|委员会|委|厅|办公室|办|署|中心))"
                     r"[）)]")
# The title and the opening paragraph: a rename is stated before the first table.
_OPENING_LINES = 12


def former_agency_name(lines: Sequence[str], start: int = 0) -> str | None:
    """The first former name stated in （原…） in the `_OPENING_LINES` non-blank lines from
    `start` (the title), or None."""
    seen = 0
    for line in lines[start:]:
        if not line.strip():
            continue
        match = _FORMER.search(line)
        if match:
            return match.group("name")
        seen += 1
        if seen >= _OPENING_LINES:
            break
    return None
