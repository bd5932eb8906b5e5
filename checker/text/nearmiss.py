"""Near misses of fixed phrases: spans of a text one edit away from a phrase, found without comparing
every window of the text with every phrase.

One edit (a character missing, extra, wrong, or two swapped: Damerau–Levenshtein distance 1) destroys
at most k + 1 of a phrase's k-grams, so a phrase of length L > 2k + 1 keeps at least one of them intact.
Each phrase is indexed by its k-grams (k from 2 to 4, by its length); a gram found in the text anchors
the phrase at one start, and only the few windows around that start (one character more or less at
either end) are compared, with rapidfuzz. A phrase that stands at an anchor exactly is not a near miss.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein


@dataclass(frozen=True)
class NearMiss:
    start: int
    end: int
    phrase: int  # index into the phrases the index was built from


def gram_size(length: int) -> int:
    """The gram length that keeps one gram intact under one edit (see the module docstring)."""
    return max(2, min(4, (length - 1) // 2))


class PhraseIndex:
    """The k-grams of the phrases at least ``min_length`` long (shorter ones are never searched)."""

    def __init__(self, phrases: Sequence[str], min_length: int = 6) -> None:
        self.phrases = tuple(phrases)
        grams: dict[int, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
        for i, phrase in enumerate(self.phrases):
            if len(phrase) < max(min_length, 5):  # below 5 no gram size survives an edit
                continue
            k = gram_size(len(phrase))
            for offset in range(len(phrase) - k + 1):
                grams[k][phrase[offset : offset + k]].append((i, offset))
        self._grams = {k: dict(table) for k, table in grams.items()}
        # grams of a phrase left intact by one edit (a swap destroys k + 1 of its L - k + 1 grams)
        self._needed = [max(1, len(p) - 2 * gram_size(len(p))) for p in self.phrases]

    def near(self, text: str) -> list[NearMiss]:
        """Windows of ``text`` one edit away from a phrase, where the phrase is not written exactly.

        A window never spans a line break, nor starts or ends on punctuation the phrase does not have
        there ("…为指," is the phrase missing 导, not 导 replaced by a comma). Per phrase and place, one
        window: the one of the same length if it is one edit away, else the shortest.
        """
        hits_at: Counter[tuple[int, int]] = Counter()
        n = len(text)
        for k, table in self._grams.items():
            get = table.get
            for pos in range(n - k + 1):
                hits = get(text[pos : pos + k])
                if hits:
                    hits_at.update((i, pos - offset) for i, offset in hits)
        # One edit destroys at most k + 1 of a phrase's grams; the others still anchor it at its start, or
        # one character off after an insertion or deletion. A place with fewer cannot be a near miss: most
        # places are anchored by a single common gram ("法治"), and comparing their windows is the cost.
        anchors = [(i, s) for (i, s) in hits_at
                   if hits_at[(i, s - 1)] + hits_at[(i, s)] + hits_at[(i, s + 1)] >= self._needed[i]]
        found: dict[tuple[int, int], NearMiss] = {}
        for i, s in sorted(anchors):
            miss = self._at(text, i, s)
            if miss is not None:
                found.setdefault((i, miss.start), miss)
        return sorted(found.values(), key=lambda m: (m.start, m.end, m.phrase))

    def _at(self, text: str, i: int, s: int) -> NearMiss | None:
        phrase = self.phrases[i]
        length = len(phrase)
        if s >= 0 and text.startswith(phrase, s):
            return None
        best: tuple[tuple[int, int], int, int] | None = None  # (rank, start, end)
        for ds in (-1, 0, 1):
            for dl in (0, -1, 1):
                a = s + ds
                b = a + length + dl
                if a < 0 or b > len(text):
                    continue
                window = text[a:b]
                distance = DamerauLevenshtein.distance(window, phrase, score_cutoff=1)
                if distance == 0:
                    return None  # the phrase stands here (shifted by one): not a near miss
                if distance > 1 or "\n" in window or not _edges_fit(window, phrase):
                    continue
                rank = (abs(dl), -dl)  # same length first, then shorter
                if best is None or rank < best[0]:
                    best = (rank, a, b)
        return None if best is None else NearMiss(best[1], best[2], i)


def _edges_fit(window: str, phrase: str) -> bool:
    """False when the window starts or ends on a mark (punctuation, space) the phrase does not have there."""
    return (window[0] == phrase[0] or window[0].isalnum()) and (window[-1] == phrase[-1] or window[-1].isalnum())


def occurrences(text: str, phrases: Sequence[str]) -> list[tuple[int, int]]:
    """Every (start, end) where one of the phrases is written exactly (overlaps included)."""
    spans = []
    for phrase in set(phrases):
        if not phrase:
            continue
        at = text.find(phrase)
        while at >= 0:
            spans.append((at, at + len(phrase)))
            at = text.find(phrase, at + 1)
    return sorted(spans)
