"""Inputs that used to get the wrong one-line diagnosis: the user must be told what the file really is.

Each runs as a real process under the address-space cap of tests/test_bounds.py (the run fails before
the model would load, so a regression that reads a hostile file whole fails fast)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_bounds import run_capped

EXAMPLE = next((ROOT / "examples").glob("*街道*.txt"))
TEXT = EXAMPLE.read_text(encoding="utf-8")


def _owner_password_pdf(path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    # opens without a password (empty user password); copying and editing need the owner's
    restricted = StandardEncryption("", ownerPassword="owner", canPrint=0, canModify=0, canCopy=0, canAnnotate=0)
    c = canvas.Canvas(str(path), encrypt=restricted)
    c.setFont("STSong-Light", 12)
    for i, line in enumerate(TEXT.splitlines()[:20]):
        c.drawString(72, 760 - 18 * i, line[:40])
    c.save()


def _nested_divs(path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in TEXT.splitlines())
    path.write_text(f"<html><body>{'<div>' * 200_000}{body}{'</div>' * 200_000}</body></html>", encoding="utf-8")


REFUSED: list[tuple[str, str, Callable[[Path], None], str]] = [
    ("owner-password PDF", "r.pdf", _owner_password_pdf, "PDF 设置了权限密码"),
    ("200,000 nested divs", "r.html", _nested_divs, "嵌套过深"),
]


@pytest.mark.parametrize(("name", "filename", "build", "problem"), REFUSED, ids=[c[0] for c in REFUSED])
def test_the_diagnosis_names_the_real_problem(tmp_path: Path, name: str, filename: str,
                                              build: Callable[[Path], None], problem: str) -> None:
    target = tmp_path / filename
    build(target)
    proc = run_capped("extract", str(target), cwd=tmp_path)
    code, err = proc.returncode, proc.stderr
    assert code == 2
    assert err.strip().splitlines() == [err.strip()] and err.startswith(f"错误：{target}：") and problem in err


READ: list[tuple[str, Callable[[str], bytes]]] = [
    ("UTF-16 LE without a BOM", lambda text: text.encode("utf-16-le")),
    ("UTF-16 BE without a BOM", lambda text: text.encode("utf-16-be")),
    ("a text that mentions %PDF-", lambda text: ("说明：本系统导出的%PDF-1.4文件另行报送。\n" + text).encode("utf-8")),
]


@pytest.mark.parametrize(("name", "encode"), READ, ids=[c[0] for c in READ])
def test_text_files_are_read_as_text(tmp_path: Path, name: str, encode: Callable[[str], bytes]) -> None:
    target = tmp_path / "报告.txt"
    target.write_bytes(encode(TEXT))
    proc = run_capped("extract", str(target), cwd=tmp_path)
    code, out, err = proc.returncode, proc.stdout, proc.stderr
    assert code == 0, err
    assert TEXT.splitlines()[0] in out.splitlines()
    assert out.rstrip("\n").endswith(TEXT.rstrip("\n").splitlines()[-1])


def test_random_bytes_with_nuls_are_still_binary(tmp_path: Path) -> None:
    import random

    target = tmp_path / "blob.txt"
    target.write_bytes(random.Random(7).randbytes(8192))
    proc = run_capped("extract", str(target), cwd=tmp_path)
    code, err = proc.returncode, proc.stderr
    assert code == 2 and "二进制文件" in err
