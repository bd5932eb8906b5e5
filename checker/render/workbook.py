"""The batch as an Excel workbook (``checker batch DIR --xlsx 汇总.xlsx``, or ``-o x.xlsx``): the sheet a
司法局 reviewer keeps the year's submissions in.

Three sheets, each a plain table with a frozen header and filters:

- 汇总: one row per submission (unreadable ones first, with the reason), score, verdict, a ✓/✗ column
  per checklist item, findings per severity, reuse ratios, a link to the report's HTML page when this
  run wrote one; colour scales on the score and the ratios.
- 问题明细: one row per finding, worded as in every other output.
- 复制比: per report, the ratio of the whole text and of each checklist item (CNKI's per-chapter table).

Numbers are written as numbers (ratios as fractions shown as %), so the reviewer can sort and sum them.
Written with XlsxWriter: it writes only, but exactly what Excel and WPS expect (conditional formats,
filters, links), and its files are reproducible (fixed timestamps inside the zip, set below for the
document's creation date), so the same batch gives the same bytes.
"""

from __future__ import annotations

import io
import os
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from checker.model import SEVERITIES, Result
from checker.render.document_labels import WORKBOOK
from checker.render.messages import Wording
from checker.render.registry import RenderContext, write_bytes

# A workbook must carry a creation date; a fixed one keeps the output byte for byte the same per input.
CREATED = datetime(2000, 1, 1)
WRAPPED = 48  # widest a column of sentences (messages, evidence, reasons) gets, in Latin-letter widths
MAX_LINES = 6  # a row grows no taller (a recycled passage as evidence): the cell keeps the whole text


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, wrap, severity, int, number, score, ratio, mark, link


Cell = Any  # str, int, float, None (blank), or ("link", target, shown) / ("mark", present, required)


def write(results: Sequence[Result], target: Path | None, ctx: RenderContext) -> None:
    """The workbook to ``target`` (whole or not at all), or its bytes to standard output; when the run also
    writes HTML, each report links to its page."""
    from checker.render import html

    base = Path(os.path.realpath(target)).parent if target is not None else None
    pages = {path: str(page) for name, where in ctx.outputs if name == "html"
             for path, page in html.pages(results, Path(where), ctx).items()}
    write_bytes(render(results, ctx.lang, ctx.unreadable, pages, base), target)


def render(results: Sequence[Result], lang: str = "zh", unreadable: Sequence[tuple[str, str]] = (),
           pages: Mapping[str, str] | None = None, base: Path | None = None) -> bytes:
    """The workbook's bytes. ``unreadable`` (path, reason) come first, then ``results`` in the order given
    (a batch's ranking); ``pages`` (report path → HTML page) become links relative to ``base``, the
    workbook's folder."""
    import xlsxwriter  # only when a workbook is asked for: --help stays light

    t = WORKBOOK.get(lang, WORKBOOK["zh"])
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"title": t["title"], "created": CREATED})
    styles = _styles(book)
    columns, rows, scale = summary(results, t, lang, unreadable, pages or {}, base)
    sheet = _sheet(book, t["sheet.summary"], columns, rows, styles)
    _colour_scales(sheet, columns, len(rows), scale)
    columns, rows = findings(results, t, lang)
    _severities(_sheet(book, t["sheet.findings"], columns, rows, styles), columns, len(rows), t, book)
    columns, rows = reuse(results, t, lang)
    sheet = _sheet(book, t["sheet.reuse"], columns, rows, styles)
    if rows:
        _colour_scales(sheet, columns, len(rows), scale)
    else:
        sheet.write_string(1, 0, t["no_reuse"])
    book.close()
    return buffer.getvalue()


# --- the three tables ---------------------------------------------------------------------------------


def summary(results: Sequence[Result], t: Mapping[str, str], lang: str, unreadable: Sequence[tuple[str, str]],
            pages: Mapping[str, str], base: Path | None) -> tuple[list[Column], list[list[Cell]], float]:
    """The 汇总 sheet: columns, rows, and the pass mark (the middle of the score's colour scale)."""
    items = _items(results, lang)
    columns = [Column(t["file"]), Column(t["org"]), Column(t["year"], "int"), Column(t["score"], "score"),
               Column(t["verdict"])]
    columns += [Column(t["optional"].format(name=name) if not required else name, "mark")
                for name, required in items.values()]
    columns += [Column(t[f"n.{s}"], "int") for s in SEVERITIES]
    columns += [Column(t["ratio"], "ratio"), Column(t["ratio_self"], "ratio"), Column(t["ratio_peer"], "ratio"),
                Column(t["page"], "link"), Column(t["why"], "wrap")]
    rows: list[list[Cell]] = [[path, None, None, None, t["unreadable"], *[None] * (len(columns) - 6), reason]
                              for path, reason in unreadable]
    for r in results:
        words = Wording(r, lang)
        present = {s.id: s.present for s in r.sections}
        marks = [("mark", present[i], items[i][1]) if i in present else None for i in items]
        counts = [sum(f.severity == s for f in r.findings) for s in SEVERITIES]
        ratios = _ratios(r)
        page = pages.get(r.path)
        link = ("link", _relative(page, base), t["open"]) if page else None
        rows.append([r.path, r.meta.org, r.meta.year, r.score.value, t["passed" if r.score.passed else "failed"],
                     *marks, *counts, *ratios, link, words.gate_reason(r.score)])
    fail_under = results[0].score.fail_under if results else 60.0
    return columns, rows, fail_under


def findings(results: Sequence[Result], t: Mapping[str, str], lang: str) -> tuple[list[Column], list[list[Cell]]]:
    """The 问题明细 sheet: one row per finding, in each report's order (most serious first)."""
    columns = [Column(t["file"]), Column(t["org"]), Column(t["rule"]), Column(t["severity"], "severity"),
               Column(t["line"], "int"), Column(t["item"]), Column(t["evidence"], "wrap"),
               Column(t["message"], "wrap"), Column(t["suggestion"], "wrap"), Column(t["points"], "number")]
    rows: list[list[Cell]] = []
    for r in results:
        words = Wording(r, lang)
        for f in r.findings:
            item = words.names.get(f.location.section, f.location.section) if f.location.section else None
            rows.append([r.path, r.meta.org, f.rule, t[f.severity], f.location.line, item, f.evidence,
                         words.message(f), f.value("suggestion"), f.points])
    return columns, rows


def reuse(results: Sequence[Result], t: Mapping[str, str], lang: str) -> tuple[list[Column], list[list[Cell]]]:
    """The 复制比 sheet: for each compared report, the whole text, then each checklist item it covers."""
    columns = [Column(t["file"]), Column(t["org"]), Column(t["year"], "int"), Column(t["item"]),
               Column(t["chars"], "int"), Column(t["item_ratio"], "ratio"), Column(t["item_self"], "ratio")]
    rows: list[list[Cell]] = []
    for r in results:
        if r.reuse is None:
            continue
        words = Wording(r, lang)
        chars = {s.id: s.chars for s in r.sections}
        own = dict(r.reuse.self_sections)
        rows.append([r.path, r.meta.org, r.meta.year, t["whole"], r.chars, *_ratios(r)[:2]])
        for item, ratio in r.reuse.sections:
            rows.append([r.path, r.meta.org, r.meta.year, words.names.get(item, item), chars.get(item),
                         ratio, own.get(item)])
    return columns, rows


def _items(results: Sequence[Result], lang: str) -> dict[str, tuple[str, bool]]:
    """The checklist items of the batch (item id → name, required), in checklist order; a batch has one
    checklist, but a workbook of results from several still gets every item once."""
    items: dict[str, tuple[str, bool]] = {}
    for r in results:
        words = Wording(r, lang)
        for s in r.sections:
            items.setdefault(s.id, (words.item(s), s.required))
    return items


def _ratios(r: Result) -> list[float | None]:
    """Reuse without boilerplate: against all sources, the largest own earlier report, the largest other
    body's report (None: not compared, or no source of that kind)."""
    if r.reuse is None:
        return [None, None, None]
    largest = [max((s.ratio_without_boilerplate for s in r.reuse.sources if s.kind == kind), default=None)
               for kind in ("self", "peer")]
    return [r.reuse.ratio_without_boilerplate, *largest]


def _relative(page: str, base: Path | None) -> str:
    if base is None:
        return page
    return os.path.relpath(os.path.realpath(page), base)


# --- writing ------------------------------------------------------------------------------------------


def _styles(book: Any) -> dict[str, Any]:
    top = {"valign": "top"}
    return {
        "header": book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E9ECEF",
                                   "bottom": 1}),
        "text": book.add_format(top),
        "wrap": book.add_format({**top, "text_wrap": True}),
        "int": book.add_format({**top, "num_format": "0"}),
        "number": book.add_format({**top, "num_format": "0.##"}),
        "score": book.add_format({**top, "num_format": "0.0"}),
        "ratio": book.add_format({**top, "num_format": "0%"}),
        "yes": book.add_format({**top, "align": "center", "font_color": "#2B8A3E"}),
        "no": book.add_format({**top, "align": "center", "font_color": "#C92A2A", "bold": True}),
        "no_optional": book.add_format({**top, "align": "center", "font_color": "#868E96"}),
        "link": book.add_format({**top, "font_color": "#1864AB", "underline": 1}),
    }


def _sheet(book: Any, name: str, columns: Sequence[Column], rows: Sequence[Sequence[Cell]],
           styles: Mapping[str, Any]) -> Any:
    sheet = book.add_worksheet(name)
    for c, column in enumerate(columns):
        sheet.write_string(0, c, column.header, styles["header"])
    widths = [_width(column, [row[c] for row in rows]) for c, column in enumerate(columns)]
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    # wrapped cells get the height they need: neither LibreOffice nor Excel fits rows when a file opens
    sheet.set_row(0, 15 * _lines([c.header for c in columns], widths, [True] * len(columns)))
    wrapped = [c.kind == "wrap" for c in columns]
    for r, row in enumerate(rows, 1):
        for c, (column, value) in enumerate(zip(columns, row, strict=True)):
            _cell(sheet, r, c, column, value, styles)
        lines = min(_lines(row, widths, wrapped), MAX_LINES)
        if lines > 1:
            sheet.set_row(r, 15 * lines)
    sheet.freeze_panes(1, 1)  # the header and the file stay in view
    sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    # printed (reviewers do print it): A4 landscape, one page wide, the header on every page
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    return sheet


def _cell(sheet: Any, r: int, c: int, column: Column, value: Cell, styles: Mapping[str, Any]) -> None:
    if value is None:
        return
    if isinstance(value, tuple) and value[0] == "mark":
        _, present, required = value
        style = "yes" if present else "no" if required else "no_optional"
        sheet.write_string(r, c, "✓" if present else "✗", styles[style])
    elif isinstance(value, tuple) and value[0] == "link":
        _, target, shown = value
        sheet.write_url(r, c, "external:" + target, styles["link"], string=shown)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(r, c, value, styles.get(column.kind, styles["text"]))
    else:  # never a formula or a link made from text taken from a report
        sheet.write_string(r, c, str(value), styles["wrap" if column.kind == "wrap" else "text"])


def _colour_scales(sheet: Any, columns: Sequence[Column], count: int, fail_under: float) -> None:
    """Scores red (0) through yellow (the pass mark) to green (100); ratios white (0) to red (100%)."""
    for c, column in enumerate(columns):
        if column.kind == "score":
            sheet.conditional_format(1, c, count, c, {
                "type": "3_color_scale", "min_type": "num", "min_value": 0, "min_color": "#F8696B",
                "mid_type": "num", "mid_value": fail_under, "mid_color": "#FFEB84",
                "max_type": "num", "max_value": 100, "max_color": "#63BE7B"})
        elif column.kind == "ratio":
            sheet.conditional_format(1, c, count, c, {
                "type": "2_color_scale", "min_type": "num", "min_value": 0, "min_color": "#FFFFFF",
                "max_type": "num", "max_value": 1, "max_color": "#F8696B"})


def _severities(sheet: Any, columns: Sequence[Column], count: int, t: Mapping[str, str], book: Any) -> None:
    """Errors in red, warnings in orange, as in the other outputs (a rule on the cells, which stay text)."""
    c = next(i for i, column in enumerate(columns) if column.kind == "severity")
    for severity, colour in (("error", "#C92A2A"), ("warning", "#E67700")):
        sheet.conditional_format(1, c, max(count, 1), c, {
            "type": "cell", "criteria": "==", "value": f'"{t[severity]}"',
            "format": book.add_format({"font_color": colour, "bold": severity == "error"})})


def _width(column: Column, values: Sequence[Cell]) -> float:
    """A readable width: the widest value (Chinese characters count double), headers wrap onto lines of
    about six characters, sentences wrap at ``WRAPPED``."""
    header = min(_shown(column.header), 12)
    if column.kind in ("mark", "int", "number", "score", "ratio"):
        return max(header, 6) + 1
    shown = [_shown(v[2] if isinstance(v, tuple) else str(v)) for v in values if v is not None]
    widest = max(shown, default=0)
    return min(max(header, widest, 6) + 2, WRAPPED if column.kind == "wrap" else 50)


def _lines(row: Sequence[Cell], widths: Sequence[float], wrapped: Sequence[bool]) -> int:
    """How many lines the tallest wrapped cell of ``row`` takes (an estimate: a line holds its column's width
    less the padding)."""
    return max((-(-_shown(value) // max(int(width) - 2, 1)) for value, width, wrap in zip(row, widths, wrapped, strict=True)
                if wrap and isinstance(value, str)), default=1)


def _shown(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

