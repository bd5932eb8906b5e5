"""The service's outputs are the CLI's: each written by its registered renderer, into a private folder."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from checker.model import Result
from checker.render.registry import OUTPUT_FORMATS, RenderContext

MEDIA_TYPES = {
    "json": "application/json",
    "sarif": "application/sarif+json",
    "junit": "application/xml",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def media_type(fmt: str) -> str:
    return MEDIA_TYPES.get(fmt, "text/plain; charset=utf-8")


def rendered(results: Sequence[Result], fmt: str, lang: str, unreadable: Sequence[tuple[str, str]] = ()) -> bytes:
    """What ``checker check --format FMT --output FILE`` writes for ``results`` (one file: HTML of one
    report is its page)."""
    output = OUTPUT_FORMATS[fmt]
    with tempfile.TemporaryDirectory(prefix="checker-out-") as folder:
        target = Path(folder) / ("out" + (output.suffixes[0] if output.suffixes else ".txt"))
        output.write(results, target, RenderContext(lang=lang, unreadable=tuple(unreadable)))
        return target.read_bytes()


def batch_pages(results: Sequence[Result], lang: str, unreadable: Sequence[tuple[str, str]]) -> dict[str, bytes]:
    """``checker batch --format html --output DIR``: the index and one page per report, by file name."""
    output = OUTPUT_FORMATS["html"]
    with tempfile.TemporaryDirectory(prefix="checker-out-") as folder:
        target = Path(folder) / "pages"
        output.write(results, target, RenderContext(lang=lang, unreadable=tuple(unreadable), batch=True))
        return {p.name: p.read_bytes() for p in sorted(target.iterdir()) if p.is_file()}
