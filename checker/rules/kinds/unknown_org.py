"""unknown_org — the report does not say whose report it is.

A report must be attributable: its title, opening sentence, signature or web page should name the body
in full ("罗湖区司法局"). "我局", "区政府" or "司法局" alone do not (every district has one), and the checker
does not guess which body is meant. The finding points at the reference the report uses, if any, and its
evidence is that reference; other rules that need the body's area (content.foreign_place) then infer it
from the text.

Options: none.

Examples:
    - name: body named in the opening sentence
      params: {}
      text: |
        2024年,罗湖区司法局坚持以习近平法治思想为指导。
        一、主要举措和成效
        全年办理行政复议案件3件。
      pass: true
    - name: only "our bureau", no name
      params: {}
      text: |
        2024年,我局坚持以习近平法治思想为指导。
        一、主要举措和成效
        全年办理行政复议案件3件。
      expect: [{evidence: 我局, line: 1}]
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model import Document, Finding
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams


class Params(BaseParams):
    pass


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    meta = ctx.outline.meta
    if meta.org:
        return
    if meta.org_ref:
        yield ctx.finding(*meta.org_ref)
    else:
        yield ctx.finding(None, None)
