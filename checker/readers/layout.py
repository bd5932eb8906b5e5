"""Fixed-layout pages (PDF, OFD) back into paragraphs: the geometry a Chinese report is typeset with.

Readers of page formats give positioned text lines; they do not know paragraphs, page furniture or CJK
layout, so those are rebuilt here:

* a body paragraph's first line is indented by two characters, its other lines start at the left
  margin, and every line but its last runs to the right margin (or nearly: an unbreakable number or a
  quote mark may push a few characters to the next line);
* headings are short lines; a line starting with a heading marker (一、 （一） 第一章) opens a paragraph;
* page numbers ("- 3 -", "第 3 页", "3/12") sit at the very top or bottom of a page, and running headers
  or footers repeat there on many pages.

A line is joined to the one before it (across page breaks too) when that one runs to the right margin
and this one is not indented, opens no heading and follows without a blank gap. Joined CJK text gets no
space. Coordinates may be in any unit, as long as one page's lines use the same one.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～_\s]*\d{1,4}[-—–－~～_\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|"
    r"共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页|\d+\s*/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$",
    re.IGNORECASE,
)
HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[章节部分])")
SENTENCE_END = re.compile(r"[。！？!?：:；;][”’」』）)]*$")
EDGE_LINES = 2  # how many lines at the top and the bottom of a page may be furniture
EDGE_ZONE = 0.2  # … and only within this fraction of the page's text height from its edge


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # median font size: the width of one CJK character
    page: int


def drop_page_furniture(pages: list[list[Line]]) -> tuple[list[Line], list[str]]:
    """Body lines of all pages in order, and the page numbers and running headers/footers dropped."""
    edges = [edge_lines(lines) for lines in pages]
    seen_on = Counter(key for page_edges in edges for key in {furniture_key(line.text) for line in page_edges})
    needed = max(2, math.ceil(len(pages) / 2))
    running = {key for key, count in seen_on.items() if key and count >= needed}
    body: list[Line] = []
    dropped: list[str] = []
    for lines, page_edges in zip(pages, edges, strict=True):
        for line in lines:
            is_edge = any(line is edge for edge in page_edges)
            if is_edge and (PAGE_NUMBER.match(line.text) or furniture_key(line.text) in running):
                dropped.append(line.text)
            else:
                body.append(line)
    return body, dropped


def edge_lines(lines: list[Line]) -> list[Line]:
    """The first and last EDGE_LINES lines of a page that lie near its top or bottom edge."""
    if not lines:
        return []
    top = min(line.top for line in lines)
    bottom = max(line.bottom for line in lines)
    zone = (bottom - top) * EDGE_ZONE
    head = [line for line in lines[:EDGE_LINES] if line.top <= top + zone]
    tail = [line for line in lines[-EDGE_LINES:] if line.bottom >= bottom - zone]
    return head + [line for line in tail if not any(line is h for h in head)]


def furniture_key(text: str) -> str:
    """A header's text with digits and spaces removed, so "第3页 某局" matches "第4页 某局"."""
    return re.sub(r"[\d\s]+", "", text)


def join_paragraphs(lines: list[Line]) -> list[str]:
    """Re-join lines broken by the layout (see the module docstring) into one string per paragraph."""
    if not lines:
        return []
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    ends = sorted(line.x1 for line in lines)
    right = ends[int(0.9 * (len(ends) - 1))]
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if a.page == b.page and b.top > a.top]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    paragraphs: list[str] = [lines[0].text]
    for prev, line in zip(lines, lines[1:], strict=False):
        slack = right - prev.x1
        # Unbreakable Latin/number runs and kinsoku can leave an unjustified line a few characters
        # short; such a line still continues unless it ends a sentence.
        full = prev.x1 - left >= 0.6 * (right - left) and (
            slack <= 1.5 * prev.size or (slack <= 4 * prev.size and not SENTENCE_END.search(prev.text))
        )
        indented = line.x0 > left + 0.9 * line.size
        # more space than between the lines of a paragraph, or a move up the page (a new column)
        gap = line.page == prev.page and (
            line.top <= prev.top or line.top - prev.bottom > usual_gap + 0.5 * prev.size
        )
        if full and not indented and not gap and not HEADING_START.match(line.text):
            # English words broken at a line end get their space back; CJK text and numbers get none.
            glue = " " if re.match(r"[A-Za-z]", line.text) and re.search(r"[A-Za-z,.;:]$", prev.text) else ""
            paragraphs[-1] += glue + line.text
        else:
            paragraphs.append(line.text)
    return paragraphs
