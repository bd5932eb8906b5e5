"""Hostile and broken input: every bad file is one Chinese line naming it, and exit code 2.

Each case builds the file the way it arrives from the field (a real zip bomb, a real encrypted PDF,
a scanned PDF with no text layer …) and runs the real command line.
"""

from __future__ import annotations

import faulthandler
import io
import json
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.conftest import ROOT

EXAMPLE = next((ROOT / "examples").glob("*街道*.txt"))


def _zip_bomb(path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + " " * (60 * 1024 * 1024) + "</w:document>")
    path.write_bytes(buf.getvalue())


def _scanned_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        c.rect(50, 50, 400, 600, fill=1)  # a page image and nothing else: no text layer
        c.showPage()
    c.save()


def _encrypted_pdf(path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), encrypt="secret")
    c.setFont("STSong-Light", 12)
    c.drawString(72, 720, "示例区民政局2024年法治政府建设年度报告")
    c.save()


def _mixed_encoding(path: Path) -> None:
    path.write_bytes("一、主要举措和成效\n".encode() + "全年办理行政复议案件三件。\n".encode("gbk") +
                     "二、存在的不足\n".encode("big5") + bytes([0x81, 0x30, 0xFF, 0xFE]) * 40)


def _html_without_body(path: Path) -> None:
    path.write_text("<!DOCTYPE html><html><head><title>首页</title><script>var a=1;</script></head>"
                    "<body><nav><a href='/'>首页</a> | <a href='/x'>政务公开</a></nav>"
                    "<div class='footer'>主办单位：示例区人民政府 备案号：粤ICP备12345678号</div></body></html>",
                    encoding="utf-8")


def _big_text(path: Path) -> None:
    line = "2024年,示例区民政局坚持依法行政,全年办理行政复议案件3件,组织集体学法4次。\n".encode()
    with path.open("wb") as fh:
        for _ in range(51 * 1024 * 1024 // len(line) + 1):
            fh.write(line)


BUILDERS: list[tuple[str, str, Callable[[Path], None], str]] = [
    ("empty", "a.txt", lambda p: p.write_bytes(b""), "文件为空"),
    ("binary", "a.txt", lambda p: p.write_bytes(bytes(range(256)) * 64), "二进制文件"),
    ("mixed-encoding", "a.txt", _mixed_encoding, "编码"),
    ("docx-not-a-zip", "a.docx", lambda p: p.write_bytes(b"This is plain text renamed to .docx"), ".docx"),
    ("zip-bomb", "a.docx", _zip_bomb, "压缩炸弹"),
    ("legacy-doc", "a.docx", lambda p: p.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4000), "另存为"),
    ("scanned-pdf", "a.pdf", _scanned_pdf, "扫描件"),
    ("encrypted-pdf", "a.pdf", _encrypted_pdf, "加密"),
    ("corrupt-pdf", "a.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj<<>>\ngarbage"), "PDF"),
    ("html-without-body", "a.html", _html_without_body, "正文"),
    ("fifty-megabytes", "a.txt", _big_text, "文件过大"),
]


@pytest.fixture(autouse=True)
def _hang_guard() -> Iterator[None]:
    """A file that makes a reader loop forever ends the run with a traceback of where it hangs; no test
    here asserts how long anything takes."""
    faulthandler.dump_traceback_later(600, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.mark.parametrize(("name", "filename", "build", "problem"), BUILDERS, ids=[b[0] for b in BUILDERS])
def test_bad_input(tmp_path: Path, name: str, filename: str, build: Callable[[Path], None], problem: str) -> None:
    path = tmp_path / filename
    build(path)
    code, out, err = run_cli("check", str(path))
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith(f"错误：{path}") and problem in lines[0], lines[0]


def test_limits_are_configurable(tmp_path: Path) -> None:
    code, _, err = run_cli("check", str(EXAMPLE), "--max-chars", "100")
    assert code == 2 and "提取出的文字过多" in err and "上限100字" in err
    code, _, err = run_cli("check", str(EXAMPLE), "--max-mb", "0.001")
    assert code == 2 and "文件过大" in err
    (tmp_path / ".checker.yaml").write_text("max_chars: 100\n", encoding="utf-8")
    code, _, err = run_cli("check", str(EXAMPLE), "--config", str(tmp_path / ".checker.yaml"))
    assert code == 2 and "上限100字" in err


def test_a_docx_within_a_stricter_ratio_is_refused(tmp_path: Path) -> None:
    from tests.variants import write_docx

    path = write_docx(EXAMPLE.read_text(encoding="utf-8") * 40, tmp_path / "ok.docx")
    assert run_cli("check", str(path), "--format", "json")[0] in (0, 1)
    (tmp_path / "c.yaml").write_text("docx_ratio: 2\n", encoding="utf-8")
    code, _, err = run_cli("check", str(path), "--config", str(tmp_path / "c.yaml"))
    assert code == 2 and "压缩炸弹" in err


def test_a_report_with_no_outline_is_still_checked(tmp_path: Path) -> None:
    path = tmp_path / "prose.txt"
    path.write_text("2024年,示例区民政局坚持依法行政,全年办理行政复议案件3件,组织集体学法4次。"
                    "局主要负责人认真履行推进法治建设第一责任人职责,主持召开专题会议4次。"
                    "但仍存在一些不足,由于人员不足,导致执法覆盖面不够。下一步将加强培训。\n", encoding="utf-8")
    code, out, err = run_cli("check", str(path), "--format", "json")
    report = json.loads(out)["reports"][0]
    assert code == 1 and "meta.no_outline" in {f["rule"] for f in report["findings"]}
    found = {s["id"]: s["found_by"] for s in report["sections"] if s["present"]}
    assert found["first_responsible"] == "passage" and found["shortfalls"] == "passage"


def test_batch_gives_a_stuck_file_its_own_row(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import batch, pipeline

    entered, finished = [], []

    def stuck(path: str, *args: object, **kwargs: object) -> None:
        entered.append(path)
        time.sleep(60)  # the one-second budget interrupts this sleep; nothing measures how long it took
        finished.append(path)

    monkeypatch.setattr(pipeline, "check_path", stuck)
    rows = batch.run([EXAMPLE], "national", jobs=1, timeout=1)
    assert entered == [str(EXAMPLE)] and finished == [], "the batch waited for the stuck file instead of interrupting it"
    assert rows[0].result is None and "超过单个文件的时间上限（1秒）" in (rows[0].error or ("", ""))[0]
