"""Read a Word 97–2003 (.doc) or WPS (.wps) report by converting it with LibreOffice, then as a .docx.

No Python library reads these binary formats well; LibreOffice does, and it is what many offices have.
It runs headless with a profile of its own in a temporary folder (so it neither touches nor waits for
the user's running LibreOffice), with a time limit; the file never leaves the machine. Without
LibreOffice the user is told how to install it, or to save the file as .docx.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from checker.errors import InputError
from checker.model import Extracted
from checker.readers.registry import Limits

CONVERT_SECONDS = 120
NAMES = {"doc": "旧版 Word（.doc）", "wps": "WPS 文字（.wps）"}


def soffice() -> str | None:
    """The LibreOffice program: $CHECKER_SOFFICE, else soffice or libreoffice on the PATH."""
    return os.environ.get("CHECKER_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(data: bytes, path: str | None, *, limits: Limits | None = None) -> Extracted:
    return _converted(data, path, "doc", limits)


def read_wps(data: bytes, path: str | None, *, limits: Limits | None = None) -> Extracted:
    return _converted(data, path, "wps", limits)


def _converted(data: bytes, path: str | None, kind: str, limits: Limits | None) -> Extracted:
    program = soffice()
    name = NAMES[kind]
    if program is None:
        raise InputError(
            path,
            zh=f"这是{name}格式的文件，需要 LibreOffice 才能读取：请安装 LibreOffice（如 apt-get install "
            "libreoffice-writer-nogui），或用 Word/WPS 另存为 .docx 后再检查",
            en=f"this is a {kind} file and LibreOffice is needed to read it: install LibreOffice, or save it as .docx",
        )
    from checker.readers.docx import read_docx

    with tempfile.TemporaryDirectory(prefix="checker-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"report.{kind}"  # the user's file name never reaches the command line
        source.write_bytes(data)
        command = [program, "--headless", "--norestore", "--nolockcheck", "--nodefault",
                   f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "out"), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_SECONDS, check=False,
                           env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired:
            raise InputError(path, zh=f"LibreOffice 转换{name}文件超时（{CONVERT_SECONDS} 秒），请另存为 .docx 后再检查",
                             en=f"LibreOffice took over {CONVERT_SECONDS} s to convert the {kind} file") from None
        except OSError as exc:
            raise InputError(path, zh=f"无法运行 LibreOffice（{exc.strerror}）", en=f"cannot run LibreOffice ({exc.strerror})") from None
        converted = folder / "out" / "report.docx"
        if not converted.is_file():
            raise InputError(path, zh=f"LibreOffice 无法转换这个{name}文件（文件可能已损坏），请用 Word/WPS 另存为 .docx 后再检查",
                             en=f"LibreOffice could not convert this {kind} file (it may be damaged); save it as .docx")
        return read_docx(converted.read_bytes(), path, limits=limits)
