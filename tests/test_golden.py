"""Golden files: the JSON of every seed and example, as reviewed and committed.

A change that alters any finding, section, offset or score shows up here as a diff to review. To
accept a reviewed change: ``make golden`` (UPDATE_GOLDEN=1), then read ``git diff tests/golden``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.conftest import ROOT, SEEDS

GOLDEN = Path(__file__).parent / "golden"
INPUTS = sorted(SEEDS.glob("0*.txt")) + sorted((ROOT / "examples").glob("*.txt"))


def _golden_name(path: Path) -> str:
    return f"{path.stem[:3]}.json" if path.parent == SEEDS else f"example-{path.stem}.json"


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem[:8])
@pytest.mark.parametrize("ruleset", ["national", "shenzhen"])
def test_json_matches_golden(path: Path, ruleset: str) -> None:
    code, out, err = run_cli("check", str(path), "--format", "json", "--ruleset", ruleset)
    assert code in (0, 1), err
    data = json.loads(out)
    for report in data["reports"]:
        report["path"] = Path(report["path"]).name  # golden files hold no machine-specific paths
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    golden = GOLDEN / ruleset / _golden_name(path)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run `make golden` and review it"
    assert text == golden.read_text(encoding="utf-8")


def test_output_is_deterministic() -> None:
    path = INPUTS[0]
    first = run_cli("check", str(path), "--format", "json")[1]
    second = run_cli("check", str(path), "--format", "json")[1]
    assert first == second
