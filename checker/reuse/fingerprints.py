"""A report's fingerprints: every gram hash (for look-ups) and the winnowed ones (for the archive)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from checker.reuse.align import gram_hashes, winnow
from checker.reuse.canon import canonical


@dataclass(frozen=True, eq=False)
class Fingerprints:
    counted: int  # counted characters (the canonical text's length)
    all_hashes: np.ndarray
    hashes: np.ndarray  # winnowed
    positions: np.ndarray


def fingerprints(norm: str) -> Fingerprints:
    canon = canonical(norm)
    every = gram_hashes(canon.text)
    hashes, positions = winnow(every)
    return Fingerprints(len(canon), every, hashes, positions)
