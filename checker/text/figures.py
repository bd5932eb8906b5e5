"""What counts as a figure in a report, and how many figures per 1,000 characters each part holds.

Inspectors criticise vague text "with few concrete figures" (DOMAIN.md); a figure here is a quantity a
reader could check: an Arabic number with a counter or unit ("办理行政复议案件12件", "37场", "1.5万元",
"300余人次", "98.6%"), or a Chinese numeral of ten or more with a counter ("十余次", "二十三件"). Not
counted: years ("2024年", "2021-2025年"), dates ("3月15日", the counters below do not include 月/日),
heading numbers ("1.", "(2)"), ordinals and articles ("第3次", "第十二条"), zero counts ("0家", template
residue that content.zero_boilerplate reports), and small Chinese numerals,
which are mostly formulas ("三项制度", "两个维护", "四个意识") or idioms ("一站式").

Works on normalised text (half-width digits and punctuation, simplified script), so full-width
"１２件", traditional "十二項" and a PDF's "12 件" count alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from checker.model import Section
from checker.text.spans import counted_chars

# Counters and units a quantity in these reports is given in (longest first where one begins another).
UNITS = ("人次|户次|批次|个月|平方米|公里|小时|余|多|件|次|个|项|家|人|名|场|期|批|起|宗|份|篇|条|部|所|户|"
         "座|套|本|册|万|亿|元|%|‰|亩|天|周|课时|学时|类|处|轮|堂|张|卷|单|笔|宗|支|队|组")
_ARABIC = re.compile(
    r"(?<![\d.第])(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s?(?:余|多)?\s?(?:万|亿)?\s?(?:" + UNITS + r")"
)
_CHINESE = re.compile(r"(?<![第一二三四五六七八九十百千万两零])(?:[一二三四五六七八九]?十[一二三四五六七八九]?|"
                      r"[一二三四五六七八九两][百千万][零一二三四五六七八九十百千]*)(?:余|多)?"
                      r"(?:人次|件|次|个|项|家|人|名|场|期|批|起|宗|份|篇|部|所|户)")
# A four-digit year read as "2024年" is no figure; neither is the start of a range "2021-2025".
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}\s?(?:年|[-—–~至到])")


def figure_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The figures in text[start:end], as (start, end) spans in document order."""
    end = len(text) if end is None else end
    years = {m.start() for m in _YEAR.finditer(text, start, end)}
    # a zero count ("取缔社会组织0家") is a template's, not a figure of the year's work
    spans = [(m.start(), m.end()) for m in _ARABIC.finditer(text, start, end)
             if m.start() not in years and float(m.group("number").replace(",", "")) != 0]
    spans += [(m.start(), m.end()) for m in _CHINESE.finditer(text, start, end)]
    return sorted(spans)


def part_counts(norm: str, sections: Iterable[Section], parts: Iterable[str] | None = None
                ) -> dict[str, tuple[int, int]]:
    """item id → (figures, counted characters) for each present part (only ``parts`` when given); a part
    is measured from where its content starts (its heading is not content) to its end."""
    wanted = set(parts) if parts is not None else None
    out: dict[str, tuple[int, int]] = {}
    for s in sections:
        if not s.present or s.n_start is None or s.n_end is None or (wanted is not None and s.id not in wanted):
            continue
        start = s.n_body if s.n_body is not None else s.n_start
        out[s.id] = (len(figure_spans(norm, start, s.n_end)), counted_chars(norm, start, s.n_end))
    return out


def per_thousand(figures: int, chars: int) -> float:
    return 1000.0 * figures / chars if chars else 0.0


def densities(counts: Mapping[str, tuple[int, int]], min_chars: int) -> dict[str, float]:
    """item id → figures per 1,000 characters, for the parts of at least ``min_chars`` characters."""
    return {item: per_thousand(f, c) for item, (f, c) in counts.items() if c >= min_chars}
