"""`check --history` and `diff`: whose report the earlier file is comes from the bodies the checker
detects in the two texts, not from the option's name; a "history" file that is not earlier is warned
about."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "reuse"
OLD = (DATA / "2023.txt").read_text(encoding="utf-8")
BODY = "示例区城市管理和综合执法局"
OTHER = "样板县自然资源局"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """This year's report (last year's recycled), last year's, another body's and a later one of ours."""
    made = {
        "report": OLD.replace("2023年", "2024年").replace("2024年工作计划", "2025年工作计划"),
        "earlier": OLD,
        "other": OLD.replace(BODY, OTHER),
        "later": OLD.replace("2023年", "2025年").replace("2024年工作计划", "2026年工作计划"),
        "same_year": OLD.replace("2023年", "2024年"),
    }
    paths = {}
    for name, text in made.items():
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _json(*args: str) -> tuple[dict, str]:
    code, out, err = run_cli(*args, "--format", "json")
    assert code in (0, 1), err
    return json.loads(out)["reports"][0], err


def test_history_of_another_body_is_a_peer(files) -> None:
    report, _ = _json("check", str(files["report"]), "--history", str(files["other"]))
    source = report["reuse"]["sources"][0]
    assert source["org"] == OTHER and source["kind"] == "peer"
    rules = {f["rule"] for f in report["findings"]}
    assert "reuse.peer" in rules and "reuse.self" not in rules
    assert not {"reuse.stale_figures", "followup.repeated_shortfall"} & rules  # last year's: own reports only
    code, out, _ = run_cli("check", str(files["report"]), "--history", str(files["other"]))
    assert "（其他单位" in out and "（本单位" not in out


def test_diff_with_another_body_labels_it_other(files) -> None:
    code, out, err = run_cli("diff", str(files["report"]), str(files["other"]))
    assert code == 0, err
    assert f"{OTHER} 2023（其他单位" in out and "（本单位" not in out
    report, _ = _json("diff", str(files["report"]), str(files["other"]))
    assert report["reuse"]["sources"][0]["kind"] == "peer"


def test_history_of_the_same_body_is_its_own(files) -> None:
    report, err = _json("check", str(files["report"]), "--history", str(files["earlier"]))
    assert report["reuse"]["sources"][0]["kind"] == "self"
    assert "reuse.self" in {f["rule"] for f in report["findings"]}
    assert err == ""  # an earlier year: nothing to warn about
    code, out, _ = run_cli("diff", str(files["report"]), str(files["earlier"]))
    assert f"{BODY} 2023（本单位" in out


@pytest.mark.parametrize(("name", "year"), [("later", 2025), ("same_year", 2024)])
def test_history_not_earlier_than_the_report_is_warned(files, name: str, year: int) -> None:
    for command in (["check", str(files["report"]), "--history", str(files[name])],
                    ["diff", str(files["report"]), str(files[name])]):
        code, out, err = run_cli(*command)
        assert code in (0, 1)
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1, err
        assert lines[0].startswith("提醒：") and f"{name}.txt" in lines[0]
        assert f"{year}年" in lines[0] and "2024年" in lines[0] and "不早于" in lines[0]
    code, _, err = run_cli("check", str(files["report"]), "--history", str(files[name]), "--lang", "en")
    assert "warning:" in err and f"{name}.txt" in err and "not earlier" in err
