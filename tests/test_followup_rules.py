"""Follow-through as rule parameters: the items and thresholds come from the checklist, are checked when
it loads, and the comparison is only worked out when a followup rule will read it."""

from __future__ import annotations

from pathlib import Path

import pytest

import checker.followup
from checker.errors import ChecklistError
from checker.pipeline import analyse
from checker.readers import read_bytes
from checker.rules import checklist as checklists

LAST_YEAR = """示例区民政局2023年法治政府建设年度报告
一、主要举措和成效
全年开展集体学法12次。
二、存在的不足和原因
一是执法文书不够规范。二是普法宣传形式单一。
三、2024年工作计划
加强执法培训。
"""
THIS_YEAR = """示例区民政局2024年法治政府建设年度报告
一、主要举措和成效
全年开展宪法宣传活动37场。
二、2023年存在问题整改情况
针对执法文书不规范问题,修订执法文书模板5种。
"""

# a checklist of its own that calls the shortfalls part "problems"
RENAMED = """id: renamed
items:
  - id: measures
    name: 主要举措
    headings: ['举措']
  - id: problems
    name: 存在的不足
    headings: ['不足']
  - id: prior_rectification
    name: 整改情况
    headings: ['整改']
  - id: next_year_plan
    name: 工作计划
    headings: ['计划']
rules:
  - id: followup.unanswered_shortfall
    kind: followup
    aspect: unanswered_shortfall
    severity: warning
    points: 5
    message: 上一年度不足未见整改
"""


def _write(tmp_path: Path, text: str, name: str = "rules.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_renamed_item_is_a_load_error_at_the_rule(tmp_path: Path) -> None:
    path = _write(tmp_path, RENAMED)
    with pytest.raises(ChecklistError) as info:
        checklists.load(path)
    line = RENAMED.splitlines().index("  - id: followup.unanswered_shortfall") + 1
    assert info.value.render("zh") == f"{path}:{line}：引用了不存在的条目“shortfalls”"


def test_naming_the_renamed_item_loads(tmp_path: Path) -> None:
    path = _write(tmp_path, RENAMED + "    shortfalls: problems\n")
    rule = next(r for r in checklists.load(path).rules if r.spec.kind == "followup")
    assert rule.params.shortfalls == "problems"  # type: ignore[attr-defined]


def test_a_misspelt_item_parameter_is_refused_on_its_own_line(tmp_path: Path) -> None:
    text = "id: local\nextends: national\nrules:\n  - id: followup.unreported_plan\n    measures: measure\n"
    path = _write(tmp_path, text)
    with pytest.raises(ChecklistError) as info:
        checklists.load(path)
    assert info.value.render("zh") == f"{path}:5：引用了不存在的条目“measure”，您是不是要找 measures？"


def test_followup_rules_must_agree_on_shared_parameters(tmp_path: Path) -> None:
    text = "id: local\nextends: national\nrules:\n  - id: followup.repeated_shortfall\n    repeated: 0.9\n"
    path = _write(tmp_path, text)
    with pytest.raises(ChecklistError) as info:
        checklists.load(path)
    assert info.value.line == 5 and "repeated" in info.value.zh and "followup.unanswered_shortfall" in info.value.zh


def test_all_followup_rules_may_change_a_threshold_together(tmp_path: Path) -> None:
    rules = "".join(f"  - id: followup.{a}\n    repeated: 0.9\n"
                    for a in ("unanswered_shortfall", "repeated_shortfall", "unreported_plan"))
    path = _write(tmp_path, "id: local\nextends: national\nrules:\n" + rules)
    assert {r.params.repeated for r in checklists.load(path).rules if r.spec.kind == "followup"} == {0.9}  # type: ignore[attr-defined]


def test_a_threshold_out_of_range_is_refused(tmp_path: Path) -> None:
    text = "id: local\nextends: national\nrules:\n  - id: followup.unanswered_shortfall\n    answered: 0\n"
    path = _write(tmp_path, text)
    with pytest.raises(ChecklistError) as info:
        checklists.load(path)
    assert info.value.render("zh") == f"{path}:5：“answered”应大于 0.0"


def _run(ruleset: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, object]:
    """Check THIS_YEAR against LAST_YEAR, counting how often follow-through reads a report's items."""
    calls = []
    items = checker.followup._items

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[1])
        return items(*args, **kwargs)

    monkeypatch.setattr(checker.followup, "_items", counting)
    history = [read_bytes(LAST_YEAR.encode(), "2023.txt", fmt="txt")]
    result = analyse(read_bytes(THIS_YEAR.encode(), "2024.txt", fmt="txt"), checklists.load(ruleset), history=history)
    return len(calls), result


def test_follow_through_is_worked_out_when_a_rule_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    calls, result = _run("national", monkeypatch)
    assert calls > 0
    assert [f.item for f in result.reuse.followups] == ["二是普法宣传形式单一", "加强执法培训"]  # type: ignore[attr-defined]
    assert "followup.unanswered_shortfall" in {f.rule for f in result.findings}  # type: ignore[attr-defined]


def test_follow_through_is_skipped_when_no_rule_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    disable = "".join(f"  - followup.{a}\n" for a in ("unanswered_shortfall", "repeated_shortfall", "unreported_plan"))
    path = _write(tmp_path, "id: local\nextends: national\ndisable:\n" + disable)
    calls, result = _run(path, monkeypatch)
    assert calls == 0
    assert result.reuse is not None and result.reuse.followups == ()  # type: ignore[attr-defined]
    assert result.reuse.ratio > 0  # the reports were still compared for reuse  # type: ignore[attr-defined]


def test_only_the_aspects_asked_for_are_looked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    disable = "".join(f"  - followup.{a}\n" for a in ("repeated_shortfall", "unreported_plan"))
    path = _write(tmp_path, "id: local\nextends: national\ndisable:\n" + disable)
    _calls, result = _run(path, monkeypatch)
    assert [f.kind for f in result.reuse.followups] == ["unanswered_shortfall"]  # type: ignore[attr-defined]
