"""Where a finding stands in a Word document: from offsets into the extracted text to runs.

The .docx reader makes the extracted text one line per body paragraph and one per table row (the row's
cells joined by a tab, a cell's paragraphs by a space, a cell's line breaks as spaces, the cell trimmed).
``Segments`` retraces that walk over the document being commented and records where each paragraph's
text (``w:p``'s ``w:r`` and ``w:hyperlink`` children, as python-docx reads it) starts in the extracted
text. If the retraced text is not the text that was checked (the file changed since), it says so and
the caller builds a new document instead of commenting the wrong words.

A comment is anchored on whole runs (``w:commentRangeStart`` before the first, ``w:commentRangeEnd``
after the last), so a run that straddles an anchor's edge is split in two: two copies of the ``w:r``
with the same ``w:rPr``, the text before the edge in the first and the rest in the second. Nothing else
of the original changes; Word shows the two runs exactly as it showed the one.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx.text.run import Run

from checker.wordxml import W, children, continues_merge

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# the run children python-docx counts as text (CT_R.text): each is one or more characters of the line
_TEXT_TAGS = {W + t for t in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab")}


@dataclass
class Segment:
    start: int  # where the paragraph's text starts in the extracted text
    p: Any  # the w:p element
    length: int  # characters of the paragraph's text


class Segments:
    """The paragraphs of a document with their place in the extracted text."""

    def __init__(self, document: Any, text: str) -> None:
        self.document = document
        self.text = text
        self.segments: list[Segment] = []
        self.matches = self._align(list(self._lines(document.element.body)), text.split("\n"))

    def _align(self, lines: list[tuple[str, list[Segment]]], wanted: list[str]) -> bool:
        """Place the document's lines on the extracted text's. Readers drop whole lines of web-page furniture
        (a 发布日期 line pasted into Word), so a document line that is not the next line of the text is
        skipped; every line of the text must be found, in order."""
        offset, i = 0, 0
        for line, segments in lines:
            if i < len(wanted) and line == wanted[i]:
                self.segments += [Segment(offset + s.start, s.p, s.length) for s in segments]
                offset += len(line) + 1
                i += 1
        return i == len(wanted)

    def _lines(self, body: Any) -> Iterator[tuple[str, list[Segment]]]:
        """Each line as the reader makes it, with its paragraphs' places relative to the line's start."""
        for block in children(body, "p", "tbl"):
            if block.tag == W + "p":
                line = _p_text(block)
                yield line, [Segment(0, block, len(line))]
            else:
                for row in children(block, "tr"):
                    yield self._row(row)

    def _row(self, row: Any) -> tuple[str, list[Segment]]:
        cells: list[str] = []
        segments: list[Segment] = []
        position = 0  # where the next cell starts in the line
        for cell in children(row, "tc"):
            if continues_merge(cell):
                continue
            paragraphs = list(children(cell, "p"))
            raw = " ".join(_p_text(p).replace("\n", " ") for p in paragraphs)  # the same length as the text
            lead = len(raw) - len(raw.lstrip())
            at = position - lead
            for p in paragraphs:
                length = len(_p_text(p))
                segments.append(Segment(at, p, length))
                at += length + 1
            cells.append(raw.strip())
            position += len(raw.strip()) + 1
        return "\t".join(cells), segments

    def runs(self, start: int, end: int) -> list[Any]:
        """The ``w:r`` elements that hold exactly ``text[start:end]`` (split where needed), in order; empty
        when the span holds no run text (an empty paragraph, a span in the gap between two cells)."""
        found: list[Any] = []
        for seg in self.segments:
            s, e = max(start, seg.start), min(end, seg.start + seg.length)
            if s >= e:
                continue
            found.extend(_runs_between(seg.p, s - seg.start, e - seg.start))
        return found

    def paragraph_runs(self, offset: int) -> list[Any]:
        """All runs with text of the paragraph at ``offset`` (or of the next paragraph that has any)."""
        for seg in self.segments:
            if seg.start + seg.length >= offset and seg.length:
                return self.runs(seg.start, seg.start + seg.length)
        return []

    def anchor(self, start: int, end: int, document: Any) -> tuple[Run, Run] | None:
        """The first and last run of a span, as python-docx's ``add_comment`` takes them."""
        runs = self.runs(start, end) if end > start else []
        if not runs:
            runs = self.paragraph_runs(start)
        if not runs:
            return None
        part = document.part
        return Run(runs[0], _Parent(part)), Run(runs[-1], _Parent(part))


class _Parent:
    """What a python-docx Run needs of its parent to mark a comment range: the document part."""

    def __init__(self, part: Any) -> None:
        self.part = part


def _p_runs(p: Any) -> list[Any]:
    """The runs whose text is the paragraph's text (python-docx: ``w:r | w:hyperlink`` children)."""
    runs = []
    for child in p.iterchildren():
        if child.tag == W + "r":
            runs.append(child)
        elif child.tag == W + "hyperlink":
            runs.extend(c for c in child.iterchildren() if c.tag == W + "r")
    return runs


def _p_text(p: Any) -> str:
    return "".join(_r_text(r) for r in _p_runs(p))


def _r_text(r: Any) -> str:
    return "".join(str(c) for c in r.iterchildren() if c.tag in _TEXT_TAGS)


def _runs_between(p: Any, start: int, end: int) -> list[Any]:
    """The runs of paragraph ``p`` that hold its characters ``start:end``, splitting the edge runs."""
    _split_at(p, end)
    _split_at(p, start)
    chosen, at = [], 0
    for r in _p_runs(p):
        length = len(_r_text(r))
        if length and start <= at and at + length <= end:
            chosen.append(r)
        at += length
    return chosen


def _split_at(p: Any, offset: int) -> None:
    """Make ``offset`` a run boundary of paragraph ``p``."""
    at = 0
    for r in _p_runs(p):
        length = len(_r_text(r))
        if at < offset < at + length:
            _split_run(r, offset - at)
            return
        at += length


def _split_run(r: Any, k: int) -> None:
    """Replace run ``r`` by two runs with its properties: its first ``k`` characters, then the rest."""
    left, right = copy.deepcopy(r), copy.deepcopy(r)
    at = 0
    for a, b in zip(list(left.iterchildren()), list(right.iterchildren()), strict=True):
        if a.tag == W + "rPr":
            continue
        length = len(str(a)) if a.tag in _TEXT_TAGS else 0
        if at + length <= k and not (length == 0 and at >= k):
            right.remove(b)  # wholly before the edge (a field mark or drawing before it stays before it)
        elif at >= k:
            left.remove(a)
        else:  # a w:t across the edge: its text is divided (a tab or break is one character, never divided)
            a.text, b.text = a.text[: k - at], a.text[k - at:]
            for t in (a, b):
                t.set(XML_SPACE, "preserve")
        at += length
    r.addprevious(left)
    r.addprevious(right)
    r.getparent().remove(r)
