"""The read stage: turn a report file (.txt, .docx, .pdf, web page) into an ``Extracted`` text.

The format comes from the file's bytes (see sniff.py), the extension only breaking ties. Every problem
with the input is raised as ``InputError`` with a one-line Chinese message naming the file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from checker.errors import InputError
from checker.model import Extracted
from checker.readers.furniture import without_furniture
from checker.readers.sniff import sniff

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
FORMATS = ("txt", "docx", "pdf", "html")

__all__ = ["read_bytes", "read_path", "DEFAULT_MAX_BYTES", "FORMATS", "Limits"]


@dataclass(frozen=True)
class Limits:
    """What one input may cost; exceeding a limit is a clear error, never an exhausted machine.

    A real annual report is a few hundred KB of text; a .docx with photographs may reach tens of MB.
    """

    max_bytes: int = DEFAULT_MAX_BYTES  # size of the file as given
    max_chars: int = 2_000_000  # characters of extracted text (a long report has ~30,000)
    docx_ratio: int = 100  # uncompressed document.xml against the .docx file: more is a zip bomb


def read_path(path: str, *, max_bytes: int | None = None, limits: Limits | None = None) -> Extracted:
    """Read the report at ``path`` ("-" reads standard input) within ``limits``."""
    limits = limits or Limits(max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    max_bytes = limits.max_bytes
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise too_large(None, None, max_bytes)
        return read_bytes(data, None, limits=limits)
    try:
        size = os.stat(path).st_size
        if os.path.isdir(path):
            raise InputError(path, zh="这是一个目录，不是文件", en="this is a directory, not a file")
        if size > max_bytes:
            raise too_large(path, size, max_bytes)
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)  # st_size is 0 for pipes and some special files
    except FileNotFoundError:
        raise InputError(path, zh="文件不存在", en="file not found") from None
    except PermissionError:
        raise InputError(path, zh="没有读取该文件的权限", en="permission denied") from None
    except IsADirectoryError:
        raise InputError(path, zh="这是一个目录，不是文件", en="this is a directory, not a file") from None
    except OSError as exc:
        raise InputError(path, zh=f"无法读取文件（{exc.strerror}）", en=f"cannot read the file ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise too_large(path, None, max_bytes)
    return read_bytes(data, path, limits=limits)


def read_bytes(data: bytes, path: str | None, *, fmt: str | None = None, limits: Limits | None = None) -> Extracted:
    """Read a report held in memory; ``path`` names it in messages and hints at its format, ``fmt``
    ("txt", "docx", "pdf", "html") overrides the detection."""
    if not data:
        raise InputError(path, zh="文件为空", en="the file is empty")
    if fmt is not None and fmt not in FORMATS:
        raise InputError(path, zh=f"不支持的格式：{fmt}", en=f"unsupported format: {fmt}")
    limits = limits or Limits()
    chosen = fmt or sniff(data, path)
    if chosen == "docx":
        from checker.readers.docx import read_docx

        extracted = read_docx(data, path, max_ratio=limits.docx_ratio)
    else:
        extracted = reader(chosen)(data, path)
    if len(extracted.text) > limits.max_chars:
        raise InputError(
            path,
            zh=f"提取出的文字过多（{len(extracted.text):,}字），超过上限{limits.max_chars:,}字（可用 --max-chars 调整）",
            en=f"too much text ({len(extracted.text):,} characters; the limit is {limits.max_chars:,})",
        )
    if chosen in ("docx", "pdf"):
        # A web page printed to PDF or pasted into Word brings its furniture along; txt and html
        # readers strip it themselves (html must, before it recovers the title).
        extracted = without_furniture(extracted)
    return extracted


def reader(fmt: str) -> Callable[[bytes, str | None], Extracted]:
    """The reader function of a format; each reader module loads its library only when called."""
    if fmt == "docx":
        from checker.readers.docx import read_docx

        return read_docx
    if fmt == "pdf":
        from checker.readers.pdf import read_pdf

        return read_pdf
    if fmt == "html":
        from checker.readers.html import read_html

        return read_html
    from checker.readers.txt import read_txt

    return read_txt


def too_large(path: str | None, size: int | None, limit: int) -> InputError:
    if size is None:
        return InputError(
            path,
            zh=f"文件过大（超过上限 {human_size(limit)}）",
            en=f"the file is too large (over the limit of {human_size(limit, 'en')})",
        )
    return InputError(
        path,
        zh=f"文件过大（{human_size(size)}），上限为 {human_size(limit)}",
        en=f"the file is too large ({human_size(size, 'en')}); the limit is {human_size(limit, 'en')}",
    )


def human_size(size: int, lang: str = "zh") -> str:
    if size < 1024:
        return f"{size} 字节" if lang == "zh" else f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
