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

import functools
import hashlib
import io
import re
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bench.corpus import Corpus, Query, Report, counted_mask, is_run
from bench.metrics import Judged, Span, case_recall, evaluate
from checker.model import Document, Extracted
from checker.reuse import align
from checker.reuse.analyse import _mostly_formula, boilerplate_hashes, boilerplate_mask
from checker.reuse.archive import Archive, NewReport
from checker.reuse.canon import Canonical, canonical
from checker.reuse.fingerprints import fingerprints
from checker.text.normalize import normalise

CANDIDATES = 20  # as pipeline.compare
COPYDETECT_MAX = 10_000  # above: skipped (every fingerprint in Python memory, and a scan of them per query)
BRUTE_MAX = 10_000  # above: brute force timed on BRUTE_QUERIES queries only (a query takes ~45 s at 100,000)
BRUTE_QUERIES = 4
LATER = 220  # reports added to each built archive afterwards: the rate of a year's additions, not a build
LATER_SINGLY = 20
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
        self.build = {"prepare": 0.0, "store": 0.0}  # seconds: normalising and hashing, then ``add_many``
        order: list[int] = []

        def prepared() -> Iterator[NewReport]:
            for r in reports:
                t = time.perf_counter()
                doc = normalise(Extracted(None, "txt", r.text))
                prints = fingerprints(doc.norm)
                order.append(r.index)
                self.build["prepare"] += time.perf_counter() - t
                yield NewReport(r.text, r.body, r.year, f"{r.index}.txt", None, prints.counted, prints.hashes,
                                prints.positions)

        t = time.perf_counter()
        stored = self.archive.add_many(prepared())
        self.archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.build["store"] = time.perf_counter() - t - self.build["prepare"]
        for index, (report_id, added) in zip(order, stored, strict=True):
            assert added, f"report {index} duplicates an earlier one"
            self.corpus_index[report_id] = index
        self.formulas = boilerplate_hashes(formulas, lambda p: normalise(Extracted(None, "txt", p)).norm)
        self.fetched: list[int] = []  # characters of the texts the last look-up fetched
        self.set_aside: list[Span] = []  # the last look-up's passages flagged boilerplate
        self.stages = {"candidates": 0.0, "fetch_align": 0.0}  # seconds, summed over look-ups

    def add_later(self, reports: Sequence[Report], singly: int) -> dict[str, float]:
        """Add ``reports`` to the built archive as a year's new reports come: the first ``singly`` one
        ``add`` each, the rest in one ``add_many`` (its chunked path: the archive is not empty). Seconds of
        storing only, the fingerprints made beforehand."""
        new = []
        for r in reports:
            prints = fingerprints(normalise(Extracted(None, "txt", r.text)).norm)
            new.append(NewReport(r.text, r.body, r.year, f"{r.index}.txt", None, prints.counted, prints.hashes,
                                 prints.positions))
        t = time.perf_counter()
        for one in new[:singly]:
            self.archive.add_many([one])
        t1 = time.perf_counter()
        self.archive.add_many(new[singly:])
        t2 = time.perf_counter()
        self.archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return {"single_s": (t1 - t) / singly, "batch_rate": (len(new) - singly) / (t2 - t1),
                "batch": len(new) - singly}

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
        bp_mask = boilerplate_mask(qh, len(cq), self.formulas, common)  # as analyse_reuse builds it
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


def _sentences(text: str) -> Iterator[str]:
    """The canonical text of each sentence of ``text`` long enough to compare."""
    for m in _SENTENCE.finditer(normalise(Extracted(None, "txt", text)).norm):
        if len(c := canonical(m.group(0)).text) >= MIN_SENTENCE:
            yield c


class BruteForce:
    name = "brute"

    def __init__(self, reports: Iterable[Report]):
        self.sentences: list[str] = []
        owners: list[int] = []
        for r in reports:
            for c in _sentences(r.text):
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

    def __init__(self, reports: Iterable[Report] = ()):
        self.index: dict[bytes, int] = {}
        for r in reports:
            for c in _sentences(r.text):
                self.index.setdefault(sentence_key(c), r.index)

    @classmethod
    def of_sentences(cls, sentences: Iterable[str], owners: Iterable[int]) -> IndexedSentences:
        """The index of canonical sentences already made (brute force's list, in the same order)."""
        made = cls()
        for c, owner in zip(sentences, owners, strict=True):
            made.index.setdefault(sentence_key(c), int(owner))
        return made

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
        flags = iter(self.runs)
        self._case_flags = [[(next(flags), c.kind) for c in q.cases] for q in queries]

    def __call__(self, seconds: list[float], detections: list[list[Span]],
                 only: list[int] | None = None) -> dict[str, Any]:
        """The figures of one method; ``only``: the indices of the queries it ran (default all)."""
        chosen = list(range(len(self.queries))) if only is None else only
        queries = [self.queries[i] for i in chosen]
        judged = [Judged(self.masks[i], [Span(c.start, c.end, c.source) for c in self.queries[i].cases], d)
                  for i, d in zip(chosen, detections, strict=True)]
        m = evaluate(judged)
        case_flags = [(flag, kind) for i in chosen for flag, kind in self._case_flags[i]]
        runs = [r for r, (flag, _) in zip(m.cases, case_flags, strict=True) if flag]
        alone = evaluate(j for j, q in zip(judged, queries, strict=True) if not q.cases)
        by_kind = {k: case_recall([r for r, (_, kind) in zip(m.cases, case_flags, strict=True) if kind == k])
                   for k in dict.fromkeys(self.kinds)}
        return {"queries": len(chosen), "mean_s": float(np.mean(seconds)), "median_s": float(np.median(seconds)), "max_s": max(seconds),
                "precision": m.precision, "recall": m.recall, "granularity": m.granularity, "plagdet": m.plagdet,
                "detections": m.detections, "false_chars": m.false_chars,
                "independent_detections": alone.detections, "independent_false_chars": alone.false_chars,
                "runs13": len(runs), "runs13_detected": case_recall(runs)[0], "runs13_chars": case_recall(runs)[1],
                "by_kind": {k: {"detected": d, "chars": c} for k, (d, c) in by_kind.items()}}


def compare_at(reports: list[Report], queries: list[Query], score: Scorer, formulas: Sequence[str],
               workdir: Path, log: Callable[[str], None], later: Sequence[Report] = ()) -> dict[str, Any]:
    """Every method on ``queries`` with ``reports`` archived; build times, figures and ratios."""
    n = len(reports)
    out: dict[str, Any] = {"reports": n, "archived_chars": sum(len(r.text) for r in reports),
                           "archived_bytes": sum(len(r.text.encode()) for r in reports), "build_s": {}, "methods": {}}

    def build(name: str, make: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        method = make()
        out["build_s"][name] = time.perf_counter() - t
        log(f"  {n}: built {name} in {out['build_s'][name]:.1f} s"
            + (f" (storing {method.build['store']:.1f} s)" if name == "archive" else ""))
        method.detect(queries[0].report.text)  # warm-up: lazy imports, OpenCC, SQLite page cache
        return method

    def timed(name: str, detect: Callable[[str], list[Span]]) -> Timed:
        result = run(detect, queries)
        out["methods"][name] = score(result.seconds, result.detections)
        log(f"  {n}: {name} {out['methods'][name]['mean_s']:.3f} s/query")
        return result

    ours = build("archive", lambda: ArchiveLookup(workdir / f"archive-{n}.sqlite3", reports, formulas))
    out["archive_build_s"] = dict(ours.build)
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
    if later:  # after the look-ups, which they would otherwise disturb
        out["archive_later"] = ours.add_later(later, singly=LATER_SINGLY)
        log(f"  {n}: then added {LATER_SINGLY} reports one by one, {out['archive_later']['single_s'] * 1e3:.0f} ms "
            f"each, and {out['archive_later']['batch']} at once, {out['archive_later']['batch_rate']:.0f} reports/s")
    ours.close()
    (workdir / f"archive-{n}.sqlite3").unlink()  # 4.6 GB at 100,000: not kept while the baselines run
    brute = build("brute", lambda: BruteForce(reports))
    out["brute_sentences"] = len(brute.sentences)
    if n > BRUTE_MAX:  # the first reusing queries and the last independent one
        few = [*range(BRUTE_QUERIES - 1), len(queries) - 1]
        result = run(brute.detect, [queries[i] for i in few])
        out["methods"]["brute"] = score(result.seconds, result.detections, only=few)
        log(f"  {n}: brute {out['methods']['brute']['mean_s']:.3f} s/query on {len(few)} queries")
    else:
        timed("brute", brute.detect)
    # the same canonical sentences: normalising 100,000 reports twice would cost ten minutes
    indexed = build("indexed", functools.partial(IndexedSentences.of_sentences, brute.sentences, brute.owner))
    del brute
    out["indexed_sentences"] = len(indexed.index)
    timed("indexed", indexed.detect)
    del indexed
    if n <= COPYDETECT_MAX:
        copies = build("copydetect", lambda: CopyDetect(reports, formulas))
        result = timed("copydetect", copies.detect)
        del copies
        floor = [at_least(d, q.report.text) for d, q in zip(result.detections, queries, strict=True)]
        out["methods"]["copydetect≥13"] = score(result.seconds, floor)
    mean = {name: m["mean_s"] for name, m in out["methods"].items()}  # the variants share their run's time
    out["speedup"] = {name: mean[name] / mean["archive"] for name in ("brute", "indexed", "copydetect") if name in mean}
    return out
