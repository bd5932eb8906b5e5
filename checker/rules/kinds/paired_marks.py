"""paired_marks — 《》 “” （） ‘’ 【】 left open within their paragraph, or closed once too often.

A reviewer marks "《习近平法治思想学习纲要《习近平法治思想学习问答》" (》 missing after 纲要) and "“三项制度“"
(the closing quote typed the wrong way round). Each kind of mark is paired within its paragraph on the
normalised text (full-width （） are folded to ()). Titles and quotes do not nest in themselves (an inner
title is 〈〉, an inner quote ‘’), so a 《 opened while another 《 is open closes nothing: the first is
reported, and when the second is closed the suggestion closes the first before it ("《A》《B》"). A “ that
follows an open “ with no ” after it is the closing quote typed as an opening one (suggestion “A”).
Brackets nest ("(党组(扩大)会议)"). Straight double quotes have no direction: a paragraph with an odd
number of them is reported at the last one.

Not reported: a mark opened at the end of one paragraph and closed at the start of the next (a PDF line
break the normaliser left), and a ")" after a list number at the start of a clause ("1)" "一)" "a)": a list
marker, not a bracket; these are not headings either, so ``numbering`` does not see them). An apostrophe
’ between Latin letters is not a quote.

Findings: an unclosed mark is reported from the opening mark (to the next mark of its kind or the
paragraph end, at most ``max_span`` characters); a closing mark without an opening one on that mark
(on both, when it repeats the one before: "》》"). Message values: ``mark`` (the mark as written),
``expected`` (the mark that is missing) and ``suggestion`` when the correct text can be inferred. A stray
closing mark is the case ``extra`` (``messages: {extra: …}``).

Options:
  marks     the pairs checked, each a two-character string (default 《》 “” () ‘’ 【】)
  max_span  longest evidence from an unclosed opening mark (default 40 characters)

Examples:
    - name: nested and spanning several sentences
      text: |
        2024年,示例区民政局学习《习近平法治思想学习纲要》《〈中华人民共和国行政复议法〉释义》。
        开展“法律进社区”活动,发放“‘八五’普法”资料。全年办理行政复议案件3件(其中1件纠错)。
        1)加强执法培训;2)完善制度。
      pass: true
    - name: a title not closed before the next one
      text: |
        2024年,示例区民政局学习《习近平法治思想学习纲要《习近平法治思想学习问答》。
      expect: [{evidence: "《习近平法治思想学习纲要《习近平法治思想学习问答》"}]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import field_validator

from checker.model import Document, Finding
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams

# A list number closed by ")" at the start of a clause: "1)" "一)" "a)".
_LIST_MARKER = re.compile(r"(?:^|[。;:,、!?\s])(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[A-Za-z])\)$")


class Params(BaseParams):
    marks: tuple[str, ...] = ("《》", "“”", "()", "‘’", "【】")
    max_span: int = 40

    message_fields = ("mark", "expected", "suggestion")
    message_cases = ("extra",)

    @field_validator("marks")
    @classmethod
    def _pairs(cls, marks: tuple[str, ...]) -> tuple[str, ...]:
        # A rule that can never fire is a bug: every entry is an opening and a different closing mark.
        if not marks or any(len(m) != 2 or m[0] == m[1] for m in marks):
            raise ValueError("marks 的每一项应为两个不同的字符：开符号和闭符号，如“《》”")
        return marks


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    case: str
    mark: str
    expected: str
    suggestion: str | None = None


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    norm = doc.norm
    spans: list[_Span] = []
    paragraphs = [(p.n_start, p.n_end) for p in ctx.outline.paragraphs]
    for pair in params.marks:
        carried: list[_Span] = []  # marks the paragraph before left open, reported unless closed here
        for start, end in paragraphs:
            carried = _pair_in(doc, start, end, pair, carried, params.max_span, spans)
        spans += carried
        if pair == "“”":
            spans += _straight_quotes(norm, paragraphs, params.max_span)
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        # only a finding that knows the correct text carries a suggestion
        values: dict[str, Any] = {"suggestion": s.suggestion} if s.suggestion is not None else {}
        at = s.end - 1 if s.case == "extra" else s.start
        mark, expected = doc.written(at, at + 1), s.expected
        if mark != s.mark and expected.isascii():  # written full-width: name the missing mark so too
            expected = chr(ord(expected) + 0xFEE0)
        yield ctx.finding(s.start, s.end, case=s.case, mark=mark, expected=expected, **values)


def _pair_in(doc: Document, start: int, end: int, pair: str, carried: list[_Span], max_span: int,
             out: list[_Span]) -> list[_Span]:
    """Pair one kind of mark in one paragraph; report what is wrong; return the openers left open.

    Marks nest here (《…《…》…》 is balanced, if not GB/T 15834's 〈〉): only a count that does not add up
    is reported.
    """
    norm = doc.norm
    opener, closer = pair[0], pair[1]
    stack: list[int] = []
    closed_at: dict[int, int] = {}  # opening mark → its closing mark
    for i in range(start, end):
        ch = norm[i]
        if ch == opener:
            stack.append(i)
        elif ch == closer:
            if stack:
                closed_at[stack.pop()] = i
            elif carried:  # closes a mark the paragraph before left open: a broken line, not an error
                carried.pop()
            elif not _not_a_mark(norm, start, i, closer):
                twice = i > start and norm[i - 1] == closer
                out.append(_Span(i - 1 if twice else i, i + 1, "extra", closer, opener, closer if twice else None))
    out += carried  # not closed in the next paragraph either
    return _left_open(doc, stack, closed_at, end, pair, max_span)


def _left_open(doc: Document, left: list[int], closed_at: dict[int, int], end: int, pair: str,
               max_span: int) -> list[_Span]:
    """What to report for the marks of a paragraph left open, with the correct text where it is clear."""
    norm = doc.norm
    opener, closer = pair[0], pair[1]
    spans = []
    skip = set()
    for k, first in enumerate(left):
        if first in skip:
            continue
        following = norm.find(opener, first + 1, end)
        if opener == "《" and following in closed_at and closed_at[following] - first <= 2 * max_span:
            # 《A《B》 → 《A》《B》: the first title ends where the second begins
            close = closed_at[following]
            suggestion = doc.written(first, following) + closer + doc.written(following, close + 1)
            spans.append(_Span(first, close + 1, "", opener, closer, suggestion))
            continue
        if (opener != "《" and k + 1 < len(left) and left[k + 1] == following
                and following - first <= max_span):
            # “A“ with no ” after it: the closing quote typed the wrong way round
            skip.add(following)
            spans.append(_Span(first, following + 1, "", opener, closer, doc.written(first, following) + closer))
            continue
        stop = following if following != -1 else end
        spans.append(_Span(first, min(stop, first + max_span), "", opener, closer))
    return spans


def _not_a_mark(norm: str, start: int, i: int, closer: str) -> bool:
    if closer == ")":
        return _LIST_MARKER.search(norm[max(start, i - 4) : i + 1]) is not None or (
            i - 4 <= start and _LIST_MARKER.search(norm[start : i + 1]) is not None)
    if closer == "’":  # an apostrophe: People’s
        return 0 < i < len(norm) - 1 and norm[i - 1].isascii() and norm[i - 1].isalpha() and norm[i + 1].isalpha()
    return False


def _straight_quotes(norm: str, paragraphs: list[tuple[int, int]], max_span: int) -> list[_Span]:
    """Straight double quotes have no direction: an odd count in a paragraph leaves the last one open."""
    out = []
    for start, end in paragraphs:
        positions = [i for i in range(start, end) if norm[i] == '"']
        if len(positions) % 2:
            last = positions[-1]
            out.append(_Span(last, min(end, last + max_span), "", '"', '"'))
    return out
