"""Table-driven cases: a text, and the findings a rule kind or a whole checklist should give on it.

The test suite runs the kinds' cases (``tests/cases/<kind>.yaml`` and the examples in each kind's
docstring) through here, and ``checker rules --test`` runs a checklist author's own cases file, kept next
to the checklist:

    checklist: my-district.yaml        # optional; relative to this file (default: national)
    cases:
      - id: words-we-do-not-use
        text: |
          示例区民政局2024年法治政府建设年度报告
          ……
        rules: [content.my_words]      # optional: compare only these rules' findings (* allowed)
        expect: [{rule: content.my_words, evidence: 圆满完成, line: 3}]
      - id: plain-words-pass
        file: 2024年报告.docx           # instead of text; relative to this file
        pass: true

A case may also give ``published`` (YYYY-MM-DD), ``history`` (earlier reports of the same body, as
texts) and ``archive`` (other reports, as texts: the check runs with a fresh archive holding them). An expected
finding matches on the keys it gives (rule, evidence, severity, line, section, suggestion); the
counts must agree too, so a case fails both on a missing finding and on one too many.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from checker.errors import CasesError
from checker.model import Finding, Severity
from checker.rules import yamlsrc
from checker.rules.checklist import Checklist, Rule
from checker.rules.kinds import KINDS
from checker.rules.kinds.base import RuleSpec


class Expected(BaseModel):
    """One finding a case expects; only the keys given are compared."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str | None = None
    evidence: str | None = None
    severity: Severity | None = None
    line: int | None = None
    section: str | None = None
    suggestion: str | None = None  # the correct text the finding suggests (``values['suggestion']``)

    def matches(self, f: Finding) -> bool:
        return all(want is None or got == want for want, got in (
            (self.rule, f.rule), (self.evidence, f.evidence), (self.severity, f.severity),
            (self.line, f.location.line), (self.section, f.location.section),
            (self.suggestion, f.value("suggestion"))))

    def shown(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class Case(BaseModel):
    """A case of a checklist: the whole checklist is run on the text."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str | None = None
    name: str | None = None  # the kinds' docstring examples say ``name``
    text: str | None = None
    file: str | None = None
    published: dt.date | None = None
    history: tuple[str, ...] = ()
    archive: tuple[str, ...] = ()  # other reports, as texts, put in a fresh archive the check runs with
    rules: tuple[str, ...] | None = None
    passes: bool = Field(default=False, alias="pass")
    expect: tuple[Expected, ...] = ()

    @model_validator(mode="after")
    def _complete(self) -> Case:
        # the reasons are keys of _INCOMPLETE, worded for the user by load()
        if (self.text is None) == (self.file is None):
            raise ValueError("text_or_file")
        if self.passes == bool(self.expect):
            raise ValueError("pass_or_expect")
        return self

    @property
    def label(self) -> str:
        return self.id or self.name or "?"


class KindCase(Case):
    """A case of one rule kind: a checklist of that one rule, with ``params`` (tests/cases/<kind>.yaml)."""

    params: dict[str, Any] = Field(default_factory=dict)
    rule_id: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What a case expected and did not get (``missing``) and what it got and did not expect (``extra``)."""

    case: Case
    missing: tuple[Expected, ...]
    extra: tuple[Finding, ...]
    found: tuple[Finding, ...]

    @property
    def passed(self) -> bool:
        return not self.missing and not self.extra


@dataclass(frozen=True)
class CasesFile:
    path: Path
    checklist: str | None  # as written in the file (a path in it is relative to the file)
    cases: tuple[tuple[Case, int | None], ...]  # each case with its line, for messages


def compare(case: Case, findings: list[Finding]) -> Outcome:
    """Pair each expected finding with the first unpaired finding it matches."""
    remaining = list(findings)
    missing = []
    for want in case.expect:
        hit = next((f for f in remaining if want.matches(f)), None)
        if hit is None:
            missing.append(want)
        else:
            remaining.remove(hit)
    return Outcome(case, tuple(missing), tuple(remaining), tuple(findings))


def run(case: Case, checklist: Checklist, folder: Path | None = None) -> Outcome:
    """Run ``checklist`` on the case's text (``file`` is relative to ``folder``)."""
    from checker.pipeline import analyse, prepare
    from checker.readers import read_bytes, read_path
    from checker.reuse.archive import Archive
    from checker.reuse.sources import store

    if case.file is not None:
        extracted = read_path(str((folder or Path.cwd()) / case.file))
    else:
        extracted = read_bytes((case.text or "").encode("utf-8"), f"<{case.label}>", fmt="txt")
    if case.published:
        extracted = dataclasses.replace(extracted, published=case.published)
    history = [read_bytes(h.encode("utf-8"), f"<history {i}>", fmt="txt") for i, h in enumerate(case.history)]
    if not case.archive:
        findings = list(analyse(extracted, checklist, history=history).findings)
    else:
        with tempfile.TemporaryDirectory() as folder_name, Archive(Path(folder_name) / "archive.sqlite3") as archive:
            for i, text in enumerate(case.archive):
                name = f"<archive {i}>"
                store(archive, prepare(read_bytes(text.encode("utf-8"), name, fmt="txt"), checklist), name)
            findings = list(analyse(extracted, checklist, history=history, archive=archive).findings)
    if case.rules is not None:
        patterns = [checklist.rule_id(p) for p in case.rules]  # a former rule id selects the rule it became
        findings = [f for f in findings if any(fnmatchcase(f.rule, p) for p in patterns)]
    return compare(case, findings)


def run_kind_case(kind_name: str, raw: dict[str, Any], base: Checklist) -> Outcome:
    """One case of rule kind ``kind_name``: ``base`` with that one rule, made from the case's ``params``."""
    case = KindCase.model_validate(raw)
    spec = RuleSpec(id=case.rule_id or f"test.{kind_name}", kind=kind_name, severity="warning", points=5,
                    message="{evidence}")
    params = KINDS[kind_name].params.model_validate(case.params)
    return run(case, dataclasses.replace(base, rules=(Rule(spec, params),)))


def load(path: Path) -> CasesFile:
    """Read and validate a cases file; every problem is ``file:line：what`` (``CasesError``, exit 2)."""
    data, lines = yamlsrc.load(path, CasesError)
    name = str(path)
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list) or not data["cases"]:
        raise CasesError(name, "用例文件应包含非空的 cases 列表", "a cases file holds a non-empty list under 'cases'",
                         line=1)
    unknown = sorted(set(data) - {"checklist", "cases"})
    if unknown:
        raise CasesError(name, f"未知的键“{unknown[0]}”（可用：checklist、cases）", f"unknown key '{unknown[0]}'",
                         line=lines.get((unknown[0],)))
    checklist = data.get("checklist")
    if checklist is not None and not isinstance(checklist, str):
        raise CasesError(name, "checklist 应为检查清单名称或路径", "checklist must be a name or path",
                         line=lines.get(("checklist",)))
    cases = []
    for i, raw in enumerate(data["cases"]):
        line = lines.get(("cases", i))
        try:
            case = Case.model_validate(raw)
        except ValidationError as e:
            raise _case_error(name, i, e.errors()[0], lines, line) from None
        if case.file is not None and not (path.parent / case.file).is_file():
            raise CasesError(name, f"第{i + 1}个用例的文件不存在：{case.file}", f"case {i + 1}: no such file {case.file}",
                             line=lines.get(("cases", i, "file"), line))
        cases.append((case, line))
    return CasesFile(path, checklist, tuple(cases))


def unknown_rules(cases: CasesFile, checklist: Checklist) -> None:
    """A ``rules`` entry that names no rule of the checklist would make its case pass on nothing."""
    ids = [r.spec.id for r in checklist.rules]
    for i, (case, line) in enumerate(cases.cases):
        for pattern in case.rules or ():
            if not any(fnmatchcase(rule_id, checklist.rule_id(pattern)) for rule_id in ids):
                raise CasesError(str(cases.path), f"第{i + 1}个用例：检查清单 {checklist.id} 中没有规则“{pattern}”",
                                 f"case {i + 1}: checklist {checklist.id} has no rule '{pattern}'", line=line)


_INCOMPLETE = {
    "text_or_file": ("应给出 text 或 file 之一", "give one of text or file"),
    "pass_or_expect": ("应给出 pass: true 或非空的 expect 之一", "give pass: true or a non-empty expect"),
}


def _case_error(name: str, i: int, err: Any, lines: yamlsrc.Lines, line: int | None) -> CasesError:
    loc = tuple(err.get("loc", ()))
    where = ".".join(str(p) for p in loc)
    at = lines.get(("cases", i, *loc), lines.get(("cases", i, *loc[:1]), line))
    reason = str(err.get("ctx", {}).get("error", "")) if err.get("type") == "value_error" else ""
    if reason in _INCOMPLETE:
        zh, en = _INCOMPLETE[reason]
    elif err.get("type") == "extra_forbidden":
        zh, en = f"未知的键“{where}”", f"unknown key '{where}'"
    else:
        zh, en = f"“{where}”的值无效（{err.get('msg')}）", f"invalid '{where}': {err.get('msg')}"
    return CasesError(name, f"第{i + 1}个用例：{zh}", f"case {i + 1}: {en}", line=at)
