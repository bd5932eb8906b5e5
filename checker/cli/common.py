"""What the commands share: the app, option types, settings from config + command line, output."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from checker.errors import CheckerError
from checker.model import SEVERITIES, Result

app = typer.Typer(
    name="checker",
    help="法治政府建设年度报告合规检查工具：检查报告是否包含法定内容、年份是否一致、有无模板残留和照搬痕迹。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("checker")
        except PackageNotFoundError:  # run from a source tree that was never installed
            number = "未安装（源码目录）"
        typer.echo(f"checker {number}")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: Annotated[bool, typer.Option("--version", "-V", help="显示版本号并退出", callback=_print_version,
                                               is_eager=True)] = False,
) -> None:
    """法治政府建设年度报告合规检查工具：检查报告是否包含法定内容、年份是否一致、有无模板残留和照搬痕迹。"""


archive_app = typer.Typer(help="档案库：保存各单位历年报告，供比对照搬与沿用。", no_args_is_help=True)
app.add_typer(archive_app, name="archive")


class Format(StrEnum):
    terminal = "terminal"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    html = "html"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


class Level(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


RulesetOpt = Annotated[str | None, typer.Option("--ruleset", "-r", help="规则集名称（national、shenzhen）或 YAML 文件路径")]
LangOpt = Annotated[Lang | None, typer.Option("--lang", help="输出语言：zh 中文（默认）或 en 英文")]
ArchiveDbOpt = Annotated[
    Path | None, typer.Option("--archive-db", help="档案库文件（默认 ~/.local/share/checker/archive.sqlite3）")
]
FormatsOpt = Annotated[
    list[Format] | None,
    typer.Option("--format", "-f", help="输出格式，可多次指定并与 --output 依次对应：terminal json sarif junit github html"),
]
OutputsOpt = Annotated[list[Path] | None, typer.Option("--output", "-o", help="输出文件（与 --format 依次对应）")]
FailUnderOpt = Annotated[float | None, typer.Option("--fail-under", help="得分低于此值即不通过（0–100，默认 60）",
                                                    min=0, max=100)]
FailOnOpt = Annotated[FailOn | None, typer.Option("--fail-on", help="出现该级别及以上的问题即不通过：error（默认）warning never")]
MinLevelOpt = Annotated[Level | None, typer.Option("--min-level", help="只显示该级别及以上的问题（不影响得分）")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="配置文件（默认向上查找 .checker.yaml 或 pyproject.toml）")]
NoConfigOpt = Annotated[bool, typer.Option("--no-config", help="不读取配置文件")]
WaiversOpt = Annotated[Path | None, typer.Option("--waivers", help="豁免文件（YAML）")]
MaxMbOpt = Annotated[float | None, typer.Option("--max-mb", help="输入文件大小上限（MB，默认 50）", min=0.001)]
MaxCharsOpt = Annotated[int | None, typer.Option("--max-chars", help="提取文字的字数上限（默认 2000000）", min=1)]


def load_settings(config: Path | None, no_config: bool, **cli: Any):  # type: ignore[no-untyped-def]
    from checker import config as configuration

    path = None if no_config else (config or configuration.discover(Path.cwd()))
    if config is not None and not config.exists():
        raise CheckerError(str(config), "配置文件不存在", "configuration file not found")
    values = {k: (v.value if isinstance(v, StrEnum) else str(v) if isinstance(v, Path) else v) for k, v in cli.items()}
    return configuration.settings(values, path), path


def console(file: Any = None):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(highlight=False, file=file) if file else Console(highlight=False)


def error_line(e: CheckerError, lang: str) -> None:
    for line in e.render(lang).splitlines():  # a ruleset reports all its problems, one per line
        print(("error: " if lang == "en" else "错误：") + line, file=sys.stderr)


def shown(results: Sequence[Result], min_level: str) -> list[Result]:
    """Findings below ``min_level`` are left out of what is shown; the score is unchanged."""
    cut = SEVERITIES.index(min_level)  # type: ignore[arg-type]
    return [dataclasses.replace(r, findings=tuple(f for f in r.findings if SEVERITIES.index(f.severity) <= cut))
            for r in results]


def emit(results: Sequence[Result], formats: Sequence[Format], outputs: Sequence[Path], lang: str) -> None:
    """Write each format to its output (paired in order); at most one format goes to standard output."""
    formats = list(formats) or [Format.terminal]
    if len(outputs) > len(formats):
        raise typer.BadParameter("--output 比 --format 多" if lang != "en" else "more --output than --format")
    if len(formats) - len(outputs) > 1:
        raise typer.BadParameter("只有一种格式可以写到标准输出，其余请用 --output 指定文件"
                                 if lang != "en" else "only one format may go to standard output")
    for i, fmt in enumerate(formats):
        target = outputs[i] if i < len(outputs) else None
        if fmt is Format.terminal:
            from checker.render import terminal

            if target is None:
                terminal.render(results, console(), lang)
            else:
                with target.open("w", encoding="utf-8") as fh:
                    terminal.render(results, console(fh), lang)
            continue
        if fmt is Format.html:
            _write_html(results, target, lang)
            continue
        _write(_render(fmt, results, lang), target)


def _render(fmt: Format, results: Sequence[Result], lang: str) -> str:
    if fmt is Format.json:
        from checker.render import json as json_render

        return json_render.render(results)
    if fmt is Format.sarif:
        from checker.render import sarif

        return sarif.render(results, lang=lang)
    if fmt is Format.junit:
        from checker.render import junit

        return junit.render(results, lang=lang)
    from checker.render import github

    return github.render(results, lang=lang)


def _write_html(results: Sequence[Result], target: Path | None, lang: str) -> None:
    from checker.render import html

    if len(results) == 1 and (target is None or target.suffix.lower() in (".html", ".htm")):
        _write(html.report(results[0], lang=lang), target)
        return
    if target is None:
        raise typer.BadParameter("多份报告的 HTML 输出需要用 --output 指定目录" if lang != "en"
                                 else "HTML for several reports needs --output DIR")
    write_html_folder(results, target, lang)


def write_html_folder(results: Sequence[Result], folder: Path, lang: str) -> Path:
    """One page per report plus index.html ranking them, in ``folder``."""
    from checker.render import html

    folder.mkdir(parents=True, exist_ok=True)
    links: dict[str, str] = {}
    for i, r in enumerate(results, 1):
        name = f"{i:03d}-{Path(r.path).stem[:40]}.html"
        (folder / name).write_text(html.report(r, lang=lang), encoding="utf-8")
        links[r.path] = name
    index = folder / "index.html"
    index.write_text(html.index(results, links, lang=lang), encoding="utf-8")
    return index


def _write(text: str, target: Path | None) -> None:
    if target is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
    else:
        target.write_text(text, encoding="utf-8")
