"""Terminal view of recycled text: a one-line verdict, the ratio per checklist item, and the reused
passages side by side (this year | the earlier report) with the changed characters highlighted."""

from __future__ import annotations

import difflib

from rich.console import Group
from rich.table import Table
from rich.text import Text

from checker.model import Result, Reuse
from checker.render.document_labels import CARD
from checker.render.labels import REUSE_VIEW
from checker.render.messages import Wording


def reuse_block(r: Result, lang: str = "zh", limit: int | None = 8) -> Group:
    t = REUSE_VIEW[lang]
    reuse = r.reuse
    if reuse is None:
        return Group(Text(t["none"], style="dim"))
    names = Wording(r, lang).names
    parts: list[Text | Table] = [Text(t["title"], style="bold"), _verdict(reuse, t)]
    parts.append(_sources(reuse, t))
    if reuse.sections:
        items = Table(show_header=True, header_style="dim", box=None, padding=(0, 2))
        items.add_column(t["item"])
        items.add_column(f"{t['ratio']}{t['open']}{t['all']}{t['close']}", justify="right")
        items.add_column(t["self"], justify="right")
        own = dict(reuse.self_sections)
        for item, ratio in reuse.sections:
            style = "red" if ratio >= 0.3 else ""
            items.add_row(names.get(item, item), Text(f"{ratio:.0%}", style=style), f"{own.get(item, 0):.0%}")
        parts.append(items)
    shown = [p for p in reuse.passages if not p.boilerplate]
    extra = 0
    if limit is not None and len(shown) > limit:
        shown, extra = sorted(shown, key=lambda p: p.start - p.end)[:limit], len(shown) - limit
        shown.sort(key=lambda p: p.start)
    if shown:
        table = Table(show_lines=True, expand=True)
        table.add_column(t["here"], ratio=1, overflow="fold")
        table.add_column(t["there"], ratio=1, overflow="fold")
        for p in shown:
            src = reuse.sources[p.source]
            left, right = _highlight(p.text, p.source_text)
            head_l = Text(f"{t['line'].format(n=p.line)}  {p.similarity:.0%}\n", style="dim")
            head_r = Text(f"{src.org or src.path or ''} {src.year or ''} {t['line'].format(n=p.source_line)}\n",
                          style="dim")
            table.add_row(head_l + left, head_r + right)
        parts.append(table)
    if extra:
        parts.append(Text(t["more"].format(n=extra), style="dim"))
    return Group(*parts)


def totals(reuse: Reuse, lang: str = "zh") -> Text:
    """The totals that lead the report, as on the HTML page's card (the same JSON ``reuse`` fields)."""
    c = CARD[lang]
    share = reuse.ratio_without_boilerplate
    style = "bold red" if share >= 0.5 else "bold yellow" if share >= 0.1 else "bold green"
    line = Text(f"{c['ratio']} ", style="bold")
    line.append(_pct(reuse.ratio), style=style)
    line.append(f"   {c['without']} {_pct(share)}{c['colon']}{c['self']} {_pct(reuse.ratio_self)}{c['sep']}"
                f"{c['peer']} {_pct(reuse.ratio_peer)}")
    top = reuse.largest
    largest = f"{top.org or top.path or ''} {top.year or ''} {_pct(top.ratio_without_boilerplate)}" if top else c["none"]
    line.append(f"\n{c['chars']} {reuse.chars}{c['sep']}{c['reused']} {reuse.reused_chars}{c['sep']}"
                f"{c['suspect']} {len(reuse.suspect)}{c['sep']}{c['largest']}{c['colon']}{largest}")
    return line


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _verdict(reuse: Reuse, t: dict) -> Text:
    line = Text(f"{t['ratio']} {reuse.ratio:.0%}{t['open']}{t['without']} {reuse.ratio_without_boilerplate:.0%}"
                f"{t['close']}")
    if reuse.sources:
        top = max(reuse.sources, key=lambda s: s.ratio_without_boilerplate)
        line.append(f"  {t['largest']}{t['colon']}{top.org or top.path or ''} {top.year or ''}{t['open']}"
                    f"{top.ratio_without_boilerplate:.0%}{t['close']}")
    share = reuse.ratio_without_boilerplate
    verdict, style = (t["v_high"], "bold red") if share >= 0.5 else (t["v_mid"], "yellow") if share >= 0.1 else (
        t["v_low"], "green")
    line.append(f"  —— {verdict}", style=style)
    return line


def _sources(reuse: Reuse, t: dict) -> Text:
    text = Text(f"{t['sources']}{t['colon']}", style="dim")
    text.append(t["sep"].join(
        f"{s.org or s.path or '?'} {s.year or ''}{t['open']}{t['self_kind'] if s.kind == 'self' else t['peer_kind']}"
        f"{t['comma']}{s.ratio_without_boilerplate:.0%}{t['close']}" for s in reuse.sources), style="dim")
    return text


def _highlight(here: str, there: str) -> tuple[Text, Text]:
    """Character-level diff: what is the same stays plain, what changed is marked on each side."""
    left, right = Text(), Text()
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, here, there, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(here[a0:a1])
            right.append(there[b0:b1])
        else:
            left.append(here[a0:a1], style="bold green")
            right.append(there[b0:b1], style="bold red strike")
    return left, right
