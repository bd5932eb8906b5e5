"""next_year — the plan for next year names the year after the reporting year.

A 2024 report plans 2025: a plan that says "2024年工作计划" was copied forward without its year being
bumped, and a plan that names no year at all ("下一步工作") is weaker than one that commits to a year.

Options:
  item             the checklist item holding the plan (default next_year_plan)
  require_mention  also report a plan that names no year (with ``silent_points`` deducted)
  silent_points    deduction when the plan names no year (default 1)

Message values: ``named`` (the year the plan names), ``expected`` (the year after the report year),
``year`` (the report year). A plan that names no year is the case ``silent`` (``messages: {silent: …}``).

Examples:
    - name: plan names the next year
      params: {}
      text: |
        2024年,示例区民政局坚持依法行政。
        一、主要举措和成效
        全年办理行政复议案件3件。
        二、2025年工作计划
        2025年,继续推进严格规范公正文明执法。
      pass: true
    - name: plan names the reporting year
      params: {}
      text: |
        2024年,示例区民政局坚持依法行政。
        一、主要举措和成效
        全年办理行政复议案件3件。
        二、2024年工作计划
        继续推进严格规范公正文明执法。
      expect: [{rule: test.next_year, evidence: "2024年"}]
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model import Document, Finding
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams
from checker.text.spans import named_years


class Params(BaseParams):
    item: str = "next_year_plan"
    require_mention: bool = True
    silent_points: float = 1

    item_fields = ("item",)
    message_fields = ("named", "expected", "year")
    message_cases = ("silent",)


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    year = ctx.year
    plan = ctx.sections.get(params.item)
    if year is None or plan is None or not plan.present or plan.n_start is None or plan.n_end is None:
        return
    years = list(named_years(doc.norm, plan.n_start, plan.n_end))
    if any(y == year + 1 for y, _, _ in years):
        return
    wrong = [(y, s, e) for y, s, e in years if y <= year]
    if wrong:
        y, s, e = wrong[0]
        yield ctx.finding(s, e, named=y, expected=year + 1, year=year)
    elif params.require_mention:
        # nothing wrong is written, so the finding quotes the plan's heading: the reader sees which part is
        # meant, and a waiver's fingerprint stays with that heading
        heading_end = plan.n_body if plan.n_body and plan.n_body > plan.n_start else plan.n_start + 30
        yield ctx.finding(plan.n_start, heading_end, case="silent", severity="info", points=params.silent_points,
                          expected=year + 1, year=year)
