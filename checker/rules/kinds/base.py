"""What every rule kind gets and gives: its ``Params`` base type and the ``Context`` of one check.

A kind module contains a docstring (what it checks, its options, and a YAML block of examples after a line
``Examples:``), a frozen ``Params`` model and a pure ``check(doc, params, ctx) -> Iterator[Finding]``.
Kinds never import the engine; what they need beyond the document comes through ``ctx``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, ClassVar, Protocol

from pydantic import AfterValidator, BaseModel, ConfigDict

from checker.model import Document, Finding, Location, Outline, Reuse, Section, Severity, innermost_section
from checker.text.patterns import check_regex

if TYPE_CHECKING:
    from checker.text.gazetteer import Gazetteer


class Params(BaseModel):
    """Base of every kind's options: immutable, unknown keys refused when the YAML loads."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    # Names of fields that hold checklist item ids; the loader checks that those items exist.
    item_fields: ClassVar[tuple[str, ...]] = ()
    # Names of fields every rule of this kind must give the same value: they feed one computation shared
    # by all those rules (the loader refuses a checklist where they differ).
    shared_fields: ClassVar[tuple[str, ...]] = ()


Regex = Annotated[str, AfterValidator(check_regex)]


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

