"""Read a .docx report with python-docx: body paragraphs and tables in document order.

python-docx offers ``document.paragraphs`` and ``document.tables`` as two separate lists, which loses
their order; so the body's children are walked (``w:p``, ``w:tbl``, and ``w:sdt`` content controls that
wrap either) and each is wrapped in python-docx's own Paragraph/Table objects. Headers, footers, text
boxes and footnotes are not part of the report body and are left out.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from checker.errors import InputError
from checker.model import Extracted, HeadingHint
from checker.readers.registry import Limits

DOCUMENT_PART = "word/document.xml"
MAX_RATIO = 100  # uncompressed word/document.xml vs the whole .docx
MAX_UNCOMPRESSED = 200 * 1024 * 1024
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, path: str | None, *, limits: Limits | None = None) -> Extracted:
    """One line per paragraph, one per table row (cells joined by a tab); heading styles → HeadingHint."""
    check_package(data, path, limits.docx_ratio if limits else MAX_RATIO)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[tuple[str, int | None]] = []
        for block in body_blocks(document.element.body):
            if block.tag == W_NS + "p":
                paragraph = Paragraph(block, document)
                lines.append((paragraph.text, heading_level(paragraph)))
            else:
                for row in Table(block, document).rows:
                    lines.append((row_text(row), None))
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


def check_package(data: bytes, path: str | None, max_ratio: int = MAX_RATIO) -> None:
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
    body_size = names[DOCUMENT_PART].file_size
    total = sum(info.file_size for info in infos)
    if body_size > max_ratio * len(data) or body_size > MAX_UNCOMPRESSED or total > MAX_UNCOMPRESSED:
        raise InputError(
            path,
            zh=f"拒绝读取：.docx 解压后过大（正文 {body_size} 字节，文件仅 {len(data)} 字节），可能是压缩炸弹",
            en=f"refused: the .docx inflates to {body_size} bytes from {len(data)} (possible zip bomb)",
        )


def body_blocks(body: Any) -> Iterator[Any]:
    """Paragraph and table elements of the body in document order, looking inside content controls."""
    for child in body.iterchildren():
        if child.tag in (W_NS + "p", W_NS + "tbl"):
            yield child
        elif child.tag == W_NS + "sdt":
            content = child.find(W_NS + "sdtContent")
            if content is not None:
                yield from body_blocks(content)


def row_text(row: Any) -> str:
    """A table row as one line: cell texts joined by a tab, each merged cell once."""
    cells: list[str] = []
    seen: set[int] = set()
    for cell in row.cells:
        if id(cell._tc) in seen:  # a horizontally merged cell is returned once per grid column
            continue
        seen.add(id(cell._tc))
        cells.append(" ".join(cell.text.split("\n")).strip())
    return "\t".join(cells)


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
    element = ppr.find(W_NS + "outlineLvl")
    if element is None:
        return None
    try:
        value = int(element.get(W_NS + "val"))
    except (TypeError, ValueError):
        return None
    return value + 1 if 0 <= value <= 8 else None


def describe(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
