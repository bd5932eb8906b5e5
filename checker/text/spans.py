"""Units of normalised report text that several stages split by: sentences, 《…》 titles, written years.

Kept in one place so that a rule, the locator and the reuse analysis agree on where a sentence ends
and which "2024年" is a year of the report (ranges such as "2021-2025" and years inside the title of a
document are not).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

SENTENCE = re.compile(r"[^。!?;\n]+[。!?;]?")
QUOTED = re.compile(r"《[^《》\n]{0,80}》")
YEAR_RANGE = re.compile(r"20\d{2}\s*[-—–~至到]\s*20\d{2}\s*年?")
_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年(?!\d)")


def named_years(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, int]]:
    """(year, start, end) for each year written as "2024年"/"2024年度" in text[start:end]."""
    end = len(text) if end is None else end
    masked = [(m.start(), m.end()) for m in YEAR_RANGE.finditer(text, start, end)]
    masked += [(m.start(), m.end()) for m in QUOTED.finditer(text, start, end)]
    for m in _YEAR.finditer(text, start, end):
        if not any(s <= m.start() < e for s, e in masked):
            yield int(m.group(1)), m.start(), m.end()


def counted_chars(text: str, start: int, end: int) -> int:
    """The characters of text[start:end] a part's length counts: everything but whitespace."""
    return sum(1 for ch in text[start:end] if not ch.isspace())
