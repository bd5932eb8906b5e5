"""Every input format, declared once: its name, its file name suffixes, how its bytes are recognised, the
reader that reads it (or why we cannot), and what the read stage does around that reader.

Sniffing (sniff.py), ``Extracted.format``, the files ``checker batch`` picks up and the command line help
all read this table. Adding a reader is one module in ``readers/`` plus one row in ``INPUT_FORMATS`` (or
one ``register()`` call); making .ofd readable is changing its row.
"""

from __future__ import annotations

import importlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from checker.model import Extracted
from checker.readers.signatures import SAMPLE, looks_like_html

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.wps/.xls (Compound File Binary)


@dataclass(frozen=True)
class Limits:
    """What one input may cost; exceeding a limit is a clear error, never an exhausted machine.

    A real annual report is a few hundred KB of text; a .docx with photographs may reach tens of MB.
    """

    max_bytes: int = DEFAULT_MAX_BYTES  # size of the file as given
    max_chars: int = 2_000_000  # characters of extracted text (a long report has ~30,000)
    docx_ratio: int = 100  # uncompressed document.xml against the .docx file: more is a zip bomb


Reader = Callable[..., Extracted]  # (data, path) -> Extracted, plus ``limits=`` when it takes limits


@dataclass(frozen=True)
class InputFormat:
    """One kind of input file.

    ``sniff(data, ext)`` says whether the bytes are this format (``ext``: the file's extension without
    the dot, lower case, "" for stdin; it may settle a case the bytes leave open, such as a damaged zip
    named .docx). Binary formats are recognised first, by their bytes; text formats only once the file
    is known to be text, and the one without ``sniff`` (txt) is what text is when nothing else matches.
    """

    name: str  # what ``Extracted.format`` says and ``read_bytes(fmt=...)`` takes
    suffixes: tuple[str, ...]  # with the dot, lower case; the first is the one help texts show
    reader: str | Reader | None  # "module:function" (imported when first used) or the function itself
    sniff: Callable[[bytes, str], bool] | None = None
    text: bool = False  # recognised after the binary checks, from decoded content or the extension
    takes_limits: bool = False  # the reader is given ``limits=`` (docx: the zip-bomb ratio)
    strip_furniture: bool = False  # web-page furniture is stripped after reading (PDF/Word printouts of pages)
    invalid: tuple[str, str] | None = None  # (zh, en) when the name says this format and the bytes do not
    unsupported: tuple[str, str] | None = None  # (zh, en): we cannot read it; what the user should do

    @property
    def readable(self) -> bool:
        return self.unsupported is None and self.reader is not None

    def load(self) -> Reader:
        """The reader function, imported now (so that ``checker --help`` loads no PDF or Word library)."""
        if self.reader is None:
            raise LookupError(f"{self.name} has no reader")
        if not isinstance(self.reader, str):
            return self.reader
        module, _, function = self.reader.partition(":")
        return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def zip_has(data: bytes, member: str) -> bool:
    """Whether the zip in ``data`` has ``member``; reads the central directory only, inflates nothing."""
    try:
        return member in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False


def _docx(data: bytes, ext: str) -> bool:
    # a zip is a .docx only if it holds a Word body, or (damaged) is named so: the docx reader then says why
    return is_zip(data) and (ext == "docx" or zip_has(data, "word/document.xml"))


def _ofd(data: bytes, ext: str) -> bool:
    return is_zip(data) and (ext == "ofd" or zip_has(data, "OFD.xml"))


def _ole2(data: bytes, ext: str) -> bool:
    return data.startswith(OLE2_MAGIC)


def _pdf(data: bytes, ext: str) -> bool:
    """%PDF- opens the file; readers accept up to 1 KB of junk before it, but then the file must also
    end like a PDF (%%EOF), or a text that merely mentions "%PDF-1.4" would be taken for one."""
    start = data.find(b"%PDF-", 0, 1024)
    if start == -1:
        return False
    return not data[:start].strip(b"\xef\xbb\xbf \t\r\n\x00") or b"%%EOF" in data[-2048:]


def _html(data: bytes, ext: str) -> bool:
    return looks_like_html(data[:SAMPLE])


# Order: the order help texts list them in; among formats whose bytes look alike (.doc and .wps are both
# OLE2) the extension breaks the tie, else the earlier row wins. Text formats other than txt must sniff.
INPUT_FORMATS: dict[str, InputFormat] = {f.name: f for f in (
    InputFormat("txt", (".txt",), "checker.readers.txt:read_txt", text=True),
    InputFormat("docx", (".docx",), "checker.readers.docx:read_docx", sniff=_docx, takes_limits=True,
                strip_furniture=True,
                invalid=("不是有效的 .docx 文件：文件不是 zip 压缩包", "not a valid .docx file: it is not a zip archive")),
    InputFormat("pdf", (".pdf",), "checker.readers.pdf:read_pdf", sniff=_pdf, strip_furniture=True,
                invalid=("不是有效的 PDF 文件：缺少 %PDF 文件头", "not a valid PDF file: the %PDF header is missing")),
    # the txt and html readers strip furniture themselves (html must, before it recovers the title)
    InputFormat("html", (".html", ".htm", ".xhtml", ".shtml"), "checker.readers.html:read_html", sniff=_html,
                text=True),
    # Word 97–2003 and WPS binaries are read through LibreOffice (office.py), which says what to do without it
    InputFormat("doc", (".doc",), "checker.readers.office:read_doc", sniff=_ole2, takes_limits=True,
                strip_furniture=True),
    InputFormat("wps", (".wps",), "checker.readers.office:read_wps", sniff=_ole2, takes_limits=True,
                strip_furniture=True),
    InputFormat("ofd", (".ofd",), "checker.readers.ofd:read_ofd", sniff=_ofd, takes_limits=True, strip_furniture=True,
                invalid=("不是有效的 OFD 文件：文件不是 zip 压缩包", "not a valid OFD file: it is not a zip archive")),
)}


def register(fmt: InputFormat) -> InputFormat:
    """Add (or replace) an input format; a row added here is sniffed, read, listed and found by batch."""
    INPUT_FORMATS[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    INPUT_FORMATS.pop(name, None)


def by_suffix(ext: str) -> InputFormat | None:
    """The format a file name's extension (without the dot) names, if any."""
    return next((f for f in INPUT_FORMATS.values() if "." + ext in f.suffixes), None) if ext else None


def suffixes() -> frozenset[str]:
    """Every suffix a submission may have, readable or not: batch lists the unreadable ones with their reason."""
    return frozenset(s for f in INPUT_FORMATS.values() for s in f.suffixes)


def readable_suffixes() -> str:
    """".txt .docx .pdf .html" for help texts: each readable format by its first suffix, in table order."""
    return " ".join(f.suffixes[0] for f in INPUT_FORMATS.values() if f.readable)


def unsupported_suffixes() -> str:
    return " ".join(f.suffixes[0] for f in INPUT_FORMATS.values() if not f.readable)
