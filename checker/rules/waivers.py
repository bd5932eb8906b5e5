"""Waivers: findings a reviewer has accepted, kept outside the report.

A published report cannot carry "disable" comments, so accepted findings live in a YAML file, each
keyed by the finding's content fingerprint (rule, checklist item, evidence — not a line number, which
changes when a paragraph moves) with who accepted it, why, and until when. An expired waiver no longer
applies and is reported; a waiver that matches nothing is stale and reported too.

    waivers:
      - fingerprint: 593e39740a1592b3
        rule: content.foreign_place
        file: 坡头区民政局2023年报告.txt     # optional: only this report (file name)
        evidence: 龙岗                       # for the human reader
        reviewer: 张三
        reason: 经核实为对口帮扶地区
        expires: 2026-03-31
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.errors import WaiverFileError, invalid_value
from checker.model import Acceptance, Finding, Location, Result
from checker.rules import yamlsrc


class _Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    fingerprint: str = Field(pattern=r"^[0-9a-f]{16}$")
    rule: str
    reviewer: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    expires: date
    file: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class Waiver:
    fingerprint: str
    rule: str
    reviewer: str
    reason: str
    expires: date
    file: str | None
    evidence: str | None
    source: str  # file:line of the entry

    def covers(self, path: str) -> bool:
        return self.file is None or Path(self.file).name == Path(path).name


def load(path: Path) -> tuple[Waiver, ...]:
    data, lines = yamlsrc.load(path, WaiverFileError)
    entries = (data or {}).get("waivers") if isinstance(data, dict) else None
    if entries is None or not isinstance(entries, list):
        raise WaiverFileError(str(path), "豁免文件应包含 waivers 列表", "a waivers file holds a list under 'waivers'", line=1)
    out = []
    for i, raw in enumerate(entries):
        try:
            entry = _Entry.model_validate(raw)
        except ValidationError as e:
            err = e.errors()[0]
            key = str(err["loc"][0]) if err.get("loc") else "?"
            zh, en = invalid_value(err)
            raise WaiverFileError(str(path), f"第{i + 1}条豁免：{zh}", f"waiver {i + 1}: {en}",
                               line=lines.get(("waivers", i, key), lines.get(("waivers", i)))) from None
        out.append(Waiver(**entry.model_dump(), source=f"{path}:{lines.get(('waivers', i), '?')}"))
    return tuple(out)


def apply(
    findings: Sequence[Finding], waivers: Sequence[Waiver], path: str, today: date,
    aliases: Mapping[str, str] | None = None,
) -> tuple[tuple[Finding, ...], tuple[tuple[Finding, Acceptance], ...], frozenset[str]]:
    """Remove waived findings. Returns the findings that remain (with a note for each expired waiver
    that matched), the waived findings with who accepted them, why and until when, and the fingerprints
    used. ``aliases`` (former rule id → id now): a waiver written under a former id still applies."""
    mine = [w for w in waivers if w.covers(path)]
    by_print = {w.fingerprint: w for w in mine}
    former: dict[str, list[str]] = {}
    for old, new in (aliases or {}).items():
        former.setdefault(new, []).append(old)
    kept: list[Finding] = []
    waived: list[tuple[Finding, Acceptance]] = []
    used: set[str] = set()
    for f in findings:
        w = None
        for name in (f.rule, *former.get(f.rule, ())):
            candidate = by_print.get(f.fingerprint_as(name))
            if candidate is not None and candidate.rule == name:
                w = candidate
                break
        if w is None:
            kept.append(f)
            continue
        used.add(w.fingerprint)
        if w.expires < today:
            kept.append(f)
            kept.append(Finding("waiver.expired", "warning",
                                Location(f.location.start, f.location.end, f.location.line, f.location.section),
                                w.source, 0.0, (("expires", w.expires), ("reason", w.reason), ("reviewer", w.reviewer))))
        else:
            waived.append((f, Acceptance(w.reviewer, w.reason, w.expires, w.fingerprint)))
    return tuple(sorted(kept, key=Finding.sort_key)), tuple(waived), frozenset(used)


def stale_note(w: Waiver) -> Finding:
    """The note on a waiver that matched nothing (worded by the renderer: ``rule.waiver.stale``)."""
    return Finding("waiver.stale", "info", Location(), w.source, 0.0,
                   (("rule", w.rule), ("waiver", w.evidence or w.fingerprint)))


def with_stale(results: Sequence[Result], waivers: Sequence[Waiver]) -> list[Result]:
    """Add a ``waiver.stale`` note to each report a waiver covers when it matched no finding in any of
    the reports of the run (a waiver without ``file`` may match in another report)."""
    seen = {f.fingerprint for r in results for f in (*r.findings, *(w for w, _ in r.waived))}
    seen |= {a.fingerprint for r in results for _, a in r.waived}  # waivers that matched under a former id
    out = []
    for r in results:
        stale = tuple(stale_note(w) for w in waivers if w.covers(r.path) and w.fingerprint not in seen)
        out.append(replace(r, findings=r.findings + stale) if stale else r)
    return out


def entry(f: Finding, *, file: str | None, reviewer: str, reason: str, expires: date) -> str:
    """The YAML text of one waiver for ``checker waive`` (appended, so the reviewer's file keeps its form)."""
    import yaml

    data = {"fingerprint": f.fingerprint, "rule": f.rule, "file": file, "evidence": f.evidence,
            "reviewer": reviewer, "reason": reason, "expires": expires}
    body = yaml.safe_dump([{k: v for k, v in data.items() if v is not None}], allow_unicode=True, sort_keys=False)
    return "".join("  " + line + "\n" for line in body.rstrip("\n").split("\n"))
