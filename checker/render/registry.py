"""Every output format, declared once: its name (``--format``), the output file names that imply it, and
the renderer that writes it.

Every renderer has one signature, ``write(results, target, ctx)``: ``target`` is the file (or folder) the
user named with ``--output``, or None for standard output. The command line's ``--format`` choices and
help, the pairing of ``--format`` with ``--output`` and the writing all read this table. Adding a
renderer is one module with a ``write`` function plus one ``register()`` line below.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.model import Result


@dataclass(frozen=True)
class RenderContext:
    """What a renderer is told besides the results."""

    lang: str = "zh"
    unreadable: tuple[tuple[str, str], ...] = ()  # (path, reason): files a batch could not check
    batch: bool = False  # a batch: HTML is an index and pages even for one report
    reviewer: str | None = None  # the author of Word comments (--reviewer); None: the checker's name
    # every output this run writes, (format name, target): one output may link to another (the workbook to
    # the HTML pages)
    outputs: tuple[tuple[str, str], ...] = ()


class RenderError(Exception):
    """An output that cannot be made (a PDF without a browser to print it): the command line shows it as
    one line naming the output file, exit code 2. Worded in both languages, as renderers word everything."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(zh)


Write = Callable[[Sequence[Result], Path | None, RenderContext], None]


@dataclass(frozen=True)
class OutputFormat:
    name: str  # what ``--format`` takes
    suffixes: tuple[str, ...]  # output names that imply this format (longest match wins; the first is suggested)
    writer: str | Write  # "module:function" (imported when used, so that --help stays light) or the function
    folder_for_many: bool = False  # several reports become a folder (pages and an index): needs --output
    implied: bool = True  # whether its suffixes imply it; github accepts .txt but .txt means terminal

    def write(self, results: Sequence[Result], target: Path | None, ctx: RenderContext) -> None:
        writer = self.writer
        if isinstance(writer, str):
            module, _, function = writer.partition(":")
            writer = getattr(importlib.import_module(module), function)
        writer(results, target, ctx)  # type: ignore[operator]


OUTPUT_FORMATS: dict[str, OutputFormat] = {}
DEFAULT = "terminal"  # what is shown when no --format and no --output is given


def register(fmt: OutputFormat) -> OutputFormat:
    """Add (or replace) an output format: ``--format NAME`` and its ``--output`` suffixes then select it."""
    OUTPUT_FORMATS[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    OUTPUT_FORMATS.pop(name, None)


def names() -> list[str]:
    return list(OUTPUT_FORMATS)


def implied_by(target: Path) -> OutputFormat | None:
    """The format ``target``'s name implies (``x.sarif.json`` is SARIF, as GitHub names it); a name no
    format claims (a folder for HTML pages) implies none."""
    name = target.name.lower()
    claims = [(len(s), f) for f in OUTPUT_FORMATS.values() if f.implied for s in f.suffixes if name.endswith(s)]
    return max(claims, key=lambda c: c[0])[1] if claims else None


def accepts(fmt: OutputFormat, target: Path) -> bool:
    """Whether ``target``'s name fits ``fmt``: it implies no format, or it ends with one of ``fmt``'s
    suffixes as long as the one that implies (``-f json -o x.sarif.json`` does not fit)."""
    name = target.name.lower()
    longest = max((len(s) for f in OUTPUT_FORMATS.values() if f.implied for s in f.suffixes if name.endswith(s)),
                  default=0)
    return longest == 0 or any(name.endswith(s) and len(s) == longest for s in fmt.suffixes)


def all_suffixes() -> list[str]:
    """Suffixes that imply a format, for help and messages (".html .json .sarif .xml .txt")."""
    return [f.suffixes[0] for f in OUTPUT_FORMATS.values() if f.implied and f.suffixes]


def write_text(text: str, target: Path | None, encoding: str = "utf-8") -> None:
    """``text`` to ``target`` (whole or not at all: see ``replace_file``), or to standard output as UTF-8
    whatever the terminal's locale."""
    write_bytes(text.encode(encoding), target)  # encoded before anything is touched


def write_bytes(data: bytes, target: Path | None) -> None:
    """``data`` to ``target`` (whole or not at all: see ``replace_file``), or to standard output."""
    if target is None:
        sys.stdout.buffer.write(data)
    else:
        replace_file(target, data)


def replace_file(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it over ``target`` once complete: the
    user never finds half an output, and a failure (a full disk, an interrupted run) leaves the previous
    output as it was. A symbolic link is written through, as an ordinary write would; the file gets the
    permissions an ordinary write would give it."""
    real = Path(os.path.realpath(target))
    fd, temporary = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name[:40]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(temporary, _mode(real))
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode(target: Path) -> int:
    """The permissions of the file being replaced, or what the umask gives a new file (mkstemp's are 0600)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# Order: the order ``--format`` lists them in.
register(OutputFormat("terminal", (".txt", ".log"), "checker.render.terminal:write"))
register(OutputFormat("json", (".json",), "checker.render.json:write"))
register(OutputFormat("sarif", (".sarif", ".sarif.json"), "checker.render.sarif:write"))
register(OutputFormat("junit", (".xml",), "checker.render.junit:write"))
register(OutputFormat("github", (".txt", ".log"), "checker.render.github:write", implied=False))
register(OutputFormat("html", (".html", ".htm"), "checker.render.html:write", folder_for_many=True))
register(OutputFormat("docx", (".docx",), "checker.render.word:write", folder_for_many=True))
register(OutputFormat("pdf", (".pdf",), "checker.render.pdf:write"))
register(OutputFormat("xlsx", (".xlsx",), "checker.render.workbook:write"))
