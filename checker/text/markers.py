"""Heading numbering as Chinese official documents write it (after width folding: （ → ( , ， → ,).

    一、  (一) (一)、 （一）  1. 1、 1．  (1) （1）  ①  and the inline 一是…二是…

Kept apart from ``outline`` because the normaliser needs them too: a line that starts with a marker is
never glued to the line before it.
"""

from __future__ import annotations

import re

from checker.model import MarkerKind

CN_NUM = "一二三四五六七八九十"

# Order matters: the first pattern that matches at the start of a paragraph wins.
MARKERS: tuple[tuple[MarkerKind, re.Pattern[str]], ...] = (
    ("paren_cn", re.compile(rf"^\(([{CN_NUM}]{{1,3}})\)\s*[、.,]?\s*")),
    ("cn", re.compile(rf"^([{CN_NUM}]{{1,3}})\s*[、.]\s*")),
    ("paren_arabic", re.compile(r"^\((\d{1,2})\)\s*[、.]?\s*")),
    ("arabic", re.compile(r"^(\d{1,2})\s*(?:[、]|\.(?!\d))\s*")),
    ("circled", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
)

# 一是 … 二是 …: an inline enumeration, at the start of a clause.
INLINE = re.compile(rf"(?:(?<=^)|(?<=[。;:,!?\n]))(?:第?([{CN_NUM}]{{1,3}})是)")


def leading_marker(line: str) -> tuple[MarkerKind, str, int] | None:
    """The numbering marker a line starts with: its kind, the marker text and its ordinal value."""
    for kind, pattern in MARKERS:
        m = pattern.match(line)
        if m:
            return kind, m.group(0), ordinal(m.group(1))
    return None


def chinese_numeral(n: int) -> str:
    """The inverse of ``ordinal`` for Chinese numerals: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五
    (heading numbers and congress numbers stay below 100)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_NUM[tens - 1] + "十")
    return head + (CN_NUM[ones - 1] if ones else "") if n else "〇"


def ordinal(token: str) -> int:
    """一→1, 十一→11, 二十→20, ①→1, '3'→3."""
    if len(token) == 1 and "①" <= token <= "⑳":  # before isdigit(): "①".isdigit() is True, int("①") fails
        return ord(token) - ord("①") + 1
    if token.isdecimal():
        return int(token)
    values = {c: i + 1 for i, c in enumerate(CN_NUM)}
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + values.get(token[1], 0)
    if token.endswith("十"):
        return values.get(token[0], 0) * 10
    if "十" in token:
        a, b = token.split("十", 1)
        return values.get(a, 0) * 10 + values.get(b, 0)
    return values.get(token, 0)
