"""The read stage: turn a report file (.txt, .docx, .pdf, web page) into an ``Extracted`` text.

The formats are one table (registry.py); the format comes from the file's bytes (sniff.py), the
extension only breaking ties. Every problem with the input is raised as ``InputError`` with a one-line
Chinese message naming the file.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import sys

from checker.errors import InputError
from checker.model import Extracted
from checker.readers.furniture import without_furniture
from checker.readers.registry import DEFAULT_MAX_BYTES, INPUT_FORMATS, InputFormat, Limits, register
from checker.readers.sniff import sniff

__all__ = ["read_bytes", "read_path", "DEFAULT_MAX_BYTES", "INPUT_FORMATS", "InputFormat", "Limits", "register"]


def read_path(path: str, *, max_bytes: int | None = None, limits: Limits | None = None,
              name: str | None = None) -> Extracted:
    """Read the report at ``path`` ("-" reads standard input) within ``limits``. ``name``: what the user
    calls the file, when it is stored under another (a service's upload under a generated name): messages
    and the result show it, and its extension breaks format ties as a path's would."""
    shown = path if name is None else name
    limits = limits or Limits(max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    max_bytes = limits.max_bytes
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise too_large(None, None, max_bytes)
        return read_bytes(data, None, limits=limits)
    try:
        status = os.stat(path)
        size = status.st_size
        if stat.S_ISDIR(status.st_mode):
            raise InputError(shown, zh="这是一个目录，不是文件", en="this is a directory, not a file")
        if not stat.S_ISREG(status.st_mode):
            # a pipe with no writer would block the open for ever, a device may never end: refused before opening
            raise InputError(shown, zh="不是普通文件（管道、设备等），拒绝读取；要从管道读入请用 - 表示标准输入",
                             en="not a regular file (a pipe, a device …); refused. Use - to read standard input")
        if size > max_bytes:
            raise too_large(shown, size, max_bytes)
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)  # st_size is 0 for pipes and some special files
    except FileNotFoundError:
        raise InputError(shown, zh="文件不存在", en="file not found") from None
    except PermissionError:
        raise InputError(shown, zh="没有读取该文件的权限", en="permission denied") from None
    except IsADirectoryError:
        raise InputError(shown, zh="这是一个目录，不是文件", en="this is a directory, not a file") from None
    except OSError as exc:
        raise InputError(shown, zh=f"无法读取文件（{exc.strerror}）", en=f"cannot read the file ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise too_large(shown, None, max_bytes)
    return read_bytes(data, shown, limits=limits)


def read_bytes(data: bytes, path: str | None, *, fmt: str | None = None, limits: Limits | None = None) -> Extracted:
    """Read a report held in memory; ``path`` names it in messages and hints at its format, ``fmt`` (a
    name in the input table: "txt", "docx", "pdf", "html") overrides the detection."""
    if not data:
        raise InputError(path, zh="文件为空", en="the file is empty")
    if fmt is not None and fmt not in INPUT_FORMATS:
        raise InputError(path, zh=f"不支持的格式：{fmt}", en=f"unsupported format: {fmt}")
    limits = limits or Limits()
    chosen = INPUT_FORMATS[fmt] if fmt is not None else sniff(data, path)
    if not chosen.readable:
        zh, en = chosen.unsupported or (f"不支持的格式：{chosen.name}", f"unsupported format: {chosen.name}")
        raise InputError(path, zh=zh, en=en)
    read = chosen.load()
    extracted = read(data, path, limits=limits) if chosen.takes_limits else read(data, path)
    if len(extracted.text) > limits.max_chars:
        raise InputError(
            path,
            zh=f"提取出的文字过多（{len(extracted.text):,}字），超过上限{limits.max_chars:,}字（可用 --max-chars 调整）",
            en=f"too much text ({len(extracted.text):,} characters; the limit is {limits.max_chars:,})",
        )
    if chosen.strip_furniture:
        # a web page printed to PDF or pasted into Word brings its furniture along
        extracted = without_furniture(extracted)
    # the table names the format, whatever a reader wrote (one reader may serve several rows)
    return dataclasses.replace(extracted, format=chosen.name) if extracted.format != chosen.name else extracted


def too_large(path: str | None, size: int | None, limit: int) -> InputError:
    if size is None:
        return InputError(
            path,
            zh=f"文件过大（超过上限 {human_size(limit)}）",
            en=f"the file is too large (over the limit of {human_size(limit, 'bytes')})",
        )
    return InputError(
        path,
        zh=f"文件过大（{human_size(size)}），上限为 {human_size(limit)}",
        en=f"the file is too large ({human_size(size, 'bytes')}); the limit is {human_size(limit, 'bytes')}",
    )


def human_size(size: int, unit: str = "字节") -> str:
    """A size for an error message (``unit``: the word for bytes in the message's language)."""
    if size < 1024:
        return f"{size} {unit}"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
