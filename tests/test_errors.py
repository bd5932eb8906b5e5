"""Each kind of user file has its own error: a broken waivers or configuration file is not called a
checklist, and every one of them is one line naming the file, exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import config as configuration
from checker.errors import CheckerError, ChecklistError, ConfigError, WaiverFileError
from checker.rules import checklist, waivers
from tests.cli_run import run_cli
from tests.conftest import ROOT

EXAMPLE = next((ROOT / "examples").glob("*街道*.txt"))


@pytest.mark.parametrize(("text", "problem"), [
    ("", "配置文件为空"),
    ("ruleset: national\nruleset: shenzhen\n", "重复的键“ruleset”"),
    ("fail_undr: 80\n", "未知的配置项“fail_undr”"),
    ("- a list\n", "配置文件的顶层应为映射"),
])
def test_a_broken_configuration_is_a_config_error(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / ".checker.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        configuration.settings({}, path)
    assert problem in info.value.zh and info.value.path == str(path)
    assert not isinstance(info.value, ChecklistError)


@pytest.mark.parametrize(("text", "problem"), [
    (None, "豁免文件不存在"),
    ("waivers: {}\n", "豁免文件应包含 waivers 列表"),
    ("waivers:\n  - rule: x\n", "第1条豁免：缺少"),
    ("waivers: [\n", "YAML 语法错误"),
])
def test_a_broken_waivers_file_is_a_waiver_file_error(tmp_path: Path, text: str | None, problem: str) -> None:
    path = tmp_path / "waivers.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(WaiverFileError) as info:
        waivers.load(path)
    assert problem in info.value.zh and info.value.path == str(path)
    assert not isinstance(info.value, ChecklistError)


def test_a_missing_checklist_file_says_checklist(tmp_path: Path) -> None:
    with pytest.raises(ChecklistError) as info:
        checklist.load(str(tmp_path / "mine.yaml"))
    assert "检查清单文件不存在" in info.value.zh


@pytest.mark.parametrize(("option", "name", "problem"), [
    ("--waivers", "w.yaml", "豁免文件不存在"),
    ("--config", "c.yaml", "配置文件不存在"),
    ("--ruleset", "r.yaml", "检查清单文件不存在"),
])
def test_the_command_line_names_the_kind_of_file(tmp_path: Path, option: str, name: str, problem: str) -> None:
    missing = tmp_path / name
    code, _, err = run_cli("check", str(EXAMPLE), option, str(missing))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert problem in err and "Traceback" not in err, err


def test_every_file_error_is_a_checker_error() -> None:
    for cls in (ChecklistError, ConfigError, WaiverFileError):
        assert issubclass(cls, CheckerError) and cls.exit_code == 2


def test_a_library_message_over_several_lines_is_still_one_line() -> None:
    """SQLite's integrity report spans lines; the user's error stays one line naming the file (found by make fuzz)."""
    from checker.errors import InputError

    e = InputError("/x/档案库.sqlite3", "档案库文件已损坏（*** in database main ***\nPage 72: btreeInitPage() returns error code 11\n）",
                   "damaged (*** in database main ***\nPage 72: error 11)")
    assert e.render() == "/x/档案库.sqlite3：档案库文件已损坏（*** in database main ***；Page 72: btreeInitPage() returns error code 11；）"
    assert e.render("en") == "/x/档案库.sqlite3: damaged (*** in database main ***; Page 72: error 11)"
