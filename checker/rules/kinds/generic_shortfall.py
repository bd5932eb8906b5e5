"""generic_shortfall — a shortfall that several other bodies write word for word (通用套话).

"法治宣传教育的针对性和实效性有待进一步提升" can be written by any body in any year: a shortfall that
stands near-verbatim in the reports of ``min_bodies`` or more other bodies says nothing about this body's
own problems, which is what inspectors ask the shortfalls part to name. Each sentence of the part (a
leading "一是"/"(一)"/"1." not counted) is looked up in the archive's fingerprint index; a body uses it
when one matching run in one of its reports covers at least ``cover`` of the sentence's characters
(punctuation and the digits of numbers not counted) and reads alike. Runs only with an archive
(``--archive``); without one, the rule reports nothing, like the reuse rules.

Options:
  items       checklist items whose sentences are looked up (default shortfalls)
  min_bodies  report a sentence used by at least this many other bodies (default 3)
  cover       share of the sentence's characters one matching run must cover (default 0.8)
  min_chars   sentences with fewer characters are not looked up (default 13: a shorter run is not sure
              to leave a fingerprint in the archive's index)

Message values: ``bodies`` (how many other bodies' reports hold the sentence).

Examples:
    - name: a shortfall of this body's own
      params: {min_bodies: 2}
      archive:
        - |
          示例区民政局2024年法治政府建设年度报告
          二、存在的不足和原因
          一是法治宣传教育的针对性和实效性有待进一步提升,群众参与度不高。
        - |
          示例区司法局2024年法治政府建设年度报告
          二、存在的不足和原因
          一是法治宣传教育的针对性和实效性有待进一步提升,宣传形式较为单一。
      text: |
        示例区财政局2024年法治政府建设年度报告
        二、存在的不足和原因
        一是政府采购投诉处理平均用时超过法定期限,原因是专职人员仅有两名。
      pass: true
    - name: a shortfall every body writes
      params: {min_bodies: 2}
      archive:
        - |
          示例区民政局2024年法治政府建设年度报告
          二、存在的不足和原因
          一是法治宣传教育的针对性和实效性有待进一步提升,群众参与度不高。
        - |
          示例区司法局2024年法治政府建设年度报告
          二、存在的不足和原因
          一是法治宣传教育的针对性和实效性有待进一步提升,宣传形式较为单一。
      text: |
        示例区财政局2024年法治政府建设年度报告
        二、存在的不足和原因
        一是法治宣传教育的针对性和实效性有待进一步提升。
      expect: [{evidence: 法治宣传教育的针对性和实效性有待进一步提升。, line: 3}]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from checker.model import Document, Finding
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams
from checker.text.spans import SENTENCE

# What opens an item of a list and is no part of what the item says: "一是", "(二)", "3.", "其一,".
_LEADER = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}是|[(][一二三四五六七八九十\d]{1,3}[)]、?|\d{1,2}[.、]|"
                     r"[一二三四五六七八九十]{1,3}、|其[一二三四五六七八九十]|首先|其次|再次|最后)[,:]?\s*")
_COUNTED = re.compile(r"[^\W\d_]")  # as the reuse stage counts: letters and characters, not punctuation


class Params(BaseParams):
    items: tuple[str, ...] = ("shortfalls",)
    min_bodies: int = Field(default=3, ge=1)
    cover: float = Field(default=0.8, gt=0, le=1)
    min_chars: int = Field(default=13, ge=8)

    item_fields = ("items",)
    message_fields = ("bodies",)


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    if ctx.archive is None:
        return
    seen: set[int] = set()
    for item in params.items:
        section = ctx.sections.get(item)
        if section is None or not section.present or section.n_start is None or section.n_end is None:
            continue
        start = section.n_body if section.n_body is not None else section.n_start
        for m in SENTENCE.finditer(doc.norm, start, section.n_end):
            lead = _LEADER.match(doc.norm, m.start(), m.end())
            s = lead.end() if lead else m.start()
            e = m.end()
            while e > s and doc.norm[e - 1].isspace():
                e -= 1
            sentence = doc.norm[s:e]
            if s in seen or len(_COUNTED.findall(sentence)) < params.min_chars:
                continue
            seen.add(s)
            bodies = ctx.archive.bodies_using(sentence, params.cover)
            if bodies >= params.min_bodies:
                yield ctx.finding(s, e, section=item, bodies=bodies)
