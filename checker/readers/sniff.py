"""Decide which input format a file is from its bytes, with the file name's extension as a hint.

The formats and their byte tests are the table in registry.py; this module orders the tests (binary
formats, then files that are no report at all, then text) and holds the byte heuristics.

The checks are magic numbers and a look at the first few kilobytes: libraries such as ``filetype`` only
know the magic numbers, and none of them tells a report saved as text from a saved web page or from a
binary file, which is the distinction that matters here.
"""

from __future__ import annotations

import os
import re

from checker.errors import InputError
from checker.readers.registry import INPUT_FORMATS, InputFormat, by_suffix

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
WIDE_BOMS = UTF16_BOMS + UTF32_BOMS  # text whose NUL bytes are not a sign of a binary file

# Other formats people hand in by mistake, named so that the message says what the file is. A zip that
# no row of the input table claims (an .xlsx, a .zip) lands here: a zip is not assumed to be a .docx.
KNOWN_BINARY: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG", "PNG 图片", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"GIF8", "GIF 图片", "a GIF image"),
    (b"Rar!", "RAR 压缩包", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", "a 7z archive"),
    (b"\x1f\x8b", "gzip 压缩包", "a gzip archive"),
    (b"{\\rtf", "RTF 文档", "an RTF document"),
    (b"PK\x03\x04", "zip 压缩包（不是 Word 文档）", "a zip archive (not a Word document)"),
    (b"PK\x05\x06", "zip 压缩包（不是 Word 文档）", "a zip archive (not a Word document)"),
)

HTML_MARKERS = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]")
CONTROL_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13, 27}
SAMPLE = 8192


def extension(path: str | None) -> str:
    """The lower-case extension of ``path`` without the dot ("" for stdin or none)."""
    if not path or path == "-":
        return ""
    return os.path.splitext(path)[1].lower().lstrip(".")


def sniff(data: bytes, path: str | None) -> InputFormat:
    """The input format of ``data`` (see registry.py); raises InputError for binary files that are no
    report. A format we know but cannot read (.doc, .ofd) is returned: the caller says why."""
    ext = extension(path)
    named = by_suffix(ext)
    formats = list(INPUT_FORMATS.values())
    found = _first_match([f for f in formats if not f.text], data, ext)
    if found is not None:
        return found
    if named is not None and not named.text and named.invalid is not None:
        raise InputError(path, zh=named.invalid[0], en=named.invalid[1])
    for magic, zh, en in KNOWN_BINARY:
        if data.startswith(magic):
            raise InputError(path, zh=f"这是{zh}，不是报告文本", en=f"this is {en}, not report text")
    if looks_binary_text(data):
        raise InputError(path, zh="这是二进制文件，不是报告文本", en="this is a binary file, not report text")
    found = _first_match([f for f in formats if f.text], data, ext)
    if found is not None:
        return found
    if named is not None and named.text:
        return named
    return next(f for f in formats if f.text and f.sniff is None)


def _first_match(candidates: list[InputFormat], data: bytes, ext: str) -> InputFormat | None:
    """The candidate whose bytes match, the one the extension names among several."""
    matching = [f for f in candidates if f.sniff is not None and f.sniff(data, ext)]
    return next((f for f in matching if "." + ext in f.suffixes), matching[0] if matching else None)


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
