"""A rule's former id (``aliases:``) still names it: content.outline_name became style.instrument_title."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from checker import cases
from checker.pipeline import analyse
from checker.readers import read_bytes
from checker.rules import checklist as checklists
from checker.rules import waivers

REPORT = """\
示例区民政局2024年法治政府建设年度报告
一、主要举措和成效
2024年,示例区民政局认真落实《法治政府建设实施纲要(2022—2025年)》,全年办理行政复议案件3件。
"""


def _report():  # type: ignore[no-untyped-def]
    return read_bytes(REPORT.encode("utf-8"), "示例.txt", fmt="txt")


def test_former_id_names_the_new_rule() -> None:
    national = checklists.load("national")
    assert national.rule_id("content.outline_name") == "style.instrument_title"
    assert "content.outline_name" not in {r.spec.id for r in national.rules}


def test_waiver_written_for_the_former_id_suppresses_the_new_finding(tmp_path: Path) -> None:
    national = checklists.load("national")
    found = [f for f in analyse(_report(), national).findings if f.rule == "style.instrument_title"]
    assert len(found) == 1
    path = tmp_path / "waivers.yaml"
    path.write_text(
        "waivers:\n"
        f"  - fingerprint: {found[0].fingerprint_as('content.outline_name')}\n"
        "    rule: content.outline_name\n    reviewer: 张三\n    reason: 已核实\n    expires: 2099-12-31\n",
        encoding="utf-8")
    result = analyse(_report(), national, waivers=waivers.load(path), today=date(2025, 1, 1))
    assert [f.rule for f, _ in result.waived] == ["style.instrument_title"]
    assert not [f for f in result.findings if f.rule == "style.instrument_title"]
    assert not waivers.with_stale([result], waivers.load(path))[0].findings[len(result.findings):]


def test_filter_by_the_former_id_selects_the_new_rule() -> None:
    national = checklists.load("national")
    case = cases.Case.model_validate({"text": REPORT, "rules": ["content.outline_name"],
                                      "expect": [{"rule": "style.instrument_title"}]})
    assert cases.run(case, national).passed


def test_child_checklist_may_override_and_disable_by_the_former_id(tmp_path: Path) -> None:
    (tmp_path / "child.yaml").write_text(
        "id: child\nextends: national\nrules:\n  - id: content.outline_name\n    severity: error\n", encoding="utf-8")
    child = checklists.load(str(tmp_path / "child.yaml"))
    rule = next(r for r in child.rules if r.spec.id == "style.instrument_title")
    assert rule.spec.severity == "error"
    (tmp_path / "off.yaml").write_text("id: off\nextends: national\ndisable: [content.outline_name]\n", encoding="utf-8")
    off = checklists.load(str(tmp_path / "off.yaml"))
    assert "style.instrument_title" not in {r.spec.id for r in off.rules}
