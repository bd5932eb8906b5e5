"""``checker rules --test CASES.yaml``: run a checklist author's cases and show each as ✓ or ✗, with what a
failing case missed and what it found beyond what it expected. Exit 0 all pass, 1 any fail, 2 bad file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker import cases as harness
from checker.model import Finding
from checker.render.labels import cli_words
from checker.rules import checklist as checklists


def run_file(path: Path, checklist: str | None, lang: str) -> int:
    """Run every case of ``path`` against ``checklist`` (else the file's ``checklist:``, else national)."""
    words = cli_words(lang)
    loaded = harness.load(path)
    if checklist is None and loaded.checklist is not None:
        checklist = str(checklists.resolve(loaded.checklist, relative_to=path.parent))
    rules = checklists.load(checklist or "national")
    harness.unknown_rules(loaded, rules)
    failed = 0
    for case, _ in loaded.cases:
        outcome = harness.run(case, rules, folder=path.parent)
        print(f"{'✓' if outcome.passed else '✗'} {case.label}")
        if not outcome.passed:
            failed += 1
            for want in outcome.missing:
                shown = " ".join(f"{k}={v}" for k, v in want.shown().items())
                print(words["cases.missing"].format(shown=shown))
            for f in outcome.extra:
                print(words["cases.extra"].format(finding=_finding(f, words)))
    total = len(loaded.cases)
    print(words["cases.failed" if failed else "cases.passed"].format(total=total, failed=failed))
    return 1 if failed else 0


def _finding(f: Finding, words: dict[str, Any]) -> str:
    line = f.location.line
    where = words["line"].format(line=line) if line else words["no_line"]
    parts = [f.rule, where]
    if f.evidence:
        parts.append(f"“{f.evidence}”")
    if f.location.section:
        parts.append(f"[{f.location.section}]")
    return " ".join(parts) + f" ({f.severity})"
