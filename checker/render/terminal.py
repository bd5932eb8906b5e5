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
from checker.render.registry import RenderContext, write_text
from checker.render.reuse_view import reuse_block

LABELS = {
    "zh": {
        "file": "文件", "org": "单位", "year": "年度", "published": "发布日期", "ruleset": "清单",
        "script": "文字", "simplified": "简体", "traditional": "繁体", "outline": "报告结构",
        "no_outline": "（未识别出编号标题）", "items": "清单条目", "item": "条目", "need": "要求",
        "required": "必报", "optional": "建议", "found": "结果", "where": "位置", "line": "第{n}行",
        "findings": "发现的问题", "none": "未发现问题", "error": "错误", "warning": "警告", "info": "提示",
        "score": "得分", "deductions": "扣分明细", "passed": "✓ 通过", "failed": "✗ 未通过",
        "verdict": "结论", "by": {"heading": "标题", "parts": "分列各部分", "passage": "段落", "markers": "原因表述"},
        "untitled": "（无标题行）", "count": "{n}处", "waived": "另已豁免 {n} 个问题",
        "n": "（{n}）", "colon": "：", "quote": "“{q}”", "note": "（{q}）",
    },
    "en": {
        "file": "file", "org": "body", "year": "year", "published": "published", "ruleset": "checklist",
        "script": "script", "simplified": "simplified", "traditional": "traditional", "outline": "Outline",
        "no_outline": "(no numbered headings found)", "items": "Checklist items", "item": "item",
        "need": "need", "required": "required", "optional": "recommended", "found": "found", "where": "where",
        "line": "line {n}", "findings": "Findings", "none": "no findings", "error": "errors",
        "warning": "warnings", "info": "notes", "score": "score", "deductions": "deductions",
        "passed": "✓ passed", "failed": "✗ failed", "verdict": "verdict",
        "by": {"heading": "heading", "parts": "spread over parts", "passage": "passage", "markers": "cause words"},
        "untitled": "(no title line)", "count": "{n} times", "waived": "{n} waived",
        "n": " ({n})", "colon": ": ", "quote": "'{q}'", "note": " ({q})",
    },
}
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(results: Sequence[Result], console: Console, lang: str = "zh") -> None:
    for r in results:
        console.print(report(r, lang))


def report(r: Result, lang: str = "zh") -> Group:
    t = LABELS[lang]
    parts: list[RenderableType] = [_header(r, t), _outline(r, t, lang), _items(r, t, lang)]
    if r.reuse is not None:
        parts.append(reuse_block(r, lang))
    return Group(*parts, _findings(r.findings, t, len(r.waived)), _score(r, t), Text(""))


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


def _outline(r: Result, t: dict, lang: str) -> Tree:
    root = Tree(Text(t["outline"], style="bold"))
    if not r.outline:
        root.add(Text(t["no_outline"], style="dim"))
        return root
    names = {s.id: s.label(lang) for s in r.sections}
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


def _items(r: Result, t: dict, lang: str) -> Table:
    table = Table(title=t["items"], title_justify="left", show_lines=False)
    for col in (t["item"], t["need"], t["found"], t["where"]):
        table.add_column(col)
    for s in r.sections:
        mark = Text("✓", style="green") if s.present else Text("✗", style="red" if s.required else "yellow")
        where = ""
        if s.present:
            how = t["by"].get(s.found_by or "", "")
            where = f"{t['line'].format(n=s.line)} {_short(s.heading or '', 30)}  [{how}]"
        table.add_row(s.label(lang), t["required"] if s.required else t["optional"], mark, where)
    return table


def _findings(findings: Sequence[Finding], t: dict, waived: int = 0) -> Group:
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
            message = Text(f.message)
            if f.evidence and f.evidence not in f.message:
                message.append("\n" + t["quote"].format(q=_short(f.evidence, 60)), style="italic")
            grid.add_row("", where, message, f"{f.rule} −{f.points:g}" if f.points else f.rule)
        parts.append(grid)
    return Group(*parts)


def _score(r: Result, t: dict) -> Group:
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
    if s.reason:
        verdict.append(t["note"].format(q=s.reason))
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
