"""SCORE stage: 100 minus each rule's deductions (capped per rule), and the gate.

A report passes when it has no error-severity finding and its score reaches ``fail_under``. Each rule's
deduction is kept so that the score can be explained to the body that receives it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from checker.model import GATE_SEVERITIES, Deduction, Finding, Score


def score(
    findings: Sequence[Finding], caps: dict[str, float | None], fail_under: float, fail_on: str = "error",
) -> Score:
    """``fail_on``: the lowest severity that fails the gate by itself (error, warning, or never). The score
    names the rules that failed the gate; the renderer words why, in the user's language."""
    totals: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for f in findings:
        totals[f.rule] += f.points
        counts[f.rule] += 1
    deductions = []
    for rule, total in totals.items():
        cap = caps.get(rule)
        deductions.append(Deduction(rule, counts[rule], round(min(total, cap) if cap is not None else total, 2)))
    deductions.sort(key=lambda d: (-d.points, d.rule))
    value = round(max(0.0, 100.0 - sum(d.points for d in deductions)), 1)
    failing = GATE_SEVERITIES[fail_on]
    errors = [f for f in findings if f.severity in failing]
    passed = not errors and value >= fail_under
    return Score(value, tuple(deductions), fail_under, passed, tuple(sorted({f.rule for f in errors})),
                 len(errors), fail_on)
