"""Read a report published as a web page: trafilatura finds the article, furniture.py cleans it up.

trafilatura drops navigation, footers and scripts but keeps what a site prints inside the article box
(发布日期/来源 line, 扫一扫, 我要纠错 …), which ``strip_furniture`` then removes; and it often drops the
article's <h1> title, which is put back from the page's <h1> (or <title>) here. Tables used for page
layout (older sites) are turned into <div>s first, since trafilatura reads every table as data.
The publication date comes from a 发布日期 line, else <meta name="PubDate">, else trafilatura's metadata.
"""

from __future__ import annotations

import re
from typing import Any

from checker.errors import InputError
from checker.model import Extracted
from checker.readers.furniture import SOURCE_PREFIX, parse_date, strip_furniture
from checker.readers.txt import decode_text, normalise_newlines

META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.IGNORECASE)
GB_ALIASES = frozenset({"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"})
DATE_META = frozenset({"pubdate", "publishdate", "publish_date", "firstpublishedtime", "article:published_time"})
SOURCE_META = frozenset({"contentsource", "source"})
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
TITLE_SEPARATORS = re.compile(r"\s*(?:[-_|｜—]+)\s*")
REPORT_WORDS = re.compile(r"报告|總結|总结|情况|情況|報告")


def read_html(data: bytes, path: str | None) -> Extracted:
    """The article's paragraphs, one per line, with its title line and without site furniture."""
    import lxml.etree
    import lxml.html
    import trafilatura

    markup, encoding = decode_html(data, path)
    markup = XML_DECLARATION.sub("", markup, count=1)  # lxml refuses a str that declares an encoding
    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.fromstring(markup, parser=parser)
    except (ValueError, lxml.etree.ParserError):
        raise InputError(path, zh="网页中没有找到正文文字", en="the web page has no body text") from None
    # libxml2 stops at 256 nested elements and drops the rest: say so, rather than "no body text"
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise InputError(
            path, zh="网页的元素嵌套过深（超过 256 层），无法可靠提取正文，请从网页复制正文另存为 .txt 或 .docx 后再检查",
            en="the web page nests its elements too deeply (over 256 levels) to extract its text reliably; "
            "save the text as .txt or .docx",
        )
    title, metas = page_title(tree), meta_values(tree)
    title_element = tree.find(".//title")  # kept whole: meta.py looks in it for the body's name
    window_title = squeeze_spaces(title_element.text_content()) or None if title_element is not None else None
    unwrap_layout_tables(tree)
    result = trafilatura.bare_extraction(
        tree,
        include_tables=True,
        include_comments=False,
        favor_recall=True,
        with_metadata=True,
        # htmldate's extensive search takes any "2023年" in the report for the page's date
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    found: dict[str, Any] = {}
    if isinstance(result, dict):
        found = result
    elif result is not None:
        found = result.as_dict()
    text = normalise_newlines(found.get("text") or "")
    if not text.strip():  # trafilatura found no article: take the page's whole text, furniture goes below
        text = normalise_newlines(trafilatura.html2txt(markup) or "")
    lines = [table_row(line.strip()) for line in text.split("\n") if line.strip()]
    text, published, dropped = strip_furniture("\n".join(lines))
    if not text.strip():
        raise InputError(path, zh="网页中没有找到正文文字", en="the web page has no body text")
    if title and not any(squeeze(title) == squeeze(line) for line in text.split("\n")[:3]):
        text = f"{title}\n{text}"
    published = published or next((parse_date(v) for k, v in metas if k in DATE_META and parse_date(v)), None)
    if published is None and found.get("date"):
        published = parse_date(found["date"])
    if not any(line.startswith(SOURCE_PREFIX) for line in dropped[:1]):
        source = next((v.strip() for k, v in metas if k in SOURCE_META and v.strip()), None)
        if source:
            dropped = (SOURCE_PREFIX + source, *dropped)
    return Extracted(
        path=path, format="html", text=text, encoding=encoding, published=published, dropped_lines=dropped,
        page_title=window_title,
    )


def decode_html(data: bytes, path: str | None) -> tuple[str, str]:
    """Strict UTF-8 (or a BOM), else the charset the page declares (GB2312/GBK read as GB18030), else
    the plain-text detection."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            pass
        declared = META_CHARSET.search(data[:4096])
        if declared:
            codec = declared.group(1).decode("ascii").lower()
            codec = "gb18030" if codec in GB_ALIASES else codec
            try:
                return data.decode(codec), codec
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_text(data, path)


def page_title(tree: Any) -> str | None:
    """The report title the page shows: an <h1>/<h2> matching the longest part of <title>; else that
    part if it reads like a report title (报告, 总结, 情况); else the first <h1> that does."""
    headings = [squeeze_spaces(h.text_content()) for h in tree.iter("h1", "h2")]
    title_element = tree.find(".//title")
    title = squeeze_spaces(title_element.text_content()) if title_element is not None else ""
    best = max(TITLE_SEPARATORS.split(title), key=len, default="")
    if best:
        for heading in headings:
            if heading and (heading in best or best in heading) and len(heading) >= 0.6 * len(best) \
                    and len(best) >= 0.6 * len(heading):
                return heading
        if REPORT_WORDS.search(best):
            return best
    h1s = (squeeze_spaces(h.text_content()) for h in tree.iter("h1"))
    return next((h for h in h1s if REPORT_WORDS.search(h)), None)


def unwrap_layout_tables(tree: Any) -> None:
    """Turn tables used for page layout into <div>s, in place.

    Older government sites lay pages out with nested tables; trafilatura takes every table for data and
    flattens the article in it into one " | "-separated row. A table is layout when a cell holds a
    nested table, a heading, or several blocks with real text; data tables (one value per cell, Word's
    single <p> per cell) are left alone.
    """
    for table in list(tree.iter("table")):
        if any(is_layout_cell(cell) for cell in table.iter("td", "th")):
            parts = [e for e in table.iter("thead", "tbody", "tfoot", "tr", "td", "th") if nearest_table(e) is table]
            for element in [table, *parts]:
                element.tag = "div"


def is_layout_cell(cell: Any) -> bool:
    if next(cell.iter("table", "h1", "h2", "h3", "h4", "h5", "h6"), None) is not None:
        return True
    blocks = [b for b in cell.iter("p", "div", "ul", "ol", "li") if b is not cell]
    return len(blocks) >= 2 and len(cell.text_content().strip()) >= 100


def nearest_table(element: Any) -> Any:
    """The innermost table an element is part of."""
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def table_row(line: str) -> str:
    """trafilatura writes a table row as "| a | b |"; make it "a<TAB>b" as the .docx reader does."""
    if len(line) > 2 and line.startswith("| ") and line.endswith(" |"):
        cells = re.split(r"(?<!\\) \| ", line[2:-2])
        return "\t".join(cell.replace("\\|", "|").strip() for cell in cells)
    return line


def meta_values(tree: Any) -> list[tuple[str, str]]:
    """(lower-case name or property, content) of the page's <meta> tags."""
    values = []
    for meta in tree.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        if name and meta.get("content"):
            values.append((name, meta.get("content")))
    return values


def squeeze_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)
