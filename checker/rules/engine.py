"""RULES stage: run every rule of a checklist over one analysed report."""

from __future__ import annotations

from collections.abc import Sequence

from checker.model import Document, Finding, Outline, Reuse, Section
from checker.rules.checklist import Rule
from checker.rules.kinds import KINDS
from checker.rules.kinds.base import ArchiveView, Context, Services


def run_rules(
    doc: Document,
    outline: Outline,
    sections: Sequence[Section],
    rules: Sequence[Rule],
    services: Services,
    reuse: Reuse | None = None,
    archive: ArchiveView | None = None,
) -> tuple[Finding, ...]:
    by_id = {s.id: s for s in sections}
    findings: list[Finding] = []
    for rule in rules:
        ctx = Context(rule.spec, doc, outline, by_id, services, reuse, archive)
        findings.extend(KINDS[rule.spec.kind].check(doc, rule.params, ctx))
    return tuple(sorted(findings, key=Finding.sort_key))
