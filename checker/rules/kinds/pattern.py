"""pattern — text that must not stand in a report: template residue, zero-value boilerplate, wrong names.

Model texts circulate online and leave placeholders behind ("*区", "共召开会议*次", "20XX年", "某某");
copied lists keep their zero counts ("依法取缔社会组织0家、对0家社会组织责令整改"). Each regex is searched
in the normalised text (simplified script, half-width punctuation and digits, no stray spaces).

Options:
  patterns       regexes (RE2 syntax: linear time, no lookaround or backreferences); any match is a
                 finding, or only its named group ``(?P<hit>…)`` when it has one, so that context can be
                 matched around the reported text ("[^有](?P<hit>待填写)" for "待填写" not after "有")
  min_per_sentence  report a sentence only when it holds at least this many matches (default 1: every
                 match is reported on its own); with 2+, the finding spans the matches in that sentence
  scope          only inside this checklist item (default: the whole report)
  ignore_in_quotes  skip matches inside 《》 titles (default true)

Examples:
    - name: placeholder left from a model text
      params: {patterns: ["(?P<hit>[*＊]{1,3})[区县市次件个家]", "20[Xx×]{2}年"]}
      text: |
        2024年,示例区民政局坚持依法行政。全年共召开专题会议*次,研究法治建设重要事项。
      expect: [{rule: test.pattern, evidence: "*"}]
    - name: zero counts listed twice in one sentence
      params: {patterns: ['(?:^|[^\\d.])(?P<hit>0(?:家|个|件|次|宗|起|项))'], min_per_sentence: 2}
      text: |
        2024年,示例区民政局依法取缔社会组织0家、对0家社会组织责令整改。
      expect: [{rule: test.pattern, evidence: "0家、对0家"}]
    - name: clean text
      params: {patterns: ["某某", "20[Xx×]{2}年"]}
      text: |
        2024年,示例区民政局全年办理行政复议案件3件,开展集体学法4次。
      pass: true
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model import Document, Finding
from checker.rules.kinds.base import Context, Regex
from checker.rules.kinds.base import Params as BaseParams
from checker.text.patterns import hits
from checker.text.spans import QUOTED, SENTENCE


class Params(BaseParams):
    patterns: tuple[Regex, ...]
    min_per_sentence: int = 1
    scope: str | None = None
    ignore_in_quotes: bool = True

    item_fields = ("scope",)
    message_fields = ("count",)


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    start, end = 0, len(doc.norm)
    if params.scope:
        section = ctx.sections.get(params.scope)
        if section is None or not section.present or section.n_start is None or section.n_end is None:
            return
        start, end = section.n_start, section.n_end
    text = doc.norm
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text)] if params.ignore_in_quotes else []
    matches: list[tuple[int, int]] = []
    for pattern in params.patterns:
        for s, e in hits(pattern, text, start, end):
            if not any(qs <= s < qe for qs, qe in quoted):
                matches.append((s, e))
    matches = _without_overlaps(sorted(matches))
    if params.min_per_sentence <= 1:
        for s, e in matches:
            yield ctx.finding(s, e)
        return
    for sentence in SENTENCE.finditer(text, start, end):
        inside = [(s, e) for s, e in matches if sentence.start() <= s < sentence.end()]
        if len(inside) >= params.min_per_sentence:
            yield ctx.finding(inside[0][0], inside[-1][1], count=len(inside))


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
            continue
        out.append((s, e))
    return out
