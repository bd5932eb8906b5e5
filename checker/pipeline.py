"""The pipeline, stage by stage: read → normalise → outline → locate → reuse → rules → score → Result.

Reuse runs before the rules (STYLE.md lists it after): its findings are rules of the checklist with
their thresholds in the YAML, so the comparison must be done when the rules run.

The CLI calls ``check_path``; tests and the batch runner may call ``analyse`` on an ``Extracted``.
Heavy resources (the pkuseg pipeline, the division table) are behind ``RuntimeServices`` and load on
first use, once per process.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np

from checker.errors import CheckerError, InputError, SetupError
from checker.followup import Terms, follow_up
from checker.model import (
    Acceptance,
    Analysed,
    Extracted,
    Finding,
    FollowUp,
    FollowUpKind,
    OutlineEntry,
    Result,
    Reuse,
    RuleInfo,
    printable_name,
)
from checker.outline.headings import build_outline
from checker.outline.locate import locate
from checker.outline.meta import detect_meta
from checker.readers import Limits, read_path
from checker.reuse import prepared as prepared_cache
from checker.reuse import sources as reuse_sources
from checker.reuse.analyse import SourceReport, analyse_reuse, boilerplate_hashes
from checker.reuse.archive import Archive, NewReport
from checker.reuse.peers import ArchivePeers
from checker.rules import scoring
from checker.rules.checklist import Checklist
from checker.rules.engine import run_rules
from checker.rules.waivers import Waiver, with_stale
from checker.rules.waivers import apply as apply_waivers
from checker.text import gazetteer, nlp
from checker.text.normalize import normalise


class RuntimeServices:
    """The real services: the gazetteer and pkuseg word boundaries."""

    def gazetteer(self) -> gazetteer.Gazetteer:
        return gazetteer.load()

    def token_bounds(self, text: str, near: Iterable[int] | None = None) -> frozenset[int]:
        return nlp.token_bounds(text, near)


SERVICES = RuntimeServices()


def prepare(extracted: Extracted, checklist: Checklist, services: RuntimeServices = SERVICES) -> Analysed:
    """read's output through normalise → outline → locate."""
    doc = normalise(extracted)
    outline = build_outline(doc, detect_meta(doc))
    return Analysed(doc, outline, locate(doc, outline, checklist.items, services.token_bounds))


def analyse(
    extracted: Extracted,
    checklist: Checklist,
    *,
    fail_under: float = 60.0,
    services: RuntimeServices = SERVICES,
    history: Sequence[Extracted | prepared_cache.Prepared] = (),
    archive: Archive | None = None,
    fail_on: str = "error",
    waivers: Sequence[Waiver] = (),
    today: date | None = None,
) -> Result:
    current = prepare(extracted, checklist, services)
    doc, outline, sections = current.doc, current.outline, current.sections
    reuse = compare(current, checklist, history, archive, services) if history or archive else None
    peers = ArchivePeers(archive, doc, outline.meta.org) if archive is not None else None
    findings = run_rules(doc, outline, sections, checklist.rules, services, reuse, peers)
    waived: tuple[tuple[Finding, Acceptance], ...] = ()
    if waivers:
        findings, waived, _ = apply_waivers(findings, waivers, extracted.display_path, today or date.today(),
                                           checklist.aliases)
    caps = {r.spec.id: r.spec.max_points for r in checklist.rules}
    gate = scoring.score(findings, caps, fail_under, fail_on)
    opened: dict[int, list[str]] = {}
    for s in sections:
        if s.present and s.found_by in ("heading", "parts") and s.n_start is not None:
            opened.setdefault(s.n_start, []).append(s.id)
    entries = tuple(
        OutlineEntry(
            level=h.level,
            heading=doc.written(h.n_start, h.n_end),
            line=doc.line_of(doc.text_span(h.n_start, h.n_end)[0]),
            items=tuple(opened.get(h.n_start, ())),
        )
        for h in outline.headings
        if h.marker_kind != "inline"
    )
    return Result(
        path=extracted.display_path,
        ruleset=checklist.id,
        meta=outline.meta,
        sections=sections,
        findings=findings,
        score=gate,
        outline=entries,
        chars=len(extracted.text),
        reuse=reuse,
        rules=rule_infos(checklist),
        waived=waived,
        text=extracted.text,
    )


def rule_infos(checklist: Checklist) -> tuple[RuleInfo, ...]:
    items = {f"section.{i.id}": i for i in checklist.items}
    return tuple(
        RuleInfo(r.spec.id, r.spec.kind, r.spec.severity, r.spec.points, r.spec.message, r.spec.message_en,
                 r.spec.basis, item.name if (item := items.get(r.spec.id)) else None, r.spec.basis_en,
                 item.name_en if item else None, r.spec.messages, r.spec.messages_en, r.spec.summary,
                 r.spec.summary_en)
        for r in checklist.rules
    )


def compare(
    current: Analysed,
    checklist: Checklist,
    history: Sequence[Extracted | prepared_cache.Prepared],
    archive: Archive | None,
    services: RuntimeServices = SERVICES,
    *,
    candidates: int = 20,
) -> Reuse:
    """Compare with the given earlier reports and the archive's best candidates (see ``reuse.sources``),
    and follow last year's shortfalls and plan through when a ``followup`` rule asks for it."""
    archived = None
    if services is SERVICES:  # a stand-in's word boundaries are not the model's: nothing cached for them
        def archived(text: str, make: Callable[[], Analysed], path: str) -> prepared_cache.Prepared:
            return prepared_cache.for_archived(text, checklist.items, make, shown=path)
    sources, common = reuse_sources.gather(current, history, archive, lambda e: prepare(e, checklist, services),
                                           candidates=candidates, archived=archived)
    reuse = analyse_reuse(current, sources, _formula_hashes(checklist.boilerplate), common)
    asked = follow_through(checklist)
    if asked is None:
        return reuse  # no rule would read it: the segmenter-heavy matching is skipped
    return dataclasses.replace(reuse, followups=_follow_ups(current, sources, *asked))


def follow_through(checklist: Checklist) -> tuple[Terms, tuple[FollowUpKind, ...]] | None:
    """The follow-through the checklist's enabled ``followup`` rules ask for: their parameters (which the
    checklist makes all such rules agree on) and their aspects; None when no such rule is enabled."""
    rules = [r for r in checklist.rules if r.spec.kind == "followup"]
    if not rules:
        return None
    first = rules[0].params
    terms = Terms(**{f.name: getattr(first, f.name) for f in dataclasses.fields(Terms)})
    return terms, tuple(dict.fromkeys(r.params.aspect for r in rules))  # type: ignore[attr-defined]


def _follow_ups(
    current: Analysed, sources: Sequence[SourceReport], terms: Terms, kinds: tuple[FollowUpKind, ...]
) -> tuple[FollowUp, ...]:
    """Follow-through against the same body's latest earlier report (last year's, when given)."""
    year = current.outline.meta.year
    earlier = [(i, s) for i, s in enumerate(sources)
               if s.kind == "self" and (year is None or s.year is None or s.year < year)]
    if not earlier:
        return ()
    index, latest = max(earlier, key=lambda pair: (pair[1].year or 0, -pair[0]))
    return follow_up(current, latest.analysed, index, nlp.tokens, terms, kinds)


@functools.lru_cache(maxsize=8)
def _formula_hashes(phrases: tuple[str, ...]) -> np.ndarray:
    """The checklist's boilerplate formulas, hashed once per process rather than once per report."""
    hashes = boilerplate_hashes(phrases, lambda p: normalise(Extracted(None, "txt", p)).norm)
    hashes.setflags(write=False)  # shared between reports: nobody may change it
    return hashes


def check_path(
    path: str,
    checklist: Checklist,
    *,
    history: Sequence[str] = (),
    limits: Limits | None = None,
    names: Mapping[str, str] | None = None,
    cache: bool = True,
    extracted: Extracted | None = None,
    **options: Any,
) -> Result:
    """Read ``path`` (and the earlier reports in ``history``) and analyse it; ``options`` as ``analyse``.
    ``extracted``: ``path`` as already read (the batch reads every file first to learn its body and year).
    ``names``: what the user calls a file stored under another name (a service's uploads live under
    generated names, so that no user's name reaches the file system); messages and the result use it.
    The earlier reports come prepared from the user's cache when they were prepared before (see
    ``reuse.prepared``); ``cache=False`` prepares them afresh and stores nothing."""
    names = names or {}
    services = options.get("services", SERVICES)

    def earlier_report(h: str) -> prepared_cache.Prepared:
        def make() -> Analysed:
            return prepare(read_path(h, limits=limits, name=names.get(h)), checklist, services)

        if not cache or services is not SERVICES:  # a stand-in's word boundaries are not the model's
            return prepared_cache.Prepared.of(make())
        return prepared_cache.load_or_prepare(h, checklist.items, make, shown=names.get(h), limits=limits)

    earlier = [earlier_report(h) for h in history]
    if extracted is None:
        extracted = read_path(path, limits=limits, name=names.get(path))
    return analyse(extracted, checklist, history=earlier, **options)


class _OutOfTime(BaseException):
    """Raised by the alarm: a BaseException, so that a reader's ``except Exception`` (which turns any
    failure into "corrupt file") cannot swallow it; ``time_limit`` turns it into the user's one line."""


@contextlib.contextmanager
def time_limit(path: str | None, seconds: float, *, spent: float = 0) -> Iterator[None]:
    """Stop the work on one file after ``seconds`` (0: no limit) with an ``InputError`` naming it;
    ``spent``: seconds of them already used on the file (by an earlier stage of the same check).

    SIGALRM interrupts Python code wherever it is, which is what a pathological input needs; it exists
    only in a process's main thread, so elsewhere (a service's worker thread) the caller must bound the
    work another way and no limit is set here."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum: int, frame: Any) -> None:
        raise _OutOfTime()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, max(seconds - spent, 0.001))
    try:
        yield
    except _OutOfTime:
        raise InputError(path, zh=f"检查超时：超过单个文件的时间上限（{seconds:g}秒），已停止检查这个文件",
                         en=f"timed out: over the time limit for one file ({seconds:g} s)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_files(
    paths: Sequence[str],
    checklist: Checklist,
    *,
    timeout: float = 0,
    waivers: Sequence[Waiver] = (),
    on_result: Callable[[Result], None] | None = None,
    on_error: Callable[[CheckerError], None] | None = None,
    **options: Any,
) -> list[Result]:
    """Check several files as one run (``options`` as ``check_path``). A file that cannot be read goes to
    ``on_error`` and the run goes on (without ``on_error`` it is raised); a missing model always stops it.
    ``timeout``: seconds one file may take (0: no limit); a file over it is an error like an unreadable one.
    A waiver that matched nothing in any report of the run is noted once the run is over."""
    results = []
    for path in paths:
        try:
            with time_limit((options.get("names") or {}).get(path, path), timeout):
                results.append(check_path(path, checklist, waivers=waivers, **options))
        except CheckerError as e:
            if isinstance(e, SetupError) or on_error is None:
                raise
            on_error(e)
            continue
        if on_result is not None:
            on_result(results[-1])
    return with_stale(results, waivers)


def archive_add(
    path: str, archive: Archive, checklist: Checklist, *, org: str | None = None, year: int | None = None,
    name: str | None = None,
) -> tuple[int, bool, str | None, int | None]:
    """Read, analyse and store a report in the archive (see ``reuse.sources.store``); ``name`` as in
    ``check_path``'s ``names``."""
    new = archive_prepare(path, checklist, org=org, year=year, name=name)
    report_id, added = archive.add_many([new])[0]
    return report_id, added, new.org, new.year


def archive_prepare(
    path: str, checklist: Checklist, *, org: str | None = None, year: int | None = None, name: str | None = None,
) -> NewReport:
    """Read and analyse a report for the archive; ``Archive.add_many`` stores many such at once."""
    extracted = read_path(path, name=name)
    new = reuse_sources.to_store(prepare(extracted, checklist), name or path, org=org, year=year)
    # what a check comparing with it will need, prepared now (as the archive will hand the text back)
    shown = printable_name(name or path)
    prepared_cache.for_archived(extracted.text, checklist.items,
                                lambda: prepare(Extracted(shown, "txt", extracted.text), checklist), shown=shown)
    return new
