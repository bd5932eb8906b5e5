"""PDF output: the HTML report printed by headless Chromium, for attaching to official feedback.

Why Chromium and not a Python PDF library: the page already exists (html.py) and is what the reviewer
reads on screen; Chromium lays out its CJK text, tables and colours exactly as it shows them, and its
print path honours the page's print CSS (A4, no navigation, a page break before each big part).
WeasyPrint would need Pango and a second rendering engine to keep in step; ReportLab would mean laying
the report out twice. Chromium is a system package (Debian: ``chromium``); where it is missing the user
is told how to install it, or to print the HTML output from any browser.

Chromium runs on a copy of the page in a temporary folder, with a temporary profile, no network
(``--disable-background-networking``; the page itself fetches nothing, its CSP forbids it) and a time
limit. The PDF is written whole or not at all (``replace_file``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from checker.model import Result
from checker.render.document_labels import PDF
from checker.render.html import report
from checker.render.registry import RenderContext, RenderError, replace_file

TIMEOUT = 120  # seconds: a long report prints in a few; a hung browser must not hang the check
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-quic", "--mute-audio",
    "--no-pdf-header-footer",
)
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium() -> str | None:
    """The browser to print with: ``CHECKER_CHROMIUM`` when set (even when it names nothing, so that a
    wrong setting is reported, not silently replaced), else the first of NAMES on the PATH."""
    named = os.environ.get("CHECKER_CHROMIUM")
    if named:
        return named if os.access(named, os.X_OK) else None
    return next((found for name in NAMES if (found := shutil.which(name))), None)


def to_pdf(page: str) -> bytes:
    """``page`` (a complete HTML document) printed to PDF bytes; RenderError (worded in both languages)
    when there is no browser or it fails."""
    browser = chromium()
    if browser is None:
        raise RenderError(PDF["zh"]["no_browser"], PDF["en"]["no_browser"])
    with tempfile.TemporaryDirectory(prefix="checker-pdf-") as work:
        html_file, pdf_file = Path(work) / "report.html", Path(work) / "report.pdf"
        html_file.write_text(page, encoding="utf-8")
        cmd = [browser, *FLAGS, f"--user-data-dir={Path(work) / 'profile'}", f"--print-to-pdf={pdf_file}",
               html_file.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise RenderError(PDF["zh"]["timeout"].format(n=TIMEOUT), PDF["en"]["timeout"].format(n=TIMEOUT)) from None
        except OSError as e:  # not executable after all, or the system refused to start it
            raise RenderError(PDF["zh"]["failed"].format(why=e.strerror or e),
                              PDF["en"]["failed"].format(why=e.strerror or e)) from None
        data = pdf_file.read_bytes() if pdf_file.exists() else b""
    if done.returncode != 0 or not data.startswith(b"%PDF"):
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        why = f"exit {done.returncode}" + (f": {tail[-1][:160]}" if tail else "")
        raise RenderError(PDF["zh"]["failed"].format(why=why), PDF["en"]["failed"].format(why=why))
    return data


def write(results: Sequence[Result], target: Path | None, ctx: RenderContext) -> None:
    """One report's page as a PDF at ``target`` (a file: a PDF is binary and is not sent to the terminal)."""
    if target is None:
        raise RenderError(PDF["zh"]["needs_file"], PDF["en"]["needs_file"])
    if len(results) != 1:
        raise RenderError(PDF["zh"]["one_report"], PDF["en"]["one_report"])
    replace_file(target, to_pdf(report(results[0], lang=ctx.lang)))
