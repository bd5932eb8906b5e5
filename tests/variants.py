"""Builders that write one report text in each input format the checker reads.

Each takes the report text (lines separated by "\\n") and an output path, so a cross-format test can
check that every reader hands on the same paragraphs. The layouts imitate real files: a PDF with a
2-character first-line indent, a running header and "- N -" page numbers; a government web page with
navigation, 发布日期/来源 line, 扫一扫/我要纠错 furniture and a footer.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING_2 = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
PDF_HEADER = "依法行政工作材料"  # the running header write_pdf puts on every page


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def title_line(text: str) -> str | None:
    """The report's title line, if its first line looks like one (short, no sentence punctuation)."""
    first = _lines(text)[0]
    if len(first) <= 60 and not re.search(r"[。，,；;：:]", first) and not HEADING_1.match(first):
        return first
    return None


def write_txt(text: str, path: str | Path, encoding: str = "utf-8") -> Path:
    """Write ``text`` as a plain-text file; ``encoding`` is "utf-8", "utf-8-sig" or "gb18030"."""
    if encoding not in ("utf-8", "utf-8-sig", "gb18030"):
        raise ValueError(f"unsupported encoding {encoding!r}")
    path = Path(path)
    path.write_bytes(text.encode(encoding))
    return path


def write_docx(text: str, path: str | Path, heading_styles: bool = False) -> Path:
    """Write one paragraph per non-empty line; optionally style 一、 lines Heading 1, (一) lines Heading 2."""
    import docx

    document = docx.Document()
    for line in _lines(text):
        style = None
        if heading_styles and HEADING_1.match(line):
            style = "Heading 1"
        elif heading_styles and HEADING_2.match(line):
            style = "Heading 2"
        document.add_paragraph(line, style=style)
    path = Path(path)
    document.save(str(path))
    return path


def write_pdf(text: str, path: str | Path, header: str = PDF_HEADER) -> Path:
    """Write an A4 report: justified CJK-wrapped body paragraphs with a 2-character first-line indent,
    short marker headings (一、 / （一）) unindented, the title line centred, ``header`` at the top of
    every page and a centred "- N -" page number at the bottom.

    Uses reportlab's built-in CID font STSong-Light, which needs no font file and covers simplified and
    traditional characters. One quirk: reportlab writes U+00B7 "·" with a code that pdfminer's
    UniGB-UCS2-H table lacks (the character would vanish on extraction); U+30FB "・" is drawn with the
    same Adobe-GB1 glyph and pdfminer reads it back as U+00B7, so that is what we draw.
    """
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    font, size = "STSong-Light", 12.0
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    common = {"fontName": font, "fontSize": size, "leading": size * 1.6, "wordWrap": "CJK"}
    body = ParagraphStyle("body", alignment=TA_JUSTIFY, firstLineIndent=2 * size, **common)
    heading = ParagraphStyle("heading", alignment=TA_JUSTIFY, spaceBefore=size * 0.4, **common)
    title = ParagraphStyle("title", alignment=TA_CENTER, spaceAfter=size, **common)

    def furniture(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        width, height = A4
        canvas.drawCentredString(width / 2, height - 15 * mm, header)
        canvas.setFont(font, 10.5)
        canvas.drawCentredString(width / 2, 15 * mm, f"- {doc.page} -")
        canvas.restoreState()

    first_title = title_line(text)
    story = []
    for i, line in enumerate(_lines(text)):
        markup = html.escape(line.replace("\u00b7", "\u30fb"), quote=False)
        if i == 0 and line == first_title:
            style = title
        elif (HEADING_1.match(line) or HEADING_2.match(line)) and len(line) <= 36:
            style = heading
        else:
            style = body
        story.append(Paragraph(markup, style))
    path = Path(path)
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm, topMargin=30 * mm, bottomMargin=28 * mm
    )
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


PAGE_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{page_title}</title>
<meta name="SiteName" content="{site}">
<meta name="ColumnName" content="法治政府建设">
<meta name="PubDate" content="{published}">
<meta name="ContentSource" content="{source}">
<link rel="stylesheet" href="/css/common.css">
<script type="text/javascript">
  var _hmt = _hmt || [];
  (function () {{ var hm = document.createElement("script"); hm.src = "https://hm.example.cn/hm.js";
    document.getElementsByTagName("head")[0].appendChild(hm); }})();
</script>
</head>
<body>
<div class="top-bar"><span>欢迎访问{site}</span><a href="/wza/">无障碍</a><a href="/en/">English</a></div>
<div class="header"><img src="/images/logo.png" alt="{site}"></div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjqj/">走进{city}</a></li>
</ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="#">法治政府建设</a></div>
<div class="article">
"""

PAGE_FURNITURE_TOP = """<div class="info">发布日期：{published} 来源：{source}
<span class="font">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span>
<a href="javascript:window.print()">打印本页</a></div>
"""

PAGE_FURNITURE_BOTTOM = """<div class="attach">附件：</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="qrcode"><img src="/qr.png" alt="二维码"><p>扫一扫在手机上查看当前页面</p></div>
<div class="tools"><a href="#">我要纠错</a> <a href="javascript:window.close()">关闭窗口</a></div>
<div class="pager"><p>上一篇：关于开展2024年养老服务领域专项检查的通知</p>
<p>下一篇：市民政局2023年政府信息公开工作年度报告</p></div>
"""

PAGE_FOOT = """</div>
<div class="footer">
<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
<p>主办单位：{city}市人民政府办公室 承办单位：{city}市政务服务和大数据管理局</p>
<p>网站标识码：4290050001 鄂ICP备05003311号 鄂公网安备 42900502000115号</p>
</div>
</body>
</html>
"""


def write_html(
    text: str, path: str | Path, furniture: bool = True, *, source: str = "潜江市民政局",
    published: str = "2024-01-12 16:48",
) -> Path:
    """Write a Chinese government web page: the title line as <h1>, short 一、 headings as <h2>, the other
    lines as <p>. With ``furniture`` the page has a nav bar, breadcrumb, 发布日期/来源 line, 附件,
    扫一扫/我要纠错/关闭窗口, 上一篇/下一篇 and a footer with 主办单位/备案号; without, only the article.
    """
    city, site = "潜江", "潜江市人民政府"
    title = title_line(text)
    lines = _lines(text)
    parts = []
    if title is not None:
        parts.append(f"<h1 class=\"title\">{html.escape(title)}</h1>\n")
        lines = lines[1:]
    if furniture:
        parts.append(PAGE_FURNITURE_TOP.format(source=source, published=published))
    parts.append("<div class=\"content\" id=\"zoom\">\n")
    for line in lines:
        tag = "h2" if HEADING_1.match(line) and len(line) <= 40 and "。" not in line else "p"
        style = "" if tag == "h2" else " style=\"text-indent:2em;\""
        parts.append(f"<{tag}{style}>{html.escape(line)}</{tag}>\n")
    parts.append("</div>\n")
    page_title = f"{title}_{site}" if title is not None else site
    if furniture:
        page = PAGE_HEAD.format(page_title=page_title, site=site, source=source, city=city, published=published)
        page += "".join(parts) + PAGE_FURNITURE_BOTTOM + PAGE_FOOT.format(city=city)
    else:
        page = (
            f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{page_title}</title></head>\n"
            f"<body><div class=\"article\">\n{''.join(parts)}</div></body></html>\n"
        )
    path = Path(path)
    path.write_text(page, encoding="utf-8")
    return path


OFD_NS = "http://www.ofdspec.org/2016"
PT_TO_MM = 25.4 / 72


def write_ofd(text: str, path: str | Path) -> Path:
    """Write an OFD (GB/T 33190) package of the report, typeset exactly as ``write_pdf`` typesets it: the
    PDF is laid out first and each of its text lines (header and page numbers too) becomes an OFD
    TextObject at the same place, with one advance per character (DeltaX), in millimetres."""
    import io
    import tempfile
    import zipfile
    from xml.sax.saxutils import escape, quoteattr

    import pdfplumber

    with tempfile.TemporaryDirectory() as tmp:
        pdf = write_pdf(text, Path(tmp) / "layout.pdf")
        with pdfplumber.open(pdf) as doc:
            pages = [(page.width * PT_TO_MM, page.height * PT_TO_MM,
                      page.extract_text_lines(strip=True, return_chars=True)) for page in doc.pages]

    def number(value: float) -> str:
        return f"{value:.3f}".rstrip("0").rstrip(".")

    ids = iter(range(10, 10_000_000))
    contents = []
    for _, _, lines in pages:
        objects = []
        for line in lines:
            chars = [c for c in line["chars"] if c["text"].strip()]
            if not chars:
                continue
            size = chars[0]["size"] * PT_TO_MM
            x0, top = chars[0]["x0"] * PT_TO_MM, line["top"] * PT_TO_MM
            deltas = " ".join(number((b["x0"] - a["x0"]) * PT_TO_MM) for a, b in zip(chars, chars[1:], strict=False))
            width = (chars[-1]["x1"] - chars[0]["x0"]) * PT_TO_MM
            codes = escape("".join(c["text"] for c in chars))
            delta_attr = f" DeltaX={quoteattr(deltas)}" if deltas else ""
            objects.append(
                f'<ofd:TextObject ID="{next(ids)}" Boundary="{number(x0)} {number(top)} {number(width + size)} '
                f'{number(size * 1.4)}" Font="2" Size="{number(size)}"><ofd:TextCode X="0" Y="{number(size)}"'
                f"{delta_attr}>{codes}</ofd:TextCode></ofd:TextObject>"
            )
        contents.append(f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
                        f'<ofd:Layer ID="{next(ids)}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
    width, height = pages[0][0], pages[0][1]
    page_list = "".join(f'<ofd:Page ID="{next(ids)}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
    document = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
                f'<ofd:MaxUnitID>{next(ids)}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {number(width)} '
                f'{number(height)}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>'
                f"</ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" '
                              'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>checker-test</ofd:DocID>'
                              "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        z.writestr("Doc_0/Document.xml", document)
        z.writestr("Doc_0/PublicRes.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" '
                                          'BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="宋体"/></ofd:Fonts></ofd:Res>')
        for i, content in enumerate(contents):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", content)
    Path(path).write_bytes(buffer.getvalue())
    return Path(path)


def write_legacy_word(text: str, path: str | Path) -> Path:
    """A Word 97–2003 binary of the report, converted by LibreOffice from ``write_docx``'s .docx. A .wps
    from WPS Office is the same binary format under another name, so a .wps path gets the same bytes."""
    import os
    import shutil
    import subprocess
    import tempfile

    program = os.environ.get("CHECKER_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise RuntimeError("LibreOffice is needed to make .doc/.wps fixtures: run `make dev`")
    with tempfile.TemporaryDirectory() as tmp:
        source = write_docx(text, Path(tmp) / "report.docx", heading_styles=True)
        subprocess.run([program, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "doc:MS Word 97", "--outdir", tmp, str(source)],
                       check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": tmp})
        shutil.copy(Path(tmp) / "report.doc", path)
    return Path(path)
