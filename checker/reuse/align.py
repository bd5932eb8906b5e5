"""Find the passages two texts share, robust to the edits drafters make when they recycle.

Seeding, extension and filtering, as in PAN text-alignment systems:
1. *Seeds*: every k-gram of the canonical text (k = ``K`` characters) is hashed with a polynomial
   rolling hash, vectorised with numpy; equal hashes in both texts are seed pairs. A gram that occurs
   more than ``MAX_OCCURRENCES`` times in either text says nothing about where a passage came from
   and is dropped.
2. *Extension*: seed pairs are chained in order of this text when each next seed follows within
   ``GAP`` characters here and near the same diagonal there. Edits inside a reused sentence (a swapped
   word, a changed figure) break the run of seeds for fewer than ``GAP`` characters, so the chain holds;
   reordered sentences start new chains, each a passage of its own. Chains are then bridged across
   dense small edits, grown over densely matching text and cut at sentence boundaries (extend.py):
   a sentence with a word or two changed every few characters keeps no K-gram at all.
3. *Filtering*: a chain shorter than ``MIN_CHARS`` canonical characters, or whose two sides are less
   than ``MIN_SIMILARITY`` alike, is dropped; where chains overlap here, the longer one wins.

Archive look-ups use the same hashes, thinned by winnowing (``winnow``): every shared run of at least
``K + WINDOW - 1`` canonical characters keeps at least one fingerprint in common, which is what makes
the index's recall guarantee.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel

from checker.reuse import extend

K = 8
WINDOW = 6  # winnowing window: runs of K + WINDOW - 1 = 13 canonical characters are always found
GAP = 2 * K
MIN_CHARS = 13
MIN_SIMILARITY = 0.5
MAX_OCCURRENCES = 4
_BASE = np.uint64(0x100000001B3)


@dataclass(frozen=True)
class Match:
    """Canonical ranges [q_start, q_end) here and [s_start, s_end) in the source."""

    q_start: int
    q_end: int
    s_start: int
    s_end: int
    similarity: float


def gram_hashes(text: str, k: int = K) -> np.ndarray:
    """uint64 hash of every k-gram of ``text`` (empty when the text is shorter than k)."""
    n = len(text) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _BASE + codes[j : j + n]
    return h


def winnow(hashes: np.ndarray, window: int = WINDOW) -> tuple[np.ndarray, np.ndarray]:
    """Winnowing (Schleimer et al.): the rightmost minimal hash of every window, each position once."""
    if len(hashes) == 0:
        return hashes, np.zeros(0, dtype=np.int64)
    if len(hashes) < window:
        pos = np.array([len(hashes) - 1 - int(np.argmin(hashes[::-1]))])
        return hashes[pos], pos
    windows = np.lib.stride_tricks.sliding_window_view(hashes, window)
    rightmost = window - 1 - np.argmin(windows[:, ::-1], axis=1)
    positions = np.unique(np.arange(len(windows)) + rightmost)
    return hashes[positions], positions.astype(np.int64)


def covered(n: int, starts: np.ndarray, k: int = K) -> np.ndarray:
    """Which of ``n`` positions lie inside a k-gram starting at one of ``starts``."""
    delta = np.zeros(n + k + 1, dtype=np.int64)
    np.add.at(delta, starts, 1)
    np.add.at(delta, starts + k, -1)
    return np.cumsum(delta)[:n] > 0


def covered_within(n: int, starts: np.ndarray, k: int = K) -> np.ndarray:
    """Which of ``n`` positions lie inside two k-grams starting at ``starts``, or inside a k-gram that
    overlaps no other: a run of grams less its first and last character.

    For grams the archive finds common: the grams across a formula's edges are common because the
    neighbouring words' first or last characters are (many words start with 政, many end with 要), and
    each would otherwise take one character of the report's own words with it."""
    delta = np.zeros(n + k + 1, dtype=np.int64)
    np.add.at(delta, starts, 1)
    np.add.at(delta, starts + k, -1)
    inside = np.cumsum(delta)[:n] >= 2
    unique = np.unique(starts)
    gaps = np.diff(unique)
    alone = unique[(np.r_[k, gaps] >= k) & (np.r_[gaps, k] >= k)]
    return inside | covered(n, alone, k)


def seed_pairs(q_hashes: np.ndarray, s_hashes: np.ndarray, max_occurrences: int = MAX_OCCURRENCES) -> np.ndarray:
    """(q_pos, s_pos) pairs of equal grams, sorted by q then s; over-frequent grams left out."""
    if len(q_hashes) == 0 or len(s_hashes) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    s_order = np.argsort(s_hashes, kind="stable")
    s_sorted = s_hashes[s_order]
    lo = np.searchsorted(s_sorted, q_hashes, side="left")
    hi = np.searchsorted(s_sorted, q_hashes, side="right")
    counts = hi - lo
    _, q_inverse, q_counts = np.unique(q_hashes, return_inverse=True, return_counts=True)
    keep = (counts > 0) & (counts <= max_occurrences) & (q_counts[q_inverse] <= max_occurrences)
    q_idx = np.nonzero(keep)[0]
    if len(q_idx) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    reps = counts[q_idx]
    q_pos = np.repeat(q_idx, reps)
    starts = np.repeat(lo[q_idx], reps)
    offsets = np.arange(len(q_pos)) - np.repeat(np.cumsum(reps) - reps, reps)
    s_pos = s_order[starts + offsets]
    pairs = np.stack([q_pos, s_pos], axis=1).astype(np.int64)
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]


def chain(pairs: np.ndarray, k: int = K, gap: int = GAP) -> list[list[extend.Block]]:
    """Group seed pairs into passages, each a list of exact blocks (q, s, length) in order."""
    open_chains: list[list] = []  # q_last, s_last, seeds
    done: list[list] = []
    for q, s in pairs.tolist():
        still_open: list[list] = []
        for c in open_chains:
            (still_open if q - c[0] <= gap else done).append(c)
        open_chains = still_open
        best, best_drift = None, gap + 1
        for c in open_chains:
            if c[0] < q or (c[0] == q and s > c[1]):
                drift = abs((s - c[1]) - (q - c[0]))
                if drift < best_drift:
                    best, best_drift = c, drift
        if best is None:
            open_chains.append([q, s, [(q, s)]])
        else:
            best[0], best[1] = q, s
            best[2].append((q, s))
    done.extend(open_chains)
    return [b for b in (_blocks(c[2], k) for c in done) if b]


def _blocks(seeds: list[tuple[int, int]], k: int) -> list[extend.Block]:
    """Seeds on one diagonal that overlap make one block; a block never starts before the previous
    one ends on either side, so that a passage reads forward in both texts."""
    out: list[extend.Block] = []
    for q, s in seeds:
        if out:
            bq, bs, n = out[-1]
            if q - s == bq - bs and q <= bq + n:
                out[-1] = (bq, bs, max(n, q + k - bq))
                continue
            shift = max(bq + n - q, bs + n - s, 0)
            if shift < k:
                out.append((q + shift, s + shift, k - shift))
        else:
            out.append((q, s, k))
    return out


def align(
    q_text: str,
    s_text: str,
    q_hashes: np.ndarray | None = None,
    s_hashes: np.ndarray | None = None,
    *,
    min_chars: int = MIN_CHARS,
    min_similarity: float = MIN_SIMILARITY,
    q_breaks: np.ndarray | None = None,
    s_breaks: np.ndarray | None = None,
    q_clauses: np.ndarray | None = None,
    s_clauses: np.ndarray | None = None,
) -> list[Match]:
    """The passages of canonical text ``q_text`` that also stand in ``s_text``, in order here.

    ``q_breaks`` and ``s_breaks`` (see ``Canonical.breaks``) mark where sentences end here and there;
    with them, passages are cut at sentence boundaries rather than a few characters past them.
    ``q_clauses`` and ``s_clauses`` mark clause ends the same way: a few characters before or after a
    comma ("各有关部门," against "各相关部门,": "关部门" is the same by chance) are cut there too, so that
    a passage does not start or end in the middle of a word."""
    qh = gram_hashes(q_text) if q_hashes is None else q_hashes
    sh = gram_hashes(s_text) if s_hashes is None else s_hashes
    chains = extend.bridge(chain(seed_pairs(qh, sh)), q_text, s_text)
    grown = extend.bridge([extend.extend(c, q_text, s_text) for c in chains], q_text, s_text)
    candidates = []
    for blocks in grown:
        blocks = extend.snap(extend.snap(blocks, q_breaks, s_breaks), q_clauses, s_clauses, partial=True)
        if not blocks:
            continue
        q0, q1, s0, s1 = extend.span(blocks)
        if q1 - q0 < min_chars:
            continue
        similarity = Indel.normalized_similarity(q_text[q0:q1], s_text[s0:s1])
        if similarity >= min_similarity:
            candidates.append(Match(q0, q1, s0, s1, round(similarity, 4)))
    return _longest_first(candidates)


def _longest_first(matches: list[Match]) -> list[Match]:
    """Where passages overlap here, keep the longer one and trim the others to what is left."""
    kept: list[Match] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(matches, key=lambda m: (-(m.q_end - m.q_start), m.q_start)):
        start, end = m.q_start, m.q_end
        for a, b in taken:
            if a <= start < b:
                start = b
            if a < end <= b:
                end = a
        if end - start >= MIN_CHARS and not any(a < end and start < b for a, b in taken):
            kept.append(Match(start, end, m.s_start, m.s_end, m.similarity) if (start, end) != (m.q_start, m.q_end)
                        else m)
            taken.append((start, end))
    return sorted(kept, key=lambda m: m.q_start)
