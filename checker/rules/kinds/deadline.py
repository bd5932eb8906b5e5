"""deadline — the report is published before 1 April of the year after the one it covers.

《法治政府建设与责任落实督察工作规定》 asks that annual reports be made public before 1 April. Only a
publication date the file states is used (a 发布日期 line, the page's metadata): the date a draft is
checked says nothing about when it will be published.

Options:
  month, day   the deadline in the following year (default 4, 1: published on or after 1 April is late)

Message values: ``published`` and ``deadline`` (dates: ``{deadline.year}``, ``{deadline.month}`` … work).

Examples:
    - name: published in January
      params: {}
      published: 2024-01-12
      text: |
        示例区民政局关于2023年法治政府建设工作情况报告
        一、主要举措和成效
        全年办理行政复议案件3件。
      pass: true
    - name: published in May
      params: {}
      published: 2024-05-20
      text: |
        示例区民政局关于2023年法治政府建设工作情况报告
        一、主要举措和成效
        全年办理行政复议案件3件。
      expect: [{rule: test.deadline}]
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pydantic import Field

from checker.model import Document, Finding
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams


class Params(BaseParams):
    month: int = Field(default=4, ge=1, le=12)
    day: int = Field(default=1, ge=1, le=31)

    message_fields = ("published", "deadline")


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    published, year = ctx.outline.meta.published, ctx.year
    if published is None or year is None:
        return
    deadline = date(year + 1, params.month, params.day)
    if published >= deadline:
        yield ctx.finding(None, None, evidence=published.isoformat(), published=published, deadline=deadline)
