"""Uploaded files: size and count limits, stored under generated names, removed after the request.

A file's name is the user's text, never a path here: it is kept as display text and handed to the
pipeline beside the generated name (``check_files(names=…)``). A .zip of a batch is opened here, its
members stored the same way, within the same limits.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from starlette.datastructures import UploadFile

from checker.errors import InputError
from checker.model import printable_name
from checker.readers import too_large
from checker.readers.registry import suffixes

_CHUNK = 1024 * 1024


class TooLarge(InputError):
    """An upload over a limit (HTTP 413)."""


class UnsupportedFormat(InputError):
    """An upload that is no report format the readers know (HTTP 415)."""


@dataclass
class Stored:
    """The files of one request, in a private temporary folder."""

    folder: str
    names: dict[str, str] = field(default_factory=dict)  # stored path → the user's name (display text)

    def add(self, name: str) -> str:
        fd, path = tempfile.mkstemp(dir=self.folder, prefix="upload-")
        os.close(fd)
        self.names[path] = printable_name(name or "upload")
        return path


@contextlib.contextmanager
def stored() -> Iterator[Stored]:
    """A private folder for one request's uploads, removed with everything in it when the request ends."""
    folder = tempfile.mkdtemp(prefix="checker-serve-")
    try:
        yield Stored(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def save(upload: UploadFile, into: Stored, max_bytes: int) -> str:
    """Copy ``upload`` to a generated name in ``into``, refusing it at the first byte over ``max_bytes``."""
    path = into.add(upload.filename or "upload")
    name = into.names[path]
    written = 0
    with open(path, "wb") as out:
        while chunk := await upload.read(_CHUNK):
            written += len(chunk)
            if written > max_bytes:
                raise _too_large(name, max_bytes)
            out.write(chunk)
    return path


def _too_large(name: str, limit: int) -> TooLarge:
    e = too_large(name, None, limit)
    return TooLarge(e.path, e.zh, e.en)


def check_format(path: str, name: str) -> None:
    """Refuse now (415) what no reader can read, with the readers' own message; the rest goes to the
    pipeline, which refuses a damaged file of a known format (400)."""
    from checker.readers.sniff import sniff

    with open(path, "rb") as fh:
        head = fh.read()
    if not head:
        return  # the pipeline says the file is empty
    try:
        chosen = sniff(head, name)
    except InputError as e:
        raise UnsupportedFormat(e.path, e.zh, e.en) from None
    if not chosen.readable:
        zh, en = chosen.unsupported or (f"不支持的格式：{chosen.name}", f"unsupported format: {chosen.name}")
        raise UnsupportedFormat(name, zh, en)


def unzip(path: str, name: str, into: Stored, max_bytes: int, max_files: int) -> list[str]:
    """The reports inside a .zip of a batch (the suffixes the readers know; folders, hidden files and
    Word lock files skipped), each stored under a generated name; at most ``max_files`` of at most
    ``max_bytes`` each, counted while inflating (a zip's declared sizes are the sender's to write)."""
    wanted = suffixes()
    found: list[Any] = []
    try:
        with zipfile.ZipFile(path) as package:
            members = [m for m in package.infolist() if not m.is_dir()]
            for member in sorted(members, key=lambda m: m.filename):
                inner = PurePosixPath(member.filename.replace("\\", "/"))
                if inner.suffix.lower() not in wanted or any(p.startswith((".", "__MACOSX")) and p != ".." for p in inner.parts) \
                        or inner.name.startswith("~$"):
                    continue
                if len(found) >= max_files:
                    raise TooLarge(name, f"压缩包中的报告超过 {max_files} 份", f"over {max_files} reports in the archive")
                target = into.add(str(inner))
                written = 0
                with package.open(member) as src, open(target, "wb") as out:
                    while chunk := src.read(_CHUNK):
                        written += len(chunk)
                        if written > max_bytes:
                            raise _too_large(into.names[target], max_bytes)
                        out.write(chunk)
                found.append(target)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError, EOFError) as exc:
        raise InputError(name, f"无法打开压缩包（{exc}）", f"cannot open the zip file ({exc})") from None
    if not found:
        raise InputError(name, "压缩包中没有可检查的报告文件", "no report files in the zip")
    return found
