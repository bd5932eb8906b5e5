"""``checker rules``: the built-in checklists with their items and rules, and every rule kind with its
documentation and examples (taken from the kind's docstring, the same examples the tests run).

A renderer like the others: the command line loads the checklists and hands them over with the kinds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table


def render_rules(checklists: Sequence[tuple[Path, Any]], kinds: Iterable[Any] | None, console: Console,
                 lang: str = "zh") -> None:
    """Each loaded checklist (with the file it came from), then each rule kind unless ``kinds`` is None."""
    zh = lang != "en"
    for path, cl in checklists:
        title = cl.name if zh else cl.name_en or cl.name
        table = Table(title=f"{title}  [dim]({cl.id} · {path})[/]", title_justify="left")
        for col in ("条目" if zh else "item", "要求" if zh else "need", "规则" if zh else "rule",
                    "级别" if zh else "severity", "扣分" if zh else "points", "依据" if zh else "basis"):
            table.add_column(col)
        rules = {r.spec.id: r for r in cl.rules}
        for item in cl.items:
            rule = rules.get(f"section.{item.id}")
            need = ("必报" if zh else "required") if item.required else ("建议" if zh else "recommended")
            label = item.name if zh else item.name_en or item.name
            basis = item.basis if zh else item.basis_en or item.basis
            table.add_row(label, need, f"section.{item.id}", rule.spec.severity if rule else "—",
                          f"{rule.spec.points:g}" if rule else "—", basis or "")
        for rule in cl.rules:
            if rule.spec.kind != "section":
                basis = rule.spec.basis if zh else rule.spec.basis_en or rule.spec.basis
                table.add_row("", "", rule.spec.id, rule.spec.severity, f"{rule.spec.points:g}", basis or "")
        console.print(table)
    if kinds is None:
        return
    console.print(Markdown("## 规则类型" if zh else "## Rule kinds"))
    for kind in kinds:
        examples = "\n".join(
            f"# {_example_label(ex, zh)}{ex.get('name', '')}\n{ex.get('text', '').rstrip()}"
            for ex in kind.examples
        )
        body = Syntax(kind.doc + "\n\n" + examples, "text", word_wrap=True, background_color="default")
        console.print(Panel(body, title=kind.name, title_align="left"))


def _example_label(example: dict, zh: bool) -> str:  # type: ignore[type-arg]
    if zh:
        return "通过：" if example.get("pass") else "报告问题："
    return "passes: " if example.get("pass") else "reported: "
