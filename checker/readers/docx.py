"""Read a .docx report with python-docx: body paragraphs and tables in document order.

python-docx offers ``document.paragraphs`` and ``document.tables`` as two separate lists, which loses
their order; so the body's children are walked (``w:p``, ``w:tbl``, and ``w:sdt`` content controls that
wrap either); paragraphs are read through python-docx's Paragraph, tables straight from the XML (see
``table_lines``). Headers, footers, text boxes and footnotes are not part of the report body and are left
out. Before python-docx sees the package, every member is inflated once within a byte budget.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from checker.errors import InputError
from checker.model import Extracted, HeadingHint
from checker.readers import packages
from checker.readers.registry import Limits
from checker.wordxml import W, children, continues_merge

DOCUMENT_PART = "word/document.xml"
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


def read_docx(data: bytes, path: str | None, *, limits: Limits | None = None) -> Extracted:
    """One line per paragraph, one per table row (cells joined by a tab); heading styles → HeadingHint."""
    check_package(data, path, limits.docx_ratio if limits else packages.MAX_RATIO)
    import docx
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[tuple[str, int | None]] = []
        for block in children(document.element.body, "p", "tbl"):
            if block.tag == W + "p":
                paragraph = Paragraph(block, document)
                lines.append((paragraph.text, heading_level(paragraph)))
            else:
                lines.extend((line, None) for line in table_lines(block))
    except InputError:
        raise
    except Exception as exc:  # any failure inside a broken package means the same thing to the user
        raise InputError(
            path, zh=f"不是有效的 .docx 文件：{describe(exc)}", en=f"not a valid .docx file: {describe(exc)}"
        ) from None

    parts: list[str] = []
    hints: list[HeadingHint] = []
    offset = 0
    for text, level in lines:
        if level is not None and text.strip():
            hints.append(HeadingHint(offset, offset + len(text), level))
        parts.append(text)
        offset += len(text) + 1
    text = "\n".join(parts)
    if not text.strip():
        raise InputError(path, zh="文件没有文字内容（文档正文为空）", en="the file has no text (the document body is empty)")
    return Extracted(path=path, format="docx", text=text, heading_hints=tuple(hints))


def check_package(data: bytes, path: str | None, max_ratio: int = packages.MAX_RATIO) -> None:
    """Refuse what is not a Word package, and zip bombs, before python-docx inflates anything."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(
            path, zh=f"不是有效的 .docx 文件：压缩包已损坏（{exc}）", en=f"not a valid .docx file: corrupt zip ({exc})"
        ) from None
    names = {info.filename: info for info in infos}
    if DOCUMENT_PART not in names:
        raise InputError(
            path,
            zh="不是有效的 .docx 文件：压缩包中没有 word/document.xml（可能是其他类型的文件）",
            en="not a valid .docx file: the archive has no word/document.xml",
        )
    packages.inflate_within_budget(package, path, len(data), max_ratio, ".docx")


def table_lines(table: Any) -> Iterator[str]:
    """A table as lines: one per row, cell texts joined by a tab.

    Read from the XML, not through python-docx's rows and cells: those expand ``gridSpan`` into one cell
    per grid column and follow ``vMerge`` chains cell by cell, which a hostile file turns into a billion
    cells or a recursion thousands deep. Here each ``w:tc`` counts once whatever it spans, and a cell
    that continues a vertical merge (no text of its own) is left out instead of repeating the text above.
    Tables nested in a cell are not read, as before (their text is rare and not part of the outline)."""
    from docx.text.paragraph import Paragraph

    for row in children(table, "tr"):
        cells = []
        for cell in children(row, "tc"):
            if continues_merge(cell):
                continue
            text = " ".join(Paragraph(p, None).text for p in children(cell, "p"))  # type: ignore[arg-type]  # text needs no part
            cells.append(" ".join(text.split("\n")).strip())
        yield "\t".join(cells)


def heading_level(paragraph: Any) -> int | None:
    """1-based heading level from the paragraph's outline level or its style (name or outline level)."""
    level = outline_level(paragraph._p.pPr)
    if level is not None:
        return level
    style = paragraph.style
    for _ in range(10):  # the base-style chain; a cycle in a broken file must not hang us
        if style is None:
            break
        match = HEADING_STYLE.match(style.name or "")
        if match:
            return int(match.group(1))
        level = outline_level(style.element.pPr)
        if level is not None:
            return level
        style = style.base_style
    return None


def outline_level(ppr: Any) -> int | None:
    """w:outlineLvl 0–8 means heading level 1–9; 9 means body text."""
    if ppr is None:
        return None
    element = ppr.find(W + "outlineLvl")
    if element is None:
        return None
    try:
        value = int(element.get(W + "val"))
    except (TypeError, ValueError):
        return None
    return value + 1 if 0 <= value <= 8 else None


def describe(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
