"""Synthetic archives of annual reports with known reuse: the ground truth of the reuse benchmark.

Every report has the shape of a real one (title, opening, the five numbered parts of the national
outline with （一）… items, figures, years, the checklist's mandatory formulas) but its prose is drawn
word by word, uniformly, from a vocabulary: the pkuseg words of 2–4 Han characters in the seed and
example reports (about 2,000 words). Uniform draws keep unrelated reports from sharing long runs by
accident: a run of 13 characters is about five words, and the chance that two given positions agree on
five words is about 2000⁻⁵ ≈ 3·10⁻¹⁷ — far too small to matter among the 10⁴ × 10³ sentences
compared here. So every passage a query shares with the archive is one the generator put there
(besides the formulas, which ``Report.boilerplate`` marks: formulas are not reuse) — up to about 10⁴
reports: the estimate ignores that words are 2–4 characters, so a 13-character run can be three words,
and at 10⁵ reports the independent queries do share a run or two by chance (bench/results.md).

Report ``i`` is body ``BODIES[i // 5]`` in year ``2019 + i % 5``, built from its own seeded generator, so
a scale of N archived reports is simply reports 0 … N−1 and the same queries serve every scale. A query
is body ``j``'s 2024 report, drawn from its 2023 report (``5j + 4``, always among the first 100) with one
reused stretch per edit kind in ``KINDS``, a passage from a peer body's report, and new text. Independent
queries are written by bodies that are never archived: whatever a method finds there is a false positive.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.writer import BODIES, INLINE, Pieces, Writer, draft, words
from checker.model import Extracted
from checker.reuse.canon import canonical
from checker.text.normalize import is_cjk, normalise

YEARS = 5  # reports per body: 2019 … 2023
FIRST_YEAR = 2019
QUERY_YEAR = FIRST_YEAR + YEARS
KINDS = ("verbatim", "years", "figures", "swap", "reorder", "merge", "punct", "trad", "peer", "fragment")
MAX_REPORTS = YEARS * (len(BODIES) - 100)  # the last 100 bodies write the independent queries
MIN_RUN = 13  # every reused sentence has at least this many counted characters besides formulas (the checker's floor)
_YEAR = re.compile(r"20\d\d")
_FIGURE = re.compile(r"(?<![\d.])(?!20\d\d)\d+")


@dataclass(frozen=True)
class Report:
    index: int  # position in the corpus; -1 for a query
    body: str
    year: int
    text: str
    sentences: tuple[tuple[int, int, int], ...]  # body sentences: start, end, paragraph number
    boilerplate: tuple[tuple[int, int], ...]  # formula spans: neither reuse nor an error to find


@dataclass(frozen=True)
class Case:
    """A stretch [start, end) of the query taken from [source_start, source_end) of report ``source``."""

    kind: str
    start: int
    end: int
    source: int
    source_start: int
    source_end: int


@dataclass(frozen=True)
class Query:
    name: str
    report: Report
    cases: tuple[Case, ...]


def vocabulary(paths: Iterable[Path]) -> list[str]:
    """The distinct pkuseg words of 2–4 Han characters in these reports, in simplified script, sorted."""
    from checker.text import nlp
    from checker.text.normalize import fold

    found: set[str] = set()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        found.update(fold(w) for s, e in nlp.tokens(text) if 2 <= len(w := text[s:e]) <= 4 and all(map(is_cjk, w)))
    return sorted(found)


@functools.cache
def _s2t():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("s2t.json")


class Corpus:
    def __init__(self, vocab: Sequence[str], seed: int = 1):
        self.vocab = list(vocab)
        self.seed = seed

    def report(self, index: int) -> Report:
        if not 0 <= index < MAX_REPORTS:
            raise ValueError(f"report index {index} outside 0 … {MAX_REPORTS - 1}")
        rng = random.Random(f"{self.seed}:report:{index}")
        body, year = BODIES[index // YEARS], FIRST_YEAR + index % YEARS
        return _report(index, body, year, draft(rng, self.vocab, body, year))

    def queries(self, n: int, independent: int | None = None) -> list[Query]:
        """``n`` queries: the first draw on last year's report and a peer's, the last ``independent``
        (default a fifth) are written independently."""
        independent = max(1, n // 5) if independent is None else independent
        return [self._reusing(j) for j in range(n - independent)] + [
            self._independent(j) for j in range(independent)]

    def _independent(self, j: int) -> Query:
        rng = random.Random(f"{self.seed}:independent:{j}")
        body = BODIES[-1 - j]
        return Query(f"independent-{j}", _report(-1, body, QUERY_YEAR, draft(rng, self.vocab, body, QUERY_YEAR)), ())

    def _reusing(self, j: int) -> Query:
        if YEARS * (j + 1) > 100:
            raise ValueError("at most 20 reusing queries: their sources must be among the first 100 reports")
        rng = random.Random(f"{self.seed}:query:{j}")
        last = self.report(YEARS * j + YEARS - 1)
        peer = self.report(rng.choice([i for i in range(100) if i // YEARS != j]))
        taken: set[int] = set()
        stretches: list[Pieces] = []
        sources: list[tuple[str, Report, int, int]] = []  # kind, source, start, end of each tagged piece

        counted = {report.index: [_own_chars(report, s, e) for s, e, _ in report.sentences] for report in (last, peer)}

        def pick(report: Report, n: int, want: re.Pattern[str] | None = None) -> list[tuple[int, int, int]]:
            """``n`` unused consecutive sentences of one paragraph, each of ``MIN_RUN`` counted characters or more
            besides its formulas (with ``want`` in the first, if any has)."""
            runs = [i for i in range(len(report.sentences) - n + 1)
                    if report.sentences[i][2] == report.sentences[i + n - 1][2]
                    and not taken.intersection(range(i, i + n))
                    and all(counted[report.index][k] >= MIN_RUN for k in range(i, i + n))]
            preferred = [i for i in runs if want and want.search(report.text[slice(*report.sentences[i][:2])])]
            i = rng.choice(preferred or runs)
            if report is last:
                taken.update(range(i, i + n))
            return list(report.sentences[i : i + n])

        def tag(kind: str, source: Report, start: int, end: int) -> int:
            sources.append((kind, source, start, end))
            return len(sources) - 1

        for kind in KINDS:
            source = peer if kind == "peer" else last
            size = {"reorder": 3, "merge": 2}.get(kind, rng.randint(1, 2))
            run = pick(source, size, {"years": _YEAR, "figures": _FIGURE}.get(kind))
            start, end = run[0][0], run[-1][1]
            if kind == "reorder":  # reversed, so no two keep their order: each sentence is a case
                stretches.append([(source.text[s:e], tag(kind, source, s, e)) for s, e, _ in reversed(run)])
            elif kind == "fragment":
                before, (start, end), after = self._fragment(rng, source, run[0])
                stretches.append([(before, None), (source.text[start:end], tag(kind, source, start, end)),
                                  (after, None)])
            else:
                text = self._edit(rng, kind, source.text, run)
                stretches.append([(text, tag(kind, source, start, end))])
        w = draft(rng, self.vocab, last.body, QUERY_YEAR, stretches)
        report = _report(-1, last.body, QUERY_YEAR, w)
        cases = tuple(sorted((Case(kind, *w.tagged[i], source.index, s, e) for i, (kind, source, s, e)
                              in enumerate(sources)), key=lambda c: c.start))
        return Query(f"reuse-{j}", report, cases)

    def _edit(self, rng: random.Random, kind: str, text: str, run: list[tuple[int, int, int]]) -> str:
        """The sentences ``run`` of ``text`` as the query restates them under edit ``kind``."""
        sentences = [text[s:e] for s, e, _ in run]
        joined = "".join(sentences)
        if kind == "years":
            return _YEAR.sub(lambda m: str(int(m.group(0)) + 1), joined)
        if kind == "figures":
            return _FIGURE.sub(lambda m: str(int(m.group(0)) + rng.randint(1, 9)), joined)
        if kind == "swap":
            return "".join(self._swap(rng, s) for s in sentences)
        if kind == "merge":
            return "，".join(s[:-1] for s in sentences[:-1]) + "，" + sentences[-1]
        if kind == "punct":
            return joined.translate(str.maketrans({"，": "；", "、": "，", "。": "；"}))
        if kind == "trad":
            return str(_s2t().convert(joined))
        return joined  # verbatim, peer

    def _fragment(self, rng: random.Random, source: Report, sentence: tuple[int, int, int]
                  ) -> tuple[str, tuple[int, int], str]:
        """13–20 counted characters from inside a sentence (its span), ``MIN_RUN`` of them besides formulas
        (a fragment that is mostly an inline formula is no reuse to find), and new words around them."""
        s0, s1, _ = sentence
        canon = canonical(source.text[s0:s1])
        length = min(rng.randint(13, 20), len(canon))
        own = np.array([not _in_formula(source, s0 + int(start)) for start in canon.starts], dtype=bool)
        sums = np.convolve(own, np.ones(length, dtype=int), mode="valid")
        good = np.nonzero(sums >= MIN_RUN)[0].tolist() or [int(np.argmax(sums))]
        c = rng.choice(good)
        span = s0 + int(canon.starts[c]), s0 + int(canon.ends[c + length - 1])
        return words(rng, self.vocab, 2), span, words(rng, self.vocab, 2) + "。"

    def _swap(self, rng: random.Random, sentence: str) -> str:
        """The sentence with one two-character word in its middle replaced by another."""
        third = len(sentence) // 3
        spots = [i for i in range(third, len(sentence) - third) if all(map(is_cjk, sentence[i : i + 2]))]
        if not spots:
            return sentence
        i = rng.choice(spots)
        word = rng.choice([w for w in self.vocab if len(w) == 2 and w != sentence[i : i + 2]])
        return sentence[:i] + word + sentence[i + 2 :]


def _in_formula(report: Report, offset: int) -> bool:
    return any(start <= offset < end for start, end in report.boilerplate)


def _own_chars(report: Report, start: int, end: int) -> int:
    """Counted characters of ``report.text[start:end]`` besides its formulas: what the measures count
    (``counted_mask``), so that a reused sentence has ``MIN_RUN`` of them, not ``MIN_RUN`` with an inline
    formula making up most of them."""
    text = "".join(ch for i, ch in enumerate(report.text[start:end], start) if not _in_formula(report, i))
    return len(canonical(text))


def counted_mask(query: Query) -> np.ndarray:
    """The query's counted characters (the first character of each canonical token) outside formulas."""
    doc = normalise(Extracted(None, "txt", query.report.text))
    canon = canonical(doc.norm)
    mask = np.zeros(len(query.report.text), dtype=bool)
    mask[[doc.to_text[int(s)] for s in canon.starts]] = True
    for start, end in query.report.boilerplate:
        mask[start:end] = False
    return mask


def is_run(query: Query, source: Report, case_index: int, mask: np.ndarray, at_least: int = MIN_RUN) -> bool:
    """True when the case is a reused run of ``at_least`` counted characters besides formulas: the same
    canonical text in the query and the source (every edit kind but a swapped word; traditional
    characters when t2s restores them exactly)."""
    c = query.cases[case_index]
    here, there = (canonical(normalise(Extracted(None, "txt", t)).norm).text
                   for t in (query.report.text[c.start : c.end], source.text[c.source_start : c.source_end]))
    return here == there and int(mask[c.start : c.end].sum()) >= at_least


@functools.cache
def _inline_formulas() -> re.Pattern[str]:
    """The inline formulas in either script (a reused sentence carries them into the query)."""
    return re.compile("|".join(re.escape(f) for f in sorted({*INLINE, *map(_s2t().convert, INLINE)})))


def _report(index: int, body: str, year: int, w: Writer) -> Report:
    text = "".join(w.parts)
    inline = [m.span() for m in _inline_formulas().finditer(text)]
    return Report(index, body, year, text, tuple(w.sentences), tuple(sorted({*w.boilerplate, *inline})))
