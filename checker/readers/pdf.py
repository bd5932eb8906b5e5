"""Read a PDF report with pdfplumber; layout.py rebuilds its paragraphs from the positioned lines."""

from __future__ import annotations

import io
import logging
import re
import statistics
from typing import Any

from checker.errors import InputError
from checker.model import Extracted
from checker.readers.layout import Line, drop_page_furniture, join_paragraphs


def read_pdf(data: bytes, path: str | None) -> Extracted:
    """The report's paragraphs, one per line, without page numbers and running headers."""
    pages = extract_lines(data, path)
    body, dropped = drop_page_furniture(pages)
    if not any(line.text.strip() for line in body):
        raise InputError(
            path,
            zh="扫描件，无文字层：PDF 中没有可提取的文字，请先进行文字识别（OCR），或用原文件另存为 .docx 或 .txt",
            en="a scan with no text layer: the PDF has no text to extract; run OCR on it, or save the source as .docx",
        )
    text = "\n".join(join_paragraphs(body))
    return Extracted(path=path, format="pdf", text=text, dropped_lines=tuple(dropped))


def extract_lines(data: bytes, path: str | None) -> list[list[Line]]:
    """The text lines of every page, top to bottom."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns about every odd font on stderr
    from checker.readers.pdf_limits import InflationLimit, bounded_streams

    pages: list[list[Line]] = []
    try:
        with bounded_streams(), pdfplumber.open(io.BytesIO(data)) as pdf:
            encrypted = bool(pdf.doc.encryption)  # opened with the empty user password: owner password only
            for number, page in enumerate(pdf.pages, start=1):
                lines = [to_line(raw, number) for raw in page.extract_text_lines(strip=True, return_chars=True)]
                pages.append([line for line in lines if line.text])
                page.close()
    except Exception as exc:  # pdfminer raises many kinds of error on a broken file; all mean "corrupt"
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, InflationLimit):
            raise InputError(
                path,
                zh=f"拒绝读取：PDF 中的压缩数据解压后过大（超过 {cause.produced:,} 字节），可能是压缩炸弹",
                en=f"refused: the PDF's compressed streams inflate past {cause.produced:,} bytes (possible zip bomb)",
            ) from None
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise InputError(
                path,
                zh="PDF 已加密（需要密码才能打开），请先解除加密或另存为未加密的文件",
                en="the PDF is encrypted (a password is needed); remove the encryption first",
            ) from None
        reason = str(cause).strip() or type(cause).__name__
        raise InputError(
            path, zh=f"PDF 文件已损坏，无法读取（{reason[:100]}）", en=f"the PDF is corrupt ({reason[:100]})"
        ) from None
    glyphs = "".join(line.text for page_lines in pages for line in page_lines)
    unmapped = sum(len(m) for m in re.findall(r"\(cid:\d+\)", glyphs))
    if glyphs and unmapped > 0.3 * len(glyphs) and encrypted:
        # pdfminer decrypts streams but not the strings naming the fonts' character collections, so
        # the text of a PDF restricted with a permissions (owner) password comes out as glyph numbers
        raise InputError(
            path,
            zh="PDF 设置了权限密码（限制复制或编辑），其中的文字无法可靠提取；请用原文件另存为 .docx 或 .txt，"
            "或解除权限限制后再检查",
            en="the PDF is restricted with a permissions (owner) password and its text cannot be extracted "
            "reliably; save the source as .docx or .txt, or remove the restriction",
        )
    if glyphs and unmapped > 0.3 * len(glyphs):
        raise InputError(
            path,
            zh="PDF 中的文字无法提取（字体缺少字符编码信息），请用原文件另存为 .docx 或 .txt",
            en="the PDF's text cannot be extracted (its fonts lack a character map); save the source as .docx or .txt",
        )
    return pages


def to_line(raw: dict[str, Any], page: int) -> Line:
    sizes = [char["size"] for char in raw.get("chars", ()) if not char["text"].isspace()]
    size = statistics.median(sizes) if sizes else raw["bottom"] - raw["top"]
    return Line(raw["text"].strip(), raw["x0"], raw["x1"], raw["top"], raw["bottom"], size, page)
