"""JUnit XML output, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines, test-report
actions on GitHub).

CI systems read JUnit and nothing of ours, so the mapping follows what they display, and a ``<failure>``
stands only for what fails the gate — a CI counts failures, so the count must match the exit code:

- one ``<testsuite>`` per report, named by its path, so a CI page lists reports side by side;
- one testcase per checklist item (classname ``checklist``): a missing required item fails when its
  finding's severity fails the gate (``--fail-on``), a missing recommended item is skipped — JUnit's way of
  saying "should, not must";
- one testcase per other rule (classname ``rules``): the findings whose severity fails the gate fail it,
  listed with their lines; the others (info, and warnings under ``--fail-on error``) pass with them in
  ``system-out``. A checklist item's own rule (``section.<id>``) has no case of its own: its finding is
  already the item's case, and a CI would otherwise count one missing part twice;
- a file a batch could not read is a suite with one ``<error>`` (not a failure: nothing was checked);
- a testcase ``gate`` fails when the score is below the threshold, the one reason for failing that no
  finding carries; so the suite has a failure exactly when the exit code says the report failed.

Report text may hold characters XML 1.0 cannot carry (form feeds from PDFs, stray control codes), and a
CI parser rejects the whole file for one of them, so every string is cleaned on the way in.
Deterministic: no ``time``, ``timestamp`` or ``hostname`` attributes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from checker.model import SEVERITIES, Finding, Result, Section
from checker.render.labels import JUNIT
from checker.render.messages import Wording
from checker.render.registry import RenderContext, write_text

_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(results: Sequence[Result], *, lang: str = "zh", unreadable: Sequence[tuple[str, str]] = ()) -> str:
    """The JUnit XML of the given reports; each ``unreadable`` (path, reason) is a suite with one error."""
    labels = JUNIT.get(lang, JUNIT["zh"])
    root = ET.Element("testsuites", name="checker")
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    suites = [_suite(r, labels, lang) for r in results] + [_unreadable(path, reason, labels)
                                                      for path, reason in sorted(unreadable)]
    for suite in suites:
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _unreadable(path: str, reason: str, labels: dict[str, str]) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(path), tests="1", failures="0", errors="1", skipped="0")
    case = ET.SubElement(suite, "testcase", classname="read", name="read")
    _text(case, "error", "", message=reason, type=labels["unreadable"])
    return suite


def _clean(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def _suite(r: Result, labels: dict[str, str], lang: str) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(r.path))
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("ruleset", r.ruleset),
        ("org", r.meta.org),
        ("year", r.meta.year),
        ("score", f"{r.score.value:g}"),
        ("fail_under", f"{r.score.fail_under:g}"),
        ("passed", "true" if r.score.passed else "false"),
    ):
        if value is not None:
            ET.SubElement(properties, "property", name=name, value=_clean(str(value)))
    words = Wording(r, lang)
    cases = [_item_case(s, r, labels, words) for s in r.sections]
    cases += [_rule_case(rule_id, r, labels, words) for rule_id in _rule_ids(r)]
    cases.append(_gate_case(r, labels))
    suite.extend(cases)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(c.find("failure") is not None for c in cases)))
    suite.set("errors", "0")
    suite.set("skipped", str(sum(c.find("skipped") is not None for c in cases)))
    return suite


def _case(classname: str, name: str) -> ET.Element:
    return ET.Element("testcase", classname=classname, name=_clean(name))


def _text(parent: ET.Element, tag: str, text: str, **attrib: str) -> None:
    child = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrib.items()})
    if text:
        child.text = _clean(text)


def _item_case(s: Section, r: Result, labels: dict[str, str], words: Wording) -> ET.Element:
    name = words.item(s)
    case = _case("checklist", f"{s.id} {name}")
    if s.present:
        if s.heading:
            where = labels["line"].format(line=s.line) if s.line is not None else labels["no_line"]
            _text(case, "system-out", labels["found"].format(where=where, heading=s.heading))
        return case
    # the section rule's own finding says best what is missing (and in the user's language)
    finding = next((f for f in r.findings if f.rule == f"section.{s.id}"), None)
    if s.required:
        message = words.message(finding) if finding else labels["missing"].format(name=name)
        if finding is not None and r.score.blocks(finding.severity):
            _text(case, "failure", "", message=message, type="missing")
        else:  # below --fail-on, or no finding (another item's covers it): costs points at most, fails nothing
            _text(case, "system-out", _finding_line(finding, labels, words) if finding else message)
    else:
        message = words.message(finding) if finding else labels["recommended"].format(name=name)
        _text(case, "skipped", "", message=message)
    return case


def _rule_ids(r: Result) -> list[str]:
    """Every rule but the checklist items' own, which their item cases stand for."""
    ids = {rule.id for rule in r.rules} | {f.rule for f in r.findings} | {f.rule for f, _ in r.waived}
    return sorted(ids - {f"section.{s.id}" for s in r.sections})


def _finding_line(f: Finding, labels: dict[str, str], words: Wording) -> str:
    where = labels["line"].format(line=f.location.line) if f.location.line is not None else labels["no_line"]
    points = labels["points"].format(points=f.points) if f.points else ""
    return labels["entry"].format(where=where, message=words.message(f)) + points


def _rule_case(rule_id: str, r: Result, labels: dict[str, str], words: Wording) -> ET.Element:
    case = _case("rules", rule_id)
    findings = sorted((f for f in r.findings if f.rule == rule_id), key=Finding.sort_key)
    failing = [f for f in findings if r.score.blocks(f.severity)]
    notes = [_finding_line(f, labels, words) for f in findings if not r.score.blocks(f.severity)]
    notes += [labels["waived"].format(finding=_finding_line(f, labels, words), reason=words.accepted(acceptance))
              for f, acceptance in r.waived if f.rule == rule_id]
    if failing:
        worst = min(failing, key=lambda f: SEVERITIES.index(f.severity)).severity
        message = words.message(failing[0]) + (labels["more"].format(n=len(failing)) if len(failing) > 1 else "")
        _text(case, "failure", "\n".join(_finding_line(f, labels, words) for f in failing), message=message, type=worst)
    if notes:
        _text(case, "system-out", "\n".join(notes))
    return case


def _gate_case(r: Result, labels: dict[str, str]) -> ET.Element:
    case = _case("gate", "gate")
    if r.score.value < r.score.fail_under:  # findings that fail the gate are failures in their own cases
        _text(case, "failure", "", message=labels["below"].format(score=r.score.value, fail_under=r.score.fail_under),
              type="gate")
    _text(case, "system-out", labels["score"].format(score=r.score.value, fail_under=r.score.fail_under))
    return case


def write(results: Sequence[Result], target: Path | None, ctx: RenderContext) -> None:
    write_text(render(results, lang=ctx.lang, unreadable=ctx.unreadable), target)
