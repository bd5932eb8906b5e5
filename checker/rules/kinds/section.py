"""section — a checklist item must be present in the report, and not be an empty shell.

Every item of a checklist becomes one rule ``section.<item id>``: its severity and points come from the
item. The item is located beforehand (by heading at any level, by a delimited passage, by the parts of
the report no other item claims, or by marker words inside another item); this kind reports what is
missing or too thin to count.

Options:
  item          the checklist item id
  name          its name, shown in messages
  name_en       its English name, for --lang en
  min_chars     fewer characters of content than this makes the part "weak" (0: no check)
  weak_points   deduction for a weak part (default: half the item's points)
  weak_severity severity of a weak part (default warning)
  requires      another item this one lives in; when that one is missing only it is reported

Messages: a missing part is the item's ``message`` (its ``{name}`` filled in when the checklist loads); a
thin part is the case ``thin`` (the item's ``weak_message``), with values ``chars`` (characters of
content) and ``min_chars``.

Examples:
    - name: shortfalls present
      rule_id: section.shortfalls
      params: {item: shortfalls, name: 存在的不足}
      text: |
        2024年,示例区民政局坚持依法行政。现将有关情况报告如下:
        一、主要举措和成效
        全年办理行政复议案件3件,组织集体学法4次。
        二、存在的不足和原因
        一是执法力量不足。由于人员编制有限,导致检查覆盖面不够。
      pass: true
    - name: shortfalls missing
      rule_id: section.shortfalls
      params: {item: shortfalls, name: 存在的不足}
      text: |
        2024年,示例区民政局坚持依法行政。现将有关情况报告如下:
        一、主要举措和成效
        全年办理行政复议案件3件,组织集体学法4次。
        二、下一步工作计划
        2025年,继续推进严格规范公正文明执法。
      expect: [{rule: section.shortfalls}]
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model import Document, Finding, Severity
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams


class Params(BaseParams):
    item: str
    name: str
    name_en: str | None = None
    min_chars: int = 0
    weak_points: float | None = None
    weak_severity: Severity = "warning"
    requires: str | None = None

    item_fields = ("item", "requires")
    message_fields = ("chars", "min_chars")
    message_cases = ("thin",)


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    section = ctx.sections.get(params.item)
    if section is None:
        return
    if params.requires:
        parent = ctx.sections.get(params.requires)
        if parent is not None and not parent.present:
            return  # the enclosing item is reported as missing; one finding says it all
    if not section.present:
        yield ctx.finding(None, None, section=params.item)
        return
    if params.min_chars and section.chars < params.min_chars and section.n_start is not None:
        points = params.weak_points if params.weak_points is not None else ctx.rule.points / 2
        heading_end = section.n_body if section.n_body and section.n_body > section.n_start else None
        yield ctx.finding(
            section.n_start,
            heading_end or section.n_start + min(40, (section.n_end or section.n_start) - section.n_start),
            case="thin",
            severity=params.weak_severity,
            points=points,
            chars=section.chars,
            min_chars=params.min_chars,
        )
