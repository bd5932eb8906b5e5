"""Decide which reader a file needs from its first bytes, with the file name's extension as a hint.

The checks are magic numbers and a look at the first few kilobytes: libraries such as ``filetype`` only
know the magic numbers, and none of them tells a report saved as text from a saved web page or from a
binary file, which is the distinction that matters here.
"""

from __future__ import annotations

import os
import re
from typing import Literal

from checker.errors import InputError

Format = Literal["txt", "docx", "pdf", "html"]

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.wps/.xls (Compound File Binary)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
WIDE_BOMS = UTF16_BOMS + UTF32_BOMS  # text whose NUL bytes are not a sign of a binary file

# Other formats people hand in by mistake, named so that the message says what the file is.
KNOWN_BINARY: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG", "PNG 图片", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"GIF8", "GIF 图片", "a GIF image"),
    (b"Rar!", "RAR 压缩包", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", "a 7z archive"),
    (b"\x1f\x8b", "gzip 压缩包", "a gzip archive"),
    (b"{\\rtf", "RTF 文档", "an RTF document"),
)

HTML_MARKERS = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]")
CONTROL_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13, 27}
SAMPLE = 8192


def extension(path: str | None) -> str:
    """The lower-case extension of ``path`` without the dot ("" for stdin or none)."""
    if not path or path == "-":
        return ""
    return os.path.splitext(path)[1].lower().lstrip(".")


def sniff(data: bytes, path: str | None) -> Format:
    """The format of ``data``; raises InputError for formats we cannot read (old .doc, binary files)."""
    ext = extension(path)
    if data.startswith(ZIP_MAGIC):
        return "docx"
    if data.startswith(OLE2_MAGIC):
        raise InputError(
            path,
            zh="这是旧版 Word（.doc）或 WPS 格式的文件，请用 Word 或 WPS 另存为 .docx 或 .txt 后再检查",
            en="this is a legacy Word (.doc) or WPS file; save it as .docx or .txt and check again",
        )
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if ext == "docx":
        raise InputError(
            path,
            zh="不是有效的 .docx 文件：文件不是 zip 压缩包",
            en="not a valid .docx file: it is not a zip archive",
        )
    if ext == "pdf":
        raise InputError(
            path,
            zh="不是有效的 PDF 文件：缺少 %PDF 文件头",
            en="not a valid PDF file: the %PDF header is missing",
        )
    for magic, zh, en in KNOWN_BINARY:
        if data.startswith(magic):
            raise InputError(path, zh=f"这是{zh}，不是报告文本", en=f"this is {en}, not report text")
    if not data.startswith(WIDE_BOMS) and looks_binary(data[:SAMPLE]):
        raise InputError(path, zh="这是二进制文件，不是报告文本", en="this is a binary file, not report text")
    if ext in ("htm", "html", "xhtml", "shtml") or looks_like_html(data[:SAMPLE]):
        return "html"
    return "txt"


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
