"""numbering — heading numbers per level: gaps, repeats, levels out of order, mixed styles, "（一）、".

GB/T 9704-2012 numbers the levels of an official document 一、 → （一） → 1. → （1）. A reviewer marks a
number that skips (一、二、四、), repeats (二、二、), a level that has no parent level above it ((一) before
any 一、), a lower level that comes before a higher one in the same part (1. between 一、 and （一）),
sibling groups numbered in different styles (（一） under 一、 but 1、 under 二、; 1. and 1、 at one level),
and a bracketed number followed by a separator ("（二）、": the brackets already separate).

The headings come from the outline (numbered paragraphs; 一是…二是… and numbers inside running text are
not headings). Width does not matter ("（一）" and "(一)", "1." and "1．" are one style, the normaliser
folds them); "1." and "1、" are different styles of the same level. Numbering restarts under each new
parent, after a paragraph opening with 附件, and when a level restarts at 1 where no parent is numbered.
A level that opens above 1 right after a paragraph that holds the missing numbers in running text
("……:1.加强…" then a line "2.完善…", as a PDF breaks lines) is a list continued, not a gap.

Findings are on the number as written; message values: ``heading`` (the heading as written, shortened),
``expected`` (the number expected there, in the report's own style), ``suggestion`` (the same, when the
number itself should be replaced), ``marker`` (for ``level_below``: the higher-level number that follows).
Cases (``messages: {case: …}``): ``form`` (（一）、), ``gap``, ``repeat``, ``level_orphan`` ((一) with
no 一、), ``level_below`` (1. before （一）), ``mixed`` (a sibling group in another style).

Options:
  heading_chars  how much of a heading the message quotes (default 30 characters)

Examples:
    - name: standard numbering, restarting under each part
      text: |
        2024年,示例区民政局坚持依法行政。
        一、主要举措和成效
        (一)深入学习贯彻习近平法治思想。
        1.组织集体学法4次。
        2.开展述法评议。
        (二)严格规范公正文明执法。
        二、存在的不足和原因
        (一)执法人员不足。
        三、2025年工作计划
        继续推进严格规范公正文明执法。
      pass: true
    - name: a gap and the bracket-and-comma form
      text: |
        2024年,示例区民政局坚持依法行政。
        一、主要举措和成效
        （一）、深入学习贯彻习近平法治思想。
        二、存在的不足和原因
        四、2025年工作计划
      expect: [{evidence: "（一）、"}, {evidence: "四、"}]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from checker.model import Document, Finding, Heading, Outline
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams
from checker.text.markers import CN_NUM, chinese_numeral, leading_marker

# GB/T 9704-2012 order of levels; circled numbers (①) come last in practice.
RANK = {"cn": 1, "paren_cn": 2, "arabic": 3, "paren_arabic": 4, "circled": 5}
_NUMERAL = re.compile(rf"[{CN_NUM}]+|\d+|[①-⑳]")
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_ANNEX = re.compile(r"附件\s*\d*\s*[::]?")
# Where an inline list number may stand in running text: the paragraph start or after a clause break.
_INLINE_BEFORE = "^|[。;:!?,\\s]"


# check's local report(numbered, case, expected, *, suggest=True, **values)
_Report = Callable[..., None]


class Params(BaseParams):
    heading_chars: int = 30

    message_fields = ("heading", "expected", "suggestion", "marker")
    message_cases = ("form", "gap", "repeat", "level_orphan", "level_below", "mixed")


@dataclass(frozen=True)
class Numbered:
    """A numbered heading: where its number stands, its GB/T level and how the number is written."""

    heading: Heading
    rank: int
    ordinal: int
    sep: str  # what follows the number: "、" "." or "" (a bracketed number needs none)
    n_end: int  # end of the number (without the spaces after it)


@dataclass
class _Level:
    """One open level while walking the headings: its first heading, last number and separator."""

    first: Numbered
    last: int
    mixed_reported: bool = False
    children: list[Numbered] = field(default_factory=list)  # first heading of each child level opened


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    found: dict[int, Finding] = {}  # heading index → its finding (one per heading)

    def report(n: Numbered, case: str, expected: str, *, suggest: bool = True, **values: Any) -> None:
        if n.heading.index in found:
            return
        heading = doc.written(n.heading.n_start, n.heading.n_end).strip()
        if len(heading) > params.heading_chars:
            heading = heading[: params.heading_chars] + "…"
        extra: dict[str, Any] = {"suggestion": expected} if suggest else {}
        found[n.heading.index] = ctx.finding(
            n.heading.n_start, n.n_end, case=case, heading=heading, expected=expected, **extra, **values)

    for segment in _segments(doc.norm, ctx.outline):
        _walk(doc, segment, report)
    for index in sorted(found):
        yield found[index]


def _segments(norm: str, outline: Outline) -> list[list[Numbered]]:
    """The numbered headings, cut where an annex (附件) starts its own numbering."""
    annexes = [p.n_start for p in outline.paragraphs if _ANNEX.match(norm, p.n_start, p.n_end)]
    segments: list[list[Numbered]] = [[]]
    cut = iter(annexes)
    next_cut = next(cut, None)
    for h in outline.headings:
        numbered = _numbered(h)
        if numbered is None:
            continue
        while next_cut is not None and next_cut <= h.n_start:
            segments.append([])
            next_cut = next(cut, None)
        segments[-1].append(numbered)
    return [s for s in segments if s]


def _numbered(h: Heading) -> Numbered | None:
    if h.marker_kind not in RANK:
        return None
    found = leading_marker(h.marker)
    if found is None:
        return None
    marker = h.marker.rstrip()
    numeral = _NUMERAL.search(marker)
    after = marker[numeral.end() :] if numeral else ""
    sep = after.lstrip(")").strip()
    return Numbered(h, RANK[h.marker_kind], found[2], sep, h.n_start + len(marker))


def _walk(doc: Document, headings: Sequence[Numbered], report: _Report) -> None:
    top_rank = min(n.rank for n in headings)
    stack: list[_Level] = []
    first_child_of: dict[int, list[Numbered]] = {}  # parent rank (0: none) → first heading of each group
    seps: dict[int, Numbered] = {}  # rank → its first heading (whose separator the others should use)
    for n in headings:
        written = doc.written(n.heading.n_start, n.n_end)
        if n.sep and n.rank in (2, 4):
            report(n, "form", _without_sep(written))
        popped: list[_Level] = []
        while stack and stack[-1].first.rank > n.rank:
            popped.append(stack.pop())
        if stack and stack[-1].first.rank == n.rank:
            level = stack[-1]
            _sequence(doc, n, level, written, report)
            if not level.mixed_reported and n.rank not in (2, 4) and n.sep != level.first.sep:
                level.mixed_reported = True
                report(n, "mixed", _with_sep(written, _written_sep(doc, level.first)))
            # a number that goes back (三 then 二) leaves the count where it was: 四 after them is right
            level.last = n.ordinal if n.ordinal == 1 else max(level.last, n.ordinal)
            continue
        parent = stack[-1] if stack else None
        if parent is None and n.rank > top_rank and n.ordinal == 1:
            example = next(h for h in headings if h.rank == top_rank)
            report(n, "level_orphan", _renumber(doc.written(example.heading.n_start, example.n_end), 1),
                   suggest=False)
        elif parent is not None and popped and popped[-1].first.rank > n.rank:
            # A deeper level opened under this parent before this one: it stands above where it belongs.
            report(popped[-1].first, "level_below", _without_sep(written) if n.rank in (2, 4) else written,
                   suggest=False, marker=written)
        elif n.ordinal != 1 and not _continues_inline(doc, n):
            report(n, "gap", _renumber(written, 1))
        if n.rank not in (2, 4) and n.rank in seps and n.sep != seps[n.rank].sep:
            report(n, "mixed", _with_sep(written, _written_sep(doc, seps[n.rank])))
        seps.setdefault(n.rank, n)
        first_child_of.setdefault(parent.first.rank if parent else 0, []).append(n)
        stack.append(_Level(n, n.ordinal))
    _mixed_kinds(doc, first_child_of, report)


def _sequence(doc: Document, n: Numbered, level: _Level, written: str, report: _Report) -> None:
    """A sibling's number: the one after the last, or 1 when numbering restarts (not reported)."""
    expected = level.last + 1
    if n.ordinal == level.last:
        report(n, "repeat", _renumber(written, expected))
    elif n.ordinal != expected and n.ordinal != 1 and not _continues_inline(doc, n):
        report(n, "gap", _renumber(written, expected))


def _mixed_kinds(doc: Document, groups: dict[int, list[Numbered]], report: _Report) -> None:
    """Sibling groups under parents of one level that open with numbers of different levels."""
    for firsts in groups.values():
        ranks = Counter(n.rank for n in firsts)
        if len(ranks) < 2:
            continue
        # The most used style is the report's own; on a tie the higher GB/T level wins.
        usual = min(ranks, key=lambda r: (-ranks[r], r))
        example = next(n for n in firsts if n.rank == usual)
        pattern = doc.written(example.heading.n_start, example.n_end)
        for n in firsts:
            if n.rank != usual:
                report(n, "mixed", _renumber(pattern, n.ordinal))


def _continues_inline(doc: Document, n: Numbered) -> bool:
    """True when the paragraph before holds the previous number in running text (a PDF-broken list)."""
    before = doc.norm.rfind("\n", 0, max(n.heading.n_start - 1, 0))
    previous = doc.norm[before + 1 : n.heading.n_start]
    written = doc.norm[n.heading.n_start : n.n_end]
    prior = re.escape(_renumber(written, n.ordinal - 1))
    return re.search(f"(?:{_INLINE_BEFORE}){prior}", previous) is not None


def _without_sep(marker: str) -> str:
    """"（二）、" → "（二）"."""
    return marker.rstrip().rstrip("、.,，．。 ")


def _written_sep(doc: Document, n: Numbered) -> str:
    """The separator after a heading's number as the report wrote it ("．" stays full-width)."""
    written = doc.written(n.heading.n_start, n.n_end)
    return written[len(_without_sep(written)) :]


def _with_sep(marker: str, sep: str) -> str:
    return _without_sep(marker) + sep


def _renumber(marker: str, ordinal: int) -> str:
    """The same number written with another value: ("四、", 3) → "三、", ("（2）", 1) → "（1）"."""
    m = _NUMERAL.search(marker)
    if m is None:
        return marker
    token = m.group(0)
    if token.isdecimal():
        # keep the width the report wrote ("１．" stays full-width)
        value = str(ordinal) if token.isascii() else str(ordinal).translate(_FULL_WIDTH_DIGITS)
    elif "①" <= token <= "⑳":
        value = chr(ord("①") + ordinal - 1) if 1 <= ordinal <= 20 else str(ordinal)
    else:
        value = chinese_numeral(ordinal)
    return marker[: m.start()] + value + marker[m.end() :]

