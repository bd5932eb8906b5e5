"""reuse — text recycled from the body's own earlier reports (scope self) or copied from another body's
(scope peer).

Inspectors told a district bureau that its 2023 report duplicated its 2022 one and had it rewritten.
Self: each checklist item whose characters (boilerplate formulas not counted) come from the body's own
earlier reports beyond ``threshold`` is reported with its ratio; recycled shortfalls and plans
(``strong_items``) are worse than a recycled opening and get their own, stronger finding. Peer: a report
sharing more than ``threshold`` of its characters with another body's report, or a single passage of at
least ``min_passage`` characters, is reported naming that body.

Options:
  scope            self | peer
  threshold        share of an item's (self) or the report's (peer) counted characters (default 0.3)
  items            per-item thresholds overriding ``threshold`` (self)
  strong_items     items whose recycling is an error (default shortfalls, next_year_plan)
  strong_severity  severity for those (default error); strong_points: their deduction (default 15)
  min_passage      peer: one non-boilerplate passage this long (characters) is reported (default 40)

A finding points at the longest such passage (its offsets) and quotes its first clauses, at most 60
characters, as evidence.

Message values: ``ratio`` (a share: ``{ratio:.0%}``); self: ``item`` (the item's name), ``years`` (the
years of the earlier reports, "往年" when not known); peer: ``body`` (the other body, or its file),
``year`` (its report's year), ``count`` (passages shared).

Examples:
    - name: rewritten every year
      params: {scope: self}
      history:
        - |
          示例区民政局2023年法治政府建设年度报告
          一、主要举措和成效
          全年开展集体学法12次,组织执法人员培训3次。
          二、存在的不足和原因
          一是执法人员专业能力有待提升,由于新进人员较多,导致执法文书不够规范。
      text: |
        示例区民政局2024年法治政府建设年度报告
        一、主要举措和成效
        全年开展宪法宣传活动37场,办理行政复议案件5宗。
        二、存在的不足和原因
        一是普法形式较为单一,原因是缺少新媒体人才,线上内容更新不及时。
      pass: true
    - name: last year's shortfalls copied
      params: {scope: self}
      history:
        - |
          示例区民政局2023年法治政府建设年度报告
          一、主要举措和成效
          全年开展集体学法12次,组织执法人员培训3次。
          二、存在的不足和原因
          一是执法人员专业能力有待提升,由于新进人员较多,导致执法文书不够规范。
      text: |
        示例区民政局2024年法治政府建设年度报告
        一、主要举措和成效
        全年开展宪法宣传活动37场,办理行政复议案件5宗。
        二、存在的不足和原因
        一是执法人员专业能力有待提升,由于新进人员较多,导致执法文书不够规范。
      expect: [{section: shortfalls, severity: error}]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from checker.model import Document, Finding, Item, Label, Location, ReusedPassage, Severity, Years
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams


class Params(BaseParams):
    scope: Literal["self", "peer"]
    threshold: float = Field(default=0.3, gt=0, le=1)
    items: dict[str, float] = {}
    strong_items: tuple[str, ...] = ("shortfalls", "next_year_plan")
    strong_severity: Severity = "error"
    strong_points: float = Field(default=15, ge=0)
    min_passage: int = Field(default=40, ge=13)

    item_fields = ("items", "strong_items")
    message_fields = ("ratio", "item", "years", "body", "year", "count")


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    if ctx.reuse is None:
        return
    yield from (_self if params.scope == "self" else _peer)(params, ctx)


def _self(params: Params, ctx: Context) -> Iterator[Finding]:
    assert ctx.reuse is not None
    reuse = ctx.reuse
    own = [p for p in reuse.passages if reuse.sources[p.source].kind == "self" and not p.boilerplate]
    for item, ratio in reuse.self_sections:
        if ratio < params.items.get(item, params.threshold):
            continue
        section = ctx.sections[item]
        inside = [p for p in own if p.section == item] or [p for p in own if section.start is not None
                                                           and section.start <= p.start < (section.end or 0)]
        longest = max(inside, key=lambda p: p.end - p.start, default=None)
        years = sorted({y for p in inside if (y := reuse.sources[p.source].year) is not None})
        strong = item in params.strong_items
        yield _at(ctx, longest, item, params.strong_severity if strong else None,
                  params.strong_points if strong else None,
                  ratio=ratio, item=Item(section.id), years=Years(tuple(years), "earlier"))


def _peer(params: Params, ctx: Context) -> Iterator[Finding]:
    assert ctx.reuse is not None
    reuse = ctx.reuse
    for index, source in enumerate(reuse.sources):
        if source.kind != "peer":
            continue
        theirs = [p for p in reuse.passages if p.source == index and not p.boilerplate]
        longest = max(theirs, key=lambda p: p.end - p.start, default=None)
        if longest is None:
            continue
        if source.ratio_without_boilerplate < params.threshold and longest.end - longest.start < params.min_passage:
            continue
        yield _at(ctx, longest, longest.section, None, None,
                  body=source.org or source.path or Label("another_body"),
                  year=Years((source.year,) if source.year else (), "blank"), count=len(theirs),
                  ratio=source.ratio_without_boilerplate)


def _at(ctx: Context, p: ReusedPassage | None, section: str | None, severity: Severity | None,
        points: float | None, **values: Any) -> Finding:
    if p is None:
        return ctx.finding(None, None, section=section, severity=severity, points=points, **values)
    return ctx.finding_at(Location(p.start, p.end, p.line, section), excerpt(p.text), severity=severity,
                          points=points, **values)


EXCERPT = 60  # characters of a recycled passage quoted as a finding's evidence
_CLAUSE_END = "，,、；;：:。！!？?"


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The start of a passage to quote: its first paragraph, up to ``limit`` characters, cut after the
    last clause mark inside them, and followed by "……" when there is more. A finding quotes; the passage itself (its
    offsets in the JSON, its whole text in the HTML's side-by-side view) is where the reader reads it.
    Without a clause mark in reach the cut falls at ``limit`` (one run-on clause: no word to respect)."""
    whole = text.strip()
    first = " ".join(whole.split("\n", 1)[0].split())  # a paragraph (or heading) ends a quote too
    if len(first) <= limit:
        return first + ("……" if first != whole else "")
    cut = max((i + 1 for i, ch in enumerate(first[:limit]) if ch in _CLAUSE_END), default=limit)
    return first[:cut] + "……"
