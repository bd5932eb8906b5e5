"""formula — fixed political and legal formulas (规范提法) written with a character missing, extra or wrong.

Reviewers mark by hand what commercial proofreading tools miss because they do not know this field's
formulas: "以习近平新时代中国特色社会主义思想为指," (导 missing), "党的十九届四中全全会". The formulas are a
table with a source for each (checker/data/formulas.yaml, or ``table``): the guiding thought, 习近平法治思想,
the names of Party congresses and plenums, the systems of the 2021–2025 outline, 行政执法三项制度 …

A span one edit away (Damerau–Levenshtein 1) from a formula of at least ``min_length`` characters is
reported with the formula as ``{suggestion}``, unless it is correct text itself: a formula or an accepted
variant of one (加快建设法治政府, 学习贯彻 for 深入学习贯彻), a part of a correct formula written around it, or
a correct formula with one more character at its edge ("纳入学习贯彻习近平法治思想"). A span close to two
different formulas of the same length (党的二十届五中全会, held after the table was written, is one edit
from each listed plenum) has no single correct wording and is not reported. Quote marks do not count
(“三个代表” and "三个代表" are the same formula); the text is compared after normalisation (simplified
script, half-width punctuation, PDF lines re-joined); a span never crosses a line break.

Options:
  table        the formulas file (default: the built-in checker/data/formulas.yaml)
  min_length   formulas shorter than this are known correct text but never reported (default 6)

Examples:
    - name: the guiding-thought formula with its last character missing
      text: "2024年,我局坚持以习近平新时代中国特色社会主义思想为指,全面贯彻习近平法治思想。"
      expect: [{evidence: 以习近平新时代中国特色社会主义思想为指}]
    - name: correct formulas, quoted ones with any quote marks, and accepted variants pass
      text: "2024年,我局坚持以习近平新时代中国特色社会主义思想为指导,学习贯彻习近平法治思想,落实行政执法\\"三项制度\\",落实“谁执法谁普法”普法责任制,推进全面依法治区。"
      pass: true
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from checker.errors import ChecklistError
from checker.model import Document, Finding
from checker.rules import yamlsrc
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams
from checker.text.nearmiss import NearMiss, PhraseIndex, occurrences
from checker.text.normalize import fold

BUILTIN = resources.files("checker") / "data" / "formulas.yaml"
# Quote marks are not part of a formula's wording: “三个代表” = "三个代表" = 「三个代表」 = 三个代表.
_QUOTES = frozenset("“”\"'‘’「」『』")
_PLENUM_ORDINALS = "一二三四五六七八九"


class _Formula(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(min_length=2)
    source: str = Field(min_length=4)
    variants: tuple[str, ...] = ()


class _Congress(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    congress: str = Field(pattern=r"^[一二三四五六七八九十]{1,3}$")
    opened: date
    plenums: int = Field(ge=1, le=9)
    source: str = Field(min_length=4)


class _File(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    formulas: tuple[_Formula, ...] = Field(min_length=1)
    congresses: tuple[_Congress, ...] = ()


@dataclass(frozen=True)
class Formula:
    text: str  # as the table writes it, for the suggestion
    key: str  # normalised, without quote marks: what the text is compared with
    source: str
    variants: tuple[str, ...]  # keys of accepted other wordings


@dataclass(frozen=True)
class FormulaTable:
    formulas: tuple[Formula, ...]

    @functools.cached_property
    def correct(self) -> tuple[str, ...]:
        """Keys of every correct wording: the formulas and their variants."""
        return tuple(dict.fromkeys([f.key for f in self.formulas] + [v for f in self.formulas for v in f.variants]))

    @functools.cached_property
    def accepted(self) -> dict[str, tuple[str, ...]]:
        """Per formula key: the formula and the variants of it and of every formula inside it (健全突发事件
        应对体系 holds 突发事件应对体系, whose variant 突发事件应急体系 makes 健全突发事件应急体系 correct)."""
        return {f.key: (f.key, *(v for g in self.formulas if g.key in f.key for v in g.variants))
                for f in self.formulas}


def key_of(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch not in _QUOTES)


@functools.cache
def load_table(path: str) -> FormulaTable:
    """Read and validate a formulas file once per process; a bad entry is one ``file:line：problem`` line."""
    parsed = yamlsrc.load_table(Path(path), _File, "提法表", "formulas table")
    formulas = [Formula(f.text, key_of(f.text), f.source, tuple(key_of(v) for v in f.variants))
                for f in parsed.formulas]
    for c in parsed.congresses:
        formulas.append(Formula(f"党的{c.congress}大", f"党的{c.congress}大", c.source, ()))
        for n in _PLENUM_ORDINALS[: c.plenums]:
            name = f"党的{c.congress}届{n}中全会"
            formulas.append(Formula(name, name, c.source, ()))
    keys = [f.key for f in formulas]
    duplicate = next((k for k in keys if keys.count(k) > 1), None)
    if duplicate:
        raise ChecklistError(path, f"提法表中“{duplicate}”重复出现", f"formulas table: '{duplicate}' is listed twice")
    return FormulaTable(tuple(formulas))


@functools.cache
def _index(path: str, min_length: int) -> PhraseIndex:
    return PhraseIndex([f.key for f in load_table(path).formulas], min_length)


class Params(BaseParams):
    table: str | None = None
    min_length: int = Field(default=6, ge=5)

    message_fields = ("suggestion",)

    @property
    def table_path(self) -> str:
        return self.table or str(BUILTIN)


def keyed(text: str) -> tuple[str, list[int]]:
    """The text without quote marks, and the offset in ``text`` of each character kept."""
    kept = [i for i, ch in enumerate(text) if ch not in _QUOTES]
    return "".join(text[i] for i in kept), kept


def _dismissed(miss: NearMiss, key: str, phrase: str, correct: set[str], spans: Sequence[tuple[int, int]],
               own: Sequence[tuple[int, int]]) -> bool:
    """True when the window is correct text after all (see the module docstring)."""
    a, b = miss.start, miss.end
    if key[a:b] in correct:
        return True
    # inside a correct formula written there, or one with an extra character at its edge
    if any(s <= a + 1 and b - 1 <= e and (s <= a or b <= e) for s, e in spans):
        return True
    # over the same formula, or an accepted variant of it, written correctly ("纳入学习贯彻习近平法治思想"
    # holds 学习贯彻习近平法治思想): the writer chose that wording, the window is only shifted onto it
    return any(s < b and a < e for s, e in own)


def near_misses(text: str, table: FormulaTable, index: PhraseIndex) -> list[tuple[int, int, Formula]]:
    """(start, end, formula) in ``text`` (normalised) for each span one edit from exactly one formula."""
    key, where = keyed(text)
    correct = set(table.correct)
    spans = occurrences(key, table.correct)
    candidates = []
    for miss in index.near(key):
        formula = table.formulas[miss.phrase]
        # the formula itself or one of its own variants written in (or right beside) the window
        shift = max(miss.start - len(formula.key), 0)
        nearby = key[shift : miss.end + len(formula.key)]
        own = [(s + shift, e + shift) for s, e in occurrences(nearby, table.accepted[formula.key])]
        if not _dismissed(miss, key, formula.key, correct, spans, own):
            candidates.append((miss.start, miss.end, formula))
    out = []
    for cluster in _overlapping(candidates):
        longest = max(len(f.key) for _, _, f in cluster)
        top = [c for c in cluster if len(c[2].key) == longest]
        if len({f.key for _, _, f in top}) == 1:  # one correct wording, else no single suggestion
            a, b, formula = top[0]
            out.append((where[a], where[b - 1] + 1, formula))
    return out


def _overlapping(candidates: list[tuple[int, int, Formula]]) -> Iterator[list[tuple[int, int, Formula]]]:
    cluster: list[tuple[int, int, Formula]] = []
    end = -1
    for c in sorted(candidates, key=lambda c: (c[0], c[1])):
        if cluster and c[0] >= end:
            yield cluster
            cluster = []
        cluster.append(c)
        end = max(end, c[1])
    if cluster:
        yield cluster


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    path = params.table_path
    table = load_table(path)
    for start, end, formula in near_misses(doc.norm, table, _index(path, params.min_length)):
        yield ctx.finding(start, end, suggestion=formula.text)
