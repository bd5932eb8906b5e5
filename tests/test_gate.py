"""The CI gate and the reviewer's desk: config discovery, waivers, gate options, several outputs,
batch, the checklist schema and the pre-commit hook."""

from __future__ import annotations

import csv
import json
import os
from datetime import date, timedelta
from pathlib import Path

import jsonschema
import pytest
import yaml

from checker.rules import checklist as checklists
from tests.cli_run import run_cli
from tests.conftest import ROOT, SEEDS

EXAMPLE = next((ROOT / "examples").glob("*服务局*.txt"))
SEED_001 = SEEDS / "001_c639ab8258987249.txt"


@pytest.fixture()
def in_tmp(tmp_path: Path):  # type: ignore[no-untyped-def]
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


def _report(out: str) -> dict:
    return json.loads(out)["reports"][0]


def test_config_file_is_found_upward_and_the_command_line_wins(in_tmp: Path) -> None:
    (in_tmp / ".checker.yaml").write_text("ruleset: shenzhen\nfail_under: 95\nmin_level: warning\n", encoding="utf-8")
    sub = in_tmp / "a" / "b"
    sub.mkdir(parents=True)
    os.chdir(sub)
    code, out, _ = run_cli("check", str(EXAMPLE), "--format", "json")
    report = _report(out)
    assert report["ruleset"] == "shenzhen" and report["gate"]["fail_under"] == 95
    assert all(f["severity"] != "info" for f in report["findings"])  # min_level from the file
    code, out, _ = run_cli("check", str(EXAMPLE), "--format", "json", "--ruleset", "national", "--fail-under", "10")
    assert _report(out)["ruleset"] == "national" and _report(out)["gate"]["fail_under"] == 10
    code, out, _ = run_cli("config")
    assert code == 0 and "checklist: shenzhen" in out and ".checker.yaml:1" in out and "fail_on: error    # 默认" in out


@pytest.mark.parametrize("key", ["checklist", "ruleset"])  # ruleset: the older spelling still read
def test_the_checklist_key_and_option_and_their_older_spelling(in_tmp: Path, key: str) -> None:
    (in_tmp / ".checker.yaml").write_text(f"{key}: shenzhen\n", encoding="utf-8")
    code, out, _ = run_cli("config")
    assert code == 0 and "checklist: shenzhen    # " in out and "ruleset" not in out, out
    for option in ("--checklist", "--ruleset", "-r"):
        code, out, err = run_cli("check", str(EXAMPLE), "--format", "json", option, "national")
        assert _report(out)["ruleset"] == "national", (option, err)


def test_a_configuration_giving_both_spellings_is_refused(in_tmp: Path) -> None:
    (in_tmp / ".checker.yaml").write_text("checklist: shenzhen\nruleset: national\n", encoding="utf-8")
    code, _, err = run_cli("config")
    assert code == 2 and ".checker.yaml:2" in err and "checklist" in err and "ruleset" in err, err


def test_pyproject_tool_checker(in_tmp: Path) -> None:
    (in_tmp / "pyproject.toml").write_text('[tool.checker]\nruleset = "shenzhen"\nfail_on = "warning"\n',
                                           encoding="utf-8")
    code, out, _ = run_cli("config")
    assert "checklist: shenzhen" in out and "fail_on: warning" in out and "pyproject.toml" in out


def test_bad_config_is_one_line_with_file_and_line(in_tmp: Path) -> None:
    (in_tmp / ".checker.yaml").write_text("ruleset: shenzhen\nfail_undr: 80\n", encoding="utf-8")
    code, _, err = run_cli("check", str(EXAMPLE))
    assert code == 2 and ".checker.yaml:2" in err and "未知的配置项“fail_undr”" in err


def test_fail_on_and_min_level() -> None:
    code, out, _ = run_cli("check", str(SEED_001), "--format", "json", "--fail-on", "never", "--fail-under", "0")
    assert code == 0 and _report(out)["passed"]
    code, out, _ = run_cli("check", str(SEED_001), "--format", "json", "--fail-on", "warning", "--ruleset", "national")
    assert code == 1 and "警告及以上" in _report(out)["gate"]["reason"]
    code, out, _ = run_cli("check", str(SEED_001), "--format", "json", "--min-level", "error", "--ruleset", "national")
    report = _report(out)
    assert report["findings"] == [] and report["score"] < 100  # hidden, still counted


def test_several_formats_in_one_run(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.json", tmp_path / "a.sarif", tmp_path / "a.xml"
    code, out, err = run_cli("check", str(EXAMPLE), "--format", "json", "--output", str(a), "--format", "sarif",
                             "--output", str(b), "--format", "junit", "--output", str(c), "--format", "github")
    assert code == 1, err
    assert json.loads(a.read_text(encoding="utf-8"))["schema"] == "checker/report-v1"
    assert json.loads(b.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert c.read_text(encoding="utf-8").lstrip().startswith("<")
    assert "::error" in out  # the format without an output goes to standard output
    code, _, err = run_cli("check", str(EXAMPLE), "--format", "json", "--format", "sarif")
    assert code == 2 and "标准输出" in err


def _waiver_file(tmp_path: Path, expires: date) -> Path:
    target = tmp_path / "waivers.yaml"
    code, out, err = run_cli("waive", str(SEED_001), "--rule", "content.foreign_place", "--evidence", "龙岗",
                             "--reviewer", "张三", "--reason", "经核实为引用的经验做法", "--expires", expires.isoformat(),
                             "--waivers", str(target), "--ruleset", "national")
    assert code == 0 and "已写入豁免" in out, err
    return target


def test_a_waiver_suppresses_exactly_its_finding(tmp_path: Path) -> None:
    target = _waiver_file(tmp_path, date.today() + timedelta(days=30))
    entry = yaml.safe_load(target.read_text(encoding="utf-8"))["waivers"][0]
    assert entry["reviewer"] == "张三" and entry["rule"] == "content.foreign_place" and entry["evidence"] == "龙岗"
    _, before, _ = run_cli("check", str(SEED_001), "--format", "json", "--ruleset", "national")
    _, after, _ = run_cli("check", str(SEED_001), "--format", "json", "--ruleset", "national", "--waivers", str(target))
    rules_before = sorted(f["rule"] for f in _report(before)["findings"])
    rules_after = sorted(f["rule"] for f in _report(after)["findings"])
    assert rules_before == sorted(rules_after + ["content.foreign_place"])
    assert _report(after)["score"] == _report(before)["score"] + 10


def test_a_waiver_survives_the_paragraph_moving(tmp_path: Path) -> None:
    target = _waiver_file(tmp_path, date.today() + timedelta(days=30))
    lines = SEED_001.read_text(encoding="utf-8").split("\n")
    moved = lines[:10] + ["", "（补充）新增一段说明文字。", ""] + lines[10:]  # the paragraph is now 3 lines lower
    reflowed = tmp_path / SEED_001.name
    reflowed.write_text("\n".join(moved), encoding="utf-8")
    _, out, _ = run_cli("check", str(reflowed), "--format", "json", "--ruleset", "national", "--waivers", str(target))
    assert "content.foreign_place" not in {f["rule"] for f in _report(out)["findings"]}
    _, out, _ = run_cli("check", str(reflowed), "--format", "json", "--ruleset", "national")
    assert [f["line"] for f in _report(out)["findings"] if f["rule"] == "content.foreign_place"] == [74]


def test_an_expired_or_stale_waiver_is_reported(tmp_path: Path) -> None:
    target = _waiver_file(tmp_path, date.today() + timedelta(days=1))
    # written while valid, then its day passes (``waive`` refuses a date already past)
    past = (date.today() - timedelta(days=1)).isoformat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace((date.today() + timedelta(days=1)).isoformat(), past), encoding="utf-8")
    _, out, _ = run_cli("check", str(SEED_001), "--format", "json", "--ruleset", "national", "--waivers", str(target))
    rules = [f["rule"] for f in _report(out)["findings"]]
    assert "content.foreign_place" in rules and "waiver.expired" in rules
    other = tmp_path / SEED_001.name
    other.write_text(SEED_001.read_text(encoding="utf-8").replace("龙岗", "坡头"), encoding="utf-8")
    (tmp_path / "fresh").mkdir()
    fresh = _waiver_file(tmp_path / "fresh", date.today() + timedelta(days=1))
    _, out, _ = run_cli("check", str(other), "--format", "json", "--ruleset", "national", "--waivers", str(fresh))
    assert "waiver.stale" in [f["rule"] for f in _report(out)["findings"]]


def test_batch_ranks_writes_csv_and_survives_a_corrupt_file(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    for p in sorted(SEEDS.glob("0*.txt")):
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    for p in (ROOT / "examples").glob("*.txt"):
        (folder / "sub" / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    table = tmp_path / "rank.csv"
    html_dir = tmp_path / "html"
    code, out, err = run_cli("batch", str(folder), "--csv", str(table), "--format", "html", "--output", str(html_dir),
                             "--jobs", "2")
    assert code == 1, err
    assert "broken.docx" in out and "无法读取" in out and "共8份" in out
    with table.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 8
    assert rows[0]["文件"].endswith("broken.docx") and "不是有效的 .docx" in rows[0]["无法读取的原因"]
    scores = [float(r["得分"]) for r in rows[1:]]
    assert scores == sorted(scores)
    assert {r["单位"] for r in rows} >= {"坡头区民政局", "东晓街道", "福田区示例街道办事处"}
    assert (html_dir / "index.html").exists() and len(list(html_dir.glob("0*.html"))) == 7


def test_checklist_schema_validates_the_builtin_checklists_and_catches_mistakes() -> None:
    code, out, _ = run_cli("schema")
    schema = json.loads(out)
    for path in sorted(checklists.BUILTIN_DIR.glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    bad = yaml.safe_load((checklists.BUILTIN_DIR / "national.yaml").read_text(encoding="utf-8"))
    bad["rules"][0]["severty"] = "error"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_pre_commit_hook_runs_the_checker_on_drafts() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = hooks[0]
    assert hook["entry"].startswith("checker check") and hook["language"] == "python"
    for name in ("报告.docx", "报告.pdf", "报告.txt"):
        assert __import__("re").search(hook["files"], name)


def test_batch_reports_a_stale_waiver_too(tmp_path: Path) -> None:
    target = _waiver_file(tmp_path, date.today() + timedelta(days=30))  # for 龙岗 in seed 001
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / SEED_001.name).write_text(SEED_001.read_text(encoding="utf-8").replace("龙岗", "坡头"), encoding="utf-8")
    out_json = tmp_path / "batch.json"
    code, _, err = run_cli("batch", str(folder), "--waivers", str(target), "--ruleset", "national", "--jobs", "1",
                           "--format", "json", "--output", str(out_json))
    rules = [f["rule"] for f in json.loads(out_json.read_text(encoding="utf-8"))["reports"][0]["findings"]]
    assert "waiver.stale" in rules, err


# --- output pairing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "looks_like"), [
    ("report.html", lambda t: t.startswith("<!DOCTYPE html>") and "┃" not in t and "━" not in t),
    ("report.sarif", lambda t: json.loads(t)["version"] == "2.1.0"),
    ("report.sarif.json", lambda t: json.loads(t)["version"] == "2.1.0"),
    ("report.json", lambda t: json.loads(t)["schema"] == "checker/report-v1"),
    ("report.xml", lambda t: t.startswith("<?xml") and "<testsuites" in t),
    ("report.txt", lambda t: "得分" in t and "\x1b[" not in t),
])
def test_output_format_follows_the_extension(tmp_path: Path, name: str, looks_like) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / name
    code, out, err = run_cli("check", str(EXAMPLE), "-o", str(target))
    assert code == 1, err
    assert looks_like(target.read_text(encoding="utf-8")), target.read_text(encoding="utf-8")[:300]
    assert out == ""  # the one format went to the file


@pytest.mark.parametrize(("args", "named"), [
    (("-f", "json", "-o", "x.html"), "x.html"),
    (("-f", "terminal", "-o", "report.html"), "report.html"),
    (("-f", "html", "-o", "x.sarif"), "x.sarif"),
    (("-o", "x.out"), "x.out"),
])
def test_a_mismatched_output_is_refused(in_tmp: Path, args: tuple[str, ...], named: str) -> None:
    code, out, err = run_cli("check", str(EXAMPLE), *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and named in err and "格式" in err and "Traceback" not in err
    assert not (in_tmp / named).exists()


def test_github_commands_may_go_to_a_text_file(tmp_path: Path) -> None:
    target = tmp_path / "annotations.txt"
    code, _, err = run_cli("check", str(EXAMPLE), "-f", "github", "-o", str(target))
    assert code == 1, err
    assert target.read_text(encoding="utf-8").startswith("::")


# --- batch: every submission in every output ----------------------------------------------------------


STREET = next((ROOT / "examples").glob("*街道*.txt"))


@pytest.fixture(scope="module")
def submissions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reviewer's folder: one body's 2023 and 2024 reports, files we cannot read, and a Word lock file."""
    folder = tmp_path_factory.mktemp("submissions")
    text = STREET.read_text(encoding="utf-8")
    (folder / "街道2024.txt").write_text(text, encoding="utf-8")
    (folder / "街道2023.txt").write_text(text.replace("2025", "2024").replace("2024", "2023"), encoding="utf-8")
    (folder / "旧版.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (folder / "金山.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (folder / "版式.ofd").write_bytes(b"PK\x03\x04 ofd")
    (folder / "~$街道2024.docx").write_bytes(b"\x0czhangsan")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return folder


SUBMITTED = {"街道2024.txt", "街道2023.txt", "旧版.doc", "金山.wps", "版式.ofd", "broken.docx"}


def test_batch_lists_every_submission_in_every_output(submissions: Path, tmp_path: Path) -> None:
    table, out_json, index, junit_xml = (tmp_path / "rank.csv", tmp_path / "batch.json",
                                          tmp_path / "html" / "index.html", tmp_path / "batch.xml")
    code, out, err = run_cli("batch", str(submissions), "--csv", str(table), "-o", str(out_json), "-o", str(index),
                             "-o", str(junit_xml), "--jobs", "1")
    assert code == 1, err
    for name in SUBMITTED:
        assert name in out, name  # the terminal table
    assert "~$" not in out and "共6份" in out
    with table.open(encoding="utf-8") as fh:
        assert fh.read(1) == "\ufeff"  # Excel reads UTF-8 only with the BOM
    with table.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:5] == ["文件", "单位", "年度", "得分", "是否通过"]
    assert {Path(r["文件"]).name for r in rows} == SUBMITTED
    assert {r["是否通过"] for r in rows} <= {"是", "否"}
    reasons = {Path(r["文件"]).name: r["无法读取的原因"] for r in rows}
    assert ".docx" in reasons["旧版.doc"] and ".docx" in reasons["金山.wps"] and "OFD" in reasons["版式.ofd"]
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    listed = [Path(r["path"]).name for r in doc["reports"]] + [Path(u["path"]).name for u in doc["unreadable"]]
    assert sorted(listed) == sorted(SUBMITTED)
    page = index.read_text(encoding="utf-8")
    assert all(name in page for name in SUBMITTED) and "无法读取" in page
    assert index.parent.joinpath("index.html") == index and len(list(index.parent.glob("0*.html"))) == 2
    suites = [s.get("name") for s in __import__("xml.etree.ElementTree").etree.ElementTree.fromstring(
        junit_xml.read_text(encoding="utf-8")).findall("testsuite")]
    assert sorted(Path(n).name for n in suites) == sorted(SUBMITTED)


def test_batch_compares_a_body_with_its_earlier_year(submissions: Path) -> None:
    code, out, err = run_cli("batch", str(submissions), "-f", "json", "--jobs", "1")
    doc = json.loads(out)  # -f json without -o: standard output is the JSON and nothing else
    reports = {Path(r["path"]).name: r for r in doc["reports"]}
    assert reports["街道2024.txt"]["year"] == 2024 and reports["街道2023.txt"]["year"] == 2023
    sources = reports["街道2024.txt"]["reuse"]["sources"]
    assert [(Path(s["path"]).name, s["kind"]) for s in sources] == [("街道2023.txt", "self")]
    assert sources[0]["ratio"] > 0.5
    assert "reuse" not in reports["街道2023.txt"]  # nothing earlier to compare with
    assert "共6份" in err  # the table and summary moved to stderr
    _, out, _ = run_cli("batch", str(submissions), "-f", "json", "--jobs", "1", "--no-same-body")
    assert all("reuse" not in r for r in json.loads(out)["reports"])
