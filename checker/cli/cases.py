"""``checker rules --test CASES.yaml``: run a checklist author's cases and show each as ✓ or ✗, with what a
failing case missed and what it found beyond what it expected. Exit 0 all pass, 1 any fail, 2 bad file."""

from __future__ import annotations

from pathlib import Path

from checker.model import Finding
from checker.rules import cases as harness
from checker.rules import checklist as checklists


def run_file(path: Path, checklist: str | None, lang: str) -> int:
    """Run every case of ``path`` against ``checklist`` (else the file's ``checklist:``, else national)."""
    en = lang == "en"
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
                print(f"    missing: {shown}" if en else f"    缺少：{shown}")
            for f in outcome.extra:
                print(f"    {'unexpected: ' if en else '多出：'}{_finding(f, en)}")
    total = len(loaded.cases)
    if en:
        print(f"all {total} cases passed" if not failed else f"{failed} of {total} cases failed")
    else:
        print(f"{total} 个用例全部通过" if not failed else f"{total} 个用例中 {failed} 个未通过")
    return 1 if failed else 0


def _finding(f: Finding, en: bool) -> str:
    line = f.location.line
    where = (f"line {line}" if en else f"第{line}行") if line else ("whole report" if en else "全文")
    parts = [f.rule, where]
    if f.evidence:
        parts.append(f"“{f.evidence}”")
    if f.location.section:
        parts.append(f"[{f.location.section}]")
    return " ".join(parts) + f" ({f.severity})"
