"""Table-driven tests for every rule kind: its docstring examples and tests/cases/<kind>.yaml, run by the
harness checklist authors use too (checker.cases, ``checker rules --test``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker import cases as harness
from checker.rules import checklist
from checker.rules.kinds import KINDS

BASE = checklist.load("national")
CASES = Path(__file__).parent / "cases"


def cases_from(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


def assert_case(kind: str, case: dict[str, Any]) -> None:
    outcome = harness.run_kind_case(kind, case, BASE)
    got = [(f.rule, f.evidence, f.severity, f.location.line, f.location.section) for f in outcome.found]
    assert outcome.passed, f"missing {[m.shown() for m in outcome.missing]}; unexpected {got}"

EXAMPLES = [(name, ex) for name, kind in KINDS.items() for ex in kind.examples]
CASE_FILES = sorted(CASES.glob("*.yaml"))
TABLE = [(path.stem, case) for path in CASE_FILES for case in cases_from(path)]


@pytest.mark.parametrize(("kind", "example"), EXAMPLES,
                         ids=[f"{k}:{ex.get('name')}" for k, ex in EXAMPLES])
def test_docstring_example(kind: str, example: dict) -> None:
    assert_case(kind, example)


@pytest.mark.parametrize(("kind", "case"), TABLE, ids=[f"{k}:{c.get('id')}" for k, c in TABLE])
def test_case_table(kind: str, case: dict) -> None:
    assert kind in KINDS, f"tests/cases/{kind}.yaml names no registered kind"
    assert_case(kind, case)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_documents_a_passing_and_a_failing_example(kind: str) -> None:
    examples = KINDS[kind].examples
    assert any(ex.get("pass") for ex in examples), f"{kind} has no passing example"
    assert any(ex.get("expect") for ex in examples), f"{kind} has no failing example"
    assert KINDS[kind].doc.strip(), f"{kind} has no documentation"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_a_case_table(kind: str) -> None:
    assert (CASES / f"{kind}.yaml").exists(), f"tests/cases/{kind}.yaml is missing"
