"""Word output: the draft comes back with the review in it, one Word comment (批注) per finding.

For a .docx input the output is a copy of the original — styles, tables, headers and footers as they
were — with each finding commented on the words it is about (``word_anchor`` maps offsets in the
extracted text to runs): its evidence; a weak part's heading; for a missing part, the heading of the
part it should follow, else the title. A first comment on the title gives the score, the verdict and
the missing parts. Recycled passages are highlighted and commented with their source. For other inputs
(.txt, .pdf, .html, .ofd …), and for a .docx that changed since it was checked, a new document is made of
the extracted text, the outline's headings as Word headings.

A reviewer who disagrees replies in Word; the comment ends with the finding's rule and fingerprint, which
``checker waive`` takes to record the waiver so that the next run leaves the finding out.

python-docx (≥ 1.2) writes the comments part; the output is made deterministic here: comments carry no
date and the package's members a fixed timestamp, so that the same check gives the same bytes.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.model import OWN_WORD_MARK, Finding, Result, ReusedPassage, Section
from checker.render.document_labels import WORD
from checker.render.messages import Wording
from checker.render.registry import RenderContext, replace_file
from checker.render.word_anchor import Segments, W

# characters XML 1.0 cannot hold (a stray form feed from a PDF): written as spaces, which keeps offsets
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\r]")
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|#%\x00-\x1f]')
QUOTE_CHARS = 60  # a recycled source's text is quoted up to this length


def document(result: Result, *, lang: str = "zh", reviewer: str | None = None) -> Any:
    """The commented python-docx Document of one report."""
    t = WORD[lang]
    words = Wording(result, lang)
    doc, found = _original(result)
    if doc is None or found is None:
        doc, found = _rebuilt(result)
    segments: Segments = found
    author = reviewer or t["author"]
    initials = t["initials"] if reviewer is None else reviewer[:2]

    def comment(start: int, end: int, text: str) -> None:
        anchor = segments.anchor(start, end, doc)
        if anchor is not None:
            made = doc.add_comment(list(anchor), text=text, author=author, initials=initials)
            made._comment_elm.attrib.pop(W + "date", None)  # no timestamp: the same check, the same file

    title = _title_span(result, segments.text)
    comment(*title, _summary(result, t, words))
    for f in result.findings:
        start, end, suffix = _where(f, result, title)
        comment(start, end, _finding(f, t, words) if not suffix else _finding(f, t, words, t["missing_here"]))
    if result.reuse is not None:
        for p in result.reuse.passages:
            if not p.boilerplate:  # mandatory formulas stand in every report: not evidence of copying
                _highlight(segments, p)
                comment(p.start, p.end, _reused(p, result, t))
    return doc


def _original(result: Result) -> tuple[Any, Segments] | tuple[None, None]:
    """The input .docx itself, when it still holds the text that was checked."""
    import docx

    path = Path(result.path)
    if path.suffix.lower() != ".docx" or not path.is_file():
        return None, None
    try:
        doc = docx.Document(str(path))
    except Exception:  # noqa: BLE001 - it was read a moment ago; whatever changed, the text version will do
        return None, None
    segments = Segments(doc, result.text)
    return (doc, segments) if segments.matches else (None, None)


def _rebuilt(result: Result) -> tuple[Any, Segments]:
    """A new document of the extracted text: one paragraph per line, headings styled as Word headings."""
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document()
    normal = doc.styles["Normal"]
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "宋体")  # the template's theme font has no CJK face in most offices
    text = _NOT_XML.sub(" ", result.text)
    levels = {e.line: e.level for e in result.outline}
    title_line = _title_line(result)
    for n, line in enumerate(text.split("\n"), 1):
        style = "Title" if n == title_line else f"Heading {min(levels[n], 9)}" if n in levels else None
        paragraph = doc.add_paragraph(style=style)
        if line:
            paragraph.add_run(line)
    for name in ("Title", *(f"Heading {n}" for n in range(1, 10))):
        doc.styles[name].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")
    return doc, Segments(doc, text)


def _title_line(result: Result) -> int | None:
    title = result.meta.title
    if not title:
        return None
    for n, line in enumerate(result.text.split("\n"), 1):
        if line.strip() == title.strip():
            return n
    return None


def _title_span(result: Result, text: str) -> tuple[int, int]:
    """The title line, else the first line with text: where the summary comment and placeless ones go."""
    title = result.meta.title
    at = text.find(title) if title else -1
    if at >= 0:
        return at, at + len(title or "")
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            return m.start(), m.end()
    return 0, 0


def _where(f: Finding, result: Result, title: tuple[int, int]) -> tuple[int, int, bool]:
    """The span a finding's comment is anchored on, and whether it is a missing part's (placed after the
    part it should follow)."""
    loc = f.location
    if loc.start is not None and loc.end is not None:
        return loc.start, max(loc.end, loc.start), False
    section = _section(result, loc.section)
    if section is not None and section.present and section.start is not None and section.end is not None:
        return section.start, section.end, False  # a weak part: its heading
    if section is not None:
        before = _preceding(result.sections, section)
        if before is not None and before.start is not None and before.end is not None:
            return before.start, before.end, True
    if f.evidence:  # told by the file, not placed in the text (a 发布日期 line): its first occurrence
        at = result.text.find(f.evidence)
        if at >= 0:
            return at, at + len(f.evidence), False
    return title[0], title[1], False


def _section(result: Result, item: str | None) -> Section | None:
    return next((s for s in result.sections if s.id == item), None) if item else None


def _preceding(sections: Sequence[Section], missing: Section) -> Section | None:
    """The present part that comes last before ``missing`` in the checklist's order."""
    before = None
    for s in sections:
        if s.id == missing.id:
            return before
        if s.present and s.start is not None:
            before = s
    return before


def _finding(f: Finding, t: dict[str, Any], words: Wording, suffix: str = "") -> str:
    points = t["points"].format(points=f.points) if f.points else ""
    message = words.message(f)
    lines = [t["head"].format(severity=t[f.severity], points=points, message=message) + suffix]
    suggestion = words.suggestion(f, message)
    if suggestion:
        lines.append(suggestion)
    rule = words.rules.get(f.rule)
    basis = words.basis(rule) if rule is not None else None
    if basis:
        lines.append(t["basis"].format(basis=basis))
    lines.append(t["key"].format(rule=f.rule, fingerprint=f.fingerprint))
    return "\n".join(_NOT_XML.sub(" ", line) for line in lines)


def _summary(result: Result, t: dict[str, Any], words: Wording) -> str:
    s = result.score
    lines = [t["score"].format(value=s.value, verdict=t["passed"] if s.passed else t["failed"])]
    reason = words.gate_reason(s)
    if reason:
        lines[0] += t["reason"].format(reason=reason)
    missing = [words.item(x) for x in result.sections if x.required and not x.present]
    lines.append(t["missing"].format(items=t["list_sep"].join(missing)) if missing else t["complete"])
    lines.append(t["count"].format(n=len(result.findings)))
    if result.waived:
        lines.append(t["waived"].format(n=len(result.waived)))
    if result.findings:
        lines.append(t["reply"])
    return "\n".join(lines)


def _reused(p: ReusedPassage, result: Result, t: dict[str, Any]) -> str:
    assert result.reuse is not None
    src = result.reuse.sources[p.source]
    org = src.org or (Path(src.path).name if src.path else "")
    year = t["year"].format(src.year) if src.year else ""
    there = " ".join(p.source_text.split())
    there = there if len(there) <= QUOTE_CHARS else there[: QUOTE_CHARS - 1] + "…"
    source = t["source"].format(org=org, year=year).strip()
    return _NOT_XML.sub(" ", t["reuse"].format(source=source, line=p.source_line, similarity=p.similarity, there=there))


def _highlight(segments: Segments, p: ReusedPassage) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    for r in segments.runs(p.start, p.end):
        rpr = r.get_or_add_rPr()
        for old in rpr.findall(qn("w:highlight")):
            rpr.remove(old)
        mark = OxmlElement("w:highlight")
        mark.set(qn("w:val"), "yellow")
        rpr.append(mark)
        _order_rpr(rpr)


def _order_rpr(rpr: Any) -> None:
    """Put ``w:highlight`` where the schema wants it among the run properties (Word is strict about it)."""
    from docx.oxml.ns import qn

    after = ("w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em",
             "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
    mark = rpr.find(qn("w:highlight"))
    for child in rpr.iterchildren():
        if child.tag in {qn(a) for a in after}:
            child.addprevious(mark)
            return


def docx_bytes(result: Result, *, lang: str = "zh", reviewer: str | None = None) -> bytes:
    """The commented document as the bytes of a .docx (members in a fixed order with a fixed date)."""
    buffer = io.BytesIO()
    made = document(result, lang=lang, reviewer=reviewer)
    made.core_properties.last_modified_by = OWN_WORD_MARK  # batch skips it until someone edits it (model.py)
    made.save(buffer)
    return _fixed_dates(buffer.getvalue())


def _fixed_dates(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, src.read(info))
    return out.getvalue()


def write(results: Sequence[Result], target: Path | None, ctx: RenderContext) -> None:
    """One report: its .docx (to ``target``, or standard output for a pipe). Several, or a batch: a folder
    with one .docx per report (the caller makes sure there is a ``target``)."""
    if not ctx.batch and len(results) == 1 and (target is None or target.suffix.lower() == ".docx"):
        data = docx_bytes(results[0], lang=ctx.lang, reviewer=ctx.reviewer)
        if target is None:
            sys.stdout.buffer.write(data)
        else:
            replace_file(target, data)
        return
    if target is None:
        raise ValueError("Word documents of several reports need a folder")
    folder = target.parent if target.suffix.lower() == ".docx" else target
    # every document is made before the first is written: one that cannot be made leaves no half folder
    files = {f"{i:03d}-{_UNSAFE_IN_NAME.sub('_', Path(r.path).stem)[:40]}.docx":
             docx_bytes(r, lang=ctx.lang, reviewer=ctx.reviewer) for i, r in enumerate(results, 1)}
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        replace_file(folder / name, data)
