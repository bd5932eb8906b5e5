"""The indexed baseline of the reuse bench and the growth laws of bench/scale_sim.py."""

from __future__ import annotations

import math

import pytest

from bench.corpus import Report
from bench.reuse_bench import IndexedSentences
from bench.scale_sim import body_count_scan, fit, simulate

OLD = "全面推行行政执法公示制度，全年公开执法信息一千二百条。严格落实重大行政决策程序规定，坚持依法科学民主决策。"


def _report(index: int, text: str) -> Report:
    return Report(index, f"body{index}", 2023, text, (), ())


@pytest.mark.parametrize(("query", "found"), [
    ("今年新写的内容并不相同。严格落实重大行政决策程序规定，坚持依法科学民主决策。", "严格落实重大行政决策程序规定，坚持依法科学民主决策。"),
    ("严格落实重大行政决策程序规定，坚持依法科学民主决策!", "严格落实重大行政决策程序规定，坚持依法科学民主决策!"),  # punctuation folded
    ("全面推行行政执法公示制度，全年公开执法信息一千二百条。严格落实重大行政决策程序规定，坚持依法科学民主决策。",
     "全面推行行政执法公示制度，全年公开执法信息一千二百条。严格落实重大行政决策程序规定，坚持依法科学民主决策。"),
    ("严格落实重大行政决策程序规定，坚持依法民主决策。", None),  # one word dropped: an exact hash misses it
], ids=["one sentence", "other end punctuation", "two sentences one passage", "edited sentence"])
def test_indexed_baseline_finds_exact_sentences_only(query: str, found: str | None) -> None:
    index = IndexedSentences([_report(7, OLD), _report(8, "另一份报告的文字与此无关，完全不同的表述方式。")])
    spans = index.detect(query)
    if found is None:
        assert spans == []
    else:
        assert [(query[s.start : s.end], s.source) for s in spans] == [(found, 7)]


def test_fit_recovers_a_power_law() -> None:
    law = fit([100, 1000, 10000], [3 * n**1.2 for n in (100, 1000, 10000)])
    assert law.b == pytest.approx(1.2)
    assert law.a == pytest.approx(3)
    assert law.marginal(1e6) == pytest.approx(3 * 1.2 * 1e6**0.2)


def test_fit_refuses_one_point() -> None:
    with pytest.raises(ValueError, match="two or more"):
        fit([100], [1.0])


def test_simulate_reads_linear_growth_off_at_ten_years() -> None:
    scales = [{"reports": n, "archive_file_bytes": 50_000 * n, "build_s": {"archive": 0.05 * n},
               "methods": {"archive": {"mean_s": 0.03}}, "archive_stages_s": {"candidates": 0.02}}
              for n in (100, 1000, 10000)]
    sim = simulate({"scales": scales, "corpus": {"mean_report_chars": 2000}}, per_year=100_000, years=10,
                   report_chars=5000)
    ten_years = sim["at"][1_000_000]
    assert ten_years["bytes"] == pytest.approx(5e10)
    assert ten_years["bytes_real"] == pytest.approx(5e10 * 2.5)  # bytes follow characters
    assert ten_years["add_per_s"] == pytest.approx(20)
    assert math.isclose(ten_years["lookup_s"], 0.03)


def test_body_count_scan_measures_every_size() -> None:
    scan = body_count_scan((10, 100))
    assert list(scan) == [10, 100]
    assert all(t > 0 for t in scan.values())
