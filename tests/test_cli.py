"""The command line as users meet it: exit codes, one-line Chinese errors, formats, stdin, help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.conftest import ROOT

EXAMPLE = next((ROOT / "examples").glob("*服务局*.txt"))
CLEAN = next((ROOT / "examples").glob("*街道*.txt")).read_text(encoding="utf-8")


def _one_line_error(err: str, path: str, problem: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert path in lines[0] and problem in lines[0], lines[0]
    assert "Traceback" not in err


BAD_INPUTS = [
    ("empty", b"", "文件为空"),
    ("whitespace", b"   \n\n  ", "没有文字内容"),
    ("binary", bytes(range(256)) * 8, "二进制文件"),
    ("corrupt-docx", b"PK\x03\x04" + b"\x00garbage" * 50, "不是有效的 .docx 文件"),
    ("legacy-doc", bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 600, ".docx"),
]


@pytest.mark.parametrize(("name", "data", "problem"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_one_chinese_line_and_exit_2(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = tmp_path / ("报告.docx" if "doc" in name else "报告.txt")
    path.write_bytes(data)
    code, out, err = run_cli("check", str(path))
    assert code == 2
    _one_line_error(err, str(path), problem)
    assert err.startswith("错误：")


def test_malformed_ruleset_is_one_line_per_problem_with_file_and_line(tmp_path: Path) -> None:
    rules = tmp_path / "bad.yaml"
    rules.write_text("id: bad\nrules:\n  - id: x.y\n    kind: pattern\n    severity: loud\n", encoding="utf-8")
    code, _, err = run_cli("check", str(EXAMPLE), "--ruleset", str(rules))
    assert code == 2 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert all(line.startswith(f"错误：{rules}:") for line in lines), err
    assert any(f"{rules}:5：“severity”的取值无效" in line for line in lines), err
    assert any("缺少必填项“points”" in line for line in lines), err


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, out, err = run_cli("check", str(bad), str(EXAMPLE), "--format", "json")
    assert code == 2
    assert [Path(r["path"]).name for r in json.loads(out)["reports"]] == [EXAMPLE.name]
    _one_line_error(err, str(bad), "文件为空")


def test_clean_report_passes_and_example_fails(tmp_path: Path) -> None:
    good = tmp_path / "clean.txt"
    good.write_text(CLEAN, encoding="utf-8")
    code, out, err = run_cli("check", str(good), "--ruleset", "shenzhen", "--format", "json")
    report = json.loads(out)["reports"][0]
    assert code == 0, report["findings"]
    assert report["passed"] and report["score"] >= 90
    assert all(s["present"] for s in report["sections"] if s["required"])
    code, out, _ = run_cli("check", str(EXAMPLE), "--ruleset", "shenzhen", "--format", "json")
    assert code == 1 and json.loads(out)["reports"][0]["passed"] is False


def test_fail_under_sets_the_gate(tmp_path: Path) -> None:
    good = tmp_path / "clean.txt"
    good.write_text(CLEAN.replace("2025年", ""), encoding="utf-8")  # a plan that names no year: −1
    code, out, _ = run_cli("check", str(good), "--format", "json", "--fail-under", "100")
    report = json.loads(out)["reports"][0]
    assert report["score"] < 100 and code == 1 and "低于门槛100" in report["gate"]["reason"]


def test_example_shows_every_kind_of_finding() -> None:
    code, out, _ = run_cli("check", str(EXAMPLE), "--ruleset", "shenzhen", "--format", "json")
    rules = {f["rule"] for f in json.loads(out)["reports"][0]["findings"]}
    for rule in ("section.prior_rectification", "section.shortfall_reasons", "year.next_plan", "year.mismatch",
                 "content.placeholder", "content.zero_boilerplate", "content.foreign_place",
                 "style.instrument_title", "meta.deadline"):
        assert rule in rules, rule


def test_terminal_output_is_chinese_and_english_on_request() -> None:
    code, out, _ = run_cli("check", str(EXAMPLE), "--ruleset", "shenzhen")
    assert code == 1
    for word in ("报告结构", "清单条目", "发现的问题", "得分", "结论", "✗ 未通过", "龙华"):
        assert word in out, word
    code, out, _ = run_cli("check", str(EXAMPLE), "--ruleset", "shenzhen", "--lang", "en")
    for word in ("Outline", "Checklist items", "Findings", "verdict", "failed"):
        assert word in out, word


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, _ = run_cli("check", str(EXAMPLE), "--format", "json", "--output", str(target))
    assert out == "" and json.loads(target.read_text(encoding="utf-8"))["schema"] == "checker/report-v1"


def test_extract_prints_the_text_offsets_refer_to() -> None:
    code, out, _ = run_cli("extract", str(EXAMPLE))
    assert code == 0
    assert out.startswith("深圳市福田区示例服务局2024年法治政府建设年度报告\n")
    assert "发布日期" not in out


def test_rules_lists_checklists_and_kind_examples() -> None:
    code, out, _ = run_cli("rules")
    assert code == 0
    for word in ("全国通用清单", "深圳市清单", "section.shortfalls", "content.foreign_place", "foreign_place",
                 "year_mismatch", "通过", "报告问题"):
        assert word in out, word


def test_unknown_ruleset_and_usage_errors() -> None:
    code, _, err = run_cli("check", str(EXAMPLE), "--ruleset", "atlantis")
    assert code == 2 and "找不到检查清单" in err
    code, _, err = run_cli("check", str(EXAMPLE), "--no-such-option")
    assert code == 2 and "用法错误" in err


def _subprocess(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], input=stdin, capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=120, cwd=ROOT)


def test_help_does_not_load_the_model() -> None:
    probe = ("import sys; from checker.cli import main; code = main(['--help']); "
             "print('LOADED' if any(m.startswith(('spacy', 'spacy_pkuseg', 'opencc', 'pdfplumber')) "
             "for m in sys.modules) else 'LIGHT')")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=60, cwd=ROOT)
    assert result.stdout.decode().strip().endswith("LIGHT"), result.stdout.decode()
    assert "检查报告" in result.stdout.decode()


def test_stdin_and_python_m(tmp_path: Path) -> None:
    result = _subprocess("check", "-", "--format", "json", stdin=CLEAN.encode("gb18030"))
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["reports"][0]["path"] == "<stdin>"


def test_missing_model_says_what_to_run(tmp_path: Path) -> None:
    result = _subprocess("check", str(EXAMPLE), env={"CHECKER_MODEL_DIR": str(tmp_path / "none")})
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "-m checker.setup_model" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


REUSE_DATA = ROOT / "tests" / "data" / "reuse"


def test_history_adds_the_reuse_block(tmp_path: Path) -> None:
    recycled = tmp_path / "2024.txt"
    old = (REUSE_DATA / "2023.txt").read_text(encoding="utf-8")
    recycled.write_text(old.replace("2023年", "2024年").replace("2024年工作计划", "2025年工作计划"), encoding="utf-8")
    code, out, err = run_cli("check", str(recycled), "--history", str(REUSE_DATA / "2023.txt"), "--format", "json")
    report = json.loads(out)["reports"][0]
    reuse = report["reuse"]
    assert reuse["ratio"] > 0.95 and reuse["ratio_without_boilerplate"] > 0.7  # title, headings, formulas aside
    assert {"ratio", "ratio_without_boilerplate", "sections", "sources", "passages"} <= set(reuse)
    assert reuse["sources"][0]["kind"] == "self" and reuse["sources"][0]["year"] == 2023
    rules = {f["rule"] for f in report["findings"]}
    assert {"reuse.self", "reuse.stale_figures", "followup.repeated_shortfall"} <= rules
    assert code == 1 and report["passed"] is False
    code, out, _ = run_cli("check", str(recycled), "--history", str(REUSE_DATA / "2023.txt"))
    for word in ("照搬与沿用", "复制比", "大部分文字沿用已有报告", "本报告", "来源"):
        assert word in out, word


def test_diff_shows_passages_side_by_side(tmp_path: Path) -> None:
    code, out, err = run_cli("diff", str(REUSE_DATA / "independent_2024.txt"), str(REUSE_DATA / "2023.txt"))
    assert code == 0, err
    assert "复制比" in out and "未发现明显照搬" in out


def test_diff_output_file_alone_picks_its_format(tmp_path: Path) -> None:
    target = tmp_path / "diff.json"  # -o without -f: the name says JSON (this was an internal error once)
    code, _, err = run_cli("diff", str(REUSE_DATA / "independent_2024.txt"), str(REUSE_DATA / "2023.txt"),
                           "-o", str(target))
    assert code == 0, err
    assert json.loads(target.read_text(encoding="utf-8"))["reports"][0]["reuse"]["sources"]
