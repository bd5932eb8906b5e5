"""Who reports and for which year: tests/data/meta/cases.yaml, run through the reader and the pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.pipeline import analyse
from checker.readers import read_bytes
from checker.render.messages import Wording
from checker.rules import checklist as checklists

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "meta" / "cases.yaml").read_text(encoding="utf-8")
)
BASE = checklists.load("national")


def _result(case: dict[str, Any]):  # type: ignore[no-untyped-def]
    fmt = "html" if "html" in case else "txt"
    extracted = read_bytes(case[fmt if fmt == "html" else "text"].encode("utf-8"), f"<{case['id']}>", fmt=fmt)
    return analyse(extracted, BASE)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_org_and_year(case: dict[str, Any]) -> None:
    result = _result(case)
    assert (result.meta.org, result.meta.year) == (case["org"], case["year"])


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_an_unknown_body_is_reported_not_guessed(case: dict[str, Any]) -> None:
    result = _result(case)
    unknown = [f for f in result.findings if f.rule == "meta.org_unknown"]
    assert len(unknown) == (1 if case["org"] is None else 0), [(f.rule, f.evidence) for f in unknown]
    if unknown:
        assert "报告单位" in Wording(result).message(unknown[0])
