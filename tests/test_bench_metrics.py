"""The benchmark's yardsticks: PAN measures on hand-made spans, and the generator's ground truth."""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
import opencc
import pytest

from bench.corpus import KINDS, MIN_RUN, QUERY_YEAR, Corpus, counted_mask
from bench.metrics import Judged, Span, case_recall, evaluate
from checker.model import Extracted
from checker.reuse.canon import canonical
from checker.text.normalize import normalise

# --- measures -------------------------------------------------------------------------------------------

ALL = np.ones(40, dtype=bool)
EVERY_OTHER = np.arange(40) % 2 == 0  # as if every second character were punctuation

MEASURES = {
    # id: (counted, cases, detections, precision, recall, granularity)
    "perfect": (ALL, [Span(0, 10, 1)], [Span(0, 10, 1)], 1.0, 1.0, 1.0),
    "half found": (ALL, [Span(0, 10, 1)], [Span(0, 5, 1)], 1.0, 0.5, 1.0),
    "split in two": (ALL, [Span(0, 10, 1)], [Span(0, 5, 1), Span(5, 10, 1)], 1.0, 1.0, 2.0),
    "one false positive": (ALL, [Span(0, 10, 1)], [Span(0, 10, 1), Span(20, 30, 1)], 0.5, 1.0, 1.0),
    "overshoot": (ALL, [Span(0, 10, 1)], [Span(0, 20, 1)], 0.5, 1.0, 1.0),
    "wrong source": (ALL, [Span(0, 10, 1)], [Span(0, 10, 2)], 0.0, 0.0, 1.0),
    "two cases, one found": (ALL, [Span(0, 10, 1), Span(20, 30, 2)], [Span(0, 10, 1)], 1.0, 0.5, 1.0),
    "one detection, two cases": (ALL, [Span(0, 10, 1), Span(10, 20, 1)], [Span(0, 20, 1)], 1.0, 1.0, 1.0),
    "uncounted characters ignored": (EVERY_OTHER, [Span(0, 10, 1)], [Span(0, 9, 1)], 1.0, 1.0, 1.0),
    "detection of uncounted characters only": (EVERY_OTHER, [Span(0, 10, 1)], [Span(0, 10, 1), Span(21, 22, 1)],
                                               1.0, 1.0, 1.0),
    "nothing to find, nothing found": (ALL, [], [], 1.0, 1.0, 1.0),
    "nothing to find, something found": (ALL, [], [Span(0, 10, 1)], 0.0, 0.0, 1.0),
    "something to find, nothing found": (ALL, [Span(0, 10, 1)], [], 0.0, 0.0, 1.0),
}


@pytest.mark.parametrize(("counted", "cases", "detections", "precision", "recall", "granularity"),
                         MEASURES.values(), ids=MEASURES.keys())
def test_measures(counted, cases, detections, precision, recall, granularity):
    m = evaluate([Judged(counted, cases, detections)])
    assert (m.precision, m.recall, m.granularity) == pytest.approx((precision, recall, granularity))
    if precision + recall:
        f1 = 2 * precision * recall / (precision + recall)
        assert m.plagdet == pytest.approx(f1 / math.log2(1 + granularity))


def test_measures_average_over_all_queries():
    """Macro averages run over the cases and detections of every query together, as in PAN."""
    found = Judged(ALL, [Span(0, 10, 1)], [Span(0, 10, 1)])
    missed = Judged(ALL, [Span(0, 10, 1)], [Span(20, 30, 1)])
    m = evaluate([found, missed])
    assert (m.precision, m.recall, m.false_chars) == pytest.approx((0.5, 0.5, 10))
    assert case_recall(m.cases) == (0.5, 0.5)


# --- the generator's ground truth -----------------------------------------------------------------------

# A small made-up vocabulary, so the tests need no segmentation model.
VOCAB = sorted({a + b for a, b in itertools.permutations("法治政府建设推进依法行政执法监督决策公开服务改革创新完善机制", 2)})
PUNCT = re.compile(r"[，、。；]")
S2T = opencc.OpenCC("s2t.json")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(VOCAB, seed=7)


@pytest.fixture(scope="module")
def queries(corpus):
    return corpus.queries(5)  # four drawing on earlier reports, one independent


def _canon(text: str) -> str:
    return canonical(normalise(Extracted(None, "txt", text)).norm).text


def _pairs(corpus, queries, kind):
    """(query text, source text) of every case of ``kind``; there is one in every reusing query."""
    pairs = [(q.report.text[c.start : c.end], corpus.report(c.source).text[c.source_start : c.source_end])
             for q in queries for c in q.cases if c.kind == kind]
    assert len(pairs) >= len(queries) - 1
    return pairs


def test_generation_is_deterministic(corpus):
    again = Corpus(VOCAB, seed=7)
    assert corpus.report(3).text == again.report(3).text
    assert corpus.queries(2)[0].report.text == again.queries(2)[0].report.text
    assert corpus.report(3).text != Corpus(VOCAB, seed=8).report(3).text


def test_every_reusing_query_has_every_kind_and_independent_ones_none(queries):
    *reusing, independent = queries
    for q in reusing:
        assert set(KINDS) <= {c.kind for c in q.cases}
    assert independent.cases == ()


def test_sources_are_last_year_of_the_same_body_or_a_peer(corpus, queries):
    for q in queries:
        for c in q.cases:
            source = corpus.report(c.source)
            if c.kind == "peer":
                assert source.body != q.report.body
            else:
                assert (source.body, source.year) == (q.report.body, QUERY_YEAR - 1)


@pytest.mark.parametrize("kind", ["verbatim", "peer", "reorder", "fragment"])
def test_copied_stretches_are_equal(corpus, queries, kind):
    for here, there in _pairs(corpus, queries, kind):
        assert here == there


def test_years_bumped_differ_only_in_digits(corpus, queries):
    changed = 0
    for here, there in _pairs(corpus, queries, "years"):
        assert re.sub(r"\d", "", here) == re.sub(r"\d", "", there)
        assert re.findall(r"20\d\d", here) == [str(int(y) + 1) for y in re.findall(r"20\d\d", there)]
        changed += here != there
    assert changed


def test_figures_changed_differ_only_in_numbers(corpus, queries):
    changed = 0
    for here, there in _pairs(corpus, queries, "figures"):
        assert re.sub(r"\d+", "#", here) == re.sub(r"\d+", "#", there)
        changed += here != there
    assert changed


def test_swapped_word_differs_in_one_short_place_per_sentence(corpus, queries):
    for here, there in _pairs(corpus, queries, "swap"):
        assert len(here) == len(there) and here != there
        diff = [i for i, (a, b) in enumerate(zip(here, there, strict=True)) if a != b]
        sentences = there.count("。")
        assert 1 <= len(diff) <= 2 * sentences
        assert max(diff) - min(diff) < 2 or sentences > 1


def test_merged_sentences_lose_one_full_stop(corpus, queries):
    for here, there in _pairs(corpus, queries, "merge"):
        assert there.count("。") == 2
        assert here == there.replace("。", "，", 1)


def test_punctuation_changed_is_the_same_text_without_punctuation(corpus, queries):
    for here, there in _pairs(corpus, queries, "punct"):
        assert here != there
        assert PUNCT.sub("", here) == PUNCT.sub("", there)


def test_traditional_script_is_the_source_converted(corpus, queries):
    for here, there in _pairs(corpus, queries, "trad"):
        assert here == S2T.convert(there) and here != there


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "swap"])
def test_reused_stretches_are_one_canonical_run_of_at_least_13(corpus, queries, kind):
    for here, there in _pairs(corpus, queries, kind):
        assert _canon(here) == _canon(there)
        assert len(_canon(there)) >= MIN_RUN


def test_counted_characters_leave_out_punctuation_formulas_and_digits_after_the_first(queries):
    q = queries[0]
    mask = counted_mask(q)
    text = q.report.text
    assert not mask[[i for i, ch in enumerate(text) if PUNCT.match(ch)]].any()
    for start, end in q.report.boilerplate:
        assert not mask[start:end].any()
    assert text.startswith(q.report.body)  # the title is a formula
    for m in re.finditer(r"\d+(?:\.\d+)?", text):
        if not any(s <= m.start() < e for s, e in q.report.boilerplate):
            assert mask[m.start() : m.end()].sum() == 1


# --- results.md is shared with `make fuzz` -------------------------------------------------------------


def test_results_section_is_replaced_and_the_rest_of_the_file_kept(tmp_path, monkeypatch):
    from bench import report

    path = tmp_path / "results.md"
    path.write_text("# Benchmarks\n\n<!-- fuzz:begin -->\nfuzz figures\n<!-- fuzz:end -->\n", encoding="utf-8")
    monkeypatch.setattr(report, "markdown", lambda results: f"reuse figures {results['run']}\n")
    report.write(path, {"run": 1})
    report.write(path, {"run": 2})
    text = path.read_text(encoding="utf-8")
    assert "fuzz figures" in text and "reuse figures 2" in text and "reuse figures 1" not in text
    assert text.count(report.BEGIN) == 1
