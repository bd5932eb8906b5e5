"""Canonical text for finding recycled passages, with a map back to the normalised text.

Drafters who recycle last year's report bump the years, change the figures, swap punctuation and
sometimes the script. On the normalised text (already simplified and width-folded) the canonical form
keeps only what carries the wording: CJK characters and letters, one character each, and every number
(a run of digits, with a decimal part) collapsed to "#". So "2023年全年办理12件。" and
"2024年,全年办理15件" are the same canonical string "#年全年办理#件".

The *counted characters* of a report, on which every reuse ratio is computed, are exactly these
canonical characters: punctuation and whitespace do not count, and a number counts once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

# letters of any script (CJK included) one by one, or a whole number
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]")
NUMBER = "#"
# Where a sentence ends, and where a clause ends (normalised text: punctuation already width-folded).
SENTENCE_STOPS = "。!?;\n"
CLAUSE_STOPS = SENTENCE_STOPS + ",、:"


@dataclass(frozen=True, eq=False)
class Canonical:
    text: str
    starts: np.ndarray  # canonical index → start offset in the normalised text
    ends: np.ndarray  # canonical index → end offset in the normalised text

    def __len__(self) -> int:
        return len(self.text)

    def norm_span(self, c_start: int, c_end: int) -> tuple[int, int]:
        """The normalised-text span of a canonical range (half-open)."""
        if c_end <= c_start:
            pos = int(self.starts[c_start]) if c_start < len(self.starts) else int(self.ends[-1])
            return pos, pos
        return int(self.starts[c_start]), int(self.ends[c_end - 1])

    def breaks(self, norm: str, stops: str = SENTENCE_STOPS) -> np.ndarray:
        """``breaks[i]``: a sentence (with ``CLAUSE_STOPS``: a clause) ends between canonical characters
        i - 1 and i (in ``norm``, the normalised text this was made from)."""
        at = np.asarray([i for i, ch in enumerate(norm) if ch in stops], dtype=np.int64)
        out = np.zeros(len(self.text), dtype=bool)
        if len(self.text) > 1 and len(at):
            out[1:] = np.searchsorted(at, self.starts[1:]) > np.searchsorted(at, self.ends[:-1])
        return out

    def index_at(self, n_offset: int) -> int:
        """The first canonical index at or after a normalised offset."""
        return int(np.searchsorted(self.starts, n_offset, side="left"))


def canonical(norm: str) -> Canonical:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _TOKEN.finditer(norm):
        token = m.group(0)
        chars.append(NUMBER if token[0].isdigit() else token)
        starts.append(m.start())
        ends.append(m.end())
    return Canonical("".join(chars), np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64))
