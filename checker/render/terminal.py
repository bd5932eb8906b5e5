"""Terminal output with rich: the outline with each checklist item ✓/✗, findings by severity, the score."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from checker.model import Finding, Result
from checker.render.document_labels import CARD
from checker.render.labels import TERMINAL
from checker.render.messages import Wording
from checker.render.registry import RenderContext, write_text
from checker.render.reuse_view import reuse_block, totals

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(results: Sequence[Result], console: Console, lang: str = "zh") -> None:
    for r in results:
        console.print(report(r, lang))


def report(r: Result, lang: str = "zh") -> Group:
    t = TERMINAL[lang]
    words = Wording(r, lang)
    parts: list[RenderableType] = [_header(r, t)]
    if r.reuse is not None:  # the totals lead, as on the HTML page's card
        parts.append(Panel(totals(r.reuse, lang), title=CARD[lang]["title"], title_align="left", border_style="dim"))
    parts += [_outline(r, t, words), _items(r, t, words)]
    if r.reuse is not None:
        parts.append(reuse_block(r, lang))
    return Group(*parts, _findings(r.findings, t, words, len(r.waived)), _score(r, t, words), Text(""))


def _header(r: Result, t: dict) -> Panel:
    meta = r.meta
    grid = Table.grid(padding=(0, 1))
    for _ in range(3):
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
    grid.add_row(t["org"], meta.org or "—", t["year"], str(meta.year or "—"),
                 t["published"], meta.published.isoformat() if meta.published else "—")
    grid.add_row(t["ruleset"], r.ruleset, t["script"], t[meta.script], t["file"], r.path)
    return Panel(grid, title=Text(meta.title or t["untitled"], style="bold"), title_align="left")


def _outline(r: Result, t: dict, words: Wording) -> Tree:
    root = Tree(Text(t["outline"], style="bold"))
    if not r.outline:
        root.add(Text(t["no_outline"], style="dim"))
        return root
    names = words.names
    stack: list[tuple[int, Tree]] = [(0, root)]
    for entry in r.outline:
        while stack and stack[-1][0] >= entry.level:
            stack.pop()
        label = Text(_short(entry.heading, 42))
        label.append(f"  {t['line'].format(n=entry.line)}", style="dim")
        for item in entry.items:
            label.append(f"  ✓ {names.get(item, item)}", style="green")
        node = (stack[-1][1] if stack else root).add(label)
        stack.append((entry.level, node))
    return root


def _items(r: Result, t: dict, words: Wording) -> Table:
    table = Table(title=t["items"], title_justify="left", show_lines=False)
    for col in (t["item"], t["need"], t["found"], t["where"]):
        table.add_column(col)
    for s in r.sections:
        mark = Text("✓", style="green") if s.present else Text("✗", style="red" if s.required else "yellow")
        where = ""
        if s.present:
            how = t["by"].get(s.found_by or "", "")
            where = f"{t['line'].format(n=s.line)} {_short(s.heading or '', 30)}  [{how}]"
        table.add_row(words.item(s), t["required"] if s.required else t["optional"], mark, where)
    return table


def _findings(findings: Sequence[Finding], t: dict, words: Wording, waived: int = 0) -> Group:
    head = Text(t["findings"] + t["n"].format(n=len(findings)), style="bold")
    if waived:  # accepted findings leave the list but the reader should know they exist
        head.append(f"  {t['waived'].format(n=waived)}", style="dim")
    parts: list[Text | Table] = [head]
    if not findings:
        parts.append(Text(f"  {t['none']}", style="green"))
    for severity in ("error", "warning", "info"):
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        parts.append(Text(f"  {t[severity]}" + t["n"].format(n=len(group)), style=_STYLE[severity]))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=3)
        grid.add_column(style="dim", no_wrap=True, justify="right")
        grid.add_column(overflow="fold", ratio=1)
        grid.add_column(style="dim", no_wrap=True)
        for f in group:
            where = t["line"].format(n=f.location.line) if f.location.line else "—"
            text = words.message(f)
            message = Text(text)
            if f.evidence and f.evidence not in text:
                message.append("\n" + t["quote"].format(q=_short(f.evidence, 60)), style="italic")
            suggestion = words.suggestion(f, text)
            if suggestion:
                message.append("\n" + suggestion, style="green")
            grid.add_row("", where, message, f"{f.rule} −{f.points:g}" if f.points else f.rule)
        parts.append(grid)
    return Group(*parts)


def _score(r: Result, t: dict, words: Wording) -> Group:
    s = r.score
    head = Text(f"{t['score']} ", style="bold")
    head.append(f"{s.value:g}", style="bold green" if s.value >= s.fail_under else "bold red")
    head.append(" / 100")
    lost = [d for d in s.deductions if d.points]
    if lost:
        head.append(f"   {t['deductions']}{t['colon']}", style="dim")
        head.append("  ".join(f"{d.rule} −{d.points:g}" for d in lost), style="dim")
    verdict = Text(f"{t['verdict']}{t['colon']}", style="bold")
    verdict.append(t["passed"] if s.passed else t["failed"], style="bold green" if s.passed else "bold red")
    reason = words.gate_reason(s)
    if reason:
        verdict.append(t["note"].format(q=reason))
    return Group(head, verdict)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def write(results: Sequence[Result], target: Path | None, ctx: RenderContext) -> None:
    """Coloured on the screen; a file gets the same layout without colour codes."""
    if target is None:
        render(results, Console(highlight=False), ctx.lang)
        return
    buffer = io.StringIO()
    render(results, Console(highlight=False, file=buffer, color_system=None, force_terminal=False), ctx.lang)
    write_text(buffer.getvalue(), target)
