"""Grams the archive finds common (used by many bodies) set text aside as boilerplate; a gram that
straddles a formula and the first character of the next word is common because many words start
with that character (政务, 政策, 政府 …), and must not take the report's own words with it."""

from __future__ import annotations

import numpy as np

from checker.model import Extracted
from checker.pipeline import _formula_hashes, prepare
from checker.reuse.align import K, covered_within, gram_hashes
from checker.reuse.analyse import SourceReport, analyse_reuse
from checker.rules import checklist as checklists

NATIONAL = checklists.load("national")
BODY = "示例区档案局"
# 14 characters of the report's own words around a formula of the checklist: a reused run
RECYCLED = "必要尊法学法守法用法，政务诚信来信诉访初步大调。"
LONG = "全年办理行政复议案件四十二件，纠错率较上年下降三个百分点，群众满意度持续提升。"


def _report(year: int, middle: str) -> str:
    return f"{BODY}{year}年法治政府建设年度报告\n一、主要举措和成效\n{middle}\n二、存在的不足和原因\n基层执法力量仍显薄弱。\n"


def test_a_run_of_common_grams_covers_its_text_less_the_edge_characters() -> None:
    starts = np.array([9, 10, 11, 30])  # a formula at 10 … 17 with a gram across each edge; one lone gram
    mask = covered_within(50, starts)
    assert np.nonzero(mask)[0].tolist() == [*range(10, 10 + K), *range(30, 30 + K)]


def test_a_run_beside_a_formula_stays_reuse_when_the_grams_across_its_edges_are_common() -> None:
    source = prepare(Extracted("a.txt", "txt", _report(2023, "去年的说法。" + RECYCLED + LONG)), NATIONAL)
    current = prepare(Extracted("x.txt", "txt", _report(2024, "今年另起炉灶。" + RECYCLED + LONG)), NATIONAL)
    common = gram_hashes("要尊法学法守法用法政")  # the formula, and the grams across its two edges
    reuse = analyse_reuse(current, [SourceReport(source, "a.txt", BODY, 2023, "self")],
                          _formula_hashes(NATIONAL.boilerplate), common)
    own = "".join(p.text for p in reuse.passages if not p.boilerplate)
    assert "政务诚信来信诉访初步大调" in own
