"""followup — what this year's report does with last year's shortfalls and plan.

Last year's shortfalls should come back as rectification ("上年度存在问题整改情况"): an item that is
neither answered there nor anywhere else was silently dropped (``unanswered_shortfall``). The same
shortfall listed again this year suggests it was never fixed (``repeated_shortfall``). An item of last
year's plan that this year's measures never mention (``unreported_plan``) is worth a reviewer's look.
Needs the same body's earlier report (``--history`` or the archive).

Options:
  aspect          unanswered_shortfall | repeated_shortfall | unreported_plan
  shortfalls      item holding the shortfalls, last year's and this year's (default shortfalls)
  rectification   item where last year's shortfalls are answered (default prior_rectification)
  measures        item where last year's plan is reported (default measures)
  plan            item holding the plan for the coming year (default next_year_plan)
  answered        share (0–1) of an item's content words one passage must hold to answer it (default 0.5)
  answered_fuzzy  similarity (0–100) of a near-verbatim restatement that answers an item (default 85)
  repeated        similarity (0–1) from which this year's shortfall is last year's again (default 0.8)
The item ids must name items of the checklist, and every followup rule must give the same values
(follow-through is worked out once per report, for all of them); a report is only compared when some
followup rule is enabled.

Message values: ``item`` (last year's item as written, shortened to 40 characters), ``year`` (last
year's report's year; "上一年度" when not known). Each aspect is its own rule with its own message.

Examples:
    - name: every shortfall answered
      params: {aspect: unanswered_shortfall}
      history:
        - |
          示例区民政局2023年法治政府建设年度报告
          一、主要举措和成效
          全年开展集体学法12次。
          二、存在的不足和原因
          一是执法文书不够规范。由于新进人员较多,导致文书质量不高。
          三、2024年工作计划
          加强执法培训。
      text: |
        示例区民政局2024年法治政府建设年度报告
        一、主要举措和成效
        全年开展宪法宣传活动37场。
        二、2023年存在问题整改情况
        针对执法文书不规范问题,修订执法文书模板5种,组织专项培训3次。
      pass: true
    - name: a shortfall dropped
      params: {aspect: unanswered_shortfall}
      history:
        - |
          示例区民政局2023年法治政府建设年度报告
          一、主要举措和成效
          全年开展集体学法12次。
          二、存在的不足和原因
          一是执法文书不够规范。二是普法宣传形式单一。
          三、2024年工作计划
          加强执法培训。
      text: |
        示例区民政局2024年法治政府建设年度报告
        一、主要举措和成效
        全年开展宪法宣传活动37场。
        二、2023年存在问题整改情况
        针对执法文书不规范问题,修订执法文书模板5种,组织专项培训3次。
      expect: [{evidence: 二是普法宣传形式单一}]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from pydantic import Field

from checker.model import Document, Finding, FollowUpKind, Location, Years
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams


class Params(BaseParams):
    aspect: FollowUpKind
    shortfalls: str = "shortfalls"
    rectification: str = "prior_rectification"
    measures: str = "measures"
    plan: str = "next_year_plan"
    answered: float = Field(default=0.5, gt=0, le=1)
    answered_fuzzy: float = Field(default=85, gt=0, le=100)
    repeated: float = Field(default=0.8, gt=0, le=1)

    message_fields: ClassVar[tuple[str, ...]] = ("item", "year")

    item_fields: ClassVar[tuple[str, ...]] = ("shortfalls", "rectification", "measures", "plan")
    # one follow-through per report serves every followup rule, so they must agree on everything but aspect
    shared_fields: ClassVar[tuple[str, ...]] = (
        "shortfalls", "rectification", "measures", "plan", "answered", "answered_fuzzy", "repeated")


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    if ctx.reuse is None:
        return
    for f in ctx.reuse.followups:
        if f.kind != params.aspect:
            continue
        source = ctx.reuse.sources[f.source]
        year = Years((source.year,) if source.year else (), "last_year")
        written = f.item.rstrip("。;,，；、 ")
        item = written if len(written) <= 40 else written[:39] + "…"
        if f.kind == "unanswered_shortfall":
            where = ctx.sections.get(params.rectification)
            loc = (Location(where.start, where.end, where.line, where.id) if where and where.present
                   else Location(section=params.rectification))
        elif f.kind == "repeated_shortfall":
            loc = Location(f.start, f.end, f.line, params.shortfalls)
        else:
            loc = Location(section=params.measures)
        yield ctx.finding_at(loc, written, item=item, year=year)
