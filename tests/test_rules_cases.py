"""``checker rules --test``: a checklist author runs their own cases file against their checklist."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import run_cli

CHECKLIST = """\
id: my-district
extends: national
rules:
  - id: content.my_words
    kind: pattern
    severity: warning
    points: 2
    message: 出现了不建议使用的表述“{evidence}”
    patterns: ["圆满完成"]
"""

REPORT = """\
示例区民政局2024年法治政府建设年度报告
一、主要举措和成效
全年办理行政复议案件3件,圆满完成年度目标。
"""

PASSING = f"""\
checklist: my.yaml
cases:
  - id: words-we-do-not-use
    rules: [content.my_words]
    text: |
{''.join('      ' + line + chr(10) for line in REPORT.splitlines())}\
    expect: [{{rule: content.my_words, evidence: 圆满完成, line: 3}}]
  - id: plain-words-pass
    rules: ["content.my_*"]
    text: |
      示例区民政局2024年法治政府建设年度报告
      一、主要举措和成效
      全年办理行政复议案件3件。
    pass: true
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "my.yaml").write_text(CHECKLIST, encoding="utf-8")
    return tmp_path


def test_passing_cases_exit_0_and_tick_each_case(folder: Path) -> None:
    (folder / "my-cases.yaml").write_text(PASSING, encoding="utf-8")
    code, out, err = run_cli("rules", "--test", str(folder / "my-cases.yaml"))
    assert code == 0, (out, err)
    assert "✓ words-we-do-not-use" in out and "✓ plain-words-pass" in out
    assert "2 个用例全部通过" in out


def test_a_failing_case_exits_1_with_what_was_missing_and_what_was_extra(folder: Path) -> None:
    failing = PASSING.replace("evidence: 圆满完成, line: 3", "evidence: 圆满完成, line: 2").replace(
        "全年办理行政复议案件3件。", "全年办理行政复议案件3件,圆满完成任务。")
    (folder / "my-cases.yaml").write_text(failing, encoding="utf-8")
    code, out, err = run_cli("rules", "--test", str(folder / "my-cases.yaml"))
    assert code == 1, (out, err)
    lines = out.splitlines()
    first = lines.index("✗ words-we-do-not-use")
    assert "缺少：rule=content.my_words evidence=圆满完成 line=2" in lines[first + 1]
    assert "多出：content.my_words 第3行 “圆满完成”" in lines[first + 2]
    second = lines.index("✗ plain-words-pass")
    assert "多出：content.my_words 第3行 “圆满完成”" in lines[second + 1]
    assert "2 个用例中 2 个未通过" in out


def test_the_checklist_option_wins_over_the_file(folder: Path) -> None:
    (folder / "my-cases.yaml").write_text(PASSING, encoding="utf-8")
    code, out, err = run_cli("rules", "--test", str(folder / "my-cases.yaml"), "--checklist", "national")
    # national has no content.my_words: the rules filter names no rule of the checklist, a bad file
    assert code == 2 and "检查清单 national 中没有规则“content.my_words”" in err, (out, err)
    assert err.startswith(f"错误：{folder / 'my-cases.yaml'}:3：")


@pytest.mark.parametrize(("text", "problem", "line"), [
    ("checklist: my.yaml\n", "用例文件应包含非空的 cases 列表", 1),
    ("cases:\n  - id: a\n    txt: 文字\n    pass: true\n", "第1个用例：未知的键“txt”", 3),
    ("cases:\n  - id: a\n    text: 文字\n", "第1个用例：应给出 pass: true 或非空的 expect 之一", 2),
    ("cases:\n  - id: a\n    file: nowhere.txt\n    pass: true\n", "第1个用例的文件不存在：nowhere.txt", 3),
    ("cases:\n  - id: a\n    text: 文字\n    expect: [{rule: x, colour: red}]\n", "第1个用例：未知的键“expect.0.colour”", 4),
    ("cases: []\ncases: []\n", "重复的键“cases”", 2),
])
def test_a_malformed_cases_file_is_one_line_and_exit_2(folder: Path, text: str, problem: str, line: int) -> None:
    path = folder / "bad-cases.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_cli("rules", "--test", str(path))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, (out, err)
    assert err.strip() == f"错误：{path}:{line}：{problem}" or (problem in err and f"{path}:{line}" in err), err


def test_a_missing_cases_file(tmp_path: Path) -> None:
    code, _, err = run_cli("rules", "--test", str(tmp_path / "none.yaml"))
    assert code == 2 and "用例文件不存在" in err


def test_english(folder: Path) -> None:
    (folder / "my-cases.yaml").write_text(PASSING.replace("line: 3", "line: 2"), encoding="utf-8")
    code, out, _ = run_cli("rules", "--test", str(folder / "my-cases.yaml"), "--lang", "en")
    assert code == 1 and "✗ words-we-do-not-use" in out and "missing: rule=content.my_words" in out
    assert "unexpected: content.my_words line 3 “圆满完成”" in out and "1 of 2 cases failed" in out
