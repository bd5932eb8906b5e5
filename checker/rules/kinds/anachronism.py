"""anachronism — events cited before they happened, and a past congress's spirit given as this year's guidance.

A report for year Y is published by 1 April of Y+1, so it cannot cite a plenum, a law or a document that
came after that day: a 2023 report that "深入学习贯彻党的二十届三中全会精神" (July 2024) was written, or
edited, later than it claims — usually a later report recycled under an earlier year, or a wrong year in the
title. The dates are data (checker/data/events.yaml, each with its source): congresses and plenums (the
opening day), laws (the day they were adopted or published, from which a report can cite them; "新修订的
行政复议法" from 1 September 2023 although it took effect on 1 January 2024), central documents (the day
they were issued). A mention followed by "召开" or after "迎接" ("迎接党的二十大胜利召开" in a 2021 report)
looks ahead and is not reported.

The second case is a formula outdated for year Y: "深入学习贯彻党的十九大精神" as the guidance of a 2024
report, when the 20th congress had been held before 2024 began. Only this year's guidance counts, so the
pattern is narrow: a study verb (深入学习贯彻, 认真贯彻落实 …) at the start of a clause, directly followed by
the congress or plenum and "精神". Historical mentions ("党的十八大以来", "党的十九大报告提出", "回顾……",
a sentence naming an earlier year) and titles in 《》 are not reported. A plenum of a past congress counts as
that congress (十九届六中全会 in a 2024 report); the suggestion is the spirit of the latest congress held
before the year began ("党的二十大精神").

Message values: ``event`` (the event's name), ``date`` (when it happened), ``year`` (the report year),
``deadline`` (1 April of Y+1); case ``outdated`` adds ``current`` (the latest congress) and ``suggestion``.

Options:
    guidance_verbs: regex of the study verbs that open this year's guidance (RE2-safe, no groups needed).
    history_words: words that make a sentence historical (以来, 回顾 …): nothing in it is reported as outdated.
    ahead_before / ahead_after: words right before / after a mention that make it look ahead (迎接 / 召开).
    embedded_after: words right before the verb that make the spirit part of another phrase (在, 通过, 关于).

Examples:
    - name: the spirit of the congress of the time, and a history of earlier ones
      text: |
        示例区民政局2024年法治政府建设年度报告
        2024年,示例区民政局坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻党的二十大和二十届三中全会精神。党的十八大以来,全局法治建设不断深化。
      pass: true
    - name: a plenum held after the report's deadline
      text: |
        示例区民政局2023年法治政府建设年度报告
        2023年,示例区民政局深入学习贯彻党的二十届三中全会精神,全年办理行政复议案件3件。
      expect: [{evidence: 党的二十届三中全会}]
    - name: an earlier congress's spirit as this year's guidance
      text: |
        示例区民政局2024年法治政府建设年度报告
        2024年,示例区民政局坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻党的十九大精神。
      expect: [{evidence: 深入学习贯彻党的十九大精神, suggestion: 深入学习贯彻党的二十大精神}]
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from checker.errors import ChecklistError
from checker.model import Document, Finding
from checker.rules import yamlsrc
from checker.rules.kinds.base import Context, Regex
from checker.rules.kinds.base import Params as BaseParams
from checker.text.markers import CN_NUM, chinese_numeral
from checker.text.normalize import in_script
from checker.text.spans import QUOTED, SENTENCE

EVENTS = resources.files("checker") / "data" / "events.yaml"  # shipped in the package


class Event(BaseModel):
    """One dated entry of checker/data/events.yaml."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    date: dt.date
    source: str
    effective: dt.date | None = None
    congress: int | None = None
    plenum: int | None = None
    patterns: tuple[str, ...] = ()  # our own data: Python regexes (lookahead allowed), not a user's RE2
    checked_from: int | None = None

    @model_validator(mode="after")
    def _citable(self) -> Event:
        # an event no pattern can find would never be reported: refuse it when the table loads
        if self.congress is None and not self.patterns:
            raise ValueError("needs congress or patterns")
        if self.plenum is not None and self.congress is None:
            raise ValueError("a plenum needs its congress")
        if not self.source.strip():
            raise ValueError("source is empty")
        for p in self.patterns:
            re.compile(p)  # re.error is a ValueError: reported with the entry
            if re.fullmatch(p, ""):
                raise ValueError(f"pattern {p!r} matches the empty string")
        return self

    def regex(self) -> re.Pattern[str]:
        """How reports cite the event; congresses and plenums are written several ways, made here."""
        parts = list(self.patterns)
        if self.congress is not None:
            c = chinese_numeral(self.congress)
            if self.plenum is None:
                # "党的二十大"/"二十大", not "二十九大" nor "二十大类"
                parts.append(f"(?:党的)?(?<![{CN_NUM}]){c}大(?![类项件个])")
            else:
                n = CN_NUM[self.plenum - 1]
                other = f"[{CN_NUM[:9]}]中[、和与及]"
                # "二十届三中全会", and inside a list "二十届二中、三中全会"
                parts.append(f"(?:党的)?(?<![{CN_NUM}]){c}届(?:{other})*{n}中(?:[、和与及][{CN_NUM[:9]}]中)*全会")
                parts.append(f"(?:党的)?(?<![{CN_NUM}]){c}届中央委员会第{n}次全体会议")
        return re.compile("|".join(f"(?:{p})" for p in parts))


@dataclass(frozen=True)
class Timeline:
    events: tuple[Event, ...]
    patterns: tuple[re.Pattern[str], ...]

    def congresses(self) -> list[Event]:
        return sorted((e for e in self.events if e.congress is not None and e.plenum is None), key=lambda e: e.date)


@functools.cache
def timeline() -> Timeline:
    """The table of events, read and validated once (a bad entry: one line naming the file and entry)."""
    data, lines = yamlsrc.loads(EVENTS.read_text(encoding="utf-8"), str(EVENTS))
    entries = data.get("events") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ChecklistError(str(EVENTS), "缺少 events 列表", "the events list is missing")
    events = []
    for i, raw in enumerate(entries):
        try:
            events.append(Event.model_validate(raw))
        except ValidationError as e:
            problem = e.errors()[0]
            where = ".".join(str(p) for p in problem["loc"]) or "entry"
            raise ChecklistError(str(EVENTS), f"事件表第{i + 1}条有误（{where}：{problem['msg']}）",
                                 f"event {i + 1} is invalid ({where}: {problem['msg']})",
                                 line=lines.get(("events", i))) from None
    return Timeline(tuple(events), tuple(e.regex() for e in events))


class Params(BaseParams):
    guidance_verbs: Regex = (
        "(?:坚持|始终坚持)?(?:(?:深入|认真|全面|扎实|持续)(?:学习)?(?:宣传)?贯彻(?:落实)?|学习(?:宣传)?贯彻(?:落实)?|贯彻落实)"
    )
    history_words: tuple[str, ...] = ("以来", "回顾", "先后", "历次", "期间", "此前", "曾经", "过去", "截至", "召开前")
    ahead_before: tuple[str, ...] = ("迎接", "喜迎", "迎", "筹备", "即将召开的", "庆祝")
    ahead_after: tuple[str, ...] = ("召开", "胜利召开", "即将召开")
    embedded_after: tuple[str, ...] = ("在", "通过", "关于", "对", "将", "把", "以", "为", "于", "的")

    message_fields = ("event", "date", "year", "deadline", "current", "suggestion")
    message_cases = ("outdated",)


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    year = ctx.year
    if year is None:
        return
    table = timeline()
    yield from _future(doc.norm, year, table, params, ctx)
    yield from _outdated(doc.norm, year, table, params, ctx)


def _future(text: str, year: int, table: Timeline, params: Params, ctx: Context) -> Iterator[Finding]:
    """Events that happened after the report's publication deadline: one finding each, at the first mention."""
    deadline = dt.date(year + 1, 4, 1)
    for event, pattern in zip(table.events, table.patterns, strict=True):
        if event.date < deadline or (event.checked_from is not None and year < event.checked_from):
            continue
        for m in pattern.finditer(text):
            if text.endswith(params.ahead_before, 0, m.start()) or text.startswith(params.ahead_after, m.end()):
                continue
            yield ctx.finding(m.start(), m.end(), event=event.name, date=event.date, year=year, deadline=deadline)
            break


def _outdated(text: str, year: int, table: Timeline, params: Params, ctx: Context) -> Iterator[Finding]:
    """A past congress's (or its plenums') spirit as this year's guidance, with the current one suggested."""
    held = [e for e in table.congresses() if e.date < dt.date(year, 1, 1)]
    if not held:
        return
    current = held[-1]
    assert current.congress is not None  # congresses() holds only congresses
    stale = [(e, p) for e, p in zip(table.events, table.patterns, strict=True)
             if e.congress is not None and e.congress < current.congress]
    if not stale:
        return
    cited = "|".join(f"(?P<e{i}>{p.pattern})" for i, (_, p) in enumerate(stale))
    guidance = re.compile(f"(?P<verb>{params.guidance_verbs})(?:{cited})精神")
    titles = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
    for m in guidance.finditer(text):
        # the verb opens the clause ("2024年,XX局深入学习贯彻…", "一是认真学习贯彻…"); after "在/通过/关于"
        # or before "的" ("…精神的基础上", "关于…精神的实施意见") the spirit is part of another phrase
        if text.endswith(params.embedded_after, 0, m.start()) or text.startswith("的", m.end()):
            continue
        if any(s <= m.start() < e for s, e in titles) or _historical(text, m.start(), year, params):
            continue
        event = next(e for i, (e, _) in enumerate(stale) if m.group(f"e{i}") is not None)
        suggestion = in_script(m.group("verb") + current.name + "精神", ctx.doc.script)
        yield ctx.finding(m.start(), m.end(), case="outdated", event=event.name, date=event.date, year=year,
                          current=current.name, suggestion=suggestion)


_YEAR = re.compile(r"(?<!\d)(20\d{2})年")


def _historical(text: str, pos: int, year: int, params: Params) -> bool:
    """True when the sentence around ``pos`` speaks of the past (以来, 回顾, an earlier year before it)."""
    sentence = next((s for s in SENTENCE.finditer(text, max(0, text.rfind("\n", 0, pos)))
                     if s.start() <= pos < s.end()), None)
    if sentence is None:
        return False
    words = sentence.group()
    if any(w in words for w in params.history_words):
        return True
    return any(int(y.group(1)) < year for y in _YEAR.finditer(text, sentence.start(), pos))
