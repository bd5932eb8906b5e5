"""What the first bytes of a file say: binary or text, UTF-16 without a byte-order mark, markup.

Heuristics shared by the format table (registry.py, whose rows test bytes), the sniffer that orders those
tests (sniff.py) and the text reader; they import nothing of the readers, so nothing circles back.
"""

from __future__ import annotations

import re

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
WIDE_BOMS = UTF16_BOMS + UTF32_BOMS  # text whose NUL bytes are not a sign of a binary file
HTML_MARKERS = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]")
CONTROL_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13, 27}
SAMPLE = 8192


def looks_binary_text(data: bytes) -> bool:
    """Binary, unless it is UTF-16/32 text (with a byte-order mark, or UTF-16 without one), whose NUL
    bytes are part of the encoding."""
    return not data.startswith(WIDE_BOMS) and utf16_without_bom(data) is None and looks_binary(data[:SAMPLE])


UTF16_TEXT = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the start of ``data`` decodes to Chinese text that way: Notepad and
    some export tools write UTF-16 with no byte-order mark. Text means ≥ 95 % ASCII, CJK and their
    punctuation, with ideographs among them; random bytes decode to that in neither byte order."""
    sample = data[: SAMPLE - SAMPLE % 2] if len(data) >= 2 else b""
    if len(sample) < 2 or b"\x00" not in sample:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        text = sample.decode(codec, errors="replace")
        plausible = len(UTF16_TEXT.findall(text))
        ideographs = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        if plausible >= 0.95 * len(text) and ideographs >= 0.1 * len(text):
            return codec
    return None


def looks_binary(sample: bytes) -> bool:
    """NUL bytes, or more than 10% control bytes other than tab/newline/form feed/escape."""
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in CONTROL_BYTES)
    return controls > len(sample) // 10


def looks_like_html(sample: bytes) -> bool:
    """The decoded start of the file is markup: it opens with "<" and has an html/head/body/meta tag."""
    if sample.startswith(UTF32_BOMS):
        return False
    if sample.startswith(UTF16_BOMS):
        head = sample.decode("utf-16", errors="ignore")
    else:
        # Tags are ASCII in every encoding we accept except UTF-16, so latin-1 decoding is enough.
        head = sample.decode("latin-1")
    head = head.lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()
    if not head.startswith("<"):
        return False
    return HTML_MARKERS.search(head[:2048].encode("latin-1", errors="ignore")) is not None
