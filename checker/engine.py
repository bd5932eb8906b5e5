"""RULES stage: run every rule of a checklist over one analysed report."""

from __future__ import annotations

from collections.abc import Sequence

from checker.checklist import Rule
from checker.kinds import KINDS
from checker.kinds.base import Context, Services
from checker.model import Document, Finding, Outline, Reuse, Section


def run_rules(
    doc: Document,
    outline: Outline,
    sections: Sequence[Section],
    rules: Sequence[Rule],
    services: Services,
    lang: str = "zh",
    reuse: Reuse | None = None,
) -> tuple[Finding, ...]:
    by_id = {s.id: s for s in sections}
    findings: list[Finding] = []
    for rule in rules:
        ctx = Context(rule.spec, doc, outline, by_id, services, lang, reuse)
        findings.extend(KINDS[rule.spec.kind].check(doc, rule.params, ctx))
    return tuple(sorted(findings, key=Finding.sort_key))
