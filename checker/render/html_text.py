"""The report's text as HTML, with spans marked; the character diff of a recycled passage; and the
helpers that make report-derived values safe to write (``esc``, ``frag``, ``href``).

Apart from ``html.py`` because marking spans is its own small algorithm: finding spans and recycled
passages overlap and cross each other and line ends, while HTML elements must nest. Each span is cut
where it has to be; the first piece carries the id (``<mark id="f3">``) that the findings list links to,
and every piece carries ``data-f`` so that the pieces can be found together.

Everything report-derived goes through ``esc``.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote


def esc(value: object) -> str:
    """Escape for element text and for double-quoted attribute values alike (``& < > " '``)."""
    return html.escape(str(value), quote=True)


def frag(value: str) -> str:
    """A fragment id made from a checklist id (YAML the user may write): only safe characters."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", value)


def href(path: str) -> str:
    """A relative link to a file: percent-encoded, so that ``javascript:`` or ``//host`` cannot become one."""
    return re.sub(r"^/{2,}", "/", quote(path.replace("\\", "/"), safe="/"))


@dataclass(frozen=True, eq=False)
class Span:
    """A stretch of the text to wrap: ``tag`` with ``css`` class and a ``title`` tooltip, ids from ``key``."""

    start: int
    end: int
    key: str  # "f3" for the third finding, "r2" for the second recycled passage
    tag: str  # "mark" or "span"
    css: str
    title: str


def marked_text(text: str, spans: Sequence[Span]) -> str:
    """The text paragraph by paragraph (one ``<p id="L{n}">`` per line), with the spans wrapped."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, s.key))
    opened: set[str] = set()
    out, start = [], 0
    for n, line in enumerate(text.split("\n"), 1):
        end = start + len(line)
        inside = [s for s in ordered if (s.start < end and s.end > start) or (s.start == s.end and start <= s.start <= end)]
        body = _line(text, start, end, inside, opened)
        out.append(f'<p id="L{n}" data-line="{n}">{body}</p>')
        start = end + 1
    return "\n".join(out)


def _open(s: Span, opened: set[str]) -> str:
    first = s.key not in opened
    opened.add(s.key)
    ident = f' id="{esc(s.key)}"' if first else ""
    css = s.css if first else f"{s.css} cont"
    return f'<{s.tag}{ident} data-f="{esc(s.key)}" class="{esc(css)}" title="{esc(s.title)}">'


def _line(text: str, start: int, end: int, spans: list[Span], opened: set[str]) -> str:
    """One line, spans clipped to it; a span that must close under another is closed and reopened."""
    cuts = sorted({start, end} | {min(max(p, start), end) for s in spans for p in (s.start, s.end)})
    out: list[str] = []
    stack: list[Span] = []
    for k, pos in enumerate(cuts):
        ending = [s for s in stack if min(s.end, end) <= pos]
        if ending:
            low = min(stack.index(s) for s in ending)
            keep = [s for s in stack[low:] if s not in ending]
            out.extend(f"</{s.tag}>" for s in reversed(stack[low:]))
            del stack[low:]
            for s in keep:
                out.append(_open(s, opened))
                stack.append(s)
        for s in spans:
            if s.start == s.end == pos:  # a point (something missing here): an empty mark
                out.append(f"{_open(Span(s.start, s.end, s.key, s.tag, s.css + ' pt', s.title), opened)}</{s.tag}>")
            elif max(s.start, start) == pos and s.end > pos and s not in stack:
                out.append(_open(s, opened))
                stack.append(s)
        if k + 1 < len(cuts):
            out.append(esc(text[pos : cuts[k + 1]]))
    out.extend(f"</{s.tag}>" for s in reversed(stack))
    return "".join(out)


def diff(here: str, there: str) -> tuple[str, str]:
    """Character diff, CNKI-like: identical runs red (``same``), edited runs orange (``edit``) on both
    sides, new text plain; text only the source has is struck through on its side (``gone``).

    An 'equal' run of one or two characters between edits counts as edited: otherwise a changed figure
    ('3100' → '4260' sharing a '0') would be speckled with red.
    """
    runs: list[list[str]] = []  # [kind, here, there], neighbours of one kind merged into one run
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, here, there, autojunk=False).get_opcodes():
        short = op == "equal" and a1 - a0 <= 2 and 0 < a0 and a1 < len(here)
        kind = "edit" if op == "replace" or short else "same" if op == "equal" else op
        if runs and runs[-1][0] == kind:
            runs[-1][1] += here[a0:a1]
            runs[-1][2] += there[b0:b1]
        else:
            runs.append([kind, here[a0:a1], there[b0:b1]])
    left = "".join(f'<span class="{k}">{esc(a)}</span>' if k in ("same", "edit") else esc(a) for k, a, _ in runs if a)
    right = "".join(f'<span class="{k if k in ("same", "edit") else "gone"}">{esc(b)}</span>' for k, _, b in runs if b)
    return left, right
