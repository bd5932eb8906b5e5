"""no_outline — the report has a recognisable structure of numbered parts.

A report with no 一、/（一）headings is still checked (items may be found as passages), but reviewers
cannot navigate it and inspectors mark down "inconsistent structure".

Options:
  min_headings  fewer numbered or styled headings than this is reported (default 1)

Examples:
    - name: numbered parts
      params: {}
      text: |
        2024年,示例区民政局坚持依法行政。
        一、主要举措和成效
        全年办理行政复议案件3件。
      pass: true
    - name: one block of prose
      params: {}
      text: |
        2024年,示例区民政局坚持依法行政,全年办理行政复议案件3件,组织集体学法4次。
      expect: [{rule: test.no_outline}]
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from checker.model import Document, Finding
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams


class Params(BaseParams):
    min_headings: int = Field(default=1, ge=1)

    message_fields = ("count",)


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    count = sum(1 for h in ctx.outline.headings if h.marker_kind != "inline")
    if count < params.min_headings:
        yield ctx.finding(None, None, count=count)
