"""What the user reads besides findings: Typer/click's own texts in Chinese, did-you-mean hints, and
``--lang en`` output without Chinese labels or punctuation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.errors import ChecklistError
from checker.rules import checklist as checklists
from tests.cli_run import run_cli
from tests.conftest import ROOT, SEEDS

EXAMPLE = next((ROOT / "examples").glob("*服务局*.txt"))
SEED_001 = SEEDS / "001_c639ab8258987249.txt"
CJK_PUNCT = re.compile("[，。：；、（）“”！？【】《》]")


def test_help_is_chinese_when_the_language_is_chinese() -> None:
    code, out, _ = run_cli("waive", "--help")
    assert code == 0
    for english in ("Usage:", "Options", "Arguments", "[required]", "Show this message and exit."):
        assert english not in out, english
    for chinese in ("用法：", "选项", "参数", "[必填]", "显示此帮助并退出"):
        assert chinese in out, chinese
    code, out, _ = run_cli("--help")
    assert "命令" in out and "Commands" not in out


def test_help_stays_english_with_lang_en() -> None:
    _, out, _ = run_cli("check", "--help", "--lang", "en")
    assert "Usage:" in out and "Options" in out


@pytest.mark.parametrize(("args", "expected"), [
    (("check", "x.txt", "--format", "jsn"), "您是不是要找 json？"),
    (("waive", "x.txt"), "缺少选项“--rule”"),
    (("check",), "缺少参数“files”"),
    (("check", "--fromat", "json", "x.txt"), "没有这个选项：--fromat"),
    (("chek", "x.txt"), "您是不是要找 check？"),
    (("check", "x.txt", "--fail-under", "abc"), "--fail-under"),
    (("batch", "a/", "b/"), "多余的参数：b/"),  # click now says "argument(s)"
])
def test_usage_errors_are_one_chinese_line(args: tuple[str, ...], expected: str) -> None:
    code, _, err = run_cli(*args)
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert expected in err, err
    assert not re.search(r"Invalid value|Missing|No such|Did you mean|not one of|Input should|Got unexpected", err), err


def test_usage_errors_in_english_suggest_too() -> None:
    code, _, err = run_cli("check", "x.txt", "--format", "jsn", "--lang", "en")
    assert code == 2 and "did you mean json?" in err and not CJK_PUNCT.search(err), err


def test_unknown_ruleset_name_suggests_the_close_one() -> None:
    code, _, err = run_cli("check", str(EXAMPLE), "--ruleset", "shenzen")
    assert code == 2 and "找不到检查清单 shenzen，您是不是要找 shenzhen？" in err, err


def test_unknown_item_id_suggests_the_close_one(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("id: x\nextends: national\nrules:\n  - id: a.b\n    kind: next_year\n    severity: error\n"
                    "    points: 1\n    message: m\n    item: next_year_plam\n", encoding="utf-8")
    with pytest.raises(ChecklistError) as info:
        checklists.load(str(path))
    assert "您是不是要找 next_year_plan？" in info.value.zh


def test_a_ruleset_reports_all_its_errors_at_once(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "id: x\n"                      # 1
        "itemz: []\n"                  # 2  unknown top key
        "rules:\n"                     # 3
        "  - id: a.b\n"                # 4
        "    kind: pattern\n"          # 5
        "    severity: fatal\n"        # 6  bad severity
        "    points: 1\n"              # 7
        "    message: m\n"             # 8
        "    patterns: ['(?<!有)待']\n"  # 9  lookaround
        "  - id: c.d\n"                # 10
        "    kind: nosuch\n"           # 11 unknown kind
        "    severity: error\n"        # 12
        "    points: 1\n"              # 13
        "    message: m\n",            # 14
        encoding="utf-8")
    code, _, err = run_cli("check", str(EXAMPLE), "--ruleset", str(path))
    assert code == 2
    lines = err.strip().splitlines()
    for line_no in (2, 6, 9, 11):
        assert any(f"{path}:{line_no}：" in line for line in lines), (line_no, err)
    assert len(lines) == 4, err


def test_terminal_labels_in_english_carry_no_chinese_punctuation() -> None:
    _, out, _ = run_cli("check", str(EXAMPLE), "--lang", "en")
    labelled = [line for line in out.splitlines()
                if line.strip().startswith(("Findings", "errors", "warnings", "notes", "score", "verdict"))]
    assert len(labelled) >= 4, out
    for line in labelled:
        assert not CJK_PUNCT.search(line), line


def test_a_typer_without_the_expected_internals_degrades_to_english_help(monkeypatch: pytest.MonkeyPatch) -> None:
    """A newer Typer may move what cli/usage.py adjusts: the CLI must still run, not exit 3."""
    def moved(lang: str) -> None:
        raise ImportError("typer._click moved")

    monkeypatch.setattr("checker.cli.use_help_language", moved)
    code, out, err = run_cli("--help")
    assert code == 0 and "check" in out
