"""Structure-aware hostile files: small on disk, huge or deep once a reader believes them.

Shared by the bounds tests (tests/test_bounds.py) and ``make fuzz`` (bench/fuzz.py), which varies their
sizes. Each builder returns the file's bytes.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
TEXT = "<w:p><w:r><w:t>一、主要举措和成效</w:t></w:r></w:p><w:p><w:r><w:t>全年办理行政复议案件三件。</w:t></w:r></w:p>"
MB = 1024 * 1024


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def document(body: str) -> str:
    return f'<?xml version="1.0"?><w:document {W}><w:body>{TEXT}{body}</w:body></w:document>'


def package(parts: dict[str, str | bytes], stored: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        for name, data in parts.items():
            z.writestr(name, data)
        for name, data in (stored or {}).items():
            z.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def docx_grid_span(span: int = 999_999_999) -> bytes:
    """One table cell that claims to span a billion grid columns (python-docx builds one cell per column)."""
    cell = f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{paragraph("跨列")}</w:tc>'
    return package({"word/document.xml": document(f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>")})


def docx_vertical_merges(rows: int = 3000) -> bytes:
    """A column merged down thousands of rows (python-docx follows the chain cell by cell, recursively)."""
    first = f'<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{paragraph("合并")}</w:tc></w:tr>'
    rest = f'<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>{paragraph("")}</w:tc></w:tr>' * rows
    return package({"word/document.xml": document(f"<w:tbl>{first}{rest}</w:tbl>")})


def docx_huge_styles(megabytes: int = 190) -> bytes:
    """A tiny body and a styles part that inflates to hundreds of MB (only document.xml used to be checked)."""
    styles = f'<?xml version="1.0"?><w:styles {W}>' + " " * (megabytes * MB) + "</w:styles>"
    return package({"word/document.xml": document(""), "word/styles.xml": styles})


def docx_padded_body(megabytes: int = 190, padding: int = 2_300_000) -> bytes:
    """Incompressible padding makes the file big enough that the body's inflation ratio looks harmless."""
    return package({"word/document.xml": document(" " * (megabytes * MB))},
                   stored={"word/media/padding.bin": os.urandom(padding)})


def docx_forged_size(megabytes: int = 300, declared: int = 1000) -> bytes:
    """The body's declared size is rewritten to look small: zipfile then inflates up to 2 GB in one call
    before it notices, unless the reader streams with its own budget."""
    data = bytearray(package({"word/document.xml": document(" " * (megabytes * MB))}))
    name = b"word/document.xml"
    local = data.find(b"PK\x03\x04")
    while local != -1:
        name_len, = struct.unpack_from("<H", data, local + 26)
        if data[local + 30:local + 30 + name_len] == name:
            struct.pack_into("<I", data, local + 22, declared)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len, = struct.unpack_from("<H", data, central + 28)
        if data[central + 46:central + 46 + name_len] == name:
            struct.pack_into("<I", data, central + 24, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def pdf_with_stream(raw: bytes, filters: str = "/FlateDecode") -> bytes:
    """A one-page PDF whose content stream is ``raw`` (already encoded with ``filters``)."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<<>>>>",
        b"<</Length %d/Filter%s>>\nstream\n" % (len(raw), filters.encode()) + raw + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_flate_bomb(megabytes: int = 1024) -> bytes:
    """A content stream of ~1 MB that inflates to ``megabytes`` of zeros."""
    compressor = zlib.compressobj(9)
    chunk = b"\0" * (16 * MB)
    parts = [compressor.compress(chunk) for _ in range(megabytes // 16)] + [compressor.flush()]
    return pdf_with_stream(b"".join(parts))


def pdf_lzw_bomb(tables: int = 200) -> bytes:
    """An LZW stream in which every code repeats the string added just before it, so each is one byte longer:
    a table of 4,096 codes (about 5 KB) yields about 8 MB; the clear code starts another table."""
    stream = bytearray()
    acc = pending = 0

    def emit(code: int, bits: int) -> None:
        nonlocal acc, pending
        acc = ((acc << bits) | code) & ((1 << 32) - 1)
        pending += bits
        while pending >= 8:
            pending -= 8
            stream.append((acc >> pending) & 0xFF)

    bits = 9
    for _ in range(tables):
        emit(256, bits)  # clear, at the current code width: a new table
        emit(65, 9)
        next_code, bits = 258, 9
        while next_code < 4094:
            emit(next_code - 1 if next_code > 258 else 65, bits)
            next_code += 1
            if next_code >= (1 << bits) - 1 and bits < 12:  # PDF's LZW widens one code early
                bits += 1
    emit(257, 12)
    if pending:
        stream.append((acc << (8 - pending)) & 0xFF)
    return pdf_with_stream(bytes(stream), "/LZWDecode")


def yaml_alias_bomb(levels: int = 9, fan_out: int = 9) -> str:
    """A few hundred bytes of nested anchors that expand to fan_out ** levels nodes."""
    lines = [f"a0: &a0 [{', '.join(['x'] * fan_out)}]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * fan_out)}]")
    return "\n".join(lines) + "\n"
