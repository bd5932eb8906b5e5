"""The read stage: every seed report read back from every format, encodings, furniture, and errors."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.readers import read_bytes, read_path
from checker.readers.furniture import strip_furniture
from tests.conftest import SEEDS as SEED_DIR
from tests.variants import PDF_HEADER, write_docx, write_html, write_pdf, write_txt

SEEDS = sorted(SEED_DIR.glob("0*.txt"))
SEED_002 = next(p for p in SEEDS if p.name.startswith("002"))
TITLE_002 = "市民政局关于2023年法治政府建设工作情况报告"
# The lines of seed 002 that are the web page's, not the report's.
FURNITURE_002 = ("发布日期:2024-01-12 16:48 来源:潜江市民政局", "附件:", "扫一扫在手机上查看当前页面", "我要纠错 关闭窗口")
WRITERS = {"txt": write_txt, "docx": write_docx, "pdf": write_pdf, "html": write_html}


def paragraphs(text: str) -> list[str]:
    """Non-empty lines with all whitespace removed (PDF wrapping may lose spaces)."""
    return [re.sub(r"\s+", "", line) for line in text.split("\n") if line.strip()]


def expected_paragraphs(seed: Path, fmt: str) -> list[str]:
    """Every reader removes site furniture: a web page saved as PDF or pasted into Word carries it too."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    lines = [line for line in lines if line.strip() not in FURNITURE_002]
    return paragraphs("\n".join(lines))


def test_seeds_found() -> None:
    assert len(SEEDS) == 5


# --- every seed, every format ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_round_trip(seed: Path, fmt: str, tmp_path: Path) -> None:
    source = seed.read_text(encoding="utf-8")
    path = WRITERS[fmt](source, tmp_path / f"report.{fmt}")
    extracted = read_path(str(path))
    assert extracted.format == fmt
    assert extracted.path == str(path)
    assert paragraphs(extracted.text) == expected_paragraphs(seed, fmt)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_pdf_drops_page_furniture_and_rejoins(seed: Path, tmp_path: Path) -> None:
    source = seed.read_text(encoding="utf-8")
    extracted = read_path(str(write_pdf(source, tmp_path / "report.pdf")))
    lines = extracted.text.split("\n")
    assert all(line.strip() for line in lines)  # one paragraph per line, no blank lines
    assert len(lines) == len(expected_paragraphs(seed, "pdf"))
    assert PDF_HEADER not in extracted.text
    assert not any(re.fullmatch(r"-\s*\d+\s*-", line.strip()) for line in lines)
    pages = sum(1 for line in extracted.dropped_lines if re.fullmatch(r"- \d+ -", line))
    assert pages >= 2  # several pages, each with its page number and header dropped
    assert extracted.dropped_lines.count(PDF_HEADER) == pages


def test_pdf_keeps_traditional_characters(tmp_path: Path) -> None:
    seed = next(p for p in SEEDS if p.name.startswith("003"))
    extracted = read_path(str(write_pdf(seed.read_text(encoding="utf-8"), tmp_path / "t.pdf")))
    assert extracted.text.startswith("重慶市長壽區民政局2021年度法治政府建設年度報告\n")


# --- plain text ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_encodings_decode_to_the_same_text(seed: Path, tmp_path: Path) -> None:
    source = seed.read_text(encoding="utf-8")
    read = {enc: read_path(str(write_txt(source, tmp_path / f"{enc}.txt", enc))) for enc in
            ("utf-8", "utf-8-sig", "gb18030")}
    assert {enc: r.encoding for enc, r in read.items()} == {e: e for e in read}
    assert read["utf-8"].text == read["utf-8-sig"].text == read["gb18030"].text
    assert not read["utf-8-sig"].text.startswith("\ufeff")


def test_utf16_and_crlf(tmp_path: Path) -> None:
    text = "某区民政局2023年法治政府建设年度报告\r\n一、主要举措\r\n（一）加强领导。\r二、存在的不足"
    path = tmp_path / "u16.txt"
    path.write_bytes(text.encode("utf-16"))
    extracted = read_path(str(path))
    assert extracted.encoding == "utf-16"
    assert extracted.text == "某区民政局2023年法治政府建设年度报告\n一、主要举措\n（一）加强领导。\n二、存在的不足"


def test_big5_is_not_taken_for_gb18030(tmp_path: Path) -> None:
    seed = next(p for p in SEEDS if p.name.startswith("003"))
    source = seed.read_text(encoding="utf-8")
    path = tmp_path / "big5.txt"
    path.write_bytes(source.encode("big5"))
    extracted = read_path(str(path))
    assert extracted.text == source
    assert extracted.encoding is not None and "big5" in extracted.encoding.replace("_", "")


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "一、主要举措和成效\n全年办理案件12件。\n".encode("gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    extracted = read_path("-")
    assert extracted.path is None and extracted.display_path == "<stdin>"
    assert extracted.text == "一、主要举措和成效\n全年办理案件12件。\n"


# --- site furniture ------------------------------------------------------------------------------------


def test_seed_002_furniture_removed() -> None:
    extracted = read_path(str(SEED_002))
    for line in FURNITURE_002:
        assert line not in extracted.text
    assert extracted.text.split("\n")[0] == TITLE_002
    assert extracted.published == date(2024, 1, 12)
    assert extracted.dropped_lines[0] == "来源:潜江市民政局"
    assert set(FURNITURE_002) <= set(extracted.dropped_lines)
    assert "三、下一步工作打算" in extracted.text


def test_html_variant_keeps_title_drops_furniture(tmp_path: Path) -> None:
    extracted = read_path(str(write_html(SEED_002.read_text(encoding="utf-8"), tmp_path / "page.html")))
    assert extracted.text.split("\n")[0] == TITLE_002
    furniture = ("当前位置", "首页", "发布日期", "字体", "打印本页", "附件", "分享到", "扫一扫", "我要纠错",
                 "关闭窗口", "上一篇", "下一篇", "主办单位", "ICP备", "网站标识码", "hm.js", "欢迎访问")
    assert [word for word in furniture if word in extracted.text] == []
    assert extracted.published == date(2024, 1, 12)
    assert extracted.dropped_lines[0] == "来源:潜江市民政局"
    assert "一、履行第一责任人职责,扎实学习宣传贯彻习近平法治思想" in extracted.text.split("\n")


def test_html_date_not_guessed_from_report_text(tmp_path: Path) -> None:
    path = write_html("某区2023年法治政府建设工作报告\n今年以来，我局依法行政。", tmp_path / "p.html", furniture=False)
    extracted = read_path(str(path))
    assert extracted.text == "某区2023年法治政府建设工作报告\n今年以来，我局依法行政。"
    assert extracted.published is None


def test_table_layout_gbk_page() -> None:
    """An older site: GB2312 page laid out with nested tables, a data table inside the article."""
    seed = next(p for p in SEEDS if p.name.startswith("000"))
    lines = [line for line in seed.read_text(encoding="utf-8").split("\n") if line.strip()]
    body = "".join(f"<p>　　{line}</p>\n" for line in lines[:3])
    body += "<table border='1'><tr><td>项目</td><td>数量</td></tr><tr><td>行政复议案件</td><td>12件</td></tr></table>\n"
    body += "".join(f"<p>　　{line}</p>\n" for line in lines[3:])
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>罗湖区民政局2024年法治政府建设年度报告--罗湖区人民政府</title></head><body><table width="1000">
<tr><td><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/zwfw/">政务服务</a></td></tr>
<tr><td>当前位置：首页 &gt; 政务公开</td></tr>
<tr><td class="title"><h2>罗湖区民政局2024年法治政府建设年度报告</h2></td></tr>
<tr><td>发布时间：2024-02-03 09:00:00 &nbsp; 浏览次数：<span>1234</span></td></tr>
<tr><td><div id="zoom">{body}</div></td></tr>
<tr><td>【<a>打印本页</a>】【<a>关闭窗口</a>】</td></tr>
<tr><td>版权所有：罗湖区人民政府 备案号：粤ICP备12345678号</td></tr></table></body></html>"""
    extracted = read_bytes(page.encode("gbk"), "page.htm")
    assert extracted.encoding == "gb18030"
    assert extracted.published == date(2024, 2, 3)
    assert extracted.text.split("\n") == [
        "罗湖区民政局2024年法治政府建设年度报告", *lines[:3], "项目\t数量", "行政复议案件\t12件", *lines[3:]
    ]


@pytest.mark.parametrize(
    "line",
    [
        "日期：2024年1月10日",  # the report's own date
        "时间：2023年全年",
        "主办全市社会组织年检培训会",
        "来源：群众来信反映的问题，我局高度重视。",
        "首页改版工作已于3月完成，上线后访问量明显增加。",
        "一是推进政务公开。分享经验做法，打印并发放宣传资料5000份。",
        "（三）规范行政执法程序",
    ],
)
def test_furniture_keeps_prose(line: str) -> None:
    assert strip_furniture(f"一、主要举措\n{line}\n二、下一步工作") == (f"一、主要举措\n{line}\n二、下一步工作", None, ())


def test_attachment_line_kept_when_something_follows() -> None:
    text = "三、下一步工作\n继续推进。\n附件：\n1.2023年行政执法统计表\n扫一扫在手机上查看当前页面"
    kept, published, dropped = strip_furniture(text)
    assert kept == "三、下一步工作\n继续推进。\n附件：\n1.2023年行政执法统计表"
    assert published is None and dropped == ("扫一扫在手机上查看当前页面",)


# --- .docx ---------------------------------------------------------------------------------------------


def test_docx_heading_hints(tmp_path: Path) -> None:
    source = SEED_002.read_text(encoding="utf-8")
    extracted = read_path(str(write_docx(source, tmp_path / "h.docx", heading_styles=True)))
    hinted = [(extracted.text[h.start : h.end], h.level) for h in extracted.heading_hints]
    expected = []
    for line in source.split("\n"):
        if re.match(r"[一二三四五六七八九十]+、", line):
            expected.append((line, 1))
        elif re.match(r"[(（][一二三四五六七八九十]+[)）]", line):
            expected.append((line, 2))
    assert hinted == expected
    assert len(hinted) == 14
    assert read_path(str(write_docx(source, tmp_path / "plain.docx"))).heading_hints == ()


def test_docx_tables_in_order_and_outline_levels(tmp_path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("一、主要举措和成效")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([("项目", "2022年", "2023年"), ("行政复议", "10", "12")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    outline = document.add_paragraph("二、存在的不足")
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "0")
    outline._p.get_or_add_pPr().append(level)
    styled = document.styles.add_style("标题 2", 1)  # WPS names its heading styles in Chinese
    document.add_paragraph("（一）宣传不够", style=styled)
    document.save(str(tmp_path / "t.docx"))
    extracted = read_path(str(tmp_path / "t.docx"))
    assert extracted.text == "一、主要举措和成效\n项目\t2022年\t2023年\n行政复议\t10\t12\n二、存在的不足\n（一）宣传不够"
    assert [(extracted.text[h.start : h.end], h.level) for h in extracted.heading_hints] == [
        ("二、存在的不足", 1),
        ("（一）宣传不够", 2),
    ]


# --- format detection ----------------------------------------------------------------------------------


def test_format_from_content_not_extension(tmp_path: Path) -> None:
    pdf = write_pdf("一、主要举措和成效\n全年办理行政复议案件12件。", tmp_path / "a.pdf")
    renamed = tmp_path / "report.docx"
    renamed.write_bytes(pdf.read_bytes())
    assert read_path(str(renamed)).format == "pdf"
    page = write_html("某区2023年法治政府建设工作报告\n今年以来，我局依法行政。", tmp_path / "p.html")
    as_txt = tmp_path / "page.txt"
    as_txt.write_bytes(page.read_bytes())
    assert read_path(str(as_txt)).format == "html"
    assert read_bytes("<p>一、主要举措</p>".encode(), "x.htm").format == "html"
    assert read_bytes("一、主要举措\n<html>是一个标签".encode(), "x.txt").format == "txt"


def test_a_zip_is_a_docx_by_its_word_body_not_by_being_a_zip(tmp_path: Path) -> None:
    docx = write_docx("一、主要举措和成效\n全年办理行政复议案件12件。", tmp_path / "a.docx")
    assert read_bytes(docx.read_bytes(), "download.dat").format == "docx"  # a site's odd name: the body decides
    with pytest.raises(InputError) as caught:
        read_bytes(zip_bytes({"mimetype": b"application/epub+zip"}), "book.epub")
    assert "zip 压缩包" in caught.value.zh and "docx" not in caught.value.zh


def test_readers_are_imported_lazily() -> None:
    code = "import sys, checker.readers; print(sorted(m for m in ('pdfplumber', 'docx', 'trafilatura', " \
           "'charset_normalizer', 'reportlab') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- errors --------------------------------------------------------------------------------------------


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def encrypted_pdf(path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), encrypt=StandardEncryption("secret", ownerPassword="owner"))
    canvas.drawString(72, 720, "secret report")
    canvas.save()


def image_only_pdf(path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    for _ in range(2):
        canvas.rect(72, 72, 300, 500, fill=1)  # what a scan looks like to a text extractor: no glyphs
        canvas.showPage()
    canvas.save()


def corrupt_pdf(path: Path) -> None:
    whole = write_pdf("一、主要举措和成效\n全年办理行政复议案件12件。", path).read_bytes()
    path.write_bytes(whole[: len(whole) // 3])


ERROR_CASES = {
    "empty": ("empty.txt", lambda p: p.write_bytes(b""), "文件为空"),
    "whitespace": ("blank.txt", lambda p: p.write_text(" \n\t\u3000\n\r\n", encoding="utf-8"), "没有文字内容"),
    "binary": ("data.txt", lambda p: p.write_bytes(b"\x00\x01\x02ABC\x00" * 100), "这是二进制文件，不是报告文本"),
    "control": ("ctl.txt", lambda p: p.write_bytes(bytes(range(1, 9)) * 100), "这是二进制文件"),
    "undecodable": ("odd.txt", lambda p: p.write_bytes(b"Report \x80\x81\x80 \xff\x80 done " * 20), "无法识别文件的文字编码"),
    "docx_not_zip": ("report.docx", lambda p: p.write_text("一、主要举措", encoding="utf-8"), "不是有效的 .docx 文件"),
    "docx_corrupt": ("bad.docx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50), "不是有效的 .docx 文件"),
    "docx_no_body": ("other.docx", lambda p: p.write_bytes(zip_bytes({"xl/workbook.xml": b"<x/>"})), "word/document.xml"),
    "legacy_doc": ("old.docx", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600), "旧版 Word"),
    "zip_not_word": ("sheet.txt", lambda p: p.write_bytes(zip_bytes({"xl/workbook.xml": b"<x/>"})), "这是zip 压缩包（不是 Word 文档）"),
    "ofd_zip": ("report.zip", lambda p: p.write_bytes(zip_bytes({"OFD.xml": b"<ofd:OFD/>"})), "不是有效的 OFD 文件"),
    "ofd_named": ("report.ofd", lambda p: p.write_bytes(b"PK\x03\x04 damaged"), "不是有效的 OFD 文件"),
    "wps": ("report.wps", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600), "WPS 文字（.wps）"),
    "zip_bomb": ("bomb.docx", lambda p: p.write_bytes(zip_bytes({"word/document.xml": b" " * 3_000_000})), "压缩炸弹"),
    "scanned_pdf": ("scan.pdf", image_only_pdf, "扫描件，无文字层：PDF 中没有可提取的文字"),
    "encrypted_pdf": ("locked.pdf", encrypted_pdf, "PDF 已加密"),
    "corrupt_pdf": ("broken.pdf", corrupt_pdf, "PDF 文件已损坏"),
    "not_pdf": ("fake.pdf", lambda p: p.write_text("一、主要举措", encoding="utf-8"), "不是有效的 PDF 文件"),
    "html_no_text": ("page.html", lambda p: p.write_text(
        "<!DOCTYPE html><html><head><title>首页</title><script>var a=1;</script></head>"
        "<body><div class='nav'></div><img src='a.png'></body></html>", encoding="utf-8"), "网页中没有找到正文文字"),
    "image": ("photo.txt", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), "PNG 图片"),
}


@pytest.mark.parametrize("case", list(ERROR_CASES))
def test_input_errors(case: str, tmp_path: Path) -> None:
    name, make, message = ERROR_CASES[case]
    path = tmp_path / name
    make(path)
    with pytest.raises(InputError) as caught:
        read_path(str(path))
    error = caught.value
    assert message in error.zh
    assert str(path) in str(error) and name in error.render("zh")
    assert error.en != error.zh and error.render("en").startswith(str(path))


def test_file_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "没有这个报告.txt"
    with pytest.raises(InputError, match="文件不存在") as caught:
        read_path(str(missing))
    assert "没有这个报告.txt" in str(caught.value)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="目录"):
        read_path(str(tmp_path))


def test_too_large(tmp_path: Path) -> None:
    path = write_txt("一、主要举措和成效\n" * 200, tmp_path / "big.txt")
    with pytest.raises(InputError) as caught:
        read_path(str(path), max_bytes=1024)
    message = str(caught.value)
    assert "big.txt" in message and "文件过大" in message
    assert f"{path.stat().st_size / 1024:.1f} KB" in message and "上限为 1.0 KB" in message


def test_stdin_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a" * 2000)))
    with pytest.raises(InputError, match="文件过大") as caught:
        read_path("-", max_bytes=1000)
    assert "<stdin>" in str(caught.value)
