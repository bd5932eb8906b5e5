"""JSON output, schema ``checker/report-v1``: deterministic (sorted findings, no timestamps)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from checker.model import Finding, Result, Section

SCHEMA = "checker/report-v1"


def report_dict(r: Result) -> dict[str, Any]:
    return {
        "path": r.path,
        "org": r.meta.org,
        "year": r.meta.year,
        "title": r.meta.title,
        "published": r.meta.published.isoformat() if r.meta.published else None,
        "script": r.meta.script,
        "ruleset": r.ruleset,
        "score": r.score.value,
        "passed": r.score.passed,
        "gate": {"fail_under": r.score.fail_under, "reason": r.score.reason},
        "deductions": [{"rule": d.rule, "count": d.count, "points": d.points} for d in r.score.deductions],
        "chars": r.chars,
        "sections": [_section(s) for s in r.sections],
        "findings": [_finding(f) for f in r.findings],
    }


def _section(s: Section) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "required": s.required,
        "present": s.present,
        "heading": s.heading,
        "line": s.line,
        "start": s.start,
        "end": s.end,
        "found_by": s.found_by,
        "chars": s.chars if s.present else 0,
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "line": f.location.line,
        "start": f.location.start,
        "end": f.location.end,
        "section": f.location.section,
        "points": f.points,
        "evidence": f.evidence,
    }


def render(results: Sequence[Result]) -> str:
    doc = {"schema": SCHEMA, "reports": [report_dict(r) for r in results]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
