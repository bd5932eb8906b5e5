"""year_mismatch — the title, the opening and the headings name the year the report is about.

Recycled reports give themselves away by stale years: a 2025 report with a "2024年……基本情况" heading.
The rectification part may name last year and the plan next year; ranges ("2021-2025") and titles in
《》 are not years of the report.

Options:
  allow   item id → year offsets allowed in headings inside it (default: prior_rectification: [-1],
          next_year_plan: [1])

Message values: ``named`` (the year written), ``year`` (the report year).

Examples:
    - name: headings name the reporting year
      params: {}
      text: |
        示例区民政局2024年法治政府建设年度报告
        一、2024年推进法治政府建设的主要举措和成效
        全年办理行政复议案件3件。
      pass: true
    - name: a heading left with last year's number
      params: {}
      text: |
        示例区民政局2024年法治政府建设年度报告
        一、2023年推进法治政府建设的主要举措和成效
        全年办理行政复议案件3件。
      expect: [{rule: test.year_mismatch, evidence: "2023年"}]
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model import Document, Finding
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams
from checker.text.spans import named_years


class Params(BaseParams):
    allow: dict[str, tuple[int, ...]] = {"prior_rectification": (-1,), "next_year_plan": (1,)}

    item_fields = ("allow",)
    message_fields = ("named", "year")


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    year = ctx.year
    if year is None:
        return
    spans: list[tuple[int, int]] = []
    if ctx.outline.meta.title_span:
        spans.append(ctx.outline.meta.title_span)
    spans += [(h.n_start, h.n_end) for h in ctx.outline.headings if h.marker_kind != "inline"]
    first_body = next((p for p in ctx.outline.paragraphs if not ctx.outline.meta.title_span
                       or p.n_start > ctx.outline.meta.title_span[0]), None)
    if first_body:
        # the opening sentence: "2024年,XX坚持……" / "现将2024年……报告如下"
        end = doc.norm.find("。", first_body.n_start, first_body.n_end)
        spans.append((first_body.n_start, end + 1 if end >= 0 else first_body.n_end))
        tail = doc.norm.rfind("现将", first_body.n_start, first_body.n_end)
        if tail >= 0:
            spans.append((tail, first_body.n_end))
    seen: set[tuple[int, int]] = set()
    for s, e in spans:
        allowed = {year} | {year + d for d in _offsets(params, ctx, s)}
        for y, ys, ye in named_years(doc.norm, s, e):
            if y not in allowed and (ys, ye) not in seen:
                seen.add((ys, ye))
                yield ctx.finding(ys, ye, named=y, year=year)


def _offsets(params: Params, ctx: Context, n_offset: int) -> set[int]:
    out: set[int] = set()
    for item, offsets in params.allow.items():
        section = ctx.sections.get(item)
        if section and section.present and section.n_start is not None and section.n_end is not None:
            if section.n_start <= n_offset < section.n_end:
                out.update(offsets)
    return out
