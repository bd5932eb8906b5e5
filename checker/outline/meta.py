"""Report metadata: the reporting body, the year reported on, the title line and the publication date.

Many reports have no title and open with the body as the subject ("2024年,罗湖区民政局坚持以……为指导",
"2022年,在区委、区政府的坚强领导下,罗湖区司法局以……"); others put the body on a line of its own above
the title ("广东省湛江市坡头区民政局"), or only on the web page (its <title>, "来源:潜江市民政局"), or say
"我局"/"区司法局" and name the body in a heading, the signature or a later sentence. Each source is tried
from the most to the least reliable; a name counts as a body only if it names its place (a division in
the gazetteer, or a street, town or newer zone), so "区政府" or "司法局" alone is never taken. When the report refers
to itself ("我局"), a name found elsewhere must be of that kind (a 局). When nothing fits, the body is
unknown (``org`` None) and ``org_ref`` points at the reference, for meta.org_unknown to report.
The body is shortened to the level that names it ("重庆市长寿区民政局" → "长寿区民政局").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from checker.model import Document, ReportMeta
from checker.text.gazetteer import load as gazetteer
from checker.text.gazetteer import strip_higher
from checker.text.spans import named_years

_AGENCY = (
    r"(?:人民政府办公室|人民政府|街道办事处|委员会|管理委员会|办公室|街道|政府|局|委|办|厅|署|镇|乡|中心|院|队|所)"
)
_ORG_LINE = re.compile(rf"^[\u4e00-\u9fff]{{2,30}}{_AGENCY}$")
_TITLE_WORDS = re.compile(r"报告|情况|总结")
_TITLE_TOPIC = re.compile(r"法治|依法行政|依法治")
# What follows the subject of an opening sentence.
_VERBS = r"坚持|始终|深入|紧紧|全面|认真|在|以|围绕|按照|持续|切实|聚焦|牢固|扎实|着力|积极|不断|紧扣|高度"
_OPENING = re.compile(
    r"^(?:20\d{2}\s*年(?:度|以来)?|今年以来|一年来|过去一年)[,，]?\s*"
    r"(?:在[^,，。;；]{1,40}?下[,，]\s*)?"  # "在区委、区政府的坚强领导下,"
    rf"(?P<org>(?:我|本)[\u4e00-\u9fff]{{1,2}}?|[\u4e00-\u9fff]{{2,25}}?(?:{_AGENCY}|区|县|市|旗))(?={_VERBS})"
)
_TITLE_ORG = re.compile(rf"^(?P<org>.+?{_AGENCY})(?=关于|20\d{{2}}|年度|法治)")
_SOURCE = re.compile(r"来源[:：]\s*(?P<org>[^\s:：]{2,30})")
_GENERIC_ORG = re.compile(r"^(?:市|区|县|本|我|省|州|旗)")
# A place the gazetteer does not list opens the name: a street or town, or a zone or district that is
# newer than the table (大鹏新区, 示例区). Short stems only, so "城市管理局" or "住房和城乡建设局" is no place.
_UNLISTED_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,4}?(?:新区|街道|区|县|镇)|^[\u4e00-\u9fff]{2,6}?街道")
_PAGE_TITLE_PARTS = re.compile(r"\s*(?:[-_|｜—]+)\s*")
# A body's name written in running text, up to the kind of unit a reference asks for (罗湖区|司法|局).
_NAME_TAIL = r"[\u4e00-\u9fff]{{0,6}}?{head}"
_DIVISION_UNITS = ("街道", "市", "区", "县", "旗", "镇", "乡")
_AGENCY_END = re.compile(r"(?:局|委|办|厅|署|中心|院|队|所|办公室)$")  # "我市" is the city, not its 民政局


def detect_meta(doc: Document) -> ReportMeta:
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc.norm)]
    title_span = _title(doc.norm, paragraphs)
    title = doc.written(*title_span) if title_span else None
    norm_title = doc.norm[title_span[0] : title_span[1]] if title_span else None
    org, ref = _org(doc, paragraphs, title_span, norm_title)
    return ReportMeta(
        org=org,
        year=_year(doc.norm, paragraphs, norm_title),
        title=title,
        published=doc.source.published,
        script=doc.script,
        title_span=title_span,
        org_ref=ref if org is None else None,
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


def is_body(name: str) -> bool:
    """A name that says whose report it is: it names its place ("罗湖区司法局", "东晓街道"), unlike "区政府"."""
    if _GENERIC_ORG.match(name):
        return False
    return bool(gazetteer().resolve(name)) or bool(_UNLISTED_PLACE.match(name))


def _reference(name: str) -> tuple[str | None, str]:
    """The kind of body a reference asks for: (unit of its area or None, its own head).

    "我市" → ("市", ""); "我局" → (None, "局"); "区司法局" → ("区", "司法局"); "区政府" → ("区", "政府").
    """
    rest = name[1:]
    if name[0] in "我本":
        return (rest, "") if rest in _DIVISION_UNITS else (None, rest)
    return name[0], rest


def _fits(org: str, unit: str | None, head: str) -> bool:
    """Whether a body's name is of the kind a reference asks for."""
    if head and not org.endswith(head):
        return False
    if unit is None:
        return True
    if unit in ("街道", "镇", "乡"):
        return unit in org
    divisions = gazetteer().resolve(org)
    return any(d.name.endswith(unit) for d in divisions) and (bool(head) or not _AGENCY_END.search(org))


def _org(
    doc: Document, paragraphs: list[tuple[int, int]], title_span: tuple[int, int] | None, title: str | None
) -> tuple[str | None, tuple[int, int] | None]:
    """The body and, when the report only refers to it ("我局"), the normalised span of that reference."""
    norm = doc.norm
    candidates: list[str] = []  # the reliable sources, most reliable first
    for start, end in paragraphs[:3]:
        if title_span and start >= title_span[0]:
            break
        if _ORG_LINE.match(norm[start:end]):
            candidates.append(norm[start:end])
    for line in doc.source.dropped_lines:
        m = _SOURCE.search(line)
        if m:
            candidates.append(m.group("org"))
    ref: tuple[int, int] | None = None
    if title and title_span:
        m = _TITLE_ORG.match(title)
        if m:
            candidates.append(m.group("org"))
            if _GENERIC_ORG.match(m.group("org")):
                ref = (title_span[0], title_span[0] + m.end("org"))
    body = [(s, e) for s, e in paragraphs if not title_span or s > title_span[0]]
    for start, end in body[:2]:
        m = _OPENING.match(norm[start:end])
        if m:
            candidates.append(m.group("org"))
            if not is_body(m.group("org")):
                ref = (start + m.start("org"), start + m.end("org"))
            break
    candidates.extend(_page_title_orgs(doc.source.page_title))
    unit, head = _reference(norm[ref[0] : ref[1]]) if ref else (None, "")
    for org in candidates:
        if is_body(org) and (ref is None or _fits(org, unit, head)):
            return strip_higher(org), ref
    found = _named_elsewhere(norm, paragraphs, unit, head, ref is not None)
    return (strip_higher(found), ref) if found else (None, ref)


def _page_title_orgs(page_title: str | None) -> Iterable[str]:
    """Names of a body in a web page's <title> ("罗湖区司法局_2023年法治政府建设年度报告")."""
    for part in _PAGE_TITLE_PARTS.split(page_title or ""):
        m = _TITLE_ORG.match(part) if _TITLE_TOPIC.search(part) else None
        if m:
            yield m.group("org")
        elif _ORG_LINE.match(part):
            yield part


def _named_elsewhere(
    norm: str, paragraphs: list[tuple[int, int]], unit: str | None, head: str, referred: bool
) -> str | None:
    """The body named in the signature, else in a heading, else most often in the text.

    Without a reference ("我局") only the signature is trusted: a name in a sentence may be any body's.
    Among several names equally often written, none is taken: that would be a guess.
    """
    lines = [norm[s:e].strip() for s, e in paragraphs]
    signature = [line for line in lines[-4:] if _ORG_LINE.match(line) and is_body(line) and _fits(line, unit, head)]
    if signature:
        return signature[-1]
    if not referred:
        return None
    headings = [line for line in lines if len(line) <= 40 and "。" not in line]
    for text in ("\n".join(headings), norm):
        counts = Counter(name for name in _names(text, unit, head) if _fits(name, unit, head))
        ranked = counts.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
    return None


def _names(text: str, unit: str | None, head: str) -> Iterable[str]:
    """Names in ``text`` that open with a division and end with ``head`` (the division itself if none)."""
    tail = re.compile(_NAME_TAIL.format(head=re.escape(head))) if head else None
    covered = 0
    for m in gazetteer().mentions(text):
        if m.start < covered or not (m.full or tail):
            continue
        if tail is None:
            covered = m.end
            yield text[m.start : m.end]
            continue
        t = tail.match(text, m.end)
        if t and (len(head) > 1 or t.end() > m.end + 1):
            covered = t.end()
            yield text[m.start : t.end()]


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
