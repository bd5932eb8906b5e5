"""Remove the site furniture a copied web page brings along: whole lines only, never report prose.

No library does this: HTML extractors (trafilatura) work on the page's markup, while here the markup is
gone (a page saved or pasted as text) or the furniture sits inside the article's own markup. So the
lines are matched against what Chinese government sites print around an article. A line is dropped only
when it is made *entirely* of such things (a 发布日期/来源 field line, 我要纠错 关闭窗口, a footer with
备案号 …); a line ending in 。 or longer than ``MAX_FURNITURE`` characters is always kept.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from checker.model import Extracted, HeadingHint

MAX_FURNITURE = 160
SOURCE_PREFIX = "来源:"  # dropped_lines[0] is "来源:<body>" when a 来源 field was found

# Buttons and labels that make up whole lines around an article; a line made of nothing else goes.
TOKENS = (
    "扫一扫在手机上查看当前页面", "扫一扫在手机打开当前页", "扫一扫在手机上打开当前页", "用手机扫描二维码",
    "我要纠错", "关闭窗口", "关闭本页", "打印本页", "打印此页", "打印正文", "返回顶部", "返回首页",
    "加入收藏", "收藏本页", "保存本页", "分享到", "分享", "微信", "微博", "QQ空间", "打印", "关闭", "收藏",
    "字体", "字号", "大中小", "默认", "【", "】", "[", "]", "|", "｜", ":", "：", "/", "·",
)
TOKEN_RE = re.compile("|".join(re.escape(t) for t in sorted(TOKENS, key=len, reverse=True)))

# Lines that open with one of these (the labels with their colon) are navigation or footer lines.
PREFIXES = re.compile(
    r"^(?:(?:当前位置|您当前的位置|您现在的位置|您的位置|所在位置|版权所有|Copyright|©)|"
    r"(?:上一篇|下一篇|上一条|下一条|主办单位|主办|承办单位|承办|协办单位|网站标识码|技术支持)\s*[:：])",
    re.IGNORECASE,
)
FOOTER_MARKS = re.compile(r"ICP备\s*\d|公网安备\s*\d|网站标识码\s*[:：]?\s*\d")
NAV_SEPARATORS = re.compile(r"\s*(?:[|｜>›»/]|&gt;)\s*|\s+")

# 发布日期:2024-01-12 16:48 来源:潜江市民政局 — a line made only of such fields. A line of weak fields
# alone (日期：2024年1月10日 could be the report's own signing date) is kept.
DATE_FIELDS = ("发布日期", "发布时间", "更新时间", "更新日期", "发文日期", "成文日期", "日期", "时间")
COUNT_FIELDS = ("浏览次数", "阅读次数", "访问次数", "点击数", "点击量", "浏览量", "阅读量", "访问量")
STRONG_FIELDS = frozenset(
    ("发布日期", "发布时间", "更新时间", "更新日期", "信息来源", "文章来源", "来源", "责任编辑", "字号", "字体",
     "索引号", "发布机构", "主题分类", *COUNT_FIELDS)
)
WEAK_FIELDS = ("发文日期", "成文日期", "日期", "时间", "作者", "发布者", "发布人", "编辑", "审核")
FIELD_RE = re.compile(
    r"[【\[(（]?\s*(" + "|".join(sorted((*STRONG_FIELDS, *WEAK_FIELDS), key=len, reverse=True)) + r")\s*[:：]"
)
DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
ATTACHMENT_RE = re.compile(r"^附\s*件\s*[:：]?$")


def strip_furniture(text: str, *, keep_lines: bool = False) -> tuple[str, date | None, tuple[str, ...]]:
    """Drop whole furniture lines from ``text``.

    Returns the remaining text (with ``keep_lines`` a dropped line stays as an empty line, so that line
    numbers in reports and CI annotations point into the file as the user sees it), the publication date
    found in a
    发布日期/发布时间 field, and the dropped lines in order — preceded by "来源:<body>" when a 来源 field
    named the publishing body.
    """
    lines = text.split("\n")
    drop = [False] * len(lines)
    published: date | None = None
    source: str | None = None
    for i, line in enumerate(lines):
        fields = field_line(line)
        if fields is not None:
            drop[i] = True
            for name, value in fields:
                if published is None and name in DATE_FIELDS:
                    published = parse_date(value)
                if source is None and name.endswith("来源") and value:
                    source = value
        elif is_furniture(line):
            drop[i] = True
    # A bare 附件: line at the end, followed by nothing but furniture, is an empty attachment list.
    for i, line in enumerate(lines):
        if ATTACHMENT_RE.match(line.strip()) and all(drop[j] or not lines[j].strip() for j in range(i + 1, len(lines))):
            drop[i] = True
    if not any(drop):
        return text, None, ()
    dropped = [line.strip() for line, gone in zip(lines, drop, strict=True) if gone]
    if source is not None:
        dropped.insert(0, SOURCE_PREFIX + source)
    if keep_lines:  # a .txt file: blank the furniture so that line numbers still match the file
        kept = "\n".join("" if gone else line for line, gone in zip(lines, drop, strict=True))
    else:
        kept = "\n".join(line for line, gone in zip(lines, drop, strict=True) if not gone)
    return kept, published, tuple(dropped)


def field_line(line: str) -> list[tuple[str, str]] | None:
    """The (name, value) fields of a line made only of 发布日期/来源/浏览次数/… fields, else None."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_FURNITURE or "。" in stripped:
        return None
    matches = list(FIELD_RE.finditer(stripped))
    if not matches or matches[0].start() != 0:
        return None
    fields: list[tuple[str, str]] = []
    for m, nxt in zip(matches, [*matches[1:], None], strict=True):
        value = stripped[m.end() : nxt.start() if nxt else len(stripped)].strip(" \t\u3000】]）)")
        name = m.group(1)
        if not field_value_ok(name, value):
            return None
        fields.append((name, value))
    return fields if any(name in STRONG_FIELDS for name, _ in fields) else None


def field_value_ok(name: str, value: str) -> bool:
    """Whether ``value`` is what a site prints after ``name`` (so prose starting "时间：" is kept)."""
    if name in DATE_FIELDS:
        return DATE_RE.search(value) is not None and len(value) <= 25
    if name in COUNT_FIELDS:
        return re.fullmatch(r"[\d,]*\s*次?", value) is not None
    if name in ("字号", "字体"):
        return len(value) <= 20
    return len(value) <= 40 and not re.search(r"[，。；,;]", value)


def is_furniture(line: str) -> bool:
    """Whether a line (not a field line) is navigation, a page tool or the site footer."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_FURNITURE or stripped.endswith("。"):
        return False
    if TOKEN_RE.sub("", re.sub(r"\s+", "", stripped)) == "":
        return True
    if PREFIXES.match(stripped) or FOOTER_MARKS.search(stripped):
        return "。" not in stripped
    items = [item for item in NAV_SEPARATORS.split(stripped) if item]
    # A navigation bar or breadcrumb: 首页 | 政务公开 | 政务服务 … (short items, one of them 首页).
    return "首页" in items and len(items) >= 3 and all(len(item) <= 8 for item in items)


def parse_date(value: str) -> date | None:
    """The first valid yyyy-mm-dd (or yyyy年m月d日, yyyy/m/d, yyyy.m.d) date in ``value``."""
    for m in DATE_RE.finditer(value):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    return None


def without_furniture(extracted: Extracted) -> Extracted:
    """``strip_furniture`` applied to a reader's output, with heading hints moved to the kept lines."""
    text, published, dropped = strip_furniture(extracted.text)
    if text == extracted.text:
        return extracted
    old_lines, kept_lines = extracted.text.split("\n"), text.split("\n")
    shift: dict[int, int] = {}  # old line start → new line start, for the lines kept
    old_pos = new_pos = 0
    k = 0
    for line in old_lines:
        if k < len(kept_lines) and kept_lines[k] == line:
            shift[old_pos] = new_pos
            new_pos += len(line) + 1
            k += 1
        old_pos += len(line) + 1
    hints = []
    for h in extracted.heading_hints:
        line_start = extracted.text.rfind("\n", 0, h.start) + 1
        if line_start in shift:
            delta = shift[line_start] - line_start
            hints.append(HeadingHint(h.start + delta, h.end + delta, h.level))
    return replace(
        extracted, text=text, heading_hints=tuple(hints), published=extracted.published or published,
        dropped_lines=dropped + extracted.dropped_lines,
    )
