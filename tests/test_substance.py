"""substance.figures and substance.generic_shortfall beyond their case tables: what a figure is, the
shipped reference kept in step with the seeds, the archive's reference, and the CLI with --archive."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from pathlib import Path

import pytest

from checker.model import Extracted
from checker.pipeline import analyse, archive_add
from checker.reuse.archive import Archive
from checker.rules import checklist as checklists
from checker.text.figures import figure_spans
from tests.cli_run import run_cli
from tests.conftest import ROOT

NATIONAL = checklists.load("national")


@pytest.mark.parametrize(("text", "figures"), [
    ("全年办理行政复议案件12件,开展普法活动37场", ["12件", "37场"]),
    ("投入1.5万元,满意度98.6%,培训300余人次,受理1,200件", ["1.5万元", "98.6%", "300余人次", "1,200件"]),
    ("调处纠纷二十三宗,开展执法检查十余次", ["二十三宗", "十余次"]),
    ("2024年3月15日", []),  # a year and a date
    ("《法治政府建设实施纲要(2021-2025年)》", []),  # a range of years
    ("依据第三十二条和第3条,召开第2次会议", []),  # articles and ordinals
    ("落实三项制度,做到两个维护,提供一站式服务", []),  # formulas and idioms
    ("取缔社会组织0家、对0家社会组织责令整改", []),  # zero counts are template residue
    ("1.加强学习\n(2)规范执法", []),  # heading numbers
])
def test_what_counts_as_a_figure(text: str, figures: list[str]) -> None:
    assert [text[s:e] for s, e in figure_spans(text)] == figures


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("figure_reference", ROOT / "scripts" / "figure_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_reference_is_the_one_the_seeds_and_examples_give() -> None:
    script = _script()
    computed = script.compute()
    assert computed["parts"]["measures"]["reports"] == 7  # every seed and example has a measures part
    assert computed == script.shipped(), "checker/data/figure_reference.yaml is stale: run scripts/figure_reference.py"


VAGUE = """示例区财政局2024年法治政府建设年度报告
一、主要举措和成效
我局坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,认真落实上级部署,
扎实推进法治政府建设各项工作,依法行政水平不断提升,法治宣传教育深入开展,行政执法更加规范,
矛盾纠纷化解成效明显,各项工作取得积极成效,全年办理行政复议案件3件,为全区经济社会发展提供了有力法治保障。
同时,我局持续加强法治队伍建设,健全完善内部管理制度,推动各项工作规范有序开展。
"""
PEER = """示例区{body}2024年法治政府建设年度报告
一、主要举措和成效
我局坚持依法行政,扎实推进法治政府建设各项工作,依法行政水平不断提升,法治宣传教育深入开展,行政执法更加规范,
矛盾纠纷化解成效明显,各项工作取得积极成效,为全区经济社会发展提供了有力法治保障,办理行政复议案件2件。
同时,我局持续加强法治队伍建设,健全完善内部管理制度,推动各项工作规范有序开展,法治意识明显增强。
"""


def _figures(result):  # type: ignore[no-untyped-def]
    return [f for f in result.findings if f.rule == "substance.figures"]


def test_with_an_archive_the_same_part_of_archived_reports_is_the_reference(tmp_path: Path) -> None:
    report = Extracted("vague.txt", "txt", VAGUE)
    alone = _figures(analyse(report, NATIONAL))
    assert [(f.location.section, f.value("reference").key) for f in alone] == [("measures", "figures.reference.builtin")]
    # five other bodies whose measures are as vague: against them, this part is ordinary
    with Archive(tmp_path / "a.sqlite3") as archive:
        for body in ("民政局", "司法局", "教育局", "水务局", "城管局"):
            path = tmp_path / f"{body}.txt"
            path.write_text(PEER.format(body=body), encoding="utf-8")
            archive_add(str(path), archive, NATIONAL)
        assert len(archive.part_figures("measures", 100)) == 5
        assert _figures(analyse(report, NATIONAL, archive=archive)) == []


def test_an_archive_with_too_few_reports_falls_back_to_the_built_in_reference(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive:
        path = tmp_path / "one.txt"
        path.write_text(PEER.format(body="民政局"), encoding="utf-8")
        archive_add(str(path), archive, NATIONAL)
        found = _figures(analyse(Extracted("vague.txt", "txt", VAGUE), NATIONAL, archive=archive))
    assert [f.value("reference").key for f in found] == ["figures.reference.builtin"]


def test_adding_a_report_again_fills_in_its_parts_in_an_older_archive(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    path = tmp_path / "one.txt"
    path.write_text(PEER.format(body="民政局"), encoding="utf-8")
    with Archive(db) as archive:
        archive_add(str(path), archive, NATIONAL)
    con = sqlite3.connect(db)  # as an archive of schema version 2 was: no part counts
    con.executescript("DROP TABLE part_figures; PRAGMA user_version = 2;")
    con.close()
    with Archive(db) as archive:
        assert archive.part_figures("measures", 1) == []
        _, added, _, _ = archive_add(str(path), archive, NATIONAL)
        assert not added and len(archive.part_figures("measures", 1)) == 1


GENERIC = "法治宣传教育的针对性和实效性有待进一步提升"
SPECIFIC = "政府采购投诉处理平均用时超过法定期限,原因是专职人员仅有两名"


def test_the_cli_reports_a_generic_shortfall_with_the_number_of_bodies(tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite3"
    for i, body in enumerate(("民政局", "司法局", "教育局", "水务局")):
        other = tmp_path / f"{body}.txt"
        # the generic sentence in each, and one body's report also holds this body's specific one
        extra = f"三是{SPECIFIC}。" if i == 0 else "三是执法人员专业能力有待提升,新进人员占比较高。"
        other.write_text(f"示例区{body}2024年法治政府建设年度报告\n一、主要举措和成效\n全年办理行政复议案件{i + 3}件。\n"
                         f"二、存在的不足和原因\n一是{GENERIC},群众参与度不高。二是基层力量薄弱。{extra}\n",
                         encoding="utf-8")
        assert run_cli("archive", "add", str(other), "--archive-db", str(db))[0] == 0
    report = tmp_path / "report.txt"
    report.write_text("示例区财政局2024年法治政府建设年度报告\n一、主要举措和成效\n全年办理行政复议案件3件。\n"
                      f"二、存在的不足和原因\n一是{GENERIC}。二是{SPECIFIC}。\n", encoding="utf-8")
    code, out, err = run_cli("check", str(report), "--archive", "--archive-db", str(db), "--format", "json")
    assert code in (0, 1), err
    found = [f for f in json.loads(out)["reports"][0]["findings"] if f["rule"] == "substance.generic_shortfall"]
    assert [(f["evidence"], f["line"]) for f in found] == [(f"{GENERIC}。", 5)]
    assert "4个其他单位" in found[0]["message"]
    # without --archive the rule does not run
    code, out, _ = run_cli("check", str(report), "--format", "json")
    assert not [f for f in json.loads(out)["reports"][0]["findings"] if f["rule"] == "substance.generic_shortfall"]


def test_a_broken_figure_reference_is_one_line_naming_the_file_and_line(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.errors import ChecklistError
    from checker.rules.kinds import figure_density

    bad = tmp_path / "figure_reference.yaml"
    bad.write_text("source: 测试用参考文件\nparts:\n  measures: {reports: 3, p10: 5, p25: 2, median: 1}\n",
                   encoding="utf-8")
    monkeypatch.setattr(figure_density, "REFERENCE", bad)
    figure_density.builtin_reference.cache_clear()
    try:
        with pytest.raises(ChecklistError) as info:
            figure_density.builtin_reference()
    finally:
        figure_density.builtin_reference.cache_clear()
    assert info.value.line == 3 and "parts.measures" in info.value.render() and str(bad) in info.value.render()
