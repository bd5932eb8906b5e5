"""The batch's ranked table and CSV are rows rendered from results (render/batch_table.py), and a run of
several reports — ``check a b`` or ``batch DIR`` — notes a waiver that matched nothing once, at the run
level, in every report it covers."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from rich.console import Console

from checker import batch
from checker.pipeline import check_files, check_path
from checker.render import batch_table
from checker.rules import checklist as checklists
from checker.rules.waivers import Waiver

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
NOTHING = Waiver("0123456789abcdef", "content.foreign_place", "张三", "核实", date(2099, 1, 1), None, "龙岗",
                 "w.yaml:2")


def _lines() -> list[batch_table.Line]:
    national = checklists.load("national")
    good = batch_table.line(str(EXAMPLES[0]), check_path(str(EXAMPLES[0]), national), None)
    bad = batch_table.line("in/broken.docx", None, ("in/broken.docx：不是有效的 .docx 文件",
                                                       "in/broken.docx: not a valid .docx file"))
    return [bad, good]


def test_rows_table_and_csv(tmp_path: Path) -> None:
    bad, good = _lines()
    assert bad.unreadable and bad.reason == "不是有效的 .docx 文件" and not bad.passed
    assert good.org == "福田区示例服务局" and good.year == 2024 and not good.unreadable and good.error == ""
    target = tmp_path / "rank.csv"
    batch_table.write_csv(target, [bad, good], "zh")
    assert target.read_bytes().startswith("\ufeff".encode())  # Excel reads UTF-8 only with a BOM
    with target.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["无法读取的原因"] == "in/broken.docx：不是有效的 .docx 文件" and rows[0]["是否通过"] == "否"
    assert rows[1]["单位"] == "福田区示例服务局" and rows[1]["是否通过"] == ("是" if good.passed else "否")
    console = Console(record=True, width=200, color_system=None)
    console.print(batch_table.table([bad, good], "in", "zh"))
    shown = console.export_text()
    assert "broken.docx" in shown and "✗ 无法读取" in shown and "不是有效的 .docx 文件" in shown
    assert batch_table.tally([bad, good], "zh") == f"共2份：通过{int(good.passed)}份，未通过或无法读取{2 - int(good.passed)}份"
    assert batch_table.tally([bad, good], "en").startswith("2 reports: ")


def test_check_files_notes_a_stale_waiver_once_per_report_of_the_run() -> None:
    errors = []
    results = check_files([str(p) for p in EXAMPLES] + ["nosuch.txt"], checklists.load("national"),
                          waivers=(NOTHING,), on_error=errors.append)
    assert len(results) == 2 and len(errors) == 1 and errors[0].path == "nosuch.txt"
    assert [[f.rule for f in r.findings].count("waiver.stale") for r in results] == [1, 1]


def test_a_batch_notes_a_stale_waiver_itself(tmp_path: Path) -> None:
    rows = batch.run(EXAMPLES, "national", jobs=1, options={"waivers": (NOTHING,)}, same_body=False)
    assert [[f.rule for f in row.result.findings].count("waiver.stale") for row in rows] == [1, 1]  # type: ignore[union-attr]
    plain = batch.run(EXAMPLES, "national", jobs=1, options={}, same_body=False)
    assert all("waiver.stale" not in {f.rule for f in row.result.findings} for row in plain)  # type: ignore[union-attr]
