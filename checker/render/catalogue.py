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

from checker.render.labels import CATALOGUE
from checker.render.messages import pick


def render_rules(checklists: Sequence[tuple[Path, Any]], kinds: Iterable[Any] | None, console: Console,
                 lang: str = "zh") -> None:
    """Each loaded checklist (with the file it came from), then each rule kind unless ``kinds`` is None."""
    words = CATALOGUE.get(lang, CATALOGUE["zh"])
    for path, cl in checklists:
        title = pick(cl.name, cl.name_en, lang) or cl.name
        table = Table(title=f"{title}  [dim]({cl.id} · {path})[/]", title_justify="left")
        for col in words["columns"]:
            table.add_column(col)
        rules = {r.spec.id: r for r in cl.rules}
        for item in cl.items:
            rule = rules.get(f"section.{item.id}")
            need = words["required"] if item.required else words["optional"]
            label = pick(item.name, item.name_en, lang) or item.name
            basis = pick(item.basis, item.basis_en, lang)
            table.add_row(label, need, f"section.{item.id}", rule.spec.severity if rule else "—",
                          f"{rule.spec.points:g}" if rule else "—", basis or "")
        for rule in cl.rules:
            if rule.spec.kind != "section":
                basis = pick(rule.spec.basis, rule.spec.basis_en, lang)
                table.add_row("", "", rule.spec.id, rule.spec.severity, f"{rule.spec.points:g}", basis or "")
        console.print(table)
    if kinds is None:
        return
    console.print(Markdown(words["kinds"]))
    for kind in kinds:
        examples = "\n".join(
            f"# {words['passes'] if ex.get('pass') else words['reported']}{ex.get('name', '')}\n"
            f"{ex.get('text', '').rstrip()}"
            for ex in kind.examples
        )
        body = Syntax(kind.doc + "\n\n" + examples, "text", word_wrap=True, background_color="default")
        console.print(Panel(body, title=kind.name, title_align="left"))
