"""The batch as an Excel workbook (``batch DIR --xlsx``), read back with openpyxl: every submission and
every finding is there, and every number equals the JSON output of the same run."""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from checker.pipeline import check_path
from checker.render import workbook
from checker.rules import checklist as checklists
from tests.cli_run import run_cli
from tests.conftest import ROOT

STREET = next((ROOT / "examples").glob("*街道*.txt"))
BUREAU = next((ROOT / "examples").glob("*服务局*.txt"))
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One body's 2023 and 2024 reports (so that reuse is measured), another body's, a broken file; the
    workbook, the JSON and the HTML pages of one batch run."""
    base = tmp_path_factory.mktemp("workbook")
    folder = base / "报送"
    folder.mkdir()
    lines = STREET.read_text(encoding="utf-8").splitlines()
    # the earlier year: every third paragraph written differently, so that some but not all is recycled
    earlier = [line if i % 3 or i < 3 else line[: len(line) // 3] for i, line in enumerate(lines)]
    (folder / "街道2023.txt").write_text("\n".join(earlier).replace("2025", "2024").replace("2024", "2023"),
                                        encoding="utf-8")
    (folder / "街道2024.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "服务局2024.txt").write_text(BUREAU.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    out = base / "out"
    out.mkdir()
    book, doc = out / "汇总.xlsx", out / "batch.json"
    code, _, err = run_cli("batch", str(folder), "--xlsx", str(book), "-o", str(doc),
                           "-o", str(out / "pages" / "index.html"), "-j", "1")
    assert code == 1, err
    return {"book": openpyxl.load_workbook(book), "json": json.loads(doc.read_text(encoding="utf-8")),
            "out": out}


def _table(sheet: Any) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows())
    headers = [c.value for c in rows[0]]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def test_the_three_sheets_and_no_cell_is_a_formula(run: dict[str, Any]) -> None:
    book = run["book"]
    assert book.sheetnames == ["汇总", "问题明细", "复制比"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref
        # text from a report ("=1+1" as evidence) must never run as a formula in Excel
        assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_text_from_a_report_is_never_a_formula() -> None:
    result = check_path(str(BUREAU), checklists.load("national"))
    planted = replace(result.findings[0], evidence="=HYPERLINK(\"http://example.invalid\",\"1\")")
    result = replace(result, findings=(planted, *result.findings[1:]), meta=replace(result.meta, org="=1+1"))
    book = openpyxl.load_workbook(io.BytesIO(workbook.render([result])))
    org, evidence = book["汇总"]["B2"], book["问题明细"]["G2"]
    assert (org.value, org.data_type) == ("=1+1", "s")
    assert evidence.value.startswith("=HYPERLINK") and evidence.data_type == "s"


def test_summary_has_every_submission_with_the_numbers_of_the_json(run: dict[str, Any]) -> None:
    doc, rows = run["json"], _table(run["book"]["汇总"])
    assert len(rows) == len(doc["reports"]) + len(doc["unreadable"]) == 4
    by_path = {row["文件"].value: row for row in rows}
    for unreadable in doc["unreadable"]:
        row = by_path[unreadable["path"]]
        assert row["结论"].value == "✗ 无法读取" and row["说明"].value == unreadable["error"]
        assert row["得分"].value is None
    assert rows[0]["结论"].value == "✗ 无法读取"  # what the reviewer must look at comes first
    compared = 0
    for report in doc["reports"]:
        row = by_path[report["path"]]
        assert row["单位"].value == report["org"] and row["年度"].value == report["year"]
        assert isinstance(row["得分"].value, (int, float)) and row["得分"].value == report["score"]
        assert row["结论"].value == ("✓ 通过" if report["passed"] else "✗ 未通过")
        assert row["说明"].value == report["gate"]["reason"]
        for section in report["sections"]:
            header = section["name"] if section["required"] else f"{section['name']}（建议）"
            assert row[header].value == ("✓" if section["present"] else "✗"), header
        counts = Counter(f["severity"] for f in report["findings"])
        assert [row[h].value for h in ("错误", "警告", "提示")] == [counts[s] for s in SEVERITY]
        ratio = row["复制比（不含规定性表述）"]
        if "reuse" in report:
            compared += 1
            reuse = report["reuse"]
            assert ratio.value == reuse["ratio_without_boilerplate"] and "%" in ratio.number_format
            own = [s["ratio_without_boilerplate"] for s in reuse["sources"] if s["kind"] == "self"]
            assert row["复制比：本单位往年（最高一份）"].value == max(own)
        else:
            assert ratio.value is None
        page = run["out"] / row["报告页面"].hyperlink.target.replace("\\", "/")
        assert page.is_file() and report["path"] in page.read_text(encoding="utf-8")
    assert compared == 1  # the 2024 report, against the same body's 2023 one


def test_summary_colours_the_score_and_the_ratios(run: dict[str, Any]) -> None:
    sheet = run["book"]["汇总"]
    headers = [c.value for c in sheet[1]]
    scaled = {str(cf.sqref) for cf in sheet.conditional_formatting if any(r.type == "colorScale" for r in cf.rules)}
    letter = openpyxl.utils.get_column_letter
    for header in ("得分", "复制比（不含规定性表述）", "复制比：其他单位（最高一份）"):
        column = letter(headers.index(header) + 1)
        assert f"{column}2:{column}5" in scaled, header


def test_findings_sheet_is_every_finding_of_the_json(run: dict[str, Any]) -> None:
    rows = _table(run["book"]["问题明细"])
    shown = [tuple(row[h].value for h in ("文件", "规则", "严重程度", "行", "原文", "问题说明", "扣分")) for row in rows]
    expected = [(r["path"], f["rule"], SEVERITY[f["severity"]], f["line"], f["evidence"], f["message"], f["points"])
                for r in run["json"]["reports"] for f in r["findings"]]
    assert shown == expected and len(expected) > 5


def test_reuse_sheet_has_the_ratio_of_each_item(run: dict[str, Any]) -> None:
    rows = _table(run["book"]["复制比"])
    report = next(r for r in run["json"]["reports"] if "reuse" in r)
    names = {s["id"]: s["name"] for s in report["sections"]}
    reuse = report["reuse"]
    expected = [("全文", reuse["ratio_without_boilerplate"])]
    expected += [(names[item], ratio) for item, ratio in reuse["sections"].items()]
    assert [(row["条目"].value, row["复制比（全部来源）"].value) for row in rows] == expected
    assert [row["其中本单位往年"].value for row in rows[1:]] == [reuse["self_sections"].get(i) for i in reuse["sections"]]
    assert {row["文件"].value for row in rows} == {report["path"]}


def test_one_report_as_a_workbook_in_english_is_the_same_bytes_each_time(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for target in (first, second):
        code, out, err = run_cli("check", str(BUREAU), "-o", str(target), "--lang", "en")
        assert code == 1 and out == "", err
    assert first.read_bytes() == second.read_bytes()  # no timestamps: the same report, the same file
    book = openpyxl.load_workbook(first)
    assert book.sheetnames == ["Summary", "Findings", "Reuse"]
    summary = _table(book["Summary"])
    assert summary[0]["verdict"].value == "✗ failed" and summary[0]["body"].value == "福田区示例服务局"
    assert book["Reuse"]["A2"].value.startswith("No report was compared")


def test_an_unwritable_workbook_fails_before_the_work(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(BUREAU.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run_cli("batch", str(folder), "--xlsx", str(tmp_path / "missing" / "汇总.xlsx"))
    assert code == 2 and "汇总.xlsx" in err and "输出目录不存在" in err and "Traceback" not in err + out
    assert "a.txt" not in out  # no report was checked
