"""SARIF 2.1.0 output, for code-scanning dashboards (GitHub code scanning, Azure DevOps, SARIF viewers).

Why it looks the way it does:

- One run holds every report checked together, so a dashboard sees one upload per CI job; each report
  is an ``artifact`` whose ``properties`` carry its score and gate, which SARIF has no field for.
- ``rules`` describes every rule of the checklists applied, not only those that fired, so that a
  dashboard can close an alert when a finding disappears. Descriptions name the regulation the rule
  comes from (``basis``): a drafter told "缺少……部分" needs to know which provision demands it.
- Regions are computed in the *extracted* text (what ``checker extract`` prints), which is what every
  offset and line of a finding points into: lines split on ``\\n`` as the pipeline splits them, columns
  count characters (``columnKind: unicodeCodePoints``, the unit of Python string offsets).
- Every result has a ``region`` with ``startLine``: dashboards (GitHub code scanning among them) drop or
  misplace a result without one. A finding about the whole report points at line 1; one about a missing
  part points at the heading the part should come before (the next item of the checklist the report
  has; the last one when none follows), since that is where the drafter will add it.
- Every rule has ``help`` (``text`` and ``markdown``): the message, the regulation (``basis``) and the
  points. There is no website to send people to, so there is no ``helpUri``; a link to a page that does
  not resolve would be worse than none.
- ``partialFingerprints`` carries ``Finding.fingerprint``, a content key, so a dashboard keeps a
  finding's identity (and its dismissal) when a paragraph moves and every line number changes.
- A finding that knows the correct text (``values['suggestion']``, the style.* rules) carries it as a
  ``fix``: an ``artifactChange`` that replaces the finding's region with it, which viewers offer as an edit.
  Suppressed (waived) findings carry none: the reviewer decided the text stands.
- Findings a waiver accepted are kept as suppressed results, so the dashboard shows them as dismissed
  with the waiver's reason instead of reopening them.
- Deterministic and offline: no timestamps, no machine names, no absolute URI of a host we would send
  people to (``informationUri`` is omitted); the ``$schema`` URI is an identifier, never fetched.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checker.model import Finding, Result, RuleInfo, Severity
from checker.render.labels import SARIF
from checker.render.messages import Wording
from checker.render.registry import RenderContext, write_text

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "checkerFinding/v1"
LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "note"}



def render(results: Sequence[Result], *, lang: str = "zh") -> str:
    """The SARIF log of the given reports, as JSON text."""
    return json.dumps(sarif_log(results, lang=lang), ensure_ascii=False, indent=2) + "\n"


def sarif_log(results: Sequence[Result], *, lang: str = "zh") -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict (for callers that post-process it)."""
    labels = SARIF.get(lang, SARIF["zh"])
    rules = _rule_table(results, lang)
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    artifacts: list[dict[str, Any]] = []
    artifact_index: dict[str, int] = {}
    sarif_results: list[dict[str, Any]] = []
    for r in results:
        uri = artifact_uri(r.path)
        if uri not in artifact_index:  # SARIF requires artifacts to be unique
            artifact_index[uri] = len(artifacts)
            artifacts.append(_artifact(r, uri, lang))
        lines = _LineIndex(r.text, _anchors(r))
        location = {"uri": uri, "index": artifact_index[uri]}
        words = Wording(r, lang)
        for f in sorted(r.findings, key=Finding.sort_key):
            sarif_results.append(_with_fix(_result(f, words.message(f), index[f.rule], location, lines),
                                           f, words, location))
        for f, acceptance in sorted(r.waived, key=lambda w: w[0].sort_key()):
            suppressed = _result(f, words.message(f), index[f.rule], location, lines)
            suppressed["suppressions"] = [{"kind": "external", "state": "accepted",
                                           "justification": words.accepted(acceptance)}]
            sarif_results.append(suppressed)
    driver = {
        "name": "checker",
        "version": _version(),
        "language": labels["language"],
        "rules": [_descriptor(rule_id, rule, severity, example, lang)
                  for rule_id, (rule, severity, example) in rules.items()],
    }
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": True}],
        "language": labels["language"],
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": sarif_results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def artifact_uri(path: str) -> str:
    """The report path as given, as a relative URI reference: ``/`` separators, other characters that a
    URI may not hold (CJK, spaces, ``%``) percent-encoded, as RFC 3986 and SARIF require. A byte of a name
    that is not UTF-8, which the path shows as ``\\xb1`` (``model.printable_name``), is that byte again."""
    parts = _RAW_BYTE.split(path)  # text, byte, text, byte …
    return "".join(f"%{part.upper()}" if i % 2 else quote(part.replace("\\", "/"), safe="/-._~!$&'()*+,;=@")
                   for i, part in enumerate(parts))


_RAW_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")


def _version() -> str:
    try:
        return metadata.version("checker")
    except metadata.PackageNotFoundError:
        return "0"


def _rule_table(results: Sequence[Result], lang: str) -> dict[str, tuple[RuleInfo | None, Severity, str]]:
    """Every rule of the results by id (sorted), the first description seen winning; a finding whose rule
    the result does not describe still gets a descriptor, so that every ``ruleIndex`` is valid."""
    table: dict[str, tuple[RuleInfo | None, Severity, str]] = {}
    for r in results:
        for rule in r.rules:
            table.setdefault(rule.id, (rule, rule.severity, ""))
    for r in results:
        words = Wording(r, lang)
        for f in sorted((*r.findings, *(w for w, _ in r.waived)), key=Finding.sort_key):
            if f.rule not in table:
                table[f.rule] = (None, f.severity, words.message(f))
    return dict(sorted(table.items()))


def short_description(rule: RuleInfo, lang: str) -> str:
    """What the rule checks: its summary, else its message with the slots shown as an ellipsis."""
    return Wording(None, lang).summary(rule)


def full_description(rule: RuleInfo, lang: str) -> str:
    labels = SARIF.get(lang, SARIF["zh"])
    stop = labels["stop"]
    parts = [short_description(rule, lang).rstrip("。. ")]
    basis = Wording(None, lang).basis(rule)
    if basis:
        parts.append(labels["basis"] + basis.rstrip("。. "))
    if rule.points:
        parts.append(f"{labels['points']}{rule.points:g}{labels['unit']}")
    return stop.join(parts) + stop.strip()


def help_markdown(rule: RuleInfo, lang: str) -> str:
    """The rule's help for viewers that render Markdown: the message, then the regulation and the points."""
    labels = SARIF.get(lang, SARIF["zh"])
    parts = [f"**{_markdown(short_description(rule, lang))}**"]
    basis = Wording(None, lang).basis(rule)
    if basis:
        parts.append(labels["basis"] + _markdown(basis))
    if rule.points:
        parts.append(f"{labels['points']}{rule.points:g}{labels['unit']}")
    return "\n\n".join(parts)


def _markdown(text: str) -> str:
    """Text shown literally in Markdown: its punctuation escaped."""
    return "".join("\\" + ch if ch in "\\`*_[]<>|~" else ch for ch in text)


def _descriptor(rule_id: str, rule: RuleInfo | None, severity: Severity, example: str, lang: str) -> dict[str, Any]:
    if rule is None:
        # a rule no checklist describes (the waiver file's own findings): its message is the best help
        return {"id": rule_id, "help": {"text": example, "markdown": _markdown(example)},
                "defaultConfiguration": {"level": LEVEL[severity]}}
    text = full_description(rule, lang)
    return {
        "id": rule.id,
        "name": rule.name if rule.name and lang != "en" else rule.id,
        "shortDescription": {"text": short_description(rule, lang)},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": help_markdown(rule, lang)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"points": rule.points, "kind": rule.kind, **({"basis": basis} if (basis := Wording(None, lang).basis(rule)) else {})},
    }


def _artifact(r: Result, uri: str, lang: str) -> dict[str, Any]:
    return {
        "location": {"uri": uri},
        "roles": ["analysisTarget"],
        "properties": {
            "path": r.path,  # as given, for people: the URI above is percent-encoded
            "ruleset": r.ruleset,
            "org": r.meta.org,
            "year": r.meta.year,
            "score": r.score.value,
            "failUnder": r.score.fail_under,
            "passed": r.score.passed,
            "gateReason": Wording(r, lang).gate_reason(r.score),
        },
    }


def _anchors(r: Result) -> dict[str, int]:
    """For each checklist item, the line a finding about it without a position should point at."""
    found = [(i, s.line) for i, s in enumerate(r.sections) if s.present and s.line]
    anchors = {}
    for i, s in enumerate(r.sections):
        after = [line for j, line in found if j >= i]
        before = [line for j, line in found if j < i]
        if after or before:
            anchors[s.id] = after[0] if after else before[-1]
    return anchors


class _LineIndex:
    """Line starts of the extracted text, to turn character offsets into 1-based lines and columns."""

    def __init__(self, text: str, headings: dict[str, int] | None = None) -> None:
        self.text = text
        self.headings = headings or {}  # checklist item id → the line its findings point at
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def region(self, f: Finding) -> dict[str, Any]:
        start, end, line = f.location.start, f.location.end, f.location.line
        if start is None or not (0 <= start <= len(self.text)):
            # no offsets into the text we hold: the finding's line, else its item's heading, else line 1
            if line is None or line < 1:
                line = self.headings.get(f.location.section or "", 1)
            return {"startLine": line}
        end = start if end is None else max(start, min(end, len(self.text)))
        start_line, start_col = self.position(start)
        end_line, end_col = self.position(end)
        return {
            "startLine": start_line,
            "startColumn": start_col,
            "endLine": end_line,
            "endColumn": end_col,
            "charOffset": start,
            "charLength": end - start,
            # the region's own text (the evidence as written): SARIF defines the snippet as that
            "snippet": {"text": self.text[start:end]},
        }


def _result(f: Finding, message: str, rule_index: int, artifact: dict[str, Any], lines: _LineIndex) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": dict(artifact)}
    region = lines.region(f)
    physical["region"] = region
    properties: dict[str, Any] = {"points": f.points}
    if f.location.section is not None:
        properties["section"] = f.location.section
    if f.evidence is not None and "snippet" not in region:
        properties["evidence"] = f.evidence
    return {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[f.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": properties,
    }


def _with_fix(result: dict[str, Any], f: Finding, words: Wording, artifact: dict[str, Any]) -> dict[str, Any]:
    """A finding that knows the correct text proposes it as a ``fix``: its evidence replaced by the
    suggestion, so a viewer can offer the edit. Only where the region is a span of the text we hold."""
    suggestion = f.value("suggestion")
    region = result["locations"][0]["physicalLocation"]["region"]
    if not suggestion or "charOffset" not in region:
        return result
    deleted = {key: region[key] for key in ("startLine", "startColumn", "endLine", "endColumn", "charOffset",
                                              "charLength")}
    result["fixes"] = [{
        "description": {"text": words.suggestion(f)},
        "artifactChanges": [{"artifactLocation": dict(artifact),
                             "replacements": [{"deletedRegion": deleted,
                                               "insertedContent": {"text": str(suggestion)}}]}],
    }]
    return result


def write(results: Sequence[Result], target: Path | None, ctx: RenderContext) -> None:
    write_text(render(results, lang=ctx.lang), target)
