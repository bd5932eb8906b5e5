"""SCORE stage: 100 minus each rule's deductions (capped per rule), and the gate.

A report passes when it has no error-severity finding and its score reaches ``fail_under``. Each rule's
deduction is kept so that the score can be explained to the body that receives it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from checker.model import GATE_SEVERITIES, Deduction, Finding, Score


def score(
    findings: Sequence[Finding], caps: dict[str, float | None], fail_under: float, lang: str = "zh",
    fail_on: str = "error",
) -> Score:
    """``fail_on``: the lowest severity that fails the gate by itself (error, warning, or never)."""
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
    reason = None
    if errors:
        rules = ("、" if lang != "en" else ", ").join(sorted({f.rule for f in errors}))
        level = "错误" if fail_on == "error" else "警告及以上"
        reason = (f"{len(errors)} finding(s) at or above {fail_on}: {rules}" if lang == "en"
                  else f"存在{len(errors)}个{level}级别的问题（{rules}）")
    elif value < fail_under:
        reason = (f"score {value:g} is below the threshold {fail_under:g}" if lang == "en"
                  else f"得分{value:g}低于门槛{fail_under:g}")
    return Score(value, tuple(deductions), fail_under, reason is None, reason, fail_on)
