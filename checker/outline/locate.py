"""LOCATE stage: find each checklist item in the outline.

An item is found, in this order:
1. by its heading at any level (synonyms and exclusions are data in the checklist). When several nested
   headings match, an outer one that also holds other items is an umbrella ("五、聚焦改进存在不足,推进新
   年度……" over rectification, shortfalls and plan) and the inner one wins; otherwise the outermost wins.
2. as the top-level parts nobody else claims (``fallback: parts``): measures are often spread over
   several parts with no umbrella heading, one per system of the 2021-2025 outline;
3. as a clearly delimited passage (``passages``): e.g. the first-responsible duty told in a paragraph;
4. by marker words inside another item (``within`` + ``markers``): the causes inside the shortfalls part,
   matched on word boundaries so that a marker inside a longer word does not count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from checker.model import Document, FoundBy, Heading, Outline, Section
from checker.rules.checklist import ItemSpec
from checker.text.patterns import compile_pattern, hits, with_years
from checker.text.spans import SENTENCE, counted_chars


class WordBounds(Protocol):
    """Offsets in ``text`` where a word starts or ends; with ``near``, exact at least at those offsets."""

    def __call__(self, text: str, near: Iterable[int] | None = None, /) -> frozenset[int]: ...


def locate(
    doc: Document, outline: Outline, items: Sequence[ItemSpec], token_bounds: WordBounds
) -> tuple[Section, ...]:
    year = outline.meta.year
    headings = [h for h in outline.headings if h.marker_kind != "inline"]
    matched: dict[int, set[str]] = {h.index: set() for h in headings}
    for item in items:
        include = [compile_pattern(with_years(p, year)) for p in item.headings]
        exclude = [compile_pattern(with_years(p, year)) for p in item.exclude]
        for h in headings:
            body = h.title[len(h.marker) :]
            if any(p.search(body) for p in include) and not any(p.search(body) for p in exclude):
                matched[h.index].add(item.id)

    found: dict[str, Section] = {}
    for item in items:
        if item.within:
            continue
        section = (
            _by_heading(doc, outline, headings, matched, item)
            or (_by_parts(doc, outline, headings, matched, item) if item.fallback == "parts" else None)
            or _by_passage(doc, outline, item, year)
        )
        found[item.id] = section or Section(item.id, item.name, item.required, False, name_en=item.name_en)
    for item in items:
        if item.within:
            parent = found.get(item.within)
            section = _by_markers(doc, parent, item, token_bounds) if parent and parent.present else None
            found[item.id] = section or Section(item.id, item.name, item.required, False, name_en=item.name_en)
    return tuple(found[item.id] for item in items)


def _by_heading(
    doc: Document, outline: Outline, headings: list[Heading], matched: dict[int, set[str]], item: ItemSpec
) -> Section | None:
    candidates = [h for h in headings if item.id in matched[h.index]]
    if not candidates:
        return None
    allowed = {item.id, *item.may_contain}

    def umbrella(h: Heading) -> bool:
        inner = [d for d in outline.descendants(h.index) if d.marker_kind != "inline"]
        return any(item.id in matched[d.index] for d in inner) and any(
            matched[d.index] - allowed for d in inner
        )

    keep = [h for h in candidates if not umbrella(h)] or candidates
    best = min(keep, key=lambda h: (h.level, h.index))
    return _section(doc, item, best.n_start, best.n_body_end, "heading", best, best.n_end)


def _by_parts(
    doc: Document, outline: Outline, headings: list[Heading], matched: dict[int, set[str]], item: ItemSpec
) -> Section | None:
    allowed = {item.id, *item.may_contain}
    parts = [
        h for h in headings
        if h.level == 1 and not matched[h.index]
        and not any(matched.get(d.index, set()) - allowed for d in outline.descendants(h.index))
    ]
    if not parts:
        return None
    chars = sum(counted_chars(doc.norm, p.n_end, p.n_body_end) for p in parts)
    return _section(doc, item, parts[0].n_start, parts[-1].n_body_end, "parts", parts[0], parts[0].n_end, chars)


def _by_passage(doc: Document, outline: Outline, item: ItemSpec, year: int | None) -> Section | None:
    patterns = [compile_pattern(with_years(p, year)) for p in item.passages]
    if not patterns:
        return None
    title_start = outline.meta.title_span[0] if outline.meta.title_span else -1
    for p in outline.paragraphs:
        if p.n_start == title_start:
            continue
        text = doc.norm[p.n_start : p.n_end]
        if any(pattern.search(text) for pattern in patterns):
            return _section(doc, item, p.n_start, p.n_end, "passage", None, p.n_start)
    return None


def _by_markers(
    doc: Document, parent: Section, item: ItemSpec, token_bounds: WordBounds
) -> Section | None:
    assert parent.n_start is not None and parent.n_end is not None
    body_start = parent.n_body if parent.n_body is not None else parent.n_start
    spans = [(s, e) for pattern in item.markers for s, e in hits(pattern, doc.norm, body_start, parent.n_end)]
    if len(spans) < item.min_markers:
        return None  # too few hits even before word boundaries: nothing to segment
    # Only the lines of the hits are segmented (exact for them): an earlier year's report needs no more.
    bounds = token_bounds(doc.norm, [p for span in spans for p in span])
    found = [s for s, e in spans if s in bounds and e in bounds]
    if len(found) < item.min_markers:
        return None
    first = min(found)
    sentence = next(
        (s for s in SENTENCE.finditer(doc.norm, body_start, parent.n_end) if s.start() <= first < s.end()), None
    )
    s_start, s_end = (sentence.start(), sentence.end()) if sentence else (first, first + 2)
    return _section(doc, item, s_start, s_end, "markers", None, s_start)


def _section(
    doc: Document, item: ItemSpec, n_start: int, n_end: int, how: FoundBy,
    heading: Heading | None, content_start: int, chars: int | None = None,
) -> Section:
    start, end = doc.text_span(n_start, n_end)
    return Section(
        id=item.id,
        name=item.name,
        required=item.required,
        present=True,
        heading=doc.written(heading.n_start, heading.n_end) if heading else None,
        line=doc.line_of(start),
        start=start,
        end=end,
        found_by=how,
        n_start=n_start,
        n_end=n_end,
        n_body=content_start,
        chars=counted_chars(doc.norm, content_start, n_end) if chars is None else chars,
        name_en=item.name_en,
    )
