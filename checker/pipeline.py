"""The pipeline, stage by stage: read → normalise → outline → locate → reuse → rules → score → Result.

Reuse runs before the rules (STYLE.md lists it after): its findings are rules of the checklist with
their thresholds in the YAML, so the comparison must be done when the rules run.

The CLI calls ``check_path``; tests and the batch runner may call ``analyse`` on an ``Extracted``.
Heavy resources (the pkuseg pipeline, the division table) are behind ``RuntimeServices`` and load on
first use, once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from checker.model import (
    Analysed,
    Extracted,
    Finding,
    OutlineEntry,
    Result,
    Reuse,
    ReuseKind,
    ReuseSource,
    RuleInfo,
)
from checker.outline.headings import build_outline
from checker.outline.locate import locate
from checker.outline.meta import detect_meta
from checker.readers import Limits, read_path
from checker.reuse.analyse import SourceReport, analyse_reuse, boilerplate_hashes
from checker.reuse.archive import Archive
from checker.reuse.fingerprints import fingerprints
from checker.rules import scoring
from checker.rules.checklist import Checklist
from checker.rules.engine import run_rules
from checker.rules.waivers import Waiver
from checker.rules.waivers import apply as apply_waivers
from checker.text import gazetteer, nlp
from checker.text.normalize import normalise


class RuntimeServices:
    """The real services: the gazetteer and pkuseg word boundaries."""

    def gazetteer(self) -> gazetteer.Gazetteer:
        return gazetteer.load()

    def token_bounds(self, text: str) -> frozenset[int]:
        return nlp.token_bounds(text)


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
    lang: str = "zh",
    services: RuntimeServices = SERVICES,
    history: Sequence[Extracted] = (),
    archive: Archive | None = None,
    fail_on: str = "error",
    waivers: Sequence[Waiver] = (),
    today: date | None = None,
) -> Result:
    current = prepare(extracted, checklist, services)
    doc, outline, sections = current.doc, current.outline, current.sections
    reuse = compare(current, checklist, history, archive, services) if history or archive else None
    findings = run_rules(doc, outline, sections, checklist.rules, services, lang, reuse)
    waived: tuple[tuple[Finding, str], ...] = ()
    if waivers:
        findings, waived, _ = apply_waivers(findings, waivers, extracted.display_path, today or date.today(), lang)
    caps = {r.spec.id: r.spec.max_points for r in checklist.rules}
    gate = scoring.score(findings, caps, fail_under, lang, fail_on)
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
                 item.name_en if item else None)
        for r in checklist.rules
    )


def compare(
    current: Analysed,
    checklist: Checklist,
    history: Sequence[Extracted],
    archive: Archive | None,
    services: RuntimeServices = SERVICES,
    *,
    candidates: int = 20,
) -> Reuse:
    """Compare with the given earlier reports and the archive's best candidates.

    Whose report a source is comes from the bodies detected in both texts: a ``--history`` or ``diff``
    file another body wrote is a peer's, whatever the option is called. Where a body is not detected on
    either side, a given file is taken at the user's word (their own), an archived one is not."""
    meta = current.outline.meta
    sources = []
    for h in history:
        earlier = prepare(h, checklist, services)
        there = earlier.outline.meta
        kind: ReuseKind = "peer" if same_body(meta.org, there.org) is False else "self"
        sources.append(SourceReport(earlier, h.display_path, there.org, there.year, kind))
    boilerplate = _formula_hashes(checklist.boilerplate)
    if archive is not None:
        own = archive.contains(current.doc.text)
        prints = fingerprints(current.doc.norm)
        found, common = archive.candidates(prints.all_hashes, lookup=prints.hashes, positions=prints.positions,
                                           limit=candidates)
        for report_id, _shared in found:
            if report_id == own:
                continue
            stored = archive.fetch(report_id)
            ours = bool(same_body(meta.org, stored.org))
            if ours and meta.year and stored.year and stored.year >= meta.year:
                continue  # a later or same-year version of this report is no earlier source
            earlier = prepare(Extracted(stored.path, "txt", stored.text or ""), checklist, services)
            sources.append(SourceReport(earlier, stored.path, stored.org, stored.year, "self" if ours else "peer"))
        boilerplate = np.union1d(boilerplate, common)
    return analyse_reuse(current, sources, boilerplate, nlp.tokens)


def same_body(here: str | None, there: str | None) -> bool | None:
    """Whether two detected bodies are one; None when either is unknown. Detection already drops the
    province and city before a district (meta.py), so the names compare as they are."""
    if not here or not there:
        return None
    return here == there


def not_earlier(result: Result, given: int) -> list[ReuseSource]:
    """The first ``given`` sources (the files the user named) whose year is not before the report's:
    a later version of one's own report is no source of recycling, and for another body's report the
    comparison cannot say who copied whom."""
    year = result.meta.year
    if result.reuse is None or year is None:
        return []
    return [s for s in result.reuse.sources[:given] if s.year is not None and s.year >= year]


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
    **options: Any,
) -> Result:
    """Read ``path`` (and the earlier reports in ``history``) and analyse it; ``options`` as ``analyse``."""
    earlier = [read_path(h, limits=limits) for h in history]
    return analyse(read_path(path, limits=limits), checklist, history=earlier, **options)


def archive_add(
    path: str, archive: Archive, checklist: Checklist, *, org: str | None = None, year: int | None = None
) -> tuple[int, bool, str | None, int | None]:
    """Store a report in the archive (org and year default to what the checker detects).

    Returns the archive id, whether it was added (False: the same text was there already), org, year.
    """
    extracted = read_path(path)
    analysed = prepare(extracted, checklist)
    meta = analysed.outline.meta
    org, year = org or meta.org, year or meta.year
    prints = fingerprints(analysed.doc.norm)
    report_id, added = archive.add(
        extracted.text, org=org, year=year, path=path, title=meta.title, chars=prints.counted,
        hashes=prints.hashes, positions=prints.positions,
    )
    return report_id, added, org, year
