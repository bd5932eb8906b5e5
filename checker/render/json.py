"""JSON output, schema ``checker/report-v1``: deterministic (sorted findings, no timestamps)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.model import Finding, Result, Reuse, Section
from checker.render.messages import Wording
from checker.render.registry import RenderContext, write_text

SCHEMA = "checker/report-v1"


def report_dict(r: Result, lang: str = "zh") -> dict[str, Any]:
    words = Wording(r, lang)
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
        "gate": {"fail_under": r.score.fail_under, "reason": words.gate_reason(r.score)},
        "deductions": [{"rule": d.rule, "count": d.count, "points": d.points} for d in r.score.deductions],
        "chars": r.chars,
        "sections": [_section(s, words) for s in r.sections],
        "findings": [_finding(f, words) for f in r.findings],
        **({"waived": len(r.waived)} if r.waived else {}),  # absent when no waiver applied: goldens unchanged
        **({"reuse": _reuse(r.reuse)} if r.reuse is not None else {}),
    }


def _reuse(reuse: Reuse) -> dict[str, Any]:
    sources = reuse.sources
    return {
        "ratio": reuse.ratio,
        "ratio_without_boilerplate": reuse.ratio_without_boilerplate,
        "ratio_self": reuse.ratio_self,
        "ratio_peer": reuse.ratio_peer,
        "chars": reuse.chars,
        "reused_chars": reuse.reused_chars,
        "suspect_passages": len(reuse.suspect),
        "sections": dict(reuse.sections),
        "self_sections": dict(reuse.self_sections),
        "sources": [{"path": s.path, "org": s.org, "year": s.year, "kind": s.kind, "ratio": s.ratio,
                     "ratio_without_boilerplate": s.ratio_without_boilerplate} for s in sources],
        "passages": [{"start": p.start, "end": p.end, "line": p.line, "section": p.section,
                      "source_path": sources[p.source].path, "source_org": sources[p.source].org,
                      "source_year": sources[p.source].year, "source_start": p.source_start,
                      "source_end": p.source_end, "source_line": p.source_line, "similarity": p.similarity,
                      "boilerplate": p.boilerplate, "text": p.text, "source_text": p.source_text}
                     for p in reuse.passages],
        "stale_figures": [{"start": f.start, "end": f.end, "line": f.line, "source_path": sources[f.source].path,
                           "source_start": f.source_start, "source_end": f.source_end, "numbers": list(f.numbers)}
                          for f in reuse.stale],
        "followups": [{"kind": f.kind, "item": f.item, "source_path": sources[f.source].path,
                       "source_line": f.source_line, "line": f.line, "start": f.start, "end": f.end,
                       "similarity": f.similarity} for f in reuse.followups],
    }


def _section(s: Section, words: Wording) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": words.item(s),  # a label for people; ``id`` is the key programs use
        "required": s.required,
        "present": s.present,
        "heading": s.heading,
        "line": s.line,
        "start": s.start,
        "end": s.end,
        "found_by": s.found_by,
        "chars": s.chars if s.present else 0,
    }


def _finding(f: Finding, words: Wording) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": f.severity,
        "message": words.message(f),
        "line": f.location.line,
        "start": f.location.start,
        "end": f.location.end,
        "section": f.location.section,
        "points": f.points,
        "evidence": f.evidence,
        # the correct text, for programs that apply it; absent when there is none (outputs unchanged)
        **({"suggestion": str(s)} if (s := f.value("suggestion")) else {}),
    }


def render(results: Sequence[Result], unreadable: Sequence[tuple[str, str]] = (), lang: str = "zh") -> str:
    """``unreadable`` (path, reason): submissions of a batch that could not be checked, listed so that a
    consumer counting ``reports`` does not silently lose them."""
    doc: dict[str, Any] = {"schema": SCHEMA, "reports": [report_dict(r, lang) for r in results]}
    if unreadable:
        doc["unreadable"] = [{"path": path, "error": reason} for path, reason in sorted(unreadable)]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write(results: Sequence[Result], target: Path | None, ctx: RenderContext) -> None:
    write_text(render(results, ctx.unreadable, ctx.lang), target)
