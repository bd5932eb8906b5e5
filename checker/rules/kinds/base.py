"""What every rule kind gets and gives: its ``Params`` base type and the ``Context`` of one check.

A kind module contains a docstring (what it checks, its options, and a YAML block of examples after a line
``Examples:``), a frozen ``Params`` model and a pure ``check(doc, params, ctx) -> Iterator[Finding]``.
Kinds never import the engine; what they need beyond the document comes through ``ctx``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
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
    # The values this kind's findings carry for the message templates (``{evidence}`` always), and the
    # cases of finding that have a template of their own (``messages: {case: …}``; without one, the rule's
    # ``message`` is used). The loader refuses a template that names any other value or case.
    message_fields: ClassVar[tuple[str, ...]] = ()
    message_cases: ClassVar[tuple[str, ...]] = ()


Regex = Annotated[str, AfterValidator(check_regex)]


@dataclass(frozen=True)
class RuleSpec:
    """What a checklist says about one rule, besides the kind's own options."""

    id: str
    kind: str
    severity: Severity
    points: float
    message: str  # Chinese; may hold {value} slots the kind's findings fill in at render time
    message_en: str | None = None
    messages: tuple[tuple[str, str], ...] = ()  # case → template, for kinds with several cases
    messages_en: tuple[tuple[str, str], ...] = ()
    summary: str | None = None  # what the rule checks, for rule lists (default: the message)
    summary_en: str | None = None
    max_points: float | None = None  # cap on the total deduction of this rule
    basis: str | None = None  # the regulation the rule comes from
    basis_en: str | None = None
    source: str | None = None  # "file:line" of its definition
    aliases: tuple[str, ...] = ()  # former ids: waivers, filters and child checklists may still name them


class Services(Protocol):
    """Heavy shared resources, loaded lazily and once per process."""

    def gazetteer(self) -> Gazetteer: ...

    def token_bounds(self, text: str) -> frozenset[int]:
        """Offsets in ``text`` where a word starts or ends (pkuseg segmentation)."""
        ...


class ArchiveView(Protocol):
    """What the archive of other reports (``--archive``) tells a rule; the pipeline builds it from the
    archive so that rule kinds never touch the database themselves."""

    def part_densities(self, item: str, min_chars: int) -> Sequence[float]:
        """Figures per 1,000 characters of checklist item ``item`` in each archived report of another
        text whose part has at least ``min_chars`` characters."""
        ...

    def bodies_using(self, sentence: str, cover: float) -> int:
        """How many bodies other than this report's have a report in which the normalised ``sentence``
        stands near-verbatim: a matching run covers at least ``cover`` of its characters."""
        ...


@dataclass(frozen=True)
class Context:
    rule: RuleSpec
    doc: Document
    outline: Outline
    sections: Mapping[str, Section]
    services: Services
    reuse: Reuse | None = None  # present when earlier reports were compared
    archive: ArchiveView | None = None  # present when the check runs with an archive

    @property
    def year(self) -> int | None:
        return self.outline.meta.year

    def section_at(self, n_offset: int) -> str | None:
        """The checklist item whose part contains this normalised offset (the innermost one)."""
        return innermost_section(self.sections.values(), n_offset)

    def finding(
        self,
        n_start: int | None,
        n_end: int | None,
        *,
        evidence: str | None = None,
        rule: str | None = None,
        case: str = "",
        severity: Severity | None = None,
        points: float | None = None,
        section: str | None = None,
        **values: object,
    ) -> Finding:
        """Build a complete finding for a span of the normalised text (None: the whole report).

        ``evidence`` defaults to the span as written in the input; ``values`` fill the slots of the rule's
        message (``case``: of its template for that case) when the finding is rendered.
        """
        if n_start is None or n_end is None:
            loc = Location(section=section)
            written = evidence
        else:
            start, end = self.doc.text_span(n_start, n_end)
            loc = Location(start, end, self.doc.line_of(start), section or self.section_at(n_start))
            written = evidence if evidence is not None else self.doc.text[start:end]
        return self.finding_at(loc, written, rule=rule, case=case, severity=severity, points=points, **values)

    def finding_at(
        self,
        location: Location,
        evidence: str | None,
        *,
        rule: str | None = None,
        case: str = "",
        severity: Severity | None = None,
        points: float | None = None,
        **values: object,
    ) -> Finding:
        """Build a complete finding at a location in the extracted text (see ``finding``)."""
        return Finding(
            rule=rule or self.rule.id,
            severity=severity or self.rule.severity,
            location=location,
            evidence=evidence,
            points=self.rule.points if points is None else points,
            values=tuple(sorted(values.items())),
            case=case,
        )


CheckFn = Callable[[Document, Params, Context], Iterator[Finding]]

