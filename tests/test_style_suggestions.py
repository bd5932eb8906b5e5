"""The style.* kinds put the correct text in a finding's ``suggestion`` when they know it.

The case tables (tests/cases/numbering.yaml, paired_marks.yaml) compare evidence and lines only; the
suggestion is what a reviewer copies into the report, so it is checked here.
"""

from __future__ import annotations

import pytest

from checker import cases as harness
from checker.rules import checklist

BASE = checklist.load("national")


def values(kind: str, text: str) -> list[dict[str, object]]:
    outcome = harness.run_kind_case(kind, {"text": text, "params": {}, "pass": True}, BASE)
    return [dict(f.values) for f in outcome.found]


@pytest.mark.parametrize(("text", "suggestion"), [
    ("2023年,示例区民政局坚持依法行政。\n一、主要情况\n（一）学法\n（二）、2023年推进法治政府建设\n", "（二）"),
    ("2024年,示例区民政局坚持依法行政。\n一、主要举措\n二、不足\n四、计划\n", "三、"),
    ("2024年,示例区民政局坚持依法行政。\n一、主要举措\n１．学法\n２、述法\n", "２．"),
])
def test_numbering_suggests_the_expected_number(text: str, suggestion: str) -> None:
    assert [v["suggestion"] for v in values("numbering", text)] == [suggestion]


def test_a_title_left_open_is_closed_before_the_next_one() -> None:
    found = values("paired_marks", "2024年,潜江市民政局组织学习《习近平法治思想学习纲要《习近平法治思想学习问答》。\n")
    assert found == [{"mark": "《", "expected": "》",
                      "suggestion": "《习近平法治思想学习纲要》《习近平法治思想学习问答》"}]


def test_a_closing_quote_typed_as_an_opening_one_is_turned() -> None:
    found = values("paired_marks", "2024年,示例区民政局推进“三项制度“落实。\n")
    assert [v.get("suggestion") for v in found] == ["“三项制度”"]


def test_a_full_width_stray_bracket_names_the_full_width_partner() -> None:
    found = values("paired_marks", "2023年,坡头区民政局办理人大代表建议意见）、政协委员提案。\n")
    assert found == [{"mark": "）", "expected": "（"}]
