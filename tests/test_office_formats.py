""".ofd, .doc and .wps: what the reader makes of real, empty, hostile and unreadable files.

The seeds in every format are compared with their .txt in tests/test_formats.py; here are the cases
around that: a scanned OFD, an OFD bomb, the page furniture of an OFD, and a machine without LibreOffice.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.readers import read_path
from tests.conftest import ROOT
from tests.variants import OFD_NS, write_legacy_word, write_ofd

EXAMPLE = next((ROOT / "examples").glob("*街道*.txt"))
TEXT = EXAMPLE.read_text(encoding="utf-8")


def _repack(source: Path, target: Path, change: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts.update(change)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def test_ofd_pages_become_paragraphs_without_page_numbers(tmp_path: Path) -> None:
    extracted = read_path(str(write_ofd(TEXT, tmp_path / "r.ofd")))
    assert extracted.format == "ofd"
    want = [line.strip() for line in TEXT.splitlines() if line.strip()]
    assert extracted.text.splitlines() == want  # paragraphs rebuilt across line and page breaks
    assert {"-1-", "-2-", "依法行政工作材料"} <= set(extracted.dropped_lines)  # page numbers, running header


def test_a_scanned_ofd_says_so(tmp_path: Path) -> None:
    source = write_ofd(TEXT, tmp_path / "r.ofd")
    with zipfile.ZipFile(source) as z:
        pages = [n for n in z.namelist() if n.endswith("Content.xml")]
    blank = (f'<?xml version="1.0"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="9">'
             '<ofd:ImageObject ID="8" Boundary="0 0 210 297" ResourceID="7"/></ofd:Layer></ofd:Content></ofd:Page>')
    scanned = _repack(source, tmp_path / "scan.ofd", {name: blank.encode() for name in pages})
    with pytest.raises(InputError) as e:
        read_path(str(scanned))
    assert "扫描件，无文字层" in e.value.render()


def test_an_ofd_bomb_is_refused_like_a_docx_bomb(tmp_path: Path) -> None:
    source = write_ofd(TEXT, tmp_path / "r.ofd")
    bomb = _repack(source, tmp_path / "bomb.ofd",
                   {"Doc_0/Pages/Page_0/Content.xml": b"<a>" + b" " * (120 * 1024 * 1024) + b"</a>"})
    with pytest.raises(InputError) as e:
        read_path(str(bomb))
    assert "压缩炸弹" in e.value.render() and ".ofd" in e.value.render()


def test_without_libreoffice_a_doc_gets_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.readers import office

    doc = write_legacy_word(TEXT, tmp_path / "r.doc")
    monkeypatch.setattr(office, "soffice", lambda: None)
    with pytest.raises(InputError) as e:
        read_path(str(doc))
    message = e.value.render()
    assert "需要 LibreOffice" in message and "另存为 .docx" in message and str(doc) in message


def test_a_wps_file_is_read_through_libreoffice(tmp_path: Path) -> None:
    extracted = read_path(str(write_legacy_word(TEXT, tmp_path / "r.wps")))
    assert extracted.format == "wps"
    assert extracted.text.splitlines()[0] == TEXT.splitlines()[0]
