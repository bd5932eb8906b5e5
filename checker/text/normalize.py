"""The normalise stage: the extracted text made uniform for analysis, with a map back to it.

Reports come as simplified or traditional characters, with full-width or ASCII punctuation, with stray
spaces ("2023 年") and, when pulled from a PDF, with sentences broken at line and page ends. The analysis
stages should not care, so they read ``Document.norm``. Every finding must still point into the text the
user gave us, so each step either substitutes one character for one character or deletes characters; it
never inserts. Then ``to_text`` is simply the source offset of each kept character: monotonic, and a
contiguous normalised span maps to a contiguous source span.

Steps, in the order they run (t2s runs last so that it converts the re-joined text, where a word broken
across a PDF line is whole again; it changes only Han characters, so no earlier decision depends on it):

    width folding → zero-width and CR deletion → stray spaces inside CJK text → line stripping,
    blank and page-number lines → re-joining broken lines → traditional → simplified (OpenCC t2s)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

from checker.model import Document, Extracted, Script
from checker.text.markers import INLINE, leading_marker

if TYPE_CHECKING:
    from opencc import OpenCC

# Han ideographs (unified, extensions A–I, compatibility), radicals and strokes, 々 and 〇 (二〇二三年).
_HAN = "\u2e80-\u2fdf\u3005\u3007\u31c0-\u31ef\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
# Punctuation and symbols of CJK typesetting: 。、“”《》〔〕…—·, ①, ㈠, ■●★, full/half-width forms.
_CJK_PUNCT = (
    "\u00b7\u2010-\u2027\u2030-\u205e\u2160-\u217f\u2460-\u24ff\u25a0-\u27bf"
    "\u3000-\u303f\u3200-\u32ff\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uffef"
)
_ASCII_PUNCT = r"\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e"
_HAN_RE = re.compile(f"[{_HAN}]")
_HAN_RUN = re.compile(f"[{_HAN}]+")

_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\r]+")
# A run of spaces (any whitespace but the newline) with CJK on one side and CJK, a digit or punctuation on
# the other: "2023 年", "民政局 2023", "143 个". Between two Latin words or numbers it is kept ("Word 2016").
_SIDE = f"[{_HAN}{_CJK_PUNCT}]"
_ANY = f"[{_HAN}{_CJK_PUNCT}0-9{_ASCII_PUNCT}]"
_STRAY_SPACE = re.compile(rf"(?<={_SIDE})[^\S\n]+(?={_ANY})|(?<={_ANY})[^\S\n]+(?={_SIDE})")

# "- 3 -", "— 3 —", "第 3 页", "第3页 共12页", "3/12" (before t2s, so 頁 too).
_PAGE_NUMBER = re.compile(
    r"[-–—―]\s*\d{1,4}\s*[-–—―]|第\s*\d{1,4}\s*[页頁](?:\s*[,/]?\s*共\s*\d{1,4}\s*[页頁])?|\d{1,4}\s*/\s*\d{1,4}"
)
# Line-joining evidence, on width-folded text (，→, ；→; ：→: ！→! ？→?).
_CLAUSE_END = re.compile(r"[。!?;:][”’」』)\]】》〕〉\"']*$")  # a sentence ends, or a list is introduced
_BODY_PUNCT = re.compile(r"[,、。;]")  # running prose; ":" alone is a label line ("发布日期:…")
_WRAP_END = re.compile(r"[,、]$")  # the line stops mid-clause
_SENTENCE_PUNCT = re.compile(r"[。;!?]")  # a heading line with a sentence after it is a run-in heading
_HEAD_CHARS = 16  # enough of a paragraph's start to recognise its numbering marker
_CHUNK = 1 << 16


def is_cjk(ch: str) -> bool:
    """True for a Han ideograph (any block, including radicals), 々 and 〇."""
    return len(ch) == 1 and _HAN_RE.match(ch) is not None


def fold(text: str) -> str:
    """Width-fold and convert to simplified characters a short string (for matching checklist synonyms).

    The same substitutions ``normalise`` makes, one character for one, without deleting anything.
    """
    return _to_simplified(_fold_width(text))


def normalise(extracted: Extracted) -> Document:
    """The analysis text of a report and the map from each of its characters back to the extracted text."""
    text = extracted.text
    s = _fold_width(text)
    idx: Sequence[int] = range(len(text))
    s, idx = _keep(s, idx, _complement(_ZERO_WIDTH, s))
    s, idx = _keep(s, idx, _complement(_STRAY_SPACE, s))
    s, idx = _keep(s, idx, _paragraph_segments(s))
    norm = _to_simplified(s)
    return Document(
        source=extracted,
        norm=norm,
        to_text=(*idx, len(text)),
        script=_script(s, norm),
        line_starts=_line_starts(text),
    )


def _build_width_table() -> dict[int, int]:
    """Full-width ASCII → ASCII, every kind of space → " ", Kangxi radicals (as some PDFs emit) → Han."""
    table = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
    for c in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000):
        table[c] = 0x20
    for c in range(0x2E80, 0x2FE0):
        folded = unicodedata.normalize("NFKC", chr(c))
        if len(folded) == 1 and folded != chr(c):
            table[c] = ord(folded)
    return table


_WIDTH_TABLE = _build_width_table()
_WIDTH_RUN = re.compile("[" + re.escape("".join(map(chr, _WIDTH_TABLE))) + "]+")


def _fold_width(text: str) -> str:
    # str.translate looks every non-ASCII character up in the table; translating only the runs that
    # need it is ten times faster on Chinese text.
    return _WIDTH_RUN.sub(lambda m: m.group().translate(_WIDTH_TABLE), text)


def _complement(pattern: re.Pattern[str], s: str) -> list[tuple[int, int]]:
    """The segments of ``s`` between the matches of ``pattern`` (what a deletion keeps)."""
    segments = []
    pos = 0
    for m in pattern.finditer(s):
        if m.start() > pos:
            segments.append((pos, m.start()))
        pos = m.end()
    if pos < len(s):
        segments.append((pos, len(s)))
    return segments


def _keep(s: str, idx: Sequence[int], segments: list[tuple[int, int]]) -> tuple[str, Sequence[int]]:
    """Keep only ``segments`` of ``s``, and the same slices of the offset map (C-level slicing, no loop)."""
    if segments == [(0, len(s))]:
        return s, idx
    kept = "".join(s[a:b] for a, b in segments)
    return kept, list(chain.from_iterable(idx[a:b] for a, b in segments))


def _paragraph_segments(s: str) -> list[tuple[int, int]]:
    """What to keep of ``s`` so that paragraphs are separated by exactly one newline.

    Each line is stripped; blank lines and page-number lines are dropped; a line that continues a broken
    sentence is glued to the paragraph before it (the newline, blank lines and page numbers between them
    are deleted). Otherwise the newline that ends the paragraph's last line is kept.
    """
    segments: list[tuple[int, int]] = []
    pos = 0
    newline = -1  # the "\n" after the last kept line
    head, last, has_body, has_sentence = "", "", False, False
    for raw in s.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        line = raw.strip()
        if not line or _PAGE_NUMBER.fullmatch(line):
            continue
        a = start + len(raw) - len(raw.lstrip())
        if segments and _continues(head, last, has_body, has_sentence, line):
            head = head if len(head) >= _HEAD_CHARS else head + line[:_HEAD_CHARS]
        else:
            if segments:
                segments.append((newline, newline + 1))
            head, has_body, has_sentence = line[:_HEAD_CHARS], False, False
        last = line
        has_body = has_body or _BODY_PUNCT.search(line) is not None
        has_sentence = has_sentence or _SENTENCE_PUNCT.search(line) is not None
        segments.append((a, a + len(line)))
        newline = start + len(raw)
    return _merge(segments)


def _continues(head: str, last: str, has_body: bool, has_sentence: bool, nxt: str) -> bool:
    """Whether ``nxt`` continues the paragraph whose start is ``head`` and whose last line is ``last``.

    A PDF breaks a sentence wherever the line or page ends, so a paragraph that reads as running prose and
    stops without a sentence end goes on in the next line. A title or org-name line has no prose
    punctuation and a heading ends without any, so they stay apart; a numbered heading is only continued
    when it is visibly wrapped (ends with ，、) or is a run-in heading with a sentence after it. A line that
    opens with numbering (一、 (二) 3. 一是) always starts afresh.
    """
    if _CLAUSE_END.search(last) or not has_body:
        return False
    if leading_marker(head) and not (_WRAP_END.search(last) or has_sentence):
        return False
    return leading_marker(nxt) is None and INLINE.match(nxt) is None


def _merge(segments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in segments:
        if merged and merged[-1][1] == a:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


@functools.cache
def _converter() -> OpenCC:
    """The OpenCC t2s converter, loaded on first use (``checker --help`` must not load it)."""
    import opencc

    return opencc.OpenCC("t2s.json")


@functools.cache
def _to_traditional_converter() -> OpenCC:
    import opencc

    return opencc.OpenCC("s2t.json")


def in_script(text: str, script: Script) -> str:
    """Simplified text (a suggested wording) in the script the report is written in, so that a correction
    offered to a traditional-script report reads like the rest of it."""
    return _to_traditional_converter().convert(text) if script == "traditional" else text


def _to_simplified(text: str) -> str:
    """OpenCC t2s, one character for one, repeated until nothing changes.

    Repeating makes ``normalise`` idempotent: a phrase rule may keep a character that, out of that phrase,
    converts again (懷釐 → 怀釐 → 怀厘), and 薴 → 苧 → 苎 takes two steps.
    """
    for _ in range(4):
        converted = _convert_same_length(text)
        if converted == text:
            break
        text = converted
    return text


def _convert_same_length(text: str) -> str:
    """t2s of ``text``, falling back to lines, then characters, wherever the length would change."""
    converted = _try_convert(text)
    if converted is not None and len(converted) == len(text):
        return converted
    lines = []
    for line in text.split("\n"):
        out = _try_convert(line)
        if out is None or len(out) != len(line):
            out = "".join(map(_convert_char, line))
        lines.append(out)
    return "\n".join(lines)


@functools.cache
def _convert_char(ch: str) -> str:
    out = _try_convert(ch)
    return out if out is not None and len(out) == 1 else ch


def _try_convert(text: str) -> str | None:
    try:
        return str(_converter().convert(text))
    except UnicodeError:  # lone surrogates (text decoded with surrogateescape) cannot go to OpenCC
        return None


def _script(before: str, after: str) -> Script:
    """Traditional when a meaningful share of the Han characters changed under t2s.

    Running traditional prose changes a quarter to a third of its characters; simplified prose changes
    almost none, but may quote a traditional name or two. So: at least 3% of the Han characters, and at
    least 20 of them, except that a short text (a title alone) needs a tenth of its characters instead.
    """
    if before == after:
        return "simplified"
    han = len(before) - len(_HAN_RUN.sub("", before))
    needed = max(han * 0.03, min(20, han * 0.1))
    changed = 0
    for i in range(0, len(before), _CHUNK):  # traditional text passes the bar early: stop there
        changed += sum(map(str.__ne__, before[i : i + _CHUNK], after[i : i + _CHUNK]))
        if changed >= needed:
            return "traditional"
    return "simplified"


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return tuple(starts)
