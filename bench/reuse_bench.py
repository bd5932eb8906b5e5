"""The checker's archive look-up side by side with two baselines, on the same generated queries.

* ``archive`` — the checker's own path, imported, not copied: normalise the query, take its gram hashes
  (``fingerprints``), ask the SQLite archive for candidates (``Archive.candidates``, the 20 that
  ``pipeline.compare`` asks for), fetch only those texts and align each with ``align.align`` on the
  canonical text; canonical ranges map back to the query text as ``analyse._passage`` maps them.
* ``brute`` — rapidfuzz over every archived sentence: every archived report split into sentences held in
  memory; each query sentence is scored with ``fuzz.ratio`` against all of them (``process.cdist``), and is
  reused when the best score reaches ``THRESHOLD``. Adjacent reused sentences from one report are one
  detection.
* ``copydetect`` — the winnowing tool: every archived report fingerprinted with ``CodeFingerprint``
  (``filter=False``, same k and window as ours), the query compared with each by ``compare_files``; each
  copied slice of the query is a detection. ``copydetect≥13`` is the same run with the slices shorter than
  ``align.MIN_CHARS`` canonical characters dropped: copydetect given the checker's floor.
* ``indexed`` — the indexed baseline: every archived sentence's canonical text hashed (blake2b, 8 bytes) into
  one dict, hash → first report holding it; a query sentence is reused when its hash is there. A look-up
  costs one dict probe per sentence whatever the archive's size, so the archive look-up's speed is set
  beside an index, not only beside a scan; what exact hashing misses (edited sentences) shows in recall.

Both baselines read the same canonical text as ours (normalised, numbers as "#", no punctuation), so
the comparison is between search and alignment methods, not between normalisations.
"""

from __future__ import annotations

import hashlib
import io
import re
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bench.corpus import Corpus, Query, Report, counted_mask, is_run
from bench.metrics import Judged, Span, case_recall, evaluate
from checker.model import Document, Extracted
from checker.reuse import align
from checker.reuse.analyse import _mostly_formula, boilerplate_hashes
from checker.reuse.archive import Archive
from checker.reuse.canon import Canonical, canonical
from checker.reuse.fingerprints import fingerprints
from checker.text.normalize import normalise

CANDIDATES = 20  # as pipeline.compare
THRESHOLD = 80  # fuzz.ratio of a reused sentence
MIN_SENTENCE = align.K  # shorter canonical sentences are headings' debris, matched everywhere
_SENTENCE = re.compile(r"[^。!?;\n]+[。!?;]?")


def read(text: str) -> tuple[Document, Canonical]:
    doc = normalise(Extracted(None, "txt", text))
    return doc, canonical(doc.norm)


def _span(doc: Document, canon: Canonical, c_start: int, c_end: int, source: int) -> Span:
    start, end = doc.text_span(*canon.norm_span(c_start, c_end))
    return Span(start, end, source)


class ArchiveLookup:
    """``pipeline.compare`` without the stages that do not look anything up (outline, rules, follow-up):
    the same candidates, the same alignment, and passages that are mostly boilerplate set aside as
    ``analyse_reuse`` flags them and the reuse rule and view leave them out. (``compare`` also runs
    ``prepare`` — outline and rules — on every fetched text; that is no part of the look-up, not timed here.)"""

    name = "archive"

    def __init__(self, path: Path, reports: Iterable[Report], formulas: Iterable[str]):
        self.archive = Archive(path)
        self.corpus_index: dict[int, int] = {}
        for r in reports:
            doc = normalise(Extracted(None, "txt", r.text))
            prints = fingerprints(doc.norm)
            report_id, added = self.archive.add(r.text, org=r.body, year=r.year, path=f"{r.index}.txt", title=None,
                                                chars=prints.counted, hashes=prints.hashes, positions=prints.positions)
            assert added, f"report {r.index} duplicates an earlier one"
            self.corpus_index[report_id] = r.index
        self.archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.formulas = boilerplate_hashes(formulas, lambda p: normalise(Extracted(None, "txt", p)).norm)
        self.fetched: list[int] = []  # characters of the texts the last look-up fetched
        self.set_aside: list[Span] = []  # the last look-up's passages flagged boilerplate
        self.stages = {"candidates": 0.0, "fetch_align": 0.0}  # seconds, summed over look-ups

    def size_on_disk(self) -> int:
        path = self.archive.path
        return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())

    def detect(self, text: str) -> list[Span]:
        t0 = time.perf_counter()
        doc = normalise(Extracted(None, "txt", text))
        prints = fingerprints(doc.norm)
        found, common = self.archive.candidates(prints.all_hashes, lookup=prints.hashes, positions=prints.positions,
                                                limit=CANDIDATES)
        t1 = time.perf_counter()
        cq = canonical(doc.norm)
        qh = prints.all_hashes
        bp_mask = align.covered(len(cq), np.nonzero(np.isin(qh, np.union1d(self.formulas, common)))[0])
        q_breaks = cq.breaks(doc.norm)  # as analyse_reuse passes them: passages snap to sentences
        spans: list[Span] = []
        self.fetched, self.set_aside = [], []
        for report_id, _shared in found:
            stored = self.archive.fetch(report_id)
            self.fetched.append(len(stored.text or ""))
            source_norm = normalise(Extracted(stored.path, "txt", stored.text or "")).norm
            cs = canonical(source_norm)
            source = self.corpus_index[report_id]
            for m in align.align(cq.text, cs.text, qh, q_breaks=q_breaks, s_breaks=cs.breaks(source_norm)):
                boilerplate = _mostly_formula(bp_mask[m.q_start : m.q_end])  # as analyse_reuse flags it
                (self.set_aside if boilerplate else spans).append(_span(doc, cq, m.q_start, m.q_end, source))
        self.stages["candidates"] += t1 - t0
        self.stages["fetch_align"] += time.perf_counter() - t1
        return spans

    def close(self) -> None:
        self.archive.close()


def _extend(spans: list[Span], doc: Document, found: Span) -> None:
    """Adds a reused sentence; the next sentence of the same passage (same source, nothing counted
    between) lengthens the last detection, so a passage is one detection, not one per sentence."""
    last = spans[-1] if spans else None
    if last and last.source == found.source and not canonical(doc.text[last.end : found.start]).text:
        spans[-1] = Span(last.start, found.end, found.source)
    else:
        spans.append(found)


class BruteForce:
    name = "brute"

    def __init__(self, reports: Iterable[Report]):
        self.sentences: list[str] = []
        owners: list[int] = []
        for r in reports:
            doc, _ = read(r.text)
            for m in _SENTENCE.finditer(doc.norm):
                if len(c := canonical(m.group(0)).text) >= MIN_SENTENCE:
                    self.sentences.append(c)
                    owners.append(r.index)
        self.owner = np.asarray(owners)
        self.chars = sum(map(len, self.sentences))

    def detect(self, text: str) -> list[Span]:
        from rapidfuzz import fuzz, process

        doc, _ = read(text)
        mine = [(m.start(), m.end(), c) for m in _SENTENCE.finditer(doc.norm)
                if len(c := canonical(m.group(0)).text) >= MIN_SENTENCE]
        if not mine:
            return []
        scores = process.cdist([c for _, _, c in mine], self.sentences, scorer=fuzz.ratio, processor=None,
                               score_cutoff=THRESHOLD, dtype=np.uint8, workers=1)
        best = scores.argmax(axis=1)
        spans: list[Span] = []
        for (n0, n1, _), column, score in zip(mine, best, scores[np.arange(len(mine)), best], strict=True):
            if score < THRESHOLD:
                continue
            start, end = doc.text_span(n0, n1)
            source = int(self.owner[column])
            _extend(spans, doc, Span(start, end, source))
        return spans


def sentence_key(canon_text: str) -> bytes:
    return hashlib.blake2b(canon_text.encode(), digest_size=8).digest()


class IndexedSentences:
    name = "indexed"

    def __init__(self, reports: Iterable[Report]):
        self.index: dict[bytes, int] = {}
        for r in reports:
            doc, _ = read(r.text)
            for m in _SENTENCE.finditer(doc.norm):
                if len(c := canonical(m.group(0)).text) >= MIN_SENTENCE:
                    self.index.setdefault(sentence_key(c), r.index)

    def detect(self, text: str) -> list[Span]:
        doc, _ = read(text)
        spans: list[Span] = []
        for m in _SENTENCE.finditer(doc.norm):
            c = canonical(m.group(0)).text
            if len(c) < MIN_SENTENCE or (source := self.index.get(sentence_key(c))) is None:
                continue
            start, end = doc.text_span(m.start(), m.end())
            _extend(spans, doc, Span(start, end, source))
        return spans


class CopyDetect:
    name = "copydetect"

    def __init__(self, reports: Iterable[Report], formulas: Iterable[str]):
        from copydetect import CodeFingerprint
        from copydetect.utils import hashed_kgrams

        self._print = CodeFingerprint
        grams = [hashed_kgrams(read(f)[1].text, align.K) for f in formulas]
        self.boilerplate = np.unique(np.concatenate(grams)) if grams else None
        self.prints = [(r.index, self.fingerprint(read(r.text)[1].text)) for r in reports]

    def fingerprint(self, canon_text: str):  # type: ignore[no-untyped-def]
        return self._print("report.txt", align.K, align.WINDOW, boilerplate=self.boilerplate, filter=False,
                           fp=io.StringIO(canon_text))

    def detect(self, text: str) -> list[Span]:
        from copydetect import compare_files

        doc, cq = read(text)
        mine = self.fingerprint(cq.text)
        spans: list[Span] = []
        for index, theirs in self.prints:
            _overlap, _similarity, (slices, _theirs) = compare_files(mine, theirs)
            spans += [_span(doc, cq, int(s), int(e), index) for s, e in zip(*slices, strict=True)]
        return spans


@dataclass
class Timed:
    detections: list[list[Span]]
    seconds: list[float]


def run(detect: Callable[[str], list[Span]], queries: list[Query]) -> Timed:
    out = Timed([], [])
    for q in queries:
        t = time.perf_counter()
        out.detections.append(detect(q.report.text))
        out.seconds.append(time.perf_counter() - t)
    return out


def lookup_memory(lookup: ArchiveLookup, queries: list[Query]) -> dict[str, float]:
    """Peak Python memory of one look-up (tracemalloc, not timed) and the archived text it fetched."""
    peaks, fetched, texts = [], [], []
    for q in queries:
        tracemalloc.start()
        lookup.detect(q.report.text)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        fetched.append(sum(lookup.fetched))
        texts.append(len(lookup.fetched))
    return {"peak_bytes_max": max(peaks), "peak_bytes_mean": float(np.mean(peaks)),
            "fetched_texts_mean": float(np.mean(texts)), "fetched_texts_max": max(texts),
            "fetched_chars_mean": float(np.mean(fetched))}


def at_least(spans: list[Span], text: str, chars: int = align.MIN_CHARS) -> list[Span]:
    """The detections of ``chars`` canonical characters or more (copydetect has no such floor)."""
    return [d for d in spans if len(read(text[d.start : d.end])[1]) >= chars]


class Scorer:
    """Turns one method's detections on the queries into the figures of results.json."""

    def __init__(self, corpus: Corpus, queries: list[Query]):
        self.queries = queries
        self.masks = [counted_mask(q) for q in queries]
        self.kinds = [c.kind for q in queries for c in q.cases]
        self.runs = [is_run(q, corpus.report(c.source), i, m) for q, m in zip(queries, self.masks, strict=True)
                     for i, c in enumerate(q.cases)]

    def __call__(self, seconds: list[float], detections: list[list[Span]]) -> dict[str, Any]:
        judged = [Judged(m, [Span(c.start, c.end, c.source) for c in q.cases], d)
                  for q, m, d in zip(self.queries, self.masks, detections, strict=True)]
        m = evaluate(judged)
        runs = [r for r, flag in zip(m.cases, self.runs, strict=True) if flag]
        alone = evaluate(j for j, q in zip(judged, self.queries, strict=True) if not q.cases)
        by_kind = {k: case_recall([r for r, kind in zip(m.cases, self.kinds, strict=True) if kind == k])
                   for k in dict.fromkeys(self.kinds)}
        return {"mean_s": float(np.mean(seconds)), "median_s": float(np.median(seconds)), "max_s": max(seconds),
                "precision": m.precision, "recall": m.recall, "granularity": m.granularity, "plagdet": m.plagdet,
                "detections": m.detections, "false_chars": m.false_chars,
                "independent_detections": alone.detections, "independent_false_chars": alone.false_chars,
                "runs13": len(runs), "runs13_detected": case_recall(runs)[0], "runs13_chars": case_recall(runs)[1],
                "by_kind": {k: {"detected": d, "chars": c} for k, (d, c) in by_kind.items()}}


def compare_at(reports: list[Report], queries: list[Query], score: Scorer, formulas: Sequence[str],
               workdir: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """Every method on ``queries`` with ``reports`` archived; build times, figures and ratios."""
    n = len(reports)
    out: dict[str, Any] = {"reports": n, "archived_chars": sum(len(r.text) for r in reports),
                           "archived_bytes": sum(len(r.text.encode()) for r in reports), "build_s": {}, "methods": {}}

    def build(name: str, make: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        method = make()
        out["build_s"][name] = time.perf_counter() - t
        log(f"  {n}: built {name} in {out['build_s'][name]:.1f} s")
        method.detect(queries[0].report.text)  # warm-up: lazy imports, OpenCC, SQLite page cache
        return method

    def timed(name: str, detect: Callable[[str], list[Span]]) -> Timed:
        result = run(detect, queries)
        out["methods"][name] = score(result.seconds, result.detections)
        log(f"  {n}: {name} {out['methods'][name]['mean_s']:.3f} s/query")
        return result

    ours = build("archive", lambda: ArchiveLookup(workdir / f"archive-{n}.sqlite3", reports, formulas))
    ours.stages = dict.fromkeys(ours.stages, 0.0)
    aside: list[list[Span]] = []

    def look_up(text: str) -> list[Span]:
        spans = ours.detect(text)
        aside.append(ours.set_aside)
        return spans

    result = timed("archive", look_up)
    kept = [d + a for d, a in zip(result.detections, aside, strict=True)]
    out["methods"]["archive+boilerplate"] = score(result.seconds, kept)  # diagnostic: what the flag costs
    out["archive_stages_s"] = {k: v / len(queries) for k, v in ours.stages.items()}
    out["archive_file_bytes"] = ours.size_on_disk()
    out["archive_memory"] = lookup_memory(ours, queries[:3])
    ours.close()
    brute = build("brute", lambda: BruteForce(reports))
    out["brute_sentences"] = len(brute.sentences)
    timed("brute", brute.detect)
    del brute
    indexed = build("indexed", lambda: IndexedSentences(reports))
    out["indexed_sentences"] = len(indexed.index)
    timed("indexed", indexed.detect)
    del indexed
    copies = build("copydetect", lambda: CopyDetect(reports, formulas))
    result = timed("copydetect", copies.detect)
    del copies
    floor = [at_least(d, q.report.text) for d, q in zip(result.detections, queries, strict=True)]
    out["methods"]["copydetect≥13"] = score(result.seconds, floor)
    mean = {name: m["mean_s"] for name, m in out["methods"].items()}  # the variants share their run's time
    out["speedup"] = {name: mean[name] / mean["archive"] for name in ("brute", "indexed", "copydetect")}
    return out
