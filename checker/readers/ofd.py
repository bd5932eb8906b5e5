"""Read an OFD report (GB/T 33190, the national format for official electronic documents) with ofdkit.

ofdkit (standard library only; it refuses DTDs and entities, caps part sizes and nesting) gives each
page's text runs with their positions in millimetres. Runs on one baseline make a line; the lines of all
pages go through the same paragraph rebuilding as a PDF's (layout.py), page numbers and running headers
included. Before ofdkit opens the package, every member is inflated once within the .docx budget.
"""

from __future__ import annotations

import io
import statistics
import zipfile
from typing import Any

from checker.errors import InputError
from checker.model import Extracted
from checker.readers import packages
from checker.readers.layout import Line, drop_page_furniture, join_paragraphs
from checker.readers.registry import Limits

SCANNED = ("扫描件，无文字层：OFD 中没有可提取的文字，请先进行文字识别（OCR），或用原文件另存为 .docx 或 .txt",
           "a scan with no text layer: the OFD has no text to extract; run OCR on it, or save the source as .docx")


def read_ofd(data: bytes, path: str | None, *, limits: Limits | None = None) -> Extracted:
    """The report's paragraphs, one per line, without page numbers and running headers."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(path, zh=f"不是有效的 OFD 文件：压缩包已损坏（{exc}）", en=f"not a valid OFD file: corrupt zip ({exc})") from None
    packages.inflate_within_budget(package, path, len(data), limits.docx_ratio if limits else packages.MAX_RATIO, ".ofd")
    pages = extract_lines(data, path)
    body, dropped = drop_page_furniture(pages)
    if not any(line.text.strip() for line in body):
        raise InputError(path, zh=SCANNED[0], en=SCANNED[1])
    return Extracted(path=path, format="ofd", text="\n".join(join_paragraphs(body)), dropped_lines=tuple(dropped))


def extract_lines(data: bytes, path: str | None) -> list[list[Line]]:
    import ofdkit

    try:
        with ofdkit.open(data) as document:
            return [lines_of(page.runs, number) for number, page in enumerate(document.pages, start=1)]
    except ofdkit.OFDLimitError as exc:
        raise InputError(path, zh=f"拒绝读取：OFD 文件超出读取限制（{exc}）", en=f"refused: the OFD exceeds a reading limit ({exc})") from None
    except ofdkit.OFDError as exc:
        raise InputError(path, zh=f"不是有效的 OFD 文件：{exc}", en=f"not a valid OFD file: {exc}") from None


def lines_of(runs: list[Any], page: int) -> list[Line]:
    """Runs that share a baseline (within a third of their size) are one line, read left to right."""
    rows: list[list[Any]] = []
    for run in sorted((r for r in runs if r.text.strip()), key=lambda r: (r.y, r.x)):
        if rows and abs(rows[-1][0].y - run.y) <= rows[-1][0].size / 3:
            rows[-1].append(run)
        else:
            rows.append([run])
    lines = []
    for row in rows:
        row.sort(key=lambda r: r.x)
        size = statistics.median(r.size for r in row)
        text = ""
        for before, run in zip([None, *row], row, strict=False):
            gap = run.x - (before.x + before.width) if before is not None else 0.0
            text += (" " if gap > 1.5 * size else "") + run.text  # CJK runs touch; a wide gap was a space
        baseline = statistics.median(r.y for r in row)
        lines.append(Line(text.strip(), row[0].x, max(r.x + r.width for r in row), baseline - size, baseline, size,
                          page))
    return lines
