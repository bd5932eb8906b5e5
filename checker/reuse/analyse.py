"""REUSE stage: compare this report with earlier reports and measure what it recycles.

Ratios follow the published definition of CNKI's 复制比, on *counted characters* (see canon.py): the
share of this report's counted characters that lie inside reused passages — overall, per source, and per
checklist item. ``ratio_without_boilerplate`` does not count characters covered by boilerplate grams:
formulas every report must contain (a phrase list in the checklist) and, with an archive, grams that many
different bodies' reports share.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel

from checker.model import (
    Analysed,
    Reuse,
    ReusedPassage,
    ReuseKind,
    ReuseSource,
    StaleFigure,
    innermost_section,
)
from checker.reuse import align
from checker.reuse.canon import CLAUSE_STOPS, Canonical, canonical
from checker.text.spans import SENTENCE

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A year is a number written as one: "2023年", "2023 年度", the first year of "2021—2025年". A bare 2000 in
# "发放资料2000份" is a count and 20.5 in "增长20.5%" a rate; both are figures that can go stale.
_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?=\s*(?:年|[-—–~～至到]\s*(?:19|20)\d{2}\s*年))")
# Calendar dates recur every year and are not figures: observance days written "12·4"/"4·15" (国家宪法日,
# 全民国家安全教育日), "3月15日", "3月", "15日".
_DATE = re.compile(r"(?<![\d.])\d{1,2}\s*[·•・‧∙]\s*\d{1,2}(?![\d.])|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*[日号]")


@dataclass(frozen=True)
class SourceText:
    """What the comparison needs of an earlier report whatever it is compared with: its canonical text
    and where its sentences and clauses end. Kept with a prepared report (see ``reuse.prepared``)."""

    canon: Canonical
    breaks: np.ndarray
    clauses: np.ndarray


def source_text(norm: str) -> SourceText:
    cs = canonical(norm)
    return SourceText(cs, cs.breaks(norm), cs.breaks(norm, CLAUSE_STOPS))


@dataclass(frozen=True)
class SourceReport:
    analysed: Analysed
    path: str | None
    org: str | None
    year: int | None
    kind: ReuseKind
    text: SourceText | None = None  # made from ``analysed`` when not given


def boilerplate_hashes(phrases: Iterable[str], normalise: Callable[[str], str]) -> np.ndarray:
    """Gram hashes of the checklist's boilerplate formulas (normalised like any report text)."""
    found = [align.gram_hashes(canonical(normalise(p)).text) for p in phrases]
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.uint64)


def boilerplate_mask(q_hashes: np.ndarray, n: int, boilerplate: np.ndarray,
                     common: np.ndarray | None = None) -> np.ndarray:
    """Which of the ``n`` canonical characters are boilerplate: inside a formula of the checklist
    (``boilerplate``, its gram hashes), or inside text the archive finds ``common`` — less the edge
    characters only one common gram covers (see ``align.covered_within``)."""
    mask = align.covered(n, np.nonzero(np.isin(q_hashes, boilerplate))[0])
    if common is not None and len(common):
        mask |= align.covered_within(n, np.nonzero(np.isin(q_hashes, common))[0])
    return mask


def analyse_reuse(
    current: Analysed,
    sources: Sequence[SourceReport],
    boilerplate: np.ndarray,
    common: np.ndarray | None = None,
) -> Reuse:
    """The passages ``current`` shares with ``sources``; ``boilerplate`` holds the gram hashes of the
    checklist's formulas, ``common`` those the archive finds used by many bodies."""
    cq = canonical(current.doc.norm)
    qh = align.gram_hashes(cq.text)
    q_breaks = cq.breaks(current.doc.norm)
    q_clauses = cq.breaks(current.doc.norm, CLAUSE_STOPS)
    bp_mask = boilerplate_mask(qh, len(cq), boilerplate, common) | _structure(current, cq)
    total = max(len(cq), 1)
    covered = np.zeros(len(cq), dtype=bool)
    covered_self = np.zeros(len(cq), dtype=bool)
    covered_own = np.zeros(len(cq), dtype=bool)
    covered_peer = np.zeros(len(cq), dtype=bool)
    passages: list[ReusedPassage] = []
    stale: list[StaleFigure] = []
    reuse_sources: list[ReuseSource] = []
    for index, src in enumerate(sources):
        st = src.text or source_text(src.analysed.doc.norm)
        cs = st.canon
        mine = np.zeros(len(cq), dtype=bool)
        own = np.zeros(len(cq), dtype=bool)  # covered by pieces that are the report's own words
        for whole in align.align(cq.text, cs.text, qh, q_breaks=q_breaks, s_breaks=st.breaks,
                                 q_clauses=q_clauses, s_clauses=st.clauses):
            for m, is_boilerplate in _split(whole, bp_mask, cq.text, cs.text):
                mine[m.q_start : m.q_end] = True
                if not is_boilerplate:
                    own[m.q_start : m.q_end] = True
                passages.append(_passage(current, src, index, cq, cs, m, is_boilerplate))
            if src.kind == "self":
                stale.extend(_stale(current, src, index, cq, cs, whole))
        covered |= mine
        covered_own |= own
        if src.kind == "self":
            covered_self |= own
        else:
            covered_peer |= own
        reuse_sources.append(ReuseSource(
            src.path, src.org, src.year, src.kind,
            round(mine.sum() / total, 4), round((own & ~bp_mask).sum() / total, 4),
        ))
    return Reuse(
        ratio=round(covered.sum() / total, 4),
        ratio_without_boilerplate=round((covered_own & ~bp_mask).sum() / total, 4),
        sections=_by_section(current, cq, covered_own & ~bp_mask),
        self_sections=_by_section(current, cq, covered_self & ~bp_mask),
        sources=tuple(reuse_sources),
        passages=tuple(sorted(passages, key=lambda p: (p.start, p.source))),
        stale=tuple(sorted(stale, key=lambda f: (f.start, f.source))),
        chars=len(cq),
        reused_chars=int(covered.sum()),
        ratio_self=round((covered_self & ~bp_mask).sum() / total, 4),
        ratio_peer=round((covered_peer & ~bp_mask).sum() / total, 4),
    )


def _split(m: align.Match, bp_mask: np.ndarray, q: str, s: str) -> list[tuple[align.Match, bool]]:
    """Cut a passage where it passes from boilerplate to the report's own words and back, so that a
    recycled sentence chained onto a recycled formula is still shown (runs shorter than MIN_CHARS go
    with the run before them). The source side of a piece is placed in proportion."""
    flags = bp_mask[m.q_start : m.q_end]
    runs: list[list[int]] = []  # start, end (relative), flag
    for i, flag in enumerate(flags.tolist()):
        if runs and runs[-1][2] == flag:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1, flag])
    # a short run of structure at either edge (a heading before a recycled sentence) is cut off
    while len(runs) > 1 and runs[0][2] and runs[0][1] - runs[0][0] < align.MIN_CHARS:
        runs.pop(0)
    while len(runs) > 1 and runs[-1][2] and runs[-1][1] - runs[-1][0] < align.MIN_CHARS:
        runs.pop()
    merged: list[list[int]] = []
    for run in runs:
        if merged and (run[1] - run[0] < align.MIN_CHARS or merged[-1][1] - merged[-1][0] < align.MIN_CHARS):
            merged[-1][1] = run[1]
            if run[1] - run[0] >= align.MIN_CHARS and merged[-1][1] - merged[-1][0] - (run[1] - run[0]) < align.MIN_CHARS:
                merged[-1][2] = run[2]
        else:
            merged.append(list(run))
    # a formula between two runs of the report's own words is part of one recycled stretch, as a
    # reviewer marks it; only a formula at an edge is shown apart (it says nothing of copying)
    # (pieces with the same flag next to each other, left by short runs absorbed above, are one too)
    joined: list[list[int]] = []
    for run in merged:
        if len(joined) >= 2 and not run[2] and joined[-1][2] and not joined[-2][2]:
            joined.pop()
            joined[-1][1] = run[1]
        elif joined and joined[-1][2] == run[2]:
            joined[-1][1] = run[1]
        else:
            joined.append(run)
    merged = joined
    if len(merged) == 1 and (merged[0][0], merged[0][1]) == (0, len(flags)):
        return [(m, _mostly_formula(flags))]
    scale = (m.s_end - m.s_start) / max(m.q_end - m.q_start, 1)
    pieces = []
    for a, b, _flag in merged:
        q0, q1 = m.q_start + a, m.q_start + b
        s0, s1 = m.s_start + int(a * scale), min(m.s_end, m.s_start + int(round(b * scale)))
        similarity = round(Indel.normalized_similarity(q[q0:q1], s[s0:s1]), 4)
        is_boilerplate = _mostly_formula(bp_mask[q0:q1])
        if is_boilerplate or similarity >= align.MIN_SIMILARITY:
            pieces.append((align.Match(q0, q1, s0, s1, similarity), is_boilerplate))
    return pieces


def _mostly_formula(flags: np.ndarray) -> bool:
    """A piece is boilerplate when what is left of it besides formulas is too short to be a reused run.

    "At least half formula" lost recycled sentences in a large archive: grams that straddle a formula and
    the next word become common there, and each covers K characters past the formula."""
    return bool(len(flags) - int(flags.sum()) < align.MIN_CHARS)


def _structure(current: Analysed, cq: Canonical) -> np.ndarray:
    """The title, the top-level headings and the body's own name: the statutory parts come back every
    year under the same headings by design, so repeating them is structure, not recycling. (Sub-headings are often a
    whole sentence of content — "(一)开展执法人员分层分类培训,……" — and are not masked.)"""
    mask = np.zeros(len(cq), dtype=bool)
    spans = [(h.n_start, h.n_end) for h in current.outline.headings if h.marker_kind != "inline" and h.level == 1]
    if current.outline.meta.title_span:
        spans.append(current.outline.meta.title_span)
    org = current.outline.meta.org
    if org and len(org) >= 3:  # a body naming itself again is no recycling
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(org), current.doc.norm)]
    for n0, n1 in spans:
        mask[cq.index_at(n0) : cq.index_at(n1)] = True
    return mask


def _by_section(current: Analysed, cq: Canonical, reused: np.ndarray) -> tuple[tuple[str, float], ...]:
    out = []
    for s in current.sections:
        if s.present and s.n_start is not None and s.n_end is not None and s.found_by != "markers":
            a, b = cq.index_at(s.n_start), cq.index_at(s.n_end)
            out.append((s.id, round(float(reused[a:b].sum() / max(b - a, 1)), 4)))
    return tuple(out)


def _passage(
    current: Analysed, src: SourceReport, index: int, cq: Canonical, cs: Canonical, m: align.Match, boilerplate: bool
) -> ReusedPassage:
    doc, sdoc = current.doc, src.analysed.doc
    n0, n1 = _with_punctuation(doc.norm, *cq.norm_span(m.q_start, m.q_end))
    s0, s1 = _with_punctuation(sdoc.norm, *cs.norm_span(m.s_start, m.s_end))
    start, end = doc.text_span(n0, n1)
    source_start, source_end = sdoc.text_span(s0, s1)
    return ReusedPassage(
        start=start, end=end, line=doc.line_of(start), source=index,
        source_start=source_start, source_end=source_end, source_line=sdoc.line_of(source_start),
        similarity=m.similarity, boilerplate=boilerplate, section=innermost_section(current.sections, n0),
        text=doc.text[start:end], source_text=sdoc.text[source_start:source_end],
    )


def _with_punctuation(norm: str, n0: int, n1: int) -> tuple[int, int]:
    """Widen a passage over the bracket before it and the stop after it, so it reads as written."""
    while n0 > 0 and norm[n0 - 1] in "(（《“‘[【":
        n0 -= 1
    while n1 < len(norm) and norm[n1] in ")）》”’]】。!?;,、":
        n1 += 1
    return n0, n1


def _stale(
    current: Analysed, src: SourceReport, index: int, cq: Canonical, cs: Canonical, m: align.Match
) -> list[StaleFigure]:
    """Sentences of a self-reused passage whose figures are exactly last year's."""
    doc, sdoc = current.doc, src.analysed.doc
    n0, n1 = cq.norm_span(m.q_start, m.q_end)
    s0, s1 = cs.norm_span(m.s_start, m.s_end)
    there = [(s.group(0), s.start()) for s in SENTENCE.finditer(sdoc.norm, s0, s1)]
    out = []
    for sentence in SENTENCE.finditer(doc.norm, n0, n1):
        numbers = _figures(sentence.group(0))
        if not numbers:
            continue  # no figure beyond a year: nothing to go stale
        shape = canonical(sentence.group(0)).text
        best = max(there, key=lambda t: Indel.normalized_similarity(shape, canonical(t[0]).text), default=None)
        if best is None or Indel.normalized_similarity(shape, canonical(best[0]).text) < 0.8:
            continue
        if _figures(best[0]) == numbers:
            start, end = doc.text_span(sentence.start(), sentence.end())
            ss, se = sdoc.text_span(best[1], best[1] + len(best[0]))
            out.append(StaleFigure(start, end, doc.line_of(start), index, ss, se, numbers, doc.text[start:end]))
    return out


def _figures(sentence: str) -> tuple[str, ...]:
    """The numbers of a sentence other than years and dates (a bumped year does not make a figure new)."""
    return tuple(_NUMBER.findall(_DATE.sub(" ", _YEAR.sub(" ", sentence))))

