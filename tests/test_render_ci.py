"""The CI outputs — SARIF, JUnit XML, GitHub workflow commands — on real pipeline results.

SARIF is validated against the official OASIS schema kept in ``checker/data`` with a real validator (and
with reference retrieval wired to fail, so nothing is fetched); JUnit is read back with junitparser and
ElementTree; golden files for the two examples hold the reviewed output. ``make golden``
(UPDATE_GOLDEN=1) rewrites them; read ``git diff tests/golden/ci`` before committing.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from junitparser import Failure, JUnitXml, Skipped
from referencing import Registry

from checker.model import Finding, Location, ReportMeta, Result, RuleInfo, Score
from checker.pipeline import analyse, check_path
from checker.readers import read_path
from checker.render import github, junit, sarif
from checker.rules import checklist
from tests.conftest import ROOT, SEEDS

SCHEMA_PATH = ROOT / "checker" / "data" / "sarif-schema-2.1.0.json"
GOLDEN = Path(__file__).parent / "golden" / "ci"
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
# (label, file): the label is the relative path the results carry, so outputs hold no machine paths
INPUTS = [(f"examples/{p.name}", p) for p in EXAMPLES] + [(f"seeds/{p.name}", p) for p in sorted(SEEDS.glob("0*.txt"))]
SERVICE_BUREAU = f"examples/{EXAMPLES[0].name}"  # the example that has every kind of problem
SEED_002 = next(label for label, _ in INPUTS if label.startswith("seeds/002"))


@pytest.fixture(scope="module")
def shenzhen() -> checklist.Checklist:
    return checklist.load("shenzhen")


@pytest.fixture(scope="module")
def results(shenzhen: checklist.Checklist, seeds_dir: Path) -> dict[str, Result]:
    return {label: replace(check_path(str(path), shenzhen), path=label) for label, path in INPUTS}


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)

    def no_network(uri: str) -> Any:
        raise LookupError(f"the SARIF schema must resolve offline, but it referenced {uri}")

    return Draft7Validator(schema, registry=Registry(retrieve=no_network),  # type: ignore[call-arg]
                           format_checker=Draft7Validator.FORMAT_CHECKER)


def _errors(validator: Draft7Validator, doc: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def _run(results: list[Result], lang: str = "zh") -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(sarif.render(results, lang=lang))
    run: dict[str, Any] = doc["runs"][0]
    return run


# --- SARIF ------------------------------------------------------------------------------------------


def test_schema_is_the_official_one() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert {"result", "region", "reportingDescriptor", "run"} <= set(schema["definitions"])


@pytest.mark.parametrize("label", [label for label, _ in INPUTS], ids=lambda s: Path(s).stem[:8])
def test_sarif_is_valid(label: str, results: dict[str, Result], validator: Draft7Validator) -> None:
    doc = json.loads(sarif.render([results[label]]))
    assert _errors(validator, doc) == []
    assert len(doc["runs"][0]["results"]) == len(results[label].findings)


def test_sarif_of_all_reports_is_valid(results: dict[str, Result], validator: Draft7Validator) -> None:
    for lang in ("zh", "en"):
        doc = json.loads(sarif.render(list(results.values()), lang=lang))
        assert _errors(validator, doc) == []
        run = doc["runs"][0]
        assert len(run["artifacts"]) == len(results)
        assert len(run["results"]) == sum(len(r.findings) for r in results.values())


@pytest.mark.parametrize(("where", "breakage"), [
    ("level", lambda d: d["runs"][0]["results"][1].update(level="fatal")),
    ("region", lambda d: d["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"].update(startLine=0)),
    ("message", lambda d: d["runs"][0]["results"][0].pop("message")),
    ("driver", lambda d: d["runs"][0]["tool"]["driver"].pop("name")),
    ("version", lambda d: d.update(version="2.0.0")),
    ("unknown property", lambda d: d["runs"][0]["results"][0].update(severity="error")),
])
def test_broken_sarif_fails_validation(where: str, breakage: Any, results: dict[str, Result],
                                       validator: Draft7Validator) -> None:
    doc = json.loads(sarif.render([results[SERVICE_BUREAU]]))
    assert "region" in doc["runs"][0]["results"][1]["locations"][0]["physicalLocation"]  # the breakage bites
    breakage(doc)
    assert _errors(validator, doc), f"a SARIF log with a broken {where} passed validation"


def _offset(text: str, line: int, column: int) -> int:
    """Independent of the renderer: the offset of a 1-based line and character column."""
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


def test_regions_point_at_the_evidence(results: dict[str, Result]) -> None:
    checked = 0
    for result in results.values():
        for f, res in zip(sorted(result.findings, key=Finding.sort_key), _run([result])["results"], strict=True):
            physical = res["locations"][0]["physicalLocation"]
            assert physical["artifactLocation"] == {"uri": sarif.artifact_uri(result.path), "index": 0}
            if f.location.start is None:
                assert set(physical["region"]) == {"startLine"}  # a line to show it on, nothing more
                continue
            region = physical["region"]
            start = _offset(result.text, region["startLine"], region["startColumn"])
            end = _offset(result.text, region["endLine"], region["endColumn"])
            assert (start, end - start) == (region["charOffset"], region["charLength"])
            assert result.text[start:end] == region["snippet"]["text"] == f.evidence
            assert region["startLine"] == f.location.line
            assert res["properties"]["points"] == f.points
            assert res["properties"].get("section") == f.location.section
            checked += 1
    assert checked >= 8  # the service bureau alone has six located findings


def test_every_result_has_a_start_line(results: dict[str, Result]) -> None:
    whole = 0
    for result in results.values():
        headings = {s.line for s in result.sections if s.present and s.line}
        for f, res in zip(sorted(result.findings, key=Finding.sort_key), _run([result])["results"], strict=True):
            line = res["locations"][0]["physicalLocation"]["region"]["startLine"]
            assert 1 <= line <= result.text.count("\n") + 1
            if f.location.start is None and f.rule.startswith("section."):
                assert line in headings or (not headings and line == 1), (f.rule, line)  # where the part goes
                whole += 1
            elif f.location.start is None and f.location.line is None:
                assert line == 1
    assert whole >= 3


def test_a_missing_part_points_at_the_next_heading() -> None:
    from checker.model import Section
    sections = (Section("measures", "举措", True, True, "一、举措", 3), Section("shortfalls", "不足", True, False),
                Section("plans", "打算", True, True, "三、打算", 9), Section("other", "其他", False, False))
    missing = (Finding("section.shortfalls", "error", Location(section="shortfalls"), None, 10.0),
               Finding("section.other", "info", Location(section="other"), None, 0.0),
               Finding("meta.deadline", "warning", Location(), None, 1.0))
    r = replace(_synthetic(missing, "\n".join(f"第{i}行" for i in range(1, 12))), sections=sections)
    lines = {res["ruleId"]: res["locations"][0]["physicalLocation"]["region"]["startLine"]
             for res in _run([r])["results"]}
    assert lines == {"section.shortfalls": 9, "section.other": 9, "meta.deadline": 1}


def test_every_rule_has_help_and_no_dead_link(results: dict[str, Result]) -> None:
    waived = Finding("waiver.stale", "warning", Location(), None, 0.0, (("rule", "content.placeholder"), ("waiver", "x")))
    extra = replace(results[SERVICE_BUREAU], findings=(*results[SERVICE_BUREAU].findings, waived))
    for lang in ("zh", "en"):
        rules = _run([*results.values(), extra], lang)["tool"]["driver"]["rules"]
        for rule in rules:
            assert rule["help"]["text"].strip() and rule["help"]["markdown"].strip(), rule["id"]
            assert "helpUri" not in rule  # there is no site to link to
    placeholder = next(r for r in _run([results[SERVICE_BUREAU]])["tool"]["driver"]["rules"]
                       if r["id"] == "content.placeholder")
    assert placeholder["help"]["markdown"].startswith("**") and "依据：" in placeholder["help"]["markdown"]


def test_rules_name_their_regulation(results: dict[str, Result]) -> None:
    result = results[SERVICE_BUREAU]
    run = _run([result])
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({r.id for r in result.rules})
    info = {r.id: r for r in result.rules}
    for descriptor in rules:
        rule = info[descriptor["id"]]
        assert rule.basis and rule.basis in descriptor["fullDescription"]["text"]
        assert descriptor["help"]["text"] == descriptor["fullDescription"]["text"]
        assert descriptor["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning",
                                                               "info": "note"}[rule.severity]
        assert descriptor["properties"]["points"] == rule.points and descriptor["properties"]["kind"] == rule.kind
        assert "{evidence}" not in descriptor["shortDescription"]["text"]
    by_id = {r["id"]: r for r in rules}
    assert by_id["section.measures"]["name"] == "主要举措和成效"
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    english = {r["id"]: r for r in _run([result], lang="en")["tool"]["driver"]["rules"]}
    assert english["section.measures"]["shortDescription"]["text"] == info["section.measures"].message_en


def test_fingerprints_survive_reflow(shenzhen: checklist.Checklist, results: dict[str, Result]) -> None:
    before = results[SERVICE_BUREAU]
    lines = before.text.split("\n")
    assert lines[7].startswith("(二)") and lines[8].startswith("(三)")
    # blank lines after the title, and the paragraph (三) moved above (二) within the same part
    text = "\n".join([lines[0], "", "", "", *lines[1:7], lines[8], lines[7], *lines[9:]])
    extracted = replace(read_path(str(EXAMPLES[0])), text=text)
    after = replace(analyse(extracted, shenzhen), path=SERVICE_BUREAU)

    # (三) above (二) is itself a numbering error, which style.numbering rightly reports after the move
    def located(result: Result) -> dict[str, int]:
        return {r["partialFingerprints"][sarif.FINGERPRINT_KEY]: r["locations"][0]["physicalLocation"]["region"]
                ["startLine"] for r in _run([result])["results"]
                if "snippet" in r["locations"][0]["physicalLocation"]["region"]  # located in the text
                and r["ruleId"] != "style.numbering"}

    old, new = located(before), located(after)
    assert len(old) >= 6 and old.keys() == new.keys()
    assert all(old[k] != new[k] for k in old)  # every line moved, every fingerprint stayed
    assert {f.fingerprint for f in before.findings} == {
        f.fingerprint for f in after.findings if f.rule != "style.numbering"}
    assert [f.evidence for f in after.findings if f.rule == "style.numbering"] == ["(三)", "(二)"]


def test_sarif_holds_no_time_or_host(results: dict[str, Result]) -> None:
    out = sarif.render(list(results.values()))
    assert "TimeUtc" not in out and "informationUri" not in out and str(ROOT) not in out
    assert out == sarif.render(list(results.values()))


# --- JUnit ------------------------------------------------------------------------------------------


def _counts(cases: list[ET.Element]) -> dict[str, int]:
    return {"tests": len(cases), "failures": sum(c.find("failure") is not None for c in cases),
            "errors": sum(c.find("error") is not None for c in cases),
            "skipped": sum(c.find("skipped") is not None for c in cases)}


def test_junit_counts_are_right(results: dict[str, Result]) -> None:
    root = ET.fromstring(junit.render(list(results.values())).encode())
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == list(results)
    for suite, result in zip(suites, results.values(), strict=True):
        cases = suite.findall("testcase")
        assert {k: int(suite.get(k, "-1")) for k in ("tests", "failures", "errors", "skipped")} == _counts(cases)
        items = {f"section.{s.id}" for s in result.sections}
        assert len(cases) == len(result.sections) + len({r.id for r in result.rules} - items) + 1
    totals = _counts(root.findall("testsuite/testcase"))
    assert {k: int(root.get(k, "-1")) for k in totals} == totals


def test_junit_reads_as_junit(results: dict[str, Result]) -> None:
    xml = junitparser_suites(junit.render([results[SEED_002], results[SERVICE_BUREAU]]))
    seed = xml[SEED_002]
    shortfalls = seed["checklist", "shortfalls 存在的不足"]
    assert isinstance(shortfalls[0], Failure)
    assert shortfalls[0].message == "缺少“上一年度推进法治政府建设存在的不足和原因”部分"
    assert isinstance(seed["checklist", "other_matters 其他需要报告的情况"][0], Skipped)
    assert seed["checklist", "measures 主要举措和成效"] == []
    assert ("rules", "section.shortfalls") not in seed  # the item's case stands for its rule
    assert seed["gate", "gate"] == [] or results[SEED_002].score.value < results[SEED_002].score.fail_under
    bureau = xml[SERVICE_BUREAU]
    placeholder = bureau["rules", "content.placeholder"]
    assert isinstance(placeholder[0], Failure) and placeholder[0].type == "error"
    assert "第7行" in (placeholder[0].text or "")  # the line in the file (its 发布日期 line is blanked, not removed)
    assert ("rules", "section.other_matters") not in bureau  # its item's case holds it
    assert bureau["rules", "reuse.peer"] == []


def _failures(text: str) -> list[tuple[str, str]]:
    return [(case.classname, case.name) for suite in JUnitXml.fromstring(text.encode("utf-8")) for case in suite
            for outcome in case.result if isinstance(outcome, Failure)]


def test_junit_fails_exactly_what_fails_the_gate(results: dict[str, Result]) -> None:
    for r in results.values():
        for fail_on in ("error", "warning", "never"):
            gated = replace(r, score=replace(r.score, fail_on=fail_on, passed=_passes(r, fail_on)))
            failures = _failures(junit.render([gated]))
            assert len(failures) == len(set(failures)), "a case failed twice"
            blocking = [f for f in r.findings if gated.score.blocks(f.severity)]
            assert {name for c, name in failures if c == "rules"} <= {f.rule for f in blocking}
            assert bool(failures) == (not gated.score.passed), (r.path, fail_on, failures)
            if fail_on == "never":
                assert all(c == "gate" for c, _ in failures)


def _passes(r: Result, fail_on: str) -> bool:
    blocking = {"error": ("error",), "warning": ("error", "warning"), "never": ()}[fail_on]
    return not any(f.severity in blocking for f in r.findings) and r.score.value >= r.score.fail_under


def test_junit_counts_a_missing_part_once(results: dict[str, Result]) -> None:
    failures = _failures(junit.render([results[SEED_002]]))
    assert ("checklist", "shortfalls 存在的不足") in failures
    assert not [name for _, name in failures if "shortfalls" in name and name != "shortfalls 存在的不足"]


def test_junit_warnings_below_fail_on_are_not_failures(results: dict[str, Result]) -> None:
    r = results[SERVICE_BUREAU]
    warned = {f.rule for f in r.findings if f.severity == "warning" and not f.rule.startswith("section.")} - {
        f.rule for f in r.findings if f.severity == "error"}
    assert warned  # the example has rules with warnings only
    failing_rules = {name for c, name in _failures(junit.render([r])) if c == "rules"}
    assert not warned & failing_rules
    strict = replace(r, score=replace(r.score, fail_on="warning"))
    assert warned <= {name for c, name in _failures(junit.render([strict])) if c == "rules"}


def junitparser_suites(text: str) -> dict[str, dict[tuple[str, str], list[Any]]]:
    parsed = JUnitXml.fromstring(text.encode("utf-8"))
    return {suite.name: {(case.classname, case.name): list(case.result) for case in suite} for suite in parsed}


def test_junit_passing_report_has_no_failures(results: dict[str, Result]) -> None:
    label = next(label for label, r in results.items() if label.startswith("examples/") and r.score.passed)
    suite = ET.fromstring(junit.render([results[label]]).encode()).find("testsuite")
    assert suite is not None and suite.get("failures") == "0"


def _synthetic(findings: tuple[Finding, ...], text: str, path: str = "a,b:c%.txt", passed: bool = False,
               message: str = "{evidence}") -> Result:
    """A result of the given findings; the message of their rule (content.placeholder) is ``message``."""
    meta = ReportMeta(org=None, year=2024, title=None, published=date(2025, 3, 1), script="simplified")
    score = Score(50.0 if not passed else 90.0, (), 60.0, passed)
    rules = (RuleInfo("content.placeholder", "pattern", "error", 10.0, message, None, None),)
    return Result(path, "national", meta, (), findings, score, (), len(text), text=text, rules=rules)


def test_junit_survives_hostile_text() -> None:
    finding = Finding("content.placeholder", "error", Location(0, 1, 1), "\x0c", 10.0)
    text = junit.render([_synthetic((finding,), "\x0cabc", message="残留{evidence}“<b>&</b>”\n第二行\x00")])
    root = ET.fromstring(text.encode())
    failure = root.find("testsuite/testcase[@name='content.placeholder']/failure")
    assert failure is not None and failure.get("message") == "残留\ufffd“<b>&</b>”\n第二行\ufffd"


# --- GitHub -----------------------------------------------------------------------------------------


def test_github_escapes_per_the_toolkit() -> None:
    assert github.escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert github.escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    finding = Finding("content.placeholder", "warning", Location(2, 4, 2), "bc", 5.0)
    out = github.render([_synthetic((finding,), "a\nbc\nd", message="第一行,含逗号:冒号\n第二行 100%")]).splitlines()
    assert out[0] == ("::warning file=a%2Cb%3Ac%25.txt,line=2,endLine=2,title=content.placeholder::"
                      "第一行,含逗号:冒号%0A第二行 100%25")
    assert out[1] == "::error title=checker::a,b:c%25.txt：未通过门禁（得分50低于门槛60），得分 50"
    assert len(out) == 3 and not out[2].startswith("::")


def test_github_annotates_every_finding(results: dict[str, Result]) -> None:
    out = github.render(list(results.values())).splitlines()
    findings = [(r, f) for r in results.values() for f in sorted(r.findings, key=Finding.sort_key)]
    assert len(out) == len(findings) + sum(not r.score.passed for r in results.values()) + 1
    for line, (r, f) in zip(out, findings, strict=False):
        prefix = {"error": "::error ", "warning": "::warning ", "info": "::notice "}[f.severity]
        assert line.startswith(prefix + f"file={r.path}")
        assert (f",line={f.location.line}," in line) == (f.location.line is not None)
        assert f"title={f.rule}::" in line
    gates = [line for line in out if line.startswith("::error title=checker::")]
    assert len(gates) == sum(not r.score.passed for r in results.values()) > 0
    assert SEED_002 in "".join(gates)
    english = github.render([results[SERVICE_BUREAU]], lang="en").splitlines()
    assert "gate failed" in english[-2] and english[-1].startswith("checker: 1 report(s), 1 failed")


# --- golden files -----------------------------------------------------------------------------------


def _stable(name: str, text: str) -> str:
    """The tool's version changes with every release; golden files should not."""
    if name != "sarif":
        return text
    doc = json.loads(text)
    doc["runs"][0]["tool"]["driver"]["version"] = "VERSION"
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem[:9])
@pytest.mark.parametrize(("name", "renderer"), [("sarif", sarif.render), ("xml", junit.render), ("txt", github.render)])
def test_matches_golden(example: Path, name: str, renderer: Any, results: dict[str, Result]) -> None:
    text = _stable(name, renderer([results[f"examples/{example.name}"]]))
    golden = GOLDEN / f"example-{example.stem}.{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run `make golden` and review it"
    assert text == golden.read_text(encoding="utf-8")
