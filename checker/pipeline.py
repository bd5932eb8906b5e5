"""The pipeline, stage by stage: read → normalise → outline → locate → rules → score → Result.

The CLI calls ``check_path``; tests and the batch runner may call ``analyse`` on an ``Extracted``.
Heavy resources (the pkuseg pipeline, the division table) are behind ``RuntimeServices`` and load on
first use, once per process.
"""

from __future__ import annotations

from checker import gazetteer, nlp, scoring
from checker.checklist import Checklist
from checker.engine import run_rules
from checker.locate import locate
from checker.meta import detect_meta
from checker.model import Extracted, OutlineEntry, Result
from checker.normalize import normalise
from checker.outline import build_outline
from checker.readers import read_path


class RuntimeServices:
    """The real services: the gazetteer and pkuseg word boundaries."""

    def gazetteer(self) -> gazetteer.Gazetteer:
        return gazetteer.load()

    def token_bounds(self, text: str) -> frozenset[int]:
        return nlp.token_bounds(text)


SERVICES = RuntimeServices()


def analyse(
    extracted: Extracted,
    checklist: Checklist,
    *,
    fail_under: float = 60.0,
    lang: str = "zh",
    services: RuntimeServices = SERVICES,
) -> Result:
    doc = normalise(extracted)
    meta = detect_meta(doc)
    outline = build_outline(doc, meta)
    sections = locate(doc, outline, checklist.items, services.token_bounds)
    findings = run_rules(doc, outline, sections, checklist.rules, services, lang)
    caps = {r.spec.id: r.spec.max_points for r in checklist.rules}
    gate = scoring.score(findings, caps, fail_under, lang)
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
        meta=meta,
        sections=sections,
        findings=findings,
        score=gate,
        outline=entries,
        chars=len(extracted.text),
    )


def check_path(path: str, checklist: Checklist, *, fail_under: float = 60.0, lang: str = "zh") -> Result:
    return analyse(read_path(path), checklist, fail_under=fail_under, lang=lang)
