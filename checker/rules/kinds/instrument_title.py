"""instrument_title — titles of laws, regulations and central documents cited with a wrong character or year range.

Inspectors criticise wrong names of cited instruments: the outline cited as 《法治政府建设实施纲要（2022—2025
年）》, 《重大行政决策程序暂行条列》. Each 《title》 in the report is compared with a table of the instruments
this field cites, with who issued each and when (checker/data/instruments.yaml, or ``table``). A title
that equals none of them and is close to exactly one — one edit away (Damerau–Levenshtein 1), or the same
title with another year range — is reported with the right title as ``{suggestion}`` (in 《》); the evidence is the title as written, without its 《》.

Not errors: a law without its 《中华人民共和国》 prefix (short forms are allowed) or with it; a title
without its year range (《法治政府建设实施纲要》); dash variants (—, –, -, 至) and （） or () in a year
range; a title close to several instruments, or to none (a local instrument such as
《深圳经济特区……条例》, which the table does not know); titles shorter than ``min_length``. Titles with a
year range are also checked where they are written without 《》 ("落实法治政府建设实施纲要(2022-2025年)").

Options:
  table        the instruments file (default: the built-in checker/data/instruments.yaml)
  min_length   titles (without the 中华人民共和国 prefix) shorter than this are compared exactly only (default 5)

Examples:
    - name: the outline cited with a wrong year range
      text: "2024年,我局认真落实《法治政府建设实施纲要(2022—2025年)》,扎实推进依法行政。"
      expect: [{evidence: 法治政府建设实施纲要(2022—2025年)}]
    - name: short and full names of laws, dash and bracket variants, local instruments pass
      text: "2024年,我局贯彻《行政处罚法》《中华人民共和国行政复议法》《法治政府建设实施纲要（2021-2025年）》《深圳经济特区优化营商环境条例》。"
      pass: true
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz.distance import DamerauLevenshtein

from checker.errors import ChecklistError
from checker.model import Document, Finding
from checker.rules import yamlsrc
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams
from checker.text.normalize import fold

BUILTIN = resources.files("checker") / "data" / "instruments.yaml"
_PREFIX = "中华人民共和国"
_RANGE = re.compile(r"\(\s*((?:19|20)\d{2})\s*[-－—–―~～至到]+\s*((?:19|20)\d{2})\s*年?\s*\)")
# 《title》, and 〈title〉 as GB/T 15834 writes a title inside a title (《关于贯彻落实〈…〉的实施方案》)
_TITLES = (re.compile(r"《([^《》\n]{1,120})》"), re.compile(r"〈([^〈〉\n]{1,120})〉"))


class _Instrument(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=2)
    source: str = Field(min_length=4)
    also: tuple[str, ...] = ()


class _File(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    instruments: tuple[_Instrument, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Instrument:
    title: str  # as the table writes it
    keys: tuple[str, ...]  # the comparable forms of its correct titles (see ``key_of``)
    source: str

    @property
    def base(self) -> str:
        return _base(self.keys[0])

    @property
    def years(self) -> str | None:
        return _years(self.keys[0])


def key_of(title: str) -> str:
    """A title as compared: folded, no spaces, no 中华人民共和国 prefix, year range as "(2021-2025)"."""
    text = re.sub(r"\s+", "", fold(title)).removeprefix(_PREFIX)
    return _RANGE.sub(lambda m: f"({m.group(1)}-{m.group(2)})", text)


def _base(key: str) -> str:
    return _RANGE.sub("", key)


def _years(key: str) -> str | None:
    m = _RANGE.search(key)
    return f"{m.group(1)}-{m.group(2)}" if m else None


@functools.cache
def load_table(path: str) -> tuple[Instrument, ...]:
    """Read and validate an instruments file once per process; a bad entry is one ``file:line：problem``."""
    parsed = yamlsrc.load_table(Path(path), _File, "文件名称表", "instruments table")
    out = [Instrument(i.title, tuple(dict.fromkeys(key_of(t) for t in (i.title, *i.also))), i.source)
           for i in parsed.instruments]
    keys = [k for i in out for k in i.keys]
    duplicate = next((k for k in keys if keys.count(k) > 1), None)
    if duplicate:
        raise ChecklistError(path, f"文件名称表中“{duplicate}”重复出现", f"instruments table: '{duplicate}' is listed twice")
    return tuple(out)


@functools.cache
def _correct(path: str) -> frozenset[str]:
    """Every correct comparable title: each instrument's titles, and those without their year range."""
    return frozenset(k for i in load_table(path) for key in i.keys for k in (key, _base(key)))


class Params(BaseParams):
    table: str | None = None
    min_length: int = Field(default=5, ge=3)

    message_fields = ("suggestion",)

    @property
    def table_path(self) -> str:
        return self.table or str(BUILTIN)


def closest(title: str, table: tuple[Instrument, ...], correct: frozenset[str], min_length: int) -> Instrument | None:
    """The one instrument ``title`` is a near miss of, or None (correct, close to none, or to several)."""
    key = key_of(title)
    if key in correct:
        return None
    scored: list[tuple[int, Instrument]] = []
    years = _years(key)
    for inst in table:
        if years and inst.years and _base(key) == inst.base:
            scored.append((DamerauLevenshtein.distance(years, inst.years), inst))
        elif len(key) >= min_length and min(DamerauLevenshtein.distance(key, k, score_cutoff=1) for k in inst.keys) <= 1:
            scored.append((1, inst))
    if not scored:
        return None
    best = min(score for score, _ in scored)
    hits = [inst for score, inst in scored if score == best]
    return hits[0] if len(hits) == 1 else None


@functools.cache
def _bare_pattern(path: str) -> re.Pattern[str] | None:
    """Titles with a year range written without 《》: their base followed by a range."""
    bases = sorted({fold(i.title.removeprefix(_PREFIX)).split("(")[0] for i in load_table(path) if i.years},
                   key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, bases)) + r")\s*" + _RANGE.pattern) if bases else None


def _suggestion(inst: Instrument, written: str, marks: str = "《》") -> str:
    """The right title, in the form the writer chose: without the 中华人民共和国 prefix if they left it out,
    in 〈〉 where it stands inside another title."""
    title = inst.title if written.startswith(_PREFIX) else inst.title.removeprefix(_PREFIX)
    return f"{marks[0]}{title}{marks[1]}"


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    path = params.table_path
    table, correct = load_table(path), _correct(path)
    text = doc.norm
    judged = []  # titles that are an instrument of the table, right or wrong
    for m in (m for pattern in _TITLES for m in pattern.finditer(text)):
        hit = closest(m.group(1), table, correct, params.min_length)
        if hit is not None or key_of(m.group(1)) in correct:
            judged.append((m.start(), m.end()))
        if hit is not None:
            marks = text[m.start()] + text[m.end() - 1]
            yield ctx.finding(m.start(1), m.end(1), suggestion=_suggestion(hit, m.group(1), marks))
    bare = _bare_pattern(path)
    # a range-bearing title written without its own marks, also inside a longer title of another document
    for m in bare.finditer(text) if bare else ():
        if any(s <= m.start() < e for s, e in judged):
            continue
        hit = closest(m.group(), table, correct, params.min_length)
        if hit is not None:
            yield ctx.finding(m.start(), m.end(), suggestion=_suggestion(hit, m.group()))
