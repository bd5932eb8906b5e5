"""followup — what this year's report does with last year's shortfalls and plan.

Last year's shortfalls should come back as rectification ("上年度存在问题整改情况"): an item that is
neither answered there nor anywhere else was silently dropped (``unanswered_shortfall``). The same
shortfall listed again this year suggests it was never fixed (``repeated_shortfall``). An item of last
year's plan that this year's measures never mention (``unreported_plan``) is worth a reviewer's look.
Needs the same body's earlier report (``--history`` or the archive).

Options:
  aspect unanswered_shortfall | repeated_shortfall | unreported_plan

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

from checker.model import Document, Finding, FollowUpKind, Location
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams


class Params(BaseParams):
    aspect: FollowUpKind


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    if ctx.reuse is None:
        return
    for f in ctx.reuse.followups:
        if f.kind != params.aspect:
            continue
        source = ctx.reuse.sources[f.source]
        year = f"{source.year}年" if source.year else "上一年度"
        written = f.item.rstrip("。;,，；、 ")
        item = written if len(written) <= 40 else written[:39] + "…"
        if f.kind == "unanswered_shortfall":
            zh, en = f"{year}报告所列不足“{item}”，本年度未见整改情况", f"last year's shortfall '{item}' is not answered"
            where = ctx.sections.get("prior_rectification")
            loc = (Location(where.start, where.end, where.line, where.id) if where and where.present
                   else Location(section="prior_rectification"))
        elif f.kind == "repeated_shortfall":
            zh, en = f"与{year}报告所列不足基本相同：“{item}”", f"the same shortfall as last year: '{item}'"
            loc = Location(f.start, f.end, f.line, "shortfalls")
        else:
            zh, en = f"{year}工作计划“{item}”，本年度举措中未见落实情况", f"last year's plan item '{item}' is not reported"
            loc = Location(section="measures")
        yield Finding(rule=ctx.rule.id, severity=ctx.rule.severity, message=en if ctx.lang == "en" else zh,
                      location=loc, evidence=written, points=ctx.rule.points)
