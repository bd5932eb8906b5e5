"""What every rule kind gets and gives: its ``Params`` base type and the ``Context`` of one check.

A kind module contains a docstring (what it checks, its options, and a YAML block of examples after a line
``Examples:``), a frozen ``Params`` model and a pure ``check(doc, params, ctx) -> Iterator[Finding]``.
Kinds never import the engine; what they need beyond the document comes through ``ctx``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
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


# A quantified group that itself ends in a quantifier: (a+)+, (\d*)*, (x+){2,} — exponential backtracking.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}]\)[+*{]")
YEAR_PLACEHOLDERS = {"year": "2024", "next_year": "2025", "prev_year": "2023"}


def check_regex(pattern: str) -> str:
    """Validate a checklist regex when the YAML loads (year placeholders allowed)."""
    if _NESTED_QUANTIFIER.search(pattern):
        raise ValueError(f"正则表达式“{pattern}”含嵌套量词，可能导致灾难性回溯")
    try:
        re.compile(with_years(pattern, 2024))
    except re.error as e:
        raise ValueError(f"正则表达式“{pattern}”无效：{e}") from None
    return pattern


Regex = Annotated[str, AfterValidator(check_regex)]


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

