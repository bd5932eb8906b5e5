"""Report metadata: the reporting body, the year reported on, the title line and the publication date.

Many reports have no title and open with "2024年,罗湖区民政局坚持以……为指导"; others put the body on a
line of its own above the title ("广东省湛江市坡头区民政局"), or only on the web page ("来源:潜江市民政局").
Each source is tried from the most to the least reliable, and the body is shortened to the level that
names it ("重庆市长寿区民政局" → "长寿区民政局").
"""

from __future__ import annotations

import re
from collections import Counter

from checker.gazetteer import strip_higher
from checker.model import Document, ReportMeta
from checker.spans import named_years

_AGENCY = (
    r"(?:人民政府办公室|人民政府|街道办事处|委员会|管理委员会|办公室|街道|政府|局|委|办|厅|署|镇|乡|中心|院|队|所)"
)
_ORG_LINE = re.compile(rf"^[\u4e00-\u9fff]{{2,30}}{_AGENCY}$")
_TITLE_WORDS = re.compile(r"报告|情况|总结")
_TITLE_TOPIC = re.compile(r"法治|依法行政|依法治")
_OPENING = re.compile(
    rf"^(?:20\d{{2}}年(?:度|以来)?|今年以来|一年来|过去一年)[,]?\s*"
    rf"(?P<org>[\u4e00-\u9fff]{{2,25}}?{_AGENCY})(?=坚持|始终|深入|紧紧|全面|认真|在|以|围绕|按照|持续|切实|聚焦|牢固)"
)
_TITLE_ORG = re.compile(rf"^(?P<org>.+?{_AGENCY})(?=关于|20\d{{2}}|年度|法治)")
_SOURCE = re.compile(r"来源[:：]\s*(?P<org>[^\s:：]{2,30})")
_GENERIC_ORG = re.compile(r"^(?:市|区|县|本|我|省|州|旗)")


def detect_meta(doc: Document) -> ReportMeta:
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc.norm)]
    title_span = _title(doc.norm, paragraphs)
    title = doc.written(*title_span) if title_span else None
    norm_title = doc.norm[title_span[0] : title_span[1]] if title_span else None
    return ReportMeta(
        org=_org(doc, paragraphs, title_span, norm_title),
        year=_year(doc.norm, paragraphs, norm_title),
        title=title,
        published=doc.source.published,
        script=doc.script,
        title_span=title_span,
    )


def _title(norm: str, paragraphs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A short line near the top that reads like a report title and is not prose."""
    for start, end in paragraphs[:4]:
        line = norm[start:end]
        if len(line) > 60 or re.search(r"[,。;]", line):
            if re.search(r"[,。]", line):
                return None  # prose has begun: the report has no title line
            continue
        if _TITLE_WORDS.search(line) and _TITLE_TOPIC.search(line):
            return start, end
    return None


def _org(
    doc: Document, paragraphs: list[tuple[int, int]], title_span: tuple[int, int] | None, title: str | None
) -> str | None:
    candidates: list[str] = []
    for start, end in paragraphs[:3]:
        line = doc.norm[start:end]
        if title_span and start >= title_span[0]:
            break
        if _ORG_LINE.match(line):
            candidates.append(line)
    for line in doc.source.dropped_lines:
        m = _SOURCE.search(line)
        if m:
            candidates.append(m.group("org"))
    title_org = None
    if title:
        m = _TITLE_ORG.match(title)
        if m:
            title_org = m.group("org")
    if title_org and not _GENERIC_ORG.match(title_org):
        candidates.append(title_org)
    body = [(s, e) for s, e in paragraphs if not title_span or s > title_span[0]]
    for start, end in body[:2]:
        m = _OPENING.match(doc.norm[start:end])
        if m:
            candidates.append(m.group("org"))
    if title_org:
        candidates.append(title_org)
    for org in candidates:
        return strip_higher(org)
    return None


def _year(norm: str, paragraphs: list[tuple[int, int]], title: str | None) -> int | None:
    """The year reported on: the title's, else the opening sentence's, else the most named one."""
    if title:
        for year, _, _ in named_years(title):
            return year
    for start, end in paragraphs[:4]:
        line = norm[start:end]
        m = re.match(r"^(20\d{2})\s*年", line)
        if m:
            return int(m.group(1))
        m = re.search(r"现将(20\d{2})\s*年", line)
        if m:
            return int(m.group(1))
    counts = Counter(year for year, _, _ in named_years(norm))
    if counts:
        return counts.most_common(1)[0][0]
    return None
