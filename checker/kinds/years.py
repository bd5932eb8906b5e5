"""Shared reading of the years a passage names (ranges like "2021-2025" and 《…》 titles excluded)."""

from __future__ import annotations

import re
from collections.abc import Iterator

_RANGE = re.compile(r"20\d{2}\s*[-—–~至到]\s*20\d{2}\s*年?")
_QUOTED = re.compile(r"《[^《》\n]{0,80}》")
_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年(?!\d)")


def named_years(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, int]]:
    """(year, start, end) for each year written as "2024年"/"2024年度" in text[start:end]."""
    end = len(text) if end is None else end
    masked = [(m.start(), m.end()) for m in _RANGE.finditer(text, start, end)]
    masked += [(m.start(), m.end()) for m in _QUOTED.finditer(text, start, end)]
    for m in _YEAR.finditer(text, start, end):
        if not any(s <= m.start() < e for s, e in masked):
            yield int(m.group(1)), m.start(), m.end()
