"""OUTLINE stage: find the heading tree of a report in its normalised text.

Real reports number their parts 一、 / (一) / 1. / (1) and enumerate inside paragraphs with 一是…二是….
Headings are often run-in: "(三)坚决履行法治建设第一责任人职责。局主要负责同志坚持……" — the heading is
the text up to the first 。. Levels are not fixed by the marker: a report may put (一) under 一、 or use
1. directly, so a heading's level is the depth of its marker kind in a stack of the kinds seen so far
(the way a reader infers nesting from numbering style).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker.model import Document, Heading, MarkerKind, Outline, Paragraph, ReportMeta
from checker.text.markers import INLINE, leading_marker, ordinal

# A run-in heading ends at the first full stop (kept) or at a clause break before an inline 一是 (dropped).
_RUN_IN_END = re.compile(r"[。!?;:]")
# Beyond this a "heading" is a numbered prose paragraph; it stays in the tree but only its opening
# clause is its title.
_MAX_TITLE = 80


def build_outline(doc: Document, meta: ReportMeta) -> Outline:
    """Paragraphs, the heading tree (numbered headings, styled headings and inline items) and metadata."""
    paragraphs = _paragraphs(doc.norm)
    styled = _styled_paragraphs(doc, paragraphs)
    raw: list[tuple[MarkerKind, str, int, int, int | None]] = []  # kind, marker, start, end, style level
    for i, p in enumerate(paragraphs):
        text = doc.norm[p.n_start : p.n_end]
        if meta.title_span and p.n_start == meta.title_span[0]:
            continue
        found = leading_marker(text)
        if found:
            kind, marker, _ = found
            raw.append((kind, marker, p.n_start, p.n_start + _title_length(text, len(marker)), None))
        elif i in styled and len(text) <= _MAX_TITLE:
            raw.append(("style", "", p.n_start, p.n_end, styled[i]))
    headings = _nest(doc.norm, raw)
    headings = _with_inline_items(doc.norm, headings, paragraphs)
    return Outline(headings=tuple(headings), paragraphs=tuple(paragraphs), meta=meta)


def _paragraphs(norm: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    pos = 0
    for line in norm.split("\n"):
        if line.strip():
            out.append(Paragraph(pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _styled_paragraphs(doc: Document, paragraphs: list[Paragraph]) -> dict[int, int]:
    """Paragraph index → heading level, for paragraphs a reader marked as headings (docx styles)."""
    hints = doc.source.heading_hints
    if not hints:
        return {}
    out: dict[int, int] = {}
    for i, p in enumerate(paragraphs):
        start, end = doc.text_span(p.n_start, p.n_end)
        for h in hints:
            if h.start < end and start < h.end:
                out[i] = h.level
                break
    return out


def _title_length(text: str, marker_len: int) -> int:
    """Length of the heading at the start of a numbered paragraph (the whole line if it has no stop)."""
    end = len(text)
    m = _RUN_IN_END.search(text, marker_len)
    if m:
        end = m.end() if m.group(0) == "。" else m.start()
    inline = INLINE.search(text, marker_len)
    if inline and inline.start() < end:
        end = inline.start()
    end = min(end, marker_len + _MAX_TITLE)
    while end > marker_len and text[end - 1] in ",、 ":
        end -= 1
    return max(end, marker_len)


def _nest(norm: str, raw: list[tuple[MarkerKind, str, int, int, int | None]]) -> list[Heading]:
    """Give each heading its level and parent from the stack of marker kinds, and its part's end."""
    stack: list[str] = []
    levels: list[int] = []
    for kind, _marker, _s, _e, style_level in raw:
        key = f"style{style_level}" if kind == "style" else kind
        if key in stack:
            del stack[stack.index(key) + 1 :]
        else:
            stack.append(key)
        levels.append(len(stack))
    headings: list[Heading] = []
    last_at_level: dict[int, int] = {}
    for i, ((kind, marker, start, end, _), level) in enumerate(zip(raw, levels, strict=True)):
        body_end = len(norm)
        for j in range(i + 1, len(raw)):
            if levels[j] <= level:
                body_end = raw[j][2]
                break
        parent = last_at_level.get(level - 1) if level > 1 else None
        headings.append(
            Heading(i, level, kind, marker, norm[start:end], start, end, _trim_end(norm, body_end), parent)
        )
        last_at_level[level] = i
        for deeper in [k for k in last_at_level if k > level]:
            del last_at_level[deeper]
    return headings


def _with_inline_items(norm: str, headings: list[Heading], paragraphs: list[Paragraph]) -> list[Heading]:
    """Add 一是…二是… items as children of the heading whose part they stand in."""
    items: list[tuple[int, int, str, int]] = []  # start, title end, marker, ordinal
    for p in paragraphs:
        text = norm[p.n_start : p.n_end]
        expected = 1
        for m in INLINE.finditer(text):
            n = ordinal(m.group(1))
            if n == 1 or n == expected:
                start = p.n_start + m.start()
                items.append((start, start + _title_length(text[m.start() :], len(m.group(0))), m.group(0), n))
                expected = n + 1
    if not items:
        return headings
    merged: list[Heading] = []
    combined: list[tuple[int, Heading | tuple[int, int, str, int]]] = [(h.n_start, h) for h in headings]
    combined += [(it[0], it) for it in items]
    combined.sort(key=lambda pair: pair[0])
    index_map: dict[int, int] = {}
    container: Heading | None = None
    for pos, entry in combined:
        if isinstance(entry, Heading):
            new_index = len(merged)
            index_map[entry.index] = new_index
            parent = index_map.get(entry.parent) if entry.parent is not None else None
            h = Heading(new_index, entry.level, entry.marker_kind, entry.marker, entry.title,
                        entry.n_start, entry.n_end, entry.n_body_end, parent)
            merged.append(h)
            container = h
            continue
        start, title_end, marker, _n = entry
        while container is not None and not (container.n_start <= pos < container.n_body_end):
            container = merged[container.parent] if container.parent is not None else None
        level = container.level + 1 if container else 1
        end = _inline_end(combined, pos, container.n_body_end if container else len(norm))
        merged.append(Heading(len(merged), level, "inline", marker, norm[start:title_end], start, title_end,
                              _trim_end(norm, end), container.index if container else None))
    return merged


def _inline_end(combined: Sequence[tuple[int, object]], pos: int, limit: int) -> int:
    for other, _ in combined:
        if other > pos:
            return min(other, limit)
    return limit


def _trim_end(norm: str, end: int) -> int:
    while end > 0 and norm[end - 1] == "\n":
        end -= 1
    return end
