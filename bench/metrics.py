"""Text-alignment measures of the PAN plagiarism-detection labs (Potthast et al., COLING 2010).

A *case* is a stretch of the query that truly comes from an archived report; a *detection* is a stretch
a method reports, with the archived report it names. Detection r *detects* case s when they name the
same archived report and share a character of the query. With |·| counting characters:

    precision   = mean over detections r of |⋃ (s ∩ r) over the cases s it detects| / |r|
    recall      = mean over cases s of      |⋃ (s ∩ r) over the detections r detecting it| / |s|
    granularity = mean over detected cases of the number of detections detecting it (1 is ideal)
    plagdet     = F1(precision, recall) / log2(1 + granularity)

Means run over all queries together (macro-averaged over cases and detections, as in PAN). Two choices
of this benchmark: characters are counted on the query side only (copydetect does not pair its slices
with the source's), and only *counted characters* count — the checker's unit (see checker/reuse/canon.py:
each letter once, each number once, no punctuation or spaces) — outside the boilerplate formulas, which
are neither reuse nor an error to report. The caller says which characters count with a boolean mask.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Span:
    start: int  # query text offsets, half-open
    end: int
    source: int  # the archived report it comes from


@dataclass(frozen=True)
class Judged:
    """One query: which characters count, its true cases and one method's detections."""

    counted: np.ndarray  # bool per character of the query text
    cases: Sequence[Span]
    detections: Sequence[Span]


@dataclass(frozen=True)
class CaseResult:
    chars: int  # counted characters of the case
    found: int  # of which some detection covers
    detections: int  # detections detecting it


@dataclass(frozen=True)
class Measures:
    precision: float
    recall: float
    granularity: float
    plagdet: float
    detections: int
    false_chars: int  # counted characters detected outside every case
    cases: tuple[CaseResult, ...]  # in the order of the queries and their cases


def _mask(span: Span, counted: np.ndarray) -> np.ndarray:
    mask = np.zeros(len(counted), dtype=bool)
    mask[span.start : span.end] = counted[span.start : span.end]
    return mask


def evaluate(queries: Iterable[Judged]) -> Measures:
    precisions: list[float] = []
    cases: list[CaseResult] = []
    false_chars = 0
    for q in queries:
        case_masks = [_mask(s, q.counted) for s in q.cases]
        detections = [(r, m) for r in q.detections if (m := _mask(r, q.counted)).any()]
        any_case = np.zeros(len(q.counted), dtype=bool)
        for m in case_masks:
            any_case |= m
        for r, rm in detections:
            hit = np.zeros(len(q.counted), dtype=bool)
            for s, sm in zip(q.cases, case_masks, strict=True):
                if s.source == r.source:
                    hit |= sm & rm
            precisions.append(hit.sum() / rm.sum())
            false_chars += int((rm & ~any_case).sum())
        for s, sm in zip(q.cases, case_masks, strict=True):
            found = np.zeros(len(q.counted), dtype=bool)
            n = 0
            for r, rm in detections:
                if r.source == s.source and (overlap := sm & rm).any():
                    found |= overlap
                    n += 1
            cases.append(CaseResult(int(sm.sum()), int(found.sum()), n))
    counted_cases = [c for c in cases if c.chars]
    if not counted_cases and not precisions:
        precision = recall = 1.0
    elif not counted_cases or not precisions:
        precision = recall = 0.0
    else:
        precision = float(np.mean(precisions))
        recall = float(np.mean([c.found / c.chars for c in counted_cases]))
    detected = [c.detections for c in counted_cases if c.detections]
    granularity = float(np.mean(detected)) if detected else 1.0
    return Measures(precision, recall, granularity, plagdet(precision, recall, granularity), len(precisions),
                    false_chars, tuple(cases))


def plagdet(precision: float, recall: float, granularity: float) -> float:
    if precision + recall == 0:
        return 0.0
    f1 = 2 * precision * recall / (precision + recall)
    return f1 / math.log2(1 + granularity)


def case_recall(results: Sequence[CaseResult]) -> tuple[float, float]:
    """Of these cases: the share detected at all, and the mean share of their characters detected."""
    counted = [c for c in results if c.chars]
    if not counted:
        return 1.0, 1.0
    return (sum(c.detections > 0 for c in counted) / len(counted),
            float(np.mean([c.found / c.chars for c in counted])))
