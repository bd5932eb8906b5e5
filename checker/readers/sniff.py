"""Decide which input format a file is from its bytes, with the file name's extension as a hint.

The formats and their byte tests are the table in registry.py; this module orders the tests (binary
formats, then files that are no report at all, then text). The byte heuristics are in signatures.py,
below both.

The checks are magic numbers and a look at the first few kilobytes: libraries such as ``filetype`` only
know the magic numbers, and none of them tells a report saved as text from a saved web page or from a
binary file, which is the distinction that matters here.
"""

from __future__ import annotations

import os

from checker.errors import InputError
from checker.readers.registry import INPUT_FORMATS, InputFormat, by_suffix
from checker.readers.signatures import looks_binary_text

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
