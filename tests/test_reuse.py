"""Recycled text: planted spans under each kind of edit are found, independent text is not.

tests/data/reuse/2023.txt is a body's 2023 report written for the project; the 2024 report is built
here from it with known spans reused under every edit drafters make, between new sentences taken from
independent_2024.txt (written separately). Character-level precision and recall are computed on
counted characters (letters, CJK and digits; punctuation boundaries are arbitrary).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import opencc
import pytest

from checker.model import Extracted
from checker.pipeline import compare, prepare
from checker.readers import read_path
from checker.rules import checklist as checklists
from tests.conftest import SEEDS

DATA = Path(__file__).parent / "data" / "reuse"
OLD = (DATA / "2023.txt").read_text(encoding="utf-8")
INDEPENDENT = (DATA / "independent_2024.txt").read_text(encoding="utf-8")
NATIONAL = checklists.load("national")
S2T = opencc.OpenCC("s2t.json")


def _sentence(text: str, starts_with: str) -> str:
    m = re.search(re.escape(starts_with) + r"[^。]*。", text)
    assert m, starts_with
    return m.group(0)


def _planted() -> list[tuple[str, str]]:
    """(edit kind, the reused sentence as it stands in 2024)."""
    s = lambda start: _sentence(OLD, start)  # noqa: E731
    merged = s("由于近两年").rstrip("。") + ";同时" + s("原因是平台")
    return [
        ("verbatim", s("全年修订《")),
        ("years bumped", s("每季度组织").replace("2023年", "2024年")),
        ("figures changed", s("全面推行执法记录仪").replace("3100", "4260").replace("27起", "31起")),
        ("word swapped", s("对首次轻微违法").replace("沿街商户", "临街店铺")),
        ("reordered 2", s("局党组书记主持")),
        ("reordered 1", s("建立市容投诉")),
        ("sentences merged", merged),
        ("punctuation changed", s("开展执法人员分层").replace(",", ";").replace("。", "!")),
        ("traditional script", S2T.convert(s("推动智慧执法平台"))),
    ]


def _new(start: str) -> str:
    return _sentence(INDEPENDENT, start)


def _recycled_2024() -> tuple[str, list[tuple[str, int, int]]]:
    planted = dict(_planted())
    parts = [
        "示例区城市管理和综合执法局2024年法治政府建设年度报告\n",
        "2024年,示例区城市管理和综合执法局坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,"
        "现将有关情况报告如下:\n一、2024年推进法治政府建设的主要举措和成效\n(一)制度建设。",
        ("verbatim",), _new("针对夜市摊档"), "\n(二)执法监督。", ("figures changed",), _new("依托卫星遥感"),
        "\n(三)包容审慎监管。", ("word swapped",), "\n(四)案卷质量。", ("years bumped",), _new("对居民小区"),
        "\n(五)党政主要负责人履行推进法治建设第一责任人职责情况。", ("reordered 2",), ("reordered 1",),
        "\n二、2024年推进法治政府建设存在的不足和原因\n一是", ("sentences merged",), _new("夜间巡查只有"),
        "\n三、2025年工作计划\n(一)", ("punctuation changed",), "\n(二)", ("traditional script",),
        "\n(三)", _new("建立违建点位") if "建立违建点位" in INDEPENDENT else "每月复查一次违建点位。", "\n",
    ]
    text, truth = "", []
    for part in parts:
        if isinstance(part, tuple):
            span = planted[part[0]]
            truth.append((part[0], len(text), len(text) + len(span)))
            text += span
        else:
            text += part
    return text, truth


def _counted(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if re.match(r"[^\W_]", text[i])}


@pytest.fixture(scope="module")
def recycled():
    text, truth = _recycled_2024()
    current = prepare(Extracted("2024.txt", "txt", text), NATIONAL)
    reuse = compare(current, NATIONAL, [Extracted("2023.txt", "txt", OLD)], None)
    return text, truth, reuse


def test_every_planted_span_is_found(recycled) -> None:
    text, truth, reuse = recycled
    detected = set().union(*(_counted(text, p.start, p.end) for p in reuse.passages if not p.boilerplate))
    for kind, start, end in truth:
        chars = _counted(text, start, end)
        recall = len(chars & detected) / len(chars)
        assert recall >= 0.9, f"{kind}: recall {recall:.2f}"


def test_character_precision(recycled) -> None:
    text, truth, reuse = recycled
    detected = set().union(*(_counted(text, p.start, p.end) for p in reuse.passages if not p.boilerplate))
    planted = set().union(*(_counted(text, s, e) for _, s, e in truth))
    precision = len(detected & planted) / len(detected)
    recall = len(detected & planted) / len(planted)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


def test_passages_point_at_their_source(recycled) -> None:
    text, _, reuse = recycled
    for p in reuse.passages:
        assert text[p.start : p.end] == p.text
        assert OLD[p.source_start : p.source_end] == p.source_text
        assert reuse.sources[p.source].kind == "self"


def test_stale_figures_found_only_where_figures_were_kept(recycled) -> None:
    text, truth, reuse = recycled
    stale = {text[f.start : f.end] for f in reuse.stale}
    planted = dict((k, text[s:e]) for k, s, e in truth)
    assert any(planted["verbatim"] in s or s in planted["verbatim"] for s in stale)
    assert not any(planted["figures changed"] in s for s in stale)


def test_independent_report_shares_nothing_but_boilerplate() -> None:
    current = prepare(Extracted("independent.txt", "txt", INDEPENDENT), NATIONAL)
    reuse = compare(current, NATIONAL, [Extracted("2023.txt", "txt", OLD)], None)
    assert [p.text for p in reuse.passages if not p.boilerplate] == []
    assert reuse.ratio_without_boilerplate < 0.02


SEED_FILES = sorted(SEEDS.glob("0*.txt"))


@pytest.fixture(scope="module")
def seeds():
    extracted = [read_path(str(p)) for p in SEED_FILES]
    return extracted, [prepare(e, NATIONAL) for e in extracted]


@pytest.mark.parametrize(("i", "j"), list(itertools.permutations(range(len(SEED_FILES)), 2)),
                         ids=lambda v: str(v))
def test_seeds_do_not_recycle_each_other(seeds, i: int, j: int) -> None:
    extracted, analysed = seeds
    reuse = compare(analysed[i], NATIONAL, [extracted[j]], None)
    assert reuse.ratio_without_boilerplate < 0.05
    assert all(ratio < 0.3 for _, ratio in reuse.self_sections)  # hence no reuse.self finding
