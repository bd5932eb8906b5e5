"""HTML output for the reviewer's desk: one self-contained page per report, and a batch index.

A reviewer reads the report itself, with each finding marked where it stands and recycled passages
beside their source, which a terminal cannot show. Reports are written by others and may be hostile,
and the page must open offline, so:

- every report-derived string (text, headings, evidence, messages, paths, names, source texts) is
  written through ``_t`` (``html_text.esc``), which escapes ``& < > " '`` — safe in element text, in double-quoted
  attribute values and in ``<title>``. Report data never goes into a URL, a style or a script; the only
  hrefs are fragment ids we make and the index's links, which are percent-encoded (``html_text.href``);
- the page carries no script and a Content-Security-Policy forbidding scripts (``html_assets.CSP``),
  so that an escaping slip still cannot run code. Links scroll to the marks; the filter is CSS only;
- CSS is inline, there are no fonts or images to fetch.

Output is deterministic (no timestamps, fixed order), so that golden files are possible.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from checker.model import OWN_OUTPUT_MARK, SEVERITIES, Finding, Result, Reuse, ReusedPassage
from checker.render.document_labels import CARD
from checker.render.html_assets import CSP, CSS
from checker.render.html_text import Span, diff, frag, href, marked_text
from checker.render.html_text import esc as _t
from checker.render.labels import HTML, HTML_LEGEND
from checker.render.messages import Wording, pick
from checker.render.registry import RenderContext, write_text


def report(result: Result, *, lang: str = "zh") -> str:
    """The page of one report: header, score, checklist and outline, findings, recycled text, the text."""
    t = HTML[lang]
    r = result
    w = Wording(r, lang)
    title = f"{r.meta.title or t['untitled']} — {t['suffix']}"
    nav = "".join(f'<li><a href="#{a}">{_t(t[k])}</a></li>' for a, k in (
        ("deductions", "nav_score"), ("items", "nav_items"), ("findings", "nav_findings"),
        ("reuse", "nav_reuse"), ("text", "nav_text")) if a != "reuse" or r.reuse is not None)
    body = "".join((
        f"<nav><ul>{nav}</ul></nav><main>", _header(r, t, w), _totals(r.reuse, lang), _deductions(r, t, w), _items_and_outline(r, t, w),
        _findings(r, t, w), _reuse(r, t, lang), _text(r, t, w), _waived(r, t, w), "</main>"))
    return _page(title, body, t)


def index(results: Sequence[Result], links: Mapping[str, str], *, lang: str = "zh",
          unreadable: Sequence[tuple[str, str]] = ()) -> str:
    """The batch page: reports ranked by score (lowest first) with links to their pages, and histograms.

    ``unreadable`` (path, reason) lists the submissions that could not be checked: they head the table,
    because a reviewer must chase those first and must not lose them from the count.

    ``links`` maps a result's ``path`` to its page's path relative to the index, as a plain file path
    (not URL-encoded: the index encodes it, which also keeps a ``scheme:`` in a file name inert).
    """
    t = HTML[lang]
    ranked = sorted(results, key=lambda r: (r.score.value, r.path))
    head = "".join(f"<th{' class=num' if k in ('rank', 'year', 'score', 'ratio') else ''}>{_t(t[k])}</th>"
                   for k in ("rank", "org", "year", "score", "verdict", "missing", "ratio", "worst"))
    rows = [f'<tr class="fail unreadable"><td class="num">{n}</td><td><div class="path">{_t(path)}</div></td>'
            f'<td class="num">—</td><td class="num">—</td><td class="nowrap no">{_t(t["unreadable"])}</td>'
            f'<td>—</td><td class="num">—</td><td>{_t(reason)}</td></tr>'
            for n, (path, reason) in enumerate(sorted(unreadable), 1)]
    for n, r in enumerate(ranked, len(rows) + 1):
        name = _t(r.meta.org or r.meta.title or r.path)
        link = links.get(r.path)
        org = (f'<a href="{_t(href(link))}">{name}</a>' if link is not None else name) + (
            f'<div class="path">{_t(r.path)}</div>')
        words = Wording(r, lang)
        missing = t["list_sep"].join(words.item(s) for s in r.sections if s.required and not s.present) or "—"
        worst = _worst(r.findings)
        worst_html = (f'<span class="{"no" if worst.severity == "error" else "dim"}">{_t(t[worst.severity])}</span> '
                      f"{_t(words.message(worst))}" if worst else "—")
        ratio = f"{r.reuse.ratio_without_boilerplate:.0%}" if r.reuse else t["not_compared"]
        rows.append(
            f'<tr class="{"pass" if r.score.passed else "fail"}"><td class="num">{n}</td><td>{org}</td>'
            f'<td class="num">{_t(r.meta.year or "—")}</td><td class="num">{r.score.value:g}</td>'
            f'<td class="nowrap {"yes" if r.score.passed else "no"}">{_t(t["passed" if r.score.passed else "failed"])}'
            f'</td><td>{_t(missing)}</td><td class="num">{_t(ratio)}</td><td>{worst_html}</td></tr>')
    passed = sum(r.score.passed for r in results)
    ratios = [r.reuse.ratio_without_boilerplate * 100 for r in results if r.reuse is not None]
    hists = _histogram([r.score.value for r in results], t["hist_score"], t["reports"]) + (
        _histogram(ratios, t["hist_reuse"], t["reports"]) if ratios else f'<p class="dim">{_t(t["no_reuse"])}</p>')
    total = len(results) + len(unreadable)
    summary = (t["summary_unreadable"].format(n=total, p=passed, u=len(unreadable)) if unreadable
               else t["summary"].format(n=total, p=passed))
    body = (f'<main><h1 id="title">{_t(t["batch"])}</h1>'
            f'<p id="summary">{_t(summary)}</p>'
            f'<table id="ranking"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f'<p class="dim">{_t(t["ratio"])}{_t(t["colon"])}{_t(t["without"])}</p>'
            f'<div class="hists" id="histograms">{hists}</div></main>')
    return _page(f"{t['batch']}{t['open']}{total}{t['close']}", body, t)


# --- the page ---------------------------------------------------------------------------------------


def _page(title: str, body: str, t: Mapping[str, str]) -> str:
    return ("<!DOCTYPE html>\n"
            f'<html lang="{t["html_lang"]}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="referrer" content="no-referrer">\n'
            f"{OWN_OUTPUT_MARK}\n"  # so that a batch never takes this page for a report to check
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_t(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


# --- the parts of a report's page -----------------------------------------------------------------


def _header(r: Result, t: Mapping[str, str], w: Wording) -> str:
    m, s = r.meta, r.score
    rows = ((t["org"], m.org or "—"), (t["year"], m.year or "—"),
            (t["published"], m.published.isoformat() if m.published else "—"), (t["ruleset"], r.ruleset),
            (t["script"], t[m.script]), (t["file"], r.path))
    meta = "".join(f"<dt>{_t(k)}</dt><dd>{_t(v)}</dd>" for k, v in rows)
    why = w.gate_reason(s)
    reason = f'<p class="reason" id="reason">{_t(why)}</p>' if why else ""
    return (f'<header id="top"><div><h1 id="title">{_t(m.title or t["untitled"])}</h1>'
            f'<dl class="meta" id="meta">{meta}</dl></div>'
            f'<div class="verdict {"pass" if s.passed else "fail"}" id="verdict">'
            f'<div class="score" id="score">{s.value:g}<small> / 100</small></div>'
            f'<div class="gate">{_t(t["passed" if s.passed else "failed"])}</div>{reason}'
            f'<div class="dim">{_t(t["fail_under"].format(n=f"{s.fail_under:g}"))}</div></div></header>')


def _totals(reuse: Reuse | None, lang: str) -> str:
    """The card under the header, as CNKI's report leads with it: the overall ratio (and its share from the
    body's own earlier reports and from other bodies), the counted and the reused characters, how many
    passages to read, and the largest single source. Every figure is a JSON ``reuse`` field."""
    if reuse is None:
        return ""
    c = CARD[lang]
    top = reuse.largest
    largest = (f"{top.org or top.path or ''} {top.year or ''} {percent(top.ratio_without_boilerplate)}"
               if top else c["none"])
    share = reuse.ratio_without_boilerplate
    level = "high" if share >= 0.5 else "mid" if share >= 0.1 else "low"

    def stat(label: str, field: str, value: str) -> str:
        return f'<div class="stat"><span class="k">{_t(label)}</span><span class="v" data-field="{field}">{_t(value)}</span></div>'

    stats = "".join((
        stat(c["without"], "ratio_without_boilerplate", percent(share)),
        stat(c["self"], "ratio_self", percent(reuse.ratio_self)),
        stat(c["peer"], "ratio_peer", percent(reuse.ratio_peer)),
        stat(c["chars"], "chars", str(reuse.chars)),
        stat(c["reused"], "reused_chars", str(reuse.reused_chars)),
        stat(c["suspect"], "suspect_passages", str(len(reuse.suspect))),
    ))
    return (f'<section id="totals" class="card level-{level}"><div class="lead"><span class="k">{_t(c["ratio"])}</span>'
            f'<span class="v big" data-field="ratio">{percent(reuse.ratio)}</span></div><div class="stats">{stats}</div>'
            f'<div class="src"><span class="k">{_t(c["largest"])}{_t(c["colon"])}</span>'
            f'<span class="v" data-field="largest">{_t(largest)}</span> <a href="#reuse">{_t(c["detail"])}</a></div></section>')


def percent(value: float) -> str:
    """A ratio as the card shows it, to a tenth of a percent as CNKI does (0.3721 → 37.2%)."""
    return f"{value * 100:.1f}%"


def _deductions(r: Result, t: Mapping[str, str], w: Wording) -> str:
    about = {i.id: pick(i.name, i.name_en, w.lang) or w.summary(i) for i in r.rules}
    lost = [d for d in r.score.deductions if d.points]
    for d in lost:  # a rule that fired once: its own message says more than the template
        if d.count == 1 and d.rule not in {i.id for i in r.rules if i.name}:
            about[d.rule] = next((w.message(f) for f in r.findings if f.rule == d.rule), about.get(d.rule, ""))
    rows = "".join(f"<tr><td><code>{_t(d.rule)}</code></td><td>{_t(about.get(d.rule, ''))}</td>"
                   f'<td class="num">{d.count}</td><td class="num">−{d.points:g}</td></tr>' for d in lost)
    total = sum(d.points for d in lost)
    table = (f'<table><thead><tr><th>{_t(t["rule"])}</th><th>{_t(t["about"])}</th><th class="num">'
             f'{_t(t["count"])}</th><th class="num">{_t(t["points"])}</th></tr></thead><tbody>{rows}</tbody>'
             f'<tfoot><tr><th colspan="3">{_t(t["total"])}</th><th class="num">−{total:g}</th></tr></tfoot></table>'
             if lost else f'<p class="dim">{_t(t["no_deductions"])}</p>')
    width = max(0.0, min(100.0, r.score.value))
    return (f'<section id="deductions"><h2>{_t(t["score"])} {r.score.value:g} / 100 · {_t(t["deductions"])}</h2>'
            f'<div class="bar"><span style="width:{width:g}%"></span></div>{table}</section>')


def _items_and_outline(r: Result, t: Mapping[str, str], w: Wording) -> str:
    rows = []
    for s in r.sections:
        mark = ('<span class="yes">✓</span>' if s.present else
                f'<span class="no{"" if s.required else " opt"}">✗</span>')
        where = ""
        if s.present:
            line = f'<a href="#L{s.line}">{_t(t["line"].format(n=s.line))}</a> ' if s.line else ""
            how = f' <span class="dim">[{_t(t.get("by_" + s.found_by, s.found_by))}]</span>' if s.found_by else ""
            where = f"{line}{_t(s.heading or '')}{how}"
        rows.append(f'<tr id="item-{frag(s.id)}" class="{"present" if s.present else "absent"}">'
                    f'<td>{_t(w.item(s))}</td><td>{_t(t["required" if s.required else "optional"])}</td>'
                    f"<td>{mark}</td><td>{where}</td></tr>")
    items = (f'<table id="checklist"><thead><tr>{"".join(f"<th>{_t(t[k])}</th>" for k in ("item", "need", "found", "where"))}'
             f'</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    names = w.names
    entries = "".join(
        f'<li class="lv{min(max(e.level, 1), 6)}"><a href="#L{e.line}">{_t(t["line"].format(n=e.line))}</a> '
        f'{_t(e.heading)}{"".join(f"<span class=tag>✓ {_t(names.get(i, i))}</span>" for i in e.items)}</li>'
        for e in r.outline)
    outline = f'<ul class="outline" id="outline">{entries}</ul>' if entries else f'<p class="dim">{_t(t["no_outline"])}</p>'
    return (f'<section id="items" class="cols"><div><h2>{_t(t["items"])}</h2>{items}</div>'
            f'<div><h2>{_t(t["outline"])}</h2>{outline}</div></section>')


def _span(f: Finding, text: str) -> tuple[int, int] | None:
    """The finding's span in the text, if it has one to mark (and so a ``<mark id="f…">`` to link to)."""
    s, e = f.location.start, f.location.end
    return (s, e) if s is not None and e is not None and 0 <= s <= e <= len(text) else None


def _target(i: int, f: Finding, r: Result, t: Mapping[str, str]) -> tuple[str, str]:
    """Where a finding's link goes, and its label: the mark in the text, else the item row, else the header."""
    loc = f.location
    if _span(f, r.text):
        return f"f{i}", t["line"].format(n=loc.line) if loc.line else "¶"
    if loc.section:
        return f"item-{frag(loc.section)}", t["see_item"]
    return "meta", t["see_meta"]


def _findings(r: Result, t: Mapping[str, str], w: Wording) -> str:
    basis = {i.id: b for i in r.rules if (b := w.basis(i))}
    counts = {sev: sum(f.severity == sev for f in r.findings) for sev in SEVERITIES}
    boxes = "".join(f'<label><input type="checkbox" id="show-{sev}" checked> {_t(t[sev])}{t["open"]}{counts[sev]}{t["close"]}</label>'
                    for sev in SEVERITIES if counts[sev])
    groups = []
    for sev in SEVERITIES:
        items = []
        for i, f in enumerate(r.findings, 1):
            if f.severity != sev:
                continue
            target, where = _target(i, f, r, t)
            message = w.message(f)
            ev = f'<q class="ev">{_t(f.evidence)}</q>' if f.evidence and f.evidence not in message else ""
            why = (f'<span class="basis">{_t(t["basis"])}{_t(t["colon"])}{_t(basis[f.rule])}</span>'
                   if f.rule in basis else "")
            pts = f'<span class="pts">−{f.points:g}</span>' if f.points else ""
            fix = f'<span class="fix">{_t(s)}</span>' if (s := w.suggestion(f, message)) else ""
            items.append(f'<li class="finding sev-{sev}" data-rule="{_t(f.rule)}"><a class="loc" href="#{target}">'
                         f'{_t(where)}</a><div><span class="msg">{_t(message)}</span>{ev}{fix}{why}</div>'
                         f"<div><code>{_t(f.rule)}</code>{pts}</div></li>")
        if items:
            groups.append(f'<section class="sev-{sev}" id="findings-{sev}"><h3>{_t(t[sev])}{t["open"]}{len(items)}{t["close"]}</h3>'
                          f'<ol class="findings">{"".join(items)}</ol></section>')
    filters = f'<div class="filters">{_t(t["show"])}{boxes}</div>' if boxes else ""
    none = f'<p class="yes">{_t(t["none"])}</p>' if not r.findings else ""
    return (f'<section id="findings"><h2>{_t(t["findings"])}{t["open"]}{len(r.findings)}{t["close"]}</h2>'
            f'{filters}{none}{"".join(groups)}</section>')


def _reuse(r: Result, t: Mapping[str, str], lang: str) -> str:
    reuse = r.reuse
    if reuse is None:
        return ""
    share = reuse.ratio_without_boilerplate
    level = "high" if share >= 0.5 else "mid" if share >= 0.1 else "low"
    line = f"{t['ratio']} {reuse.ratio:.0%}{t['open']}{t['without']} {share:.0%}{t['close']}"
    if reuse.sources:
        top = max(reuse.sources, key=lambda s: s.ratio_without_boilerplate)
        line += (f"  {t['largest']}{t['colon']}{top.org or top.path or ''} {top.year or ''}{t['open']}"
                 f"{top.ratio_without_boilerplate:.0%}{t['close']}")
    legend = "".join(f'<span class="sw {k}">{"" if k == "def" else _t(t["sample"])}</span>'
                     f"<span>{_t(text)}</span>" for k, text in HTML_LEGEND[lang])
    names = Wording(r, lang).names
    own = dict(reuse.self_sections)
    items = "".join(f'<tr><td>{_t(names.get(i, i))}</td><td class="num{" no" if v >= 0.3 else ""}">{v:.0%}</td>'
                    f'<td class="num">{own.get(i, 0):.0%}</td></tr>' for i, v in reuse.sections)
    sources = "".join(
        f"<tr><td>{_t(s.org or '—')}</td><td>{_t(s.year or '—')}</td>"
        f"<td>{_t(t['self_kind' if s.kind == 'self' else 'peer_kind'])}</td><td class=num>{s.ratio:.0%}</td>"
        f"<td class=num>{s.ratio_without_boilerplate:.0%}</td><td class=dim>{_t(s.path or '')}</td></tr>"
        for s in reuse.sources)
    shown = [(j, p) for j, p in enumerate(reuse.passages, 1) if not p.boilerplate]
    boiler = [(j, p) for j, p in enumerate(reuse.passages, 1) if p.boilerplate]
    return (f'<section id="reuse"><h2>{_t(t["reuse"])}</h2><p class="verdict-line">{_t(line)} '
            f'<span class="{level}">—— {_t(t["v_" + level])}</span></p><div class="legend" id="legend">{legend}</div>'
            f'<h3>{_t(t["sources"])}</h3><table id="sources"><thead><tr><th>{_t(t["org"])}</th><th>{_t(t["year"])}'
            f'</th><th>{_t(t["kind"])}</th><th class=num>{_t(t["ratio"])}</th><th class=num>{_t(t["without"])}</th>'
            f'<th>{_t(t["file"])}</th></tr></thead><tbody>{sources}</tbody></table>'
            f'<h3>{_t(t["item"])} · {_t(t["ratio"])}</h3><table id="reuse-items"><thead><tr><th>{_t(t["item"])}</th>'
            f'<th class=num>{_t(t["ratio"])}{_t(t["open"])}{_t(t["all"])}{_t(t["close"])}</th><th class=num>{_t(t["self"])}</th></tr></thead>'
            f'<tbody>{items}</tbody></table><h3>{_t(t["passages"].format(n=len(shown)))}</h3>'
            f"{_passages(shown, reuse, names, t)}<details><summary>{_t(t['boilerplate'].format(n=len(boiler)))}"
            f"</summary>{_passages(boiler, reuse, names, t)}</details></section>")


def _passages(passages: list[tuple[int, ReusedPassage]], reuse: Reuse, names: Mapping[str, str],
               t: Mapping[str, str]) -> str:
    rows = []
    for j, p in passages:
        src = reuse.sources[p.source]
        left, right = diff(p.text, p.source_text)
        item = f" · {_t(names.get(p.section, p.section))}" if p.section else ""
        rows.append(
            f'<tr id="p{j}"><td><div class="ph"><a href="#{"L" if p.boilerplate else "r"}{p.line if p.boilerplate else j}">'
            f'{_t(t["line"].format(n=p.line))}</a> · '
            f'{_t(t["similarity"])} {p.similarity:.0%}{item}</div>{left}</td><td><div class="ph">'
            f'{_t(src.org or src.path or "")} {_t(src.year or "")} · {_t(t["line"].format(n=p.source_line))}</div>'
            f"{right}</td></tr>")
    return (f'<table class="sbs"><thead><tr><th>{_t(t["here"])}</th><th>{_t(t["there"])}</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _text(r: Result, t: Mapping[str, str], w: Wording) -> str:
    """The report paragraph by paragraph, findings marked (``<mark id="f3">``), recycled passages in red."""
    spans = [Span(*se, f"f{i}", "mark", f"sev-{f.severity}", w.message(f))
             for i, f in enumerate(r.findings, 1) if (se := _span(f, r.text))]
    if r.reuse is not None:
        for j, p in enumerate(r.reuse.passages, 1):
            if not p.boilerplate:
                src = r.reuse.sources[p.source]
                title = f"{src.org or src.path or ''} {src.year or ''} {t['line'].format(n=p.source_line)}"
                spans.append(Span(p.start, p.end, f"r{j}", "span", "ru", f"{title} {p.similarity:.0%}"))
    note = (t["text_note_reuse"] if r.reuse is not None else "") + t["text_note"]
    return (f'<section id="text"><h2>{_t(t["text"])}</h2><p class="dim">{_t(note)}</p>'
            f'<div class="text">{marked_text(r.text, spans)}</div></section>')


def _waived(r: Result, t: Mapping[str, str], w: Wording) -> str:
    if not r.waived:
        return ""
    rows = "".join(f"<li><code>{_t(f.rule)}</code> {_t(w.message(f))} — {_t(t['reason'])}{_t(t['colon'])}"
                   f"{_t(w.accepted(why))}</li>" for f, why in r.waived)
    return f'<section id="waived"><h2>{_t(t["waived"])}{t["open"]}{len(r.waived)}{t["close"]}</h2><ul>{rows}</ul></section>'


# --- the index's parts ----------------------------------------------------------------------------


def _worst(findings: Sequence[Finding]) -> Finding | None:
    """The finding a reviewer should read first: the most severe, then the costliest, then the earliest."""
    return min(findings, key=lambda f: (SEVERITIES.index(f.severity), -f.points, f.sort_key()), default=None)


def _histogram(values: Sequence[float], title: str, unit: str) -> str:
    """Ten bins over 0–100 as an inline SVG bar chart (numbers only: nothing report-derived)."""
    counts = [0] * 10
    for v in values:
        counts[min(max(int(v // 10), 0), 9)] += 1
    top = max(counts) or 1
    bars = []
    for k, c in enumerate(counts):
        h = round(150 * c / top)
        x = 40 + k * 46
        bars.append(f'<rect x="{x}" y="{180 - h}" width="38" height="{h}"><title>{k * 10}–{k * 10 + 10}: {c}</title></rect>'
                    f'<text x="{x + 19}" y="{174 - h}" text-anchor="middle">{c or ""}</text>'
                    f'<text x="{x}" y="196" text-anchor="middle">{k * 10}</text>')
    return (f'<figure><figcaption><h3>{_t(title)}</h3></figcaption><svg class="hist" viewBox="0 0 520 210" '
            f'role="img" aria-label="{_t(title)}" xmlns="http://www.w3.org/2000/svg">{"".join(bars)}'
            f'<text x="500" y="196" text-anchor="middle">100</text><line x1="36" y1="180" x2="504" y2="180" '
            f'stroke="#868e96"/><text x="8" y="20">{_t(unit)}</text></svg></figure>')


def write(results: Sequence[Result], target: Path | None, ctx: RenderContext) -> None:
    """One report: its page (to ``target`` or standard output). Several, or a batch: a folder of pages with
    an index (the caller makes sure there is a ``target``)."""
    if _one_page(results, target, ctx):
        page = report(results[0], lang=ctx.lang)
        if target is not None:
            target.parent.mkdir(exist_ok=True)  # as for several reports: HTML output may make its folder
        write_text(page, target)
        return
    if target is None:
        raise ValueError("HTML pages of several reports need a folder")
    write_folder(results, target, ctx.lang, ctx.unreadable)


def pages(results: Sequence[Result], target: Path, ctx: RenderContext) -> dict[str, Path]:
    """The page ``write(results, target, ctx)`` writes for each report (report path → page file), for
    outputs that link to them."""
    if _one_page(results, target, ctx):
        return {results[0].path: target}
    return page_paths(results, target)


def _one_page(results: Sequence[Result], target: Path | None, ctx: RenderContext) -> bool:
    return not ctx.batch and len(results) == 1 and (target is None or target.suffix.lower() in (".html", ".htm"))


def write_folder(results: Sequence[Result], folder: Path, lang: str,
                 unreadable: Sequence[tuple[str, str]] = ()) -> Path:
    """One page per report plus index.html ranking them, in ``folder``; given ``x/name.html``, the index
    is that file and the pages go beside it."""
    index_page = folder / "index.html"
    if folder.suffix.lower() in (".html", ".htm"):
        folder, index_page = folder.parent, folder
    # every page is made before the first is written: a page that cannot be made leaves no half folder
    pages: dict[str, str] = {}
    links = {path: page.name for path, page in page_paths(results, folder).items()}
    for r in results:
        pages[links[r.path]] = report(r, lang=lang)
    pages[index_page.name] = index(results, links, lang=lang, unreadable=unreadable)
    folder.mkdir(parents=True, exist_ok=True)
    for name, page in pages.items():
        write_text(page, folder / name)
    return index_page


def page_paths(results: Sequence[Result], target: Path) -> dict[str, Path]:
    """Where ``write_folder(results, target)`` puts each report's page (report path → page file), for
    outputs that link to the pages (the batch workbook)."""
    folder = target.parent if target.suffix.lower() in (".html", ".htm") else target
    return {r.path: folder / f"{i:03d}-{_UNSAFE_IN_NAME.sub('_', Path(r.path).stem)[:40]}.html"
            for i, r in enumerate(results, 1)}


# a page's name comes from the report's: nothing that some file system or a browser's URL would trip on
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|#%\x00-\x1f]')
