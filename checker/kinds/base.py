"""What every rule kind gets and gives: its ``Params`` base type and the ``Context`` of one check.

A kind module contains a docstring (what it checks, its options, and a YAML block of examples after a line
``Examples:``), a frozen ``Params`` model and a pure ``check(doc, params, ctx) -> Iterator[Finding]``.
Kinds never import the engine; what they need beyond the document comes through ``ctx``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, ClassVar, Protocol

from pydantic import AfterValidator, BaseModel, ConfigDict

from checker.model import Document, Finding, Location, Outline, Reuse, Section, Severity, innermost_section

if TYPE_CHECKING:
    from checker.gazetteer import Gazetteer


class Params(BaseModel):
    """Base of every kind's options: immutable, unknown keys refused when the YAML loads."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    # Names of fields that hold checklist item ids; the loader checks that those items exist.
    item_fields: ClassVar[tuple[str, ...]] = ()


YEAR_PLACEHOLDERS = {"year": "2024", "next_year": "2025", "prev_year": "2023"}
HIT_GROUP = "hit"  # a pattern may name the part to report: RE2 has no lookaround, so context is matched around it
_MAX_RESUMES = 1000  # re-searches for hits right after a consumed context; bounded so the work stays linear


def _options():  # type: ignore[no-untyped-def]
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print its own English line on stderr for every bad pattern
    return options


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str):  # type: ignore[no-untyped-def]
    """Compile a checklist regex with RE2, whose matching time is linear in the text by construction: no
    pattern in a checklist can backtrack catastrophically, whatever it nests. Raises ``ValueError``."""
    import re2

    try:
        return re2.compile(pattern, _options())
    except re2.error as e:
        problem = e.args[0].decode("utf-8", "replace") if e.args and isinstance(e.args[0], bytes) else str(e)
        if problem.startswith("invalid perl operator: (?") or problem.startswith("invalid escape sequence: \\"):
            raise ValueError(
                f"正则表达式“{pattern}”使用了不支持的写法（{problem.split(': ', 1)[1]}）：检查器用 RE2 匹配以保证线性时间，"
                "不支持前后文断言 (?=…)(?!…)(?<=…)(?<!…) 和反向引用；请把前后文写进表达式，用 (?P<hit>…) 标出要报告的部分"
            ) from None
        raise ValueError(f"正则表达式“{pattern}”无效：{problem}") from None


def check_regex(pattern: str) -> str:
    """Validate a checklist regex when the YAML loads (year placeholders allowed)."""
    compile_pattern(with_years(pattern, 2024))
    return pattern


Regex = Annotated[str, AfterValidator(check_regex)]


def hits(pattern: str, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans in ``text[start:end]`` (offsets into ``text``) that a checklist regex reports: its ``hit`` group
    when it has one, else the whole match. After a match whose context was consumed (``[^有](?P<hit>待填写)``)
    the search resumes inside it, so a hit right after another one is not lost."""
    compiled = compile_pattern(pattern)
    sub = text[start:end]
    group = compiled.groupindex.get(HIT_GROUP, 0)
    pos, resumes = 0, 0
    while pos <= len(sub):
        resume_at = None
        for m in compiled.finditer(sub, pos):
            s, e = m.span(group)
            if s >= 0 and e > s:
                yield start + s, start + e
            nxt = max(m.start() + 1, e - 1) if s >= 0 else m.start() + 1
            if group and nxt < m.end() and resumes < _MAX_RESUMES:
                resume_at = nxt
                break
        if resume_at is None:
            return
        pos, resumes = resume_at, resumes + 1


def with_years(pattern: str, year: int | None) -> str:
    """Fill {year}/{next_year}/{prev_year} in a checklist regex (any year when the report's is unknown)."""
    if "{" not in pattern or not any(f"{{{k}}}" in pattern for k in YEAR_PLACEHOLDERS):
        return pattern
    if year is None:
        values = {k: r"20\d{2}" for k in YEAR_PLACEHOLDERS}
    else:
        values = {"year": str(year), "next_year": str(year + 1), "prev_year": str(year - 1)}
    for key, value in values.items():
        pattern = pattern.replace(f"{{{key}}}", value)
    return pattern


@dataclass(frozen=True)
class RuleSpec:
    """What a checklist says about one rule, besides the kind's own options."""

    id: str
    kind: str
    severity: Severity
    points: float
    message: str  # Chinese; may hold {placeholders} the kind fills in
    message_en: str | None = None
    max_points: float | None = None  # cap on the total deduction of this rule
    basis: str | None = None  # the regulation the rule comes from
    basis_en: str | None = None
    source: str | None = None  # "file:line" of its definition


class Services(Protocol):
    """Heavy shared resources, loaded lazily and once per process."""

    def gazetteer(self) -> Gazetteer: ...

    def token_bounds(self, text: str) -> frozenset[int]:
        """Offsets in ``text`` where a word starts or ends (pkuseg segmentation)."""
        ...


@dataclass(frozen=True)
class Context:
    rule: RuleSpec
    doc: Document
    outline: Outline
    sections: Mapping[str, Section]
    services: Services
    lang: str = "zh"
    reuse: Reuse | None = None  # present when earlier reports were compared

    @property
    def year(self) -> int | None:
        return self.outline.meta.year

    def section_at(self, n_offset: int) -> str | None:
        """The checklist item whose part contains this normalised offset (the innermost one)."""
        return innermost_section(self.sections.values(), n_offset)

    def message(self, **values: object) -> str:
        template = self.rule.message_en if (self.lang == "en" and self.rule.message_en) else self.rule.message
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            return template

    def finding(
        self,
        n_start: int | None,
        n_end: int | None,
        *,
        evidence: str | None = None,
        rule: str | None = None,
        message: str | None = None,
        severity: Severity | None = None,
        points: float | None = None,
        section: str | None = None,
        **values: object,
    ) -> Finding:
        """Build a complete finding for a span of the normalised text (None: the whole report).

        ``evidence`` defaults to the span as written in the input; ``message`` to the rule's message
        with ``{evidence}`` and ``values`` filled in.
        """
        if n_start is None or n_end is None:
            loc = Location(section=section)
            written = evidence
        else:
            start, end = self.doc.text_span(n_start, n_end)
            loc = Location(start, end, self.doc.line_of(start), section or self.section_at(n_start))
            written = evidence if evidence is not None else self.doc.text[start:end]
        shown = written if written is None or len(written) <= 24 else written[:23] + "…"
        text = message if message is not None else self.message(evidence=shown, **values)
        return Finding(
            rule=rule or self.rule.id,
            severity=severity or self.rule.severity,
            message=text,
            location=loc,
            evidence=written,
            points=self.rule.points if points is None else points,
        )


CheckFn = Callable[[Document, Params, Context], Iterator[Finding]]

