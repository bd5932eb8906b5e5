"""Shared value types handed from one pipeline stage to the next.

    read → normalise → outline → locate → rules → score → render

This module imports nothing of ours: every other module may import it, and `render/` imports only it.
All offsets called ``start``/``end`` without qualification are character offsets into the *extracted*
text (what ``checker extract`` prints); offsets into the normalised analysis text are named ``n_start``/
``n_end`` and never leave the analysis stages.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
Script = Literal["simplified", "traditional"]


# --- read -------------------------------------------------------------------------------------------

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_STRAY_SURROGATE = re.compile(r"[\ud800-\udc7f\udd00-\udfff]")  # not a byte the file system could not decode


def printable_name(path: str) -> str:
    """A file name as every output shows it: the name is data, never markup or a line break.

    A name that is not UTF-8 (a GBK name from a zip made on Windows) reaches us as lone surrogates, which
    no UTF-8 output can hold: its bytes are shown escaped (``\\xb1\\xa8``). Control characters (a newline
    would split a one-line error in two) are shown escaped as well.
    """
    if not path.isprintable():  # lone surrogates and control characters are not printable
        path = _STRAY_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", path)
        path = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        path = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), path)
    return path


# Written into the <head> of every HTML page the checker makes, so that a batch run over a folder that
# holds an earlier run's pages (written into the input folder, or copied there) does not check them.
OWN_OUTPUT_MARK = '<meta name="generator" content="checker">'
# … and the commented Word documents it writes say so as their last author: a drafter who edits one and saves
# it in Word or WPS becomes its last author, and the file is a submission again
OWN_WORD_MARK = "checker（审核意见）"


@dataclass(frozen=True)
class HeadingHint:
    """A paragraph a reader knows to be a heading (e.g. a .docx paragraph styled 标题 2)."""

    start: int
    end: int
    level: int


@dataclass(frozen=True)
class Extracted:
    """What a reader hands on: the plain text of the report and what the file itself told us."""

    path: str | None  # as the user gave it; None for stdin
    format: str  # a name in the input table (readers/registry.py): "txt", "docx", "pdf", "html"
    text: str  # the extracted text; every reported offset points into it
    encoding: str | None = None  # for text formats: the detected encoding
    heading_hints: tuple[HeadingHint, ...] = ()
    published: date | None = None  # a publication date the file states (发布日期 line, page metadata)
    dropped_lines: tuple[str, ...] = ()  # site furniture, page numbers, running headers that were removed
    page_title: str | None = None  # a web page's <title>, which may name the body when the article does not

    @property
    def display_path(self) -> str:
        return printable_name(self.path) if self.path is not None else "<stdin>"


# --- normalise --------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Document:
    """The extracted text plus its normalised form for analysis and the map between them.

    ``norm`` is traditional→simplified, width-folded, with stray spaces inside CJK text removed and
    broken lines re-joined. ``to_text[i]`` is the offset in ``source.text`` of ``norm[i]``;
    ``to_text[len(norm)] == len(source.text)``. Normalisation only substitutes characters one for one or
    deletes them, so the map is monotonic.
    """

    source: Extracted
    norm: str
    to_text: tuple[int, ...]
    script: Script
    line_starts: tuple[int, ...] = field(default=())  # offsets in source.text where each line starts

    @property
    def text(self) -> str:
        return self.source.text

    def text_span(self, n_start: int, n_end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the extracted text."""
        n_start = max(0, min(n_start, len(self.norm)))
        n_end = max(n_start, min(n_end, len(self.norm)))
        if n_end == n_start:
            pos = self.to_text[n_start]
            return pos, pos
        return self.to_text[n_start], self.to_text[n_end - 1] + 1

    def line_of(self, start: int) -> int:
        """1-based line number in the extracted text of a text offset."""
        return bisect.bisect_right(self.line_starts, start) if self.line_starts else 1

    def written(self, n_start: int, n_end: int) -> str:
        """The text of a normalised span as it was written in the input."""
        s, e = self.text_span(n_start, n_end)
        return self.text[s:e]


# --- outline ----------------------------------------------------------------------------------------

MarkerKind = Literal["cn", "paren_cn", "arabic", "paren_arabic", "circled", "inline", "style"]


@dataclass(frozen=True)
class Heading:
    """One node of the outline. Offsets are into the normalised text."""

    index: int  # position in document order
    level: int  # 1 = top level
    marker_kind: MarkerKind
    marker: str  # "一、", "(三)", "1.", "一是" …
    title: str  # normalised heading text including the marker (run-in headings: up to the first 。)
    n_start: int
    n_end: int  # end of the heading text
    n_body_end: int  # end of the part this heading opens
    parent: int | None  # index of the parent heading


@dataclass(frozen=True)
class Paragraph:
    n_start: int
    n_end: int


@dataclass(frozen=True)
class ReportMeta:
    org: str | None
    year: int | None
    title: str | None  # the title line as written
    published: date | None
    script: Script
    title_span: tuple[int, int] | None = None  # normalised span of the title line
    # How the report refers to its body when it does not name it ("我局", "区司法局"): normalised span
    org_ref: tuple[int, int] | None = None


@dataclass(frozen=True)
class Outline:
    headings: tuple[Heading, ...]
    paragraphs: tuple[Paragraph, ...]
    meta: ReportMeta

    def descendants(self, index: int) -> tuple[Heading, ...]:
        h = self.headings[index]
        return tuple(d for d in self.headings if d.index > index and d.n_start < h.n_body_end)


# --- locate (checklist items found in the outline) --------------------------------------------------

FoundBy = Literal["heading", "parts", "passage", "markers"]


@dataclass(frozen=True)
class Section:
    """A checklist item and where the report covers it (offsets into the extracted text)."""

    id: str
    name: str
    required: bool
    present: bool
    heading: str | None = None  # the heading as written in the input
    line: int | None = None
    start: int | None = None
    end: int | None = None
    found_by: FoundBy | None = None
    n_start: int | None = None  # the same span in the normalised text, for the rules
    n_end: int | None = None
    n_body: int | None = None  # where the content after the heading starts (normalised)
    chars: int = 0  # characters of content (normalised, whitespace excluded)
    name_en: str | None = None  # the item's English name, for ``--lang en``


@dataclass(frozen=True, eq=False)
class Analysed:
    """One report taken through read → normalise → outline → locate (this year's or an earlier one)."""

    doc: Document
    outline: Outline
    sections: tuple[Section, ...]

    def section(self, item_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == item_id), None)


# --- reuse (text recycled from earlier years or other bodies) ---------------------------------------

ReuseKind = Literal["self", "peer"]
FollowUpKind = Literal["unanswered_shortfall", "repeated_shortfall", "unreported_plan"]


@dataclass(frozen=True)
class ReuseSource:
    """An earlier report compared with this one."""

    path: str | None
    org: str | None
    year: int | None
    kind: ReuseKind  # self: the same body's earlier report; peer: another body's report
    ratio: float  # share of this report's counted characters inside passages reused from it
    ratio_without_boilerplate: float


@dataclass(frozen=True)
class ReusedPassage:
    """A maximal run of this report that also stands, possibly edited, in a source report."""

    start: int  # here, in the extracted text
    end: int
    line: int
    source: int  # index into Reuse.sources
    source_start: int  # there, in the source's extracted text
    source_end: int
    source_line: int
    similarity: float  # 0–1, of the two runs after canonicalisation
    boilerplate: bool  # mostly formulas every report contains
    section: str | None  # the checklist item it falls in here
    text: str  # as written here
    source_text: str  # as written there


@dataclass(frozen=True)
class StaleFigure:
    """A sentence that repeats last year's figures while the report claims a new year."""

    start: int
    end: int
    line: int
    source: int
    source_start: int
    source_end: int
    numbers: tuple[str, ...]  # the repeated figures
    text: str


@dataclass(frozen=True)
class FollowUp:
    """Last year's shortfall or plan item, and what this year's report does with it."""

    kind: FollowUpKind
    item: str  # last year's item as written there
    source: int
    source_start: int
    source_end: int
    source_line: int
    start: int | None = None  # here: the repeated shortfall, when there is one
    end: int | None = None
    line: int | None = None
    similarity: float = 0.0


@dataclass(frozen=True)
class Reuse:
    ratio: float  # share of counted characters (CJK, letters, digits) inside reused passages
    ratio_without_boilerplate: float  # the same, not counting characters of boilerplate formulas
    sections: tuple[tuple[str, float], ...]  # item id → ratio without boilerplate inside that item
    self_sections: tuple[tuple[str, float], ...]  # the same, counting only the body's own earlier reports
    sources: tuple[ReuseSource, ...]
    passages: tuple[ReusedPassage, ...]
    stale: tuple[StaleFigure, ...] = ()
    followups: tuple[FollowUp, ...] = ()
    # The totals a reviewer reads first, as CNKI's report card gives them (counted characters, see
    # reuse/canon.py): ``ratio`` is reused_chars / chars; the shares below leave boilerplate out.
    chars: int = 0  # counted characters of this report (总字数)
    reused_chars: int = 0  # of them, inside reused passages from any source (重复字数)
    ratio_self: float = 0.0  # without boilerplate, from the body's own earlier reports only
    ratio_peer: float = 0.0  # without boilerplate, from other bodies' reports only

    @property
    def suspect(self) -> tuple[ReusedPassage, ...]:
        """The passages a reviewer should read (疑似段落): recycled text that is not boilerplate."""
        return tuple(p for p in self.passages if not p.boilerplate)

    @property
    def largest(self) -> ReuseSource | None:
        """The single source this report takes most from (boilerplate not counted), if any."""
        return max(self.sources, key=lambda s: s.ratio_without_boilerplate, default=None)


def innermost_section(sections: Iterable[Section], offset: int, *, normalised: bool = True) -> str | None:
    """The checklist item whose part contains ``offset`` (normalised or extracted-text offsets); where
    parts nest (first_responsible inside measures), the smallest one."""
    best: tuple[int, str] | None = None
    for s in sections:
        start, end = (s.n_start, s.n_end) if normalised else (s.start, s.end)
        if s.present and start is not None and end is not None and start <= offset < end:
            if best is None or end - start < best[0]:
                best = (end - start, s.id)
    return best[1] if best else None


# --- rules ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Location:
    start: int | None = None
    end: int | None = None
    line: int | None = None
    section: str | None = None  # checklist item id the location falls in


# Values a finding carries for its message that the renderer words in the user's language.


@dataclass(frozen=True)
class Item:
    """A checklist item, named in the message by its name (or English name) in the checklist."""

    id: str


@dataclass(frozen=True)
class Years:
    """Years named in a message ("2022年、2023年" / "2022, 2023"); when there are none, the label
    ``missing`` ("往年", "上一年度" …) stands in their place."""

    years: tuple[int, ...]
    missing: str


@dataclass(frozen=True)
class Label:
    """A word from the label table of the user's language ("其他单位" / "another body")."""

    key: str


@dataclass(frozen=True)
class Finding:
    """What a rule found. It carries no text: ``values`` explain it and ``case`` picks the checklist's
    message template (``""``: the rule's ``message``; else one of its ``messages``), which the renderer
    fills in the user's language."""

    rule: str
    severity: Severity
    location: Location
    evidence: str | None
    points: float
    values: tuple[tuple[str, Any], ...] = ()
    case: str = ""

    def sort_key(self) -> tuple[int, int, str, str, str]:
        start = self.location.start if self.location.start is not None else -1
        return (SEVERITIES.index(self.severity), start, self.rule, self.case, repr(self.values))

    def value(self, name: str, default: Any = None) -> Any:
        return next((v for k, v in self.values if k == name), default)

    @property
    def fingerprint(self) -> str:
        """A content key that survives reflow: the rule, the item and the evidence without whitespace or
        punctuation — not the line or offset, which change when a paragraph moves."""
        return self.fingerprint_as(self.rule)

    def fingerprint_as(self, rule: str) -> str:
        """The fingerprint this finding would have under another rule id (a former id of its rule)."""
        evidence = re.sub(r"[\W_]+", "", self.evidence or "")
        # evidence that is only punctuation ("*") is kept as written, with the values that explain the
        # finding: the same in every language and whatever the checklist's message says
        located = self.location.start is not None
        basis = evidence or (repr((self.evidence or "", self.case, self.values)) if located else "")
        key = "\x1f".join((rule, self.location.section or "", basis))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class RuleInfo:
    """What a checklist says about a rule, for outputs that describe their rules (SARIF, HTML)."""

    id: str
    kind: str
    severity: Severity
    points: float
    message: str  # the template of its findings' text, with {value} slots
    message_en: str | None
    basis: str | None
    name: str | None = None  # for section rules: the checklist item's name
    basis_en: str | None = None
    name_en: str | None = None
    messages: tuple[tuple[str, str], ...] = ()  # templates of other cases of finding (case → template)
    messages_en: tuple[tuple[str, str], ...] = ()
    summary: str | None = None  # what the rule checks, for rule lists (default: the message, slots as …)
    summary_en: str | None = None


# --- score ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deduction:
    rule: str
    count: int  # findings of this rule
    points: float  # deducted, after the rule's cap


# the severities that fail the gate by themselves, for each ``--fail-on``
GATE_SEVERITIES: dict[str, tuple[str, ...]] = {"error": ("error",), "warning": ("error", "warning"), "never": ()}


@dataclass(frozen=True)
class Score:
    value: float
    deductions: tuple[Deduction, ...]
    fail_under: float
    passed: bool
    failing: tuple[str, ...] = ()  # the rules whose findings fail the gate by themselves
    failing_count: int = 0  # how many findings those are (the renderer words why the gate failed)
    fail_on: str = "error"  # the lowest severity that fails the gate by itself: renderers mark only those

    def blocks(self, severity: str) -> bool:
        """Whether a finding of ``severity`` fails the gate by itself."""
        return severity in GATE_SEVERITIES[self.fail_on]


# --- result -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutlineEntry:
    """A heading as the user should see it in the outline tree."""

    level: int
    heading: str  # as written
    line: int
    items: tuple[str, ...]  # checklist item ids this heading opens


@dataclass(frozen=True)
class Acceptance:
    """Who accepted a waived finding, why, and until when: values, worded by the renderer
    (``waiver.accepted`` in the label table)."""

    reviewer: str
    reason: str
    expires: date
    fingerprint: str = ""  # the waiver's own key (that of a former rule id, when it names one)


@dataclass(frozen=True)
class Result:
    path: str
    ruleset: str
    meta: ReportMeta
    sections: tuple[Section, ...]
    findings: tuple[Finding, ...]
    score: Score
    outline: tuple[OutlineEntry, ...]
    chars: int  # length of the extracted text
    reuse: Reuse | None = None  # present when earlier reports were compared
    rules: tuple[RuleInfo, ...] = ()  # the rules of the checklist that was applied
    waived: tuple[tuple[Finding, Acceptance], ...] = ()  # findings a waiver accepted, with who accepted them
    text: str = field(default="", repr=False)  # the extracted text (for outputs that show the report)
