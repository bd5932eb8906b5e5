"""Bounded memory and time for every input: hostile files are refused (exit 2, one Chinese line) or read
within bounds, never a MemoryError, a hang or exit 3.

Each run is a real ``checker`` process under an address-space cap (``resource.setrlimit``), so a
regression fails fast instead of taking the machine down; the subprocess timeout only guards against a
hang and asserts nothing about speed.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import hostile_files as hostile
from tests.conftest import ROOT

CAP_WITHOUT_MODEL = 768 * 1024 * 1024  # refused before the segmentation model loads: the reader's own budget
HANG_GUARD = 120


def run_capped(*args: str, cwd: Path, cap: int = CAP_WITHOUT_MODEL) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=HANG_GUARD, preexec_fn=limit)


REFUSED: list[tuple[str, str, Callable[[], bytes], str]] = [
    ("styles part inflating to 190 MB", "styles.docx", hostile.docx_huge_styles, "压缩炸弹"),
    ("padding hides a 190 MB body", "padded.docx", hostile.docx_padded_body, "压缩炸弹"),
    ("forged uncompressed size", "forged.docx", hostile.docx_forged_size, "已损坏"),
    ("1 MB Flate stream inflating to 1 GB", "flate.pdf", hostile.pdf_flate_bomb, "压缩炸弹"),
    ("LZW stream inflating to 700 MB", "lzw.pdf", hostile.pdf_lzw_bomb, "压缩炸弹"),
]


@pytest.mark.parametrize(("name", "filename", "build", "problem"), REFUSED, ids=[c[0] for c in REFUSED])
def test_bombs_are_refused_within_the_cap(tmp_path: Path, name: str, filename: str, build: Callable[[], bytes],
                                          problem: str) -> None:
    target = tmp_path / filename
    target.write_bytes(build())
    proc = run_capped("check", str(target), cwd=tmp_path)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, proc.stderr[-500:]
    assert len(lines) == 1 and lines[0].startswith(f"错误：{target}：") and problem in lines[0], proc.stderr


TABLES: list[tuple[str, Callable[[], bytes], list[str]]] = [
    ("a cell spanning a billion columns", hostile.docx_grid_span, ["跨列"]),
    ("a column merged down 3,000 rows", hostile.docx_vertical_merges, ["合并"] + [""] * 3000),
]


@pytest.mark.parametrize(("name", "build", "rows"), TABLES, ids=[c[0] for c in TABLES])
def test_hostile_tables_are_read_within_the_cap(tmp_path: Path, name: str, build: Callable[[], bytes],
                                                rows: list[str]) -> None:
    target = tmp_path / "table.docx"
    target.write_bytes(build())
    # such repetitive XML would be refused by the inflation ratio first; let it through to reach the tables
    (tmp_path / ".checker.yaml").write_text("docx_ratio: 100000\n", encoding="utf-8")
    proc = run_capped("extract", str(target), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-500:]
    lines = proc.stdout.split("\n")
    assert lines[:2] == ["一、主要举措和成效", "全年办理行政复议案件三件。"]
    assert lines[2:2 + len(rows)] == rows  # each cell once, whatever it spans; merged continuations empty


EXAMPLE = next((ROOT / "examples").glob("*街道*.txt"))
ALIAS_BOMBS = [
    ("checklist", lambda bomb: ("check", str(EXAMPLE), "--ruleset", str(bomb))),
    ("config file", lambda bomb: ("check", str(EXAMPLE), "--config", str(bomb))),
    ("waiver file", lambda bomb: ("check", str(EXAMPLE), "--waivers", str(bomb))),
]


@pytest.mark.parametrize(("where", "command"), ALIAS_BOMBS, ids=[c[0] for c in ALIAS_BOMBS])
def test_yaml_alias_bombs_are_refused_at_load(tmp_path: Path, where: str,
                                              command: Callable[[Path], tuple[str, ...]]) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(hostile.yaml_alias_bomb(), encoding="utf-8")
    assert len(bomb.read_bytes()) < 500  # 9 ** 9 = 387 million nodes once expanded
    proc = run_capped(*command(bomb), cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr[-500:]
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert str(bomb) in proc.stderr and "别名炸弹" in proc.stderr


def _stuck(*args: object, **kwargs: object) -> None:
    while True:  # a pathological input keeping the checker busy: only the alarm gets it out
        pass


def test_check_has_a_time_limit_per_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import pipeline
    from tests.cli_run import run_cli

    monkeypatch.setattr(pipeline, "check_path", _stuck)
    code, _, err = run_cli("check", str(EXAMPLE), "--timeout", "1")
    assert code == 2
    assert err.strip() == f"错误：{EXAMPLE}：检查超时：超过单个文件的时间上限（1秒），已停止检查这个文件"


def test_a_reader_that_catches_everything_cannot_swallow_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Readers turn any exception of their library into "corrupt file": the alarm must get through."""
    from checker.errors import InputError
    from checker.pipeline import time_limit

    def reader() -> None:
        try:
            _stuck()
        except Exception:  # noqa: BLE001 — what the PDF reader does with pdfminer's errors
            raise InputError("r.pdf", zh="PDF 文件已损坏") from None

    with pytest.raises(InputError) as caught, time_limit("r.pdf", 0.5):
        reader()
    assert "检查超时" in caught.value.render()


CAP_WITH_MODEL = 3 * 1024**3
CATASTROPHIC = ["((a+))+$", "(a|aa)+$", "(a|a)+$", "(a+|b)+c", r"(\w+\s?)+$", "(.*a){20}$"]


def test_catastrophic_patterns_run_in_linear_time_in_a_real_check(tmp_path: Path) -> None:
    """Each pattern of the hostile round on text made to trip a backtracking engine: the check finishes
    (RE2 is linear by construction) instead of hanging past the guard."""
    rules = "\n".join(
        f"  - {{id: content.hostile{i}, kind: pattern, severity: info, points: 0, message: 命中, patterns: ['{p}']}}"
        for i, p in enumerate(CATASTROPHIC))
    checklist = tmp_path / "hostile.yaml"
    checklist.write_text(f"extends: national\nrules:\n{rules}\n", encoding="utf-8")
    report = tmp_path / "report.txt"
    # every line ends in a long run of "a" that the patterns almost match: a backtracking engine explores
    # exponentially many ways to fail; the last line lets (a+|b)+c match, to show the patterns did run
    text = EXAMPLE.read_text(encoding="utf-8").replace("\n", "a" * 60 + "!\n") + "a" * 60 + "c\n"
    report.write_text(text, encoding="utf-8")
    proc = run_capped("check", str(report), "--checklist", str(checklist), "-f", "json", cwd=tmp_path,
                      cap=CAP_WITH_MODEL)
    assert proc.returncode in (0, 1), proc.stderr[-500:]
    assert '"rule": "content.hostile3"' in proc.stdout  # the patterns ran: (a+|b)+c matched the last line
