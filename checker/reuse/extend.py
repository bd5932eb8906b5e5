"""Grow seed chains into the passages a reviewer would mark.

A drafter who recycles a sentence often inserts, drops or replaces a word or two in it
("切实加强法治宣传教育,营造良好氛围" → "切实加强全民法治宣传教育工作,努力营造良好氛围"). Every such edit
breaks the K-grams around it, so a densely edited stretch leaves seed chains in pieces, or none.
Here a passage is a list of exact *blocks* (q, s, length), and:

1. *Bridging*: two chains in the same order on both sides, with a gap between them in which every
   unmatched stretch is at most ``EDIT`` characters, become one passage with the gap's matching
   blocks inside it.
2. *Extension*: from either end of a passage, the next characters of both texts are aligned (the matching
   blocks of a longest common subsequence, rapidfuzz's ``Indel``, on a window) and the passage grows
   block by block while the stretch it grows over stays dense: each
   unmatched stretch at most ``EDIT`` and two thirds of it matched. This is what reaches a
   sentence whose grams all differ but whose words are mostly the same.
3. *Snapping*: a passage whose first or last sentence contributes fewer than ``SNAP`` characters is cut
   at that sentence boundary, and a passage that starts or ends a few characters into a clause is cut at
   that clause's boundary (a half word matched by chance). Two bodies' reports on one template share the template's words and,
   by chance, a few characters on either side ("收到书面意见#条。" before a shared sentence);
   a reviewer marks the shared sentences, not those characters.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import Indel

Block = tuple[int, int, int]  # q, s, length: q[q : q + length] == s[s : s + length]

EDIT = 8  # the longest unmatched stretch (one side) counted as a small edit: a word or two
MIN_BLOCK = 2  # shorter common runs inside a gap are chance (one character, a particle)
MIN_EXTENSION = 3  # the last block an extension may end on
WINDOW = 48  # characters aligned at a time when extending
SNAP = 8  # a sentence fragment at an edge shorter than this is cut off


def bridge(passages: list[list[Block]], q: str, s: str) -> list[list[Block]]:
    """Join passages (each sorted, taken in order of q) whose gap is made of small edits. A passage
    that runs into the next one (both grown towards each other) is joined where it ends."""
    out: list[list[Block]] = []
    for blocks in sorted(passages, key=lambda b: (b[0][0], b[0][1])):
        if out and (joined := _join(out[-1], blocks, q, s)) is not None:
            out[-1] = joined
        else:
            out.append(list(blocks))
    return out


def _join(a: list[Block], b: list[Block], q: str, s: str) -> list[Block] | None:
    q0, s0 = a[-1][0] + a[-1][2], a[-1][1] + a[-1][2]
    if b[-1][0] + b[-1][2] <= q0 or b[-1][1] + b[-1][2] <= s0:
        return None  # not after it on both sides: another alignment (reordered text), kept apart
    b = _clip(b, q0, None, s0)
    if not b:
        return None
    q1, s1 = b[0][0], b[0][1]
    if q1 - q0 > 3 * EDIT or s1 - s0 > 3 * EDIT:
        return None
    inner = _dense(q[q0:q1], s[s0:s1])
    if inner is None:
        return None
    return [*a, *((q0 + i, s0 + j, n) for i, j, n in inner), *b]


def extend(blocks: list[Block], q: str, s: str, q_floor: int = 0, s_floor: int = 0) -> list[Block]:
    """Grow a passage forward and backward over densely matching text (not before the floors)."""
    blocks = list(blocks)
    while True:  # forward
        q0, s0 = blocks[-1][0] + blocks[-1][2], blocks[-1][1] + blocks[-1][2]
        grown = _grow(q[q0 : q0 + WINDOW], s[s0 : s0 + WINDOW])
        if not grown:
            break
        blocks.extend((q0 + i, s0 + j, n) for i, j, n in grown)
    while True:  # backward: the same on reversed text
        q1, s1 = blocks[0][0], blocks[0][1]
        qa, sa = max(q_floor, q1 - WINDOW), max(s_floor, s1 - WINDOW)
        grown = _grow(q[qa:q1][::-1], s[sa:s1][::-1])
        if not grown:
            break
        blocks[:0] = [(q1 - i - n, s1 - j - n, n) for i, j, n in reversed(grown)]
    return blocks


def snap(blocks: list[Block], q_breaks: np.ndarray | None, s_breaks: np.ndarray | None = None, *,
         partial: bool = False) -> list[Block]:
    """Cut an edge fragment of fewer than SNAP characters off at the sentence boundary behind it, when
    the source has a boundary there too (where the punctuation was changed, the fragment is the rest of
    one recycled sentence, not a neighbour's words).

    ``q_breaks[i]`` is True when a sentence ends between canonical characters i - 1 and i here,
    ``s_breaks`` the same there (None: judge by this side alone). With ``partial`` (clause boundaries),
    only a fragment that is part of a clause is cut: a short clause the passage holds whole
    ("各部门认真落实,") is recycled text like the rest, while "关部门," of "各有关部门," is a half word."""
    if q_breaks is None or not blocks:
        return blocks
    start, end = blocks[0][0], blocks[-1][0] + blocks[-1][2]
    inside = [b for b in (np.nonzero(q_breaks[start + 1 : end])[0] + start + 1).tolist()
              if s_breaks is None or _breaks_there(blocks, b, s_breaks)]
    if not inside:
        return blocks
    first, last = inside[0], inside[-1]
    whole_head = partial and (start == 0 or bool(q_breaks[start]))
    whole_tail = partial and (end >= len(q_breaks) or bool(q_breaks[end]))
    if first - start < SNAP and not whole_head:
        blocks = _clip(blocks, first, None)
    if end - last < SNAP and blocks and not whole_tail:
        blocks = _clip(blocks, None, last)
    return blocks


def _breaks_there(blocks: list[Block], q_at: int, s_breaks: np.ndarray) -> bool:
    """Whether the source has a sentence boundary where ``q_at`` falls in the passage."""
    s_lo = s_hi = None
    for bq, bs, n in blocks:
        if bq <= q_at <= bq + n:
            s_lo = s_hi = bs + q_at - bq
            break
        if bq > q_at:  # in the gap before this block
            s_hi = bs
            break
        s_lo = bs + n
    if s_lo is None or s_hi is None:
        return True
    return bool(s_breaks[s_lo : s_hi + 1].any())


def span(blocks: list[Block]) -> tuple[int, int, int, int]:
    """(q_start, q_end, s_start, s_end) of a passage."""
    return blocks[0][0], blocks[-1][0] + blocks[-1][2], blocks[0][1], blocks[-1][1] + blocks[-1][2]


def _clip(blocks: list[Block], start: int | None, end: int | None, s_start: int | None = None) -> list[Block]:
    """The blocks' parts at or after ``start`` (here) and ``s_start`` (there) and before ``end``."""
    out = []
    for bq, bs, n in blocks:
        lo = max(bq, start) if start is not None else bq
        if s_start is not None:
            lo = max(lo, bq + s_start - bs)
        hi = min(bq + n, end) if end is not None else bq + n
        if hi > lo:
            out.append((lo, bs + lo - bq, hi - lo))
    return out


def _matching(a: str, b: str) -> list[Block]:
    blocks = Indel.opcodes(a, b).as_matching_blocks()
    return [(m.a, m.b, m.size) for m in blocks if m.size >= MIN_BLOCK]


def _dense(a: str, b: str) -> list[Block] | None:
    """The matching blocks of a gap when every unmatched stretch in it is a small edit, else None."""
    blocks = _matching(a, b)
    i = j = 0
    for bi, bj, n in [*blocks, (len(a), len(b), 0)]:
        if bi - i > EDIT or bj - j > EDIT:
            return None
        i, j = bi + n, bj + n
    return blocks


def _grow(a: str, b: str) -> list[Block]:
    """The blocks at the head of ``a`` and ``b`` that a passage ending just before them may take in:
    up to the furthest block of at least MIN_EXTENSION characters such that no unmatched stretch
    before it exceeds EDIT and two thirds of what it grows over (longer side) are matched: a heading's
    "主要负责人……法治建设" next to last year's "党政主要负责人履行推进法治建设" is not."""
    taken: list[Block] = []
    best = 0
    matched = i = j = 0
    for bi, bj, n in _matching(a, b):
        if bi - i > EDIT or bj - j > EDIT:
            break
        taken.append((bi, bj, n))
        matched += n
        i, j = bi + n, bj + n
        if n >= MIN_EXTENSION and 3 * matched >= 2 * max(i, j):
            best = len(taken)
    return taken[:best]
