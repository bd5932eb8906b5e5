"""Every output shows a finding's suggested correct text (``values['suggestion']``), and none shows an
empty "建议改为" label for a finding without one: terminal, JSON, SARIF (``fixes``), HTML, Word comments,
the workbook and GitHub annotations."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from rich.console import Console

from checker.model import Finding, Result
from checker.pipeline import check_path
from checker.render import github, html, sarif, terminal, word, workbook
from checker.render import json as json_render
from checker.render.document_labels import WORKBOOK
from checker.rules import checklist
from tests.test_render_ci import _errors, validator  # noqa: F401 — the fixture, offline schema validation

REPORT = """\
示例区民政局2024年法治政府建设年度报告
2024年,示例区民政局坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻党的十九大精神。
一、主要举措和成效
全年共召开专题会议*次,研究法治建设重要事项。
"""
SUGGESTED = "深入学习贯彻党的二十大精神"
WRONG = "深入学习贯彻党的十九大精神"


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Result:
    path = tmp_path_factory.mktemp("s") / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    r = check_path(str(path), checklist.load("national"))
    return Result(**{**r.__dict__, "path": "report.txt"})


def _with(result: Result) -> Finding:
    return next(f for f in result.findings if f.value("suggestion"))


def _without(result: Result) -> Finding:
    return next(f for f in result.findings if f.rule == "content.placeholder")


def test_the_rule_suggests_the_current_congress(result: Result) -> None:
    f = _with(result)
    assert (f.rule, f.evidence, f.value("suggestion")) == ("style.anachronism", WRONG, SUGGESTED)


@pytest.mark.parametrize(("lang", "label"), [("zh", "建议改为："), ("en", "Suggested: ")])
def test_terminal(result: Result, lang: str, label: str) -> None:
    buffer = io.StringIO()
    Console(file=buffer, width=400, color_system=None).print(terminal.report(result, lang))
    out = buffer.getvalue()
    assert f"{label}{SUGGESTED}" in out
    assert out.count(label.strip()) == 1  # not under the finding without a suggestion


def test_json(result: Result) -> None:
    findings = json.loads(json_render.render([result]))["reports"][0]["findings"]
    with_ = next(f for f in findings if f["rule"] == "style.anachronism")
    without = next(f for f in findings if f["rule"] == "content.placeholder")
    assert with_["suggestion"] == SUGGESTED
    assert "suggestion" not in without  # absent, not null: outputs without suggestions are unchanged


def test_sarif_fix_replaces_the_evidence(result: Result, validator: Any) -> None:  # noqa: F811
    doc = json.loads(sarif.render([result]))
    assert _errors(validator, doc) == []
    results = doc["runs"][0]["results"]
    with_ = next(r for r in results if r["ruleId"] == "style.anachronism")
    without = next(r for r in results if r["ruleId"] == "content.placeholder")
    (fix,) = with_["fixes"]
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    deleted = replacement["deletedRegion"]
    f = _with(result)
    assert (deleted["charOffset"], deleted["charLength"]) == (f.location.start, len(WRONG))
    assert result.text[deleted["charOffset"]:deleted["charOffset"] + deleted["charLength"]] == WRONG
    assert replacement["insertedContent"]["text"] == SUGGESTED
    assert change["artifactLocation"]["uri"] == "report.txt"
    assert SUGGESTED in fix["description"]["text"]
    assert "fixes" not in without


def test_html(result: Result) -> None:
    page = html.report(result)
    assert f"建议改为：{SUGGESTED}" in page
    assert page.count("建议改为") == 1


def test_word_comment(result: Result) -> None:
    texts = [c.text for c in word.document(result).comments]
    assert any(f"建议改为：{SUGGESTED}" in t for t in texts)
    assert sum("建议改为" in t for t in texts) == 1


def test_workbook_has_a_suggestion_column(result: Result) -> None:
    columns, rows = workbook.findings([result], WORKBOOK["zh"], "zh")
    at = [c.header for c in columns].index(WORKBOOK["zh"]["suggestion"])
    by_rule = {row[2]: row for row in rows}
    assert by_rule["style.anachronism"][at] == SUGGESTED
    assert by_rule["content.placeholder"][at] is None


def test_github_annotation(result: Result) -> None:
    lines = github.render([result]).splitlines()
    with_ = next(line for line in lines if "title=style.anachronism" in line)
    without = next(line for line in lines if "title=content.placeholder" in line)
    assert f"%0A建议改为：{SUGGESTED}" in with_  # on its own line of the annotation
    assert "建议改为" not in without


def test_every_output_words_the_label_in_english(result: Result) -> None:
    assert f"Suggested: {SUGGESTED}" in html.report(result, lang="en")
    fixes = [r["fixes"] for r in json.loads(sarif.render([result], lang="en"))["runs"][0]["results"] if "fixes" in r]
    assert [fix[0]["description"]["text"] for fix in fixes] == [f"Suggested: {SUGGESTED}"]
    assert any(f"Suggested: {SUGGESTED}" in c.text for c in word.document(result, lang="en").comments)


QUOTED = "示例区民政局2024年法治政府建设年度报告\n2024年,示例区民政局坚持以习近平新时代中国特色社会主义思想为指,依法行政。\n"
FORMULA = "以习近平新时代中国特色社会主义思想为指导"


@pytest.mark.parametrize("fmt", ["terminal", "html", "word", "github"])
def test_a_message_that_quotes_the_suggestion_does_not_repeat_it(tmp_path: Any, fmt: str) -> None:
    """style.formula's message already says "应为“…”": the "建议改为" line would say it a second time."""
    path = tmp_path / "report.txt"
    path.write_text(QUOTED, encoding="utf-8")
    r = check_path(str(path), checklist.load("national"))
    f = next(f for f in r.findings if f.rule == "style.formula")
    assert f.value("suggestion") == FORMULA
    if fmt == "terminal":
        buffer = io.StringIO()
        Console(file=buffer, width=400, color_system=None).print(terminal.report(r, "zh"))
        out = buffer.getvalue()
    elif fmt == "html":
        out = html.report(r)
    elif fmt == "word":
        out = "\n".join(c.text for c in word.document(r).comments)
    else:
        out = github.render([r])
    assert FORMULA in out
    assert "建议改为" not in out
