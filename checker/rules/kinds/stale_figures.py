"""stale_figures — a sentence repeats last year's figures while the report claims a new year.

"全年办理行政复议案件12件" in both the 2023 and the 2024 report is either a coincidence or a sentence
nobody updated; with several figures identical it is the latter. Each sentence of a passage recycled
from the body's own earlier report whose numbers (other than years alone) all equal those of the
matching sentence there is reported. Calendar dates (“12·4”国家宪法日, 3月15日) recur every year and
zero counts are content.zero_boilerplate's, so neither counts as a figure.

Options:
  min_numbers   report only sentences with at least this many figures (default 1)

Message values: ``figures`` (the repeated figures, listed), ``year`` (the earlier report's year; "往年"
when it is not known).

Examples:
    - name: figures updated
      params: {}
      history:
        - |
          示例区民政局2023年法治政府建设年度报告
          一、主要举措和成效
          全年办理行政复议案件12件,组织集体学法6次,开展普法活动37场。
      text: |
        示例区民政局2024年法治政府建设年度报告
        一、主要举措和成效
        全年办理行政复议案件15件,组织集体学法8次,开展普法活动41场。
      pass: true
    - name: figures left as they were
      params: {}
      history:
        - |
          示例区民政局2023年法治政府建设年度报告
          一、主要举措和成效
          全年办理行政复议案件12件,组织集体学法6次,开展普法活动37场。
      text: |
        示例区民政局2024年法治政府建设年度报告
        一、主要举措和成效
        全年办理行政复议案件12件,组织集体学法6次,开展普法活动37场。
      expect: [{line: 3}]
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from checker.model import Document, Finding, Location, Years, innermost_section
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams


class Params(BaseParams):
    min_numbers: int = Field(default=1, ge=1)

    message_fields = ("figures", "year")


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    if ctx.reuse is None:
        return
    for stale in ctx.reuse.stale:
        # Zero counts ("取缔社会组织0家") are content.zero_boilerplate's to report: a zero is not a figure
        # that went stale, and reporting it twice would count one sentence against the body twice.
        # (Years and dates are already left out of ``numbers`` by the reuse stage.)
        figures = [n for n in stale.numbers if float(n) != 0]
        if len(figures) < params.min_numbers:
            continue
        source = ctx.reuse.sources[stale.source]
        where = Location(stale.start, stale.end, stale.line,
                         innermost_section(ctx.sections.values(), stale.start, normalised=False))
        yield ctx.finding_at(where, stale.text, figures=tuple(figures),
                             year=Years((source.year,) if source.year else (), "earlier"))

