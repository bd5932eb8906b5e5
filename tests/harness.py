"""Run rule-kind cases through the whole pipeline: text → normalise → outline → locate → one rule.

A case is a mapping: ``text`` (or ``file``), ``params``, optional ``published`` (YYYY-MM-DD),
``history`` (earlier reports of the same body, as texts) and ``rule_id``, and either ``pass: true`` or ``expect:`` a list of findings, each matching on the keys
it gives (rule, evidence, severity, line, section). The number of findings must equal the number
expected: a case can fail by missing a finding and by reporting one too many. Checklist authors can
point ``cases_from`` at their own YAML files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from checker.model import Finding
from checker.pipeline import analyse
from checker.readers import read_bytes
from checker.rules import checklist as checklists
from checker.rules.checklist import Checklist, Rule
from checker.rules.kinds import KINDS
from checker.rules.kinds.base import RuleSpec

CASES = Path(__file__).parent / "cases"


def cases_from(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


def run_case(kind_name: str, case: dict[str, Any], base: Checklist) -> list[Finding]:
    kind = KINDS[kind_name]
    rule_id = case.get("rule_id") or f"test.{kind_name}"
    spec = RuleSpec(id=rule_id, kind=kind_name, severity="warning", points=5, message="{evidence}")
    params = kind.params.model_validate(case.get("params") or {})
    one_rule = Checklist(base.id, base.name, base.path, base.basis, base.items, (Rule(spec, params),))
    text = case["text"] if "text" in case else Path(case["file"]).read_text(encoding="utf-8")
    published = case.get("published")
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    extracted = read_bytes(text.encode("utf-8"), f"<{case.get('id') or case.get('name')}>", fmt="txt")
    if published:
        extracted = dataclasses.replace(extracted, published=published)
    history = [read_bytes(h.encode("utf-8"), f"<history {i}>", fmt="txt") for i, h in enumerate(case.get("history") or [])]
    return list(analyse(extracted, one_rule, history=history).findings)


def assert_case(findings: list[Finding], case: dict[str, Any]) -> None:
    if case.get("pass"):
        assert findings == [], f"expected no finding, got {[(f.rule, f.evidence, f.values) for f in findings]}"
        return
    expected = case.get("expect")
    assert expected, "a case needs `pass: true` or a non-empty `expect`"
    got = [(f.rule, f.evidence, f.severity, f.location.line, f.location.section) for f in findings]
    assert len(findings) == len(expected), f"expected {len(expected)} finding(s), got {got}"
    remaining = list(findings)
    for want in expected:
        match = next((f for f in remaining if _matches(f, want)), None)
        assert match is not None, f"no finding matches {want}; got {got}"
        remaining.remove(match)


def _matches(f: Finding, want: dict[str, Any]) -> bool:
    actual = {"rule": f.rule, "evidence": f.evidence, "severity": f.severity, "line": f.location.line,
              "section": f.location.section}
    return all(actual.get(k) == v for k, v in want.items())


def national() -> Checklist:
    return checklists.load("national")
