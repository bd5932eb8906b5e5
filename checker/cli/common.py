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
OutputsOpt = Annotated[list[Path] | None, typer.Option(
    "--output", "-o", help="输出文件（与 --format 依次对应；未给 --format 时按扩展名定格式：.html .json .sarif .xml .txt）")]
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
    from checker.cli import config as configuration

    path = None if no_config else (config or configuration.discover(Path.cwd()))
    if config is not None and not config.exists():
        raise CheckerError(str(config), "配置文件不存在", "configuration file not found")
    values = {k: (v.value if isinstance(v, StrEnum) else str(v) if isinstance(v, Path) else v) for k, v in cli.items()}
    return configuration.settings(values, path), path


def console(file: Any = None, *, colour: bool = True):  # type: ignore[no-untyped-def]
    from rich.console import Console

    if not colour:
        return Console(highlight=False, file=file, color_system=None, force_terminal=False)
    return Console(highlight=False, file=file) if file else Console(highlight=False)


def error_line(e: CheckerError, lang: str) -> None:
    for line in e.render(lang).splitlines():  # a ruleset reports all its problems, one per line
        print(("error: " if lang == "en" else "错误：") + line, file=sys.stderr)


def shown(results: Sequence[Result], min_level: str) -> list[Result]:
    """Findings below ``min_level`` are left out of what is shown; the score is unchanged."""
    cut = SEVERITIES.index(min_level)  # type: ignore[arg-type]
    return [dataclasses.replace(r, findings=tuple(f for f in r.findings if SEVERITIES.index(f.severity) <= cut))
            for r in results]


# what an output file's extension says it holds; a name not listed (a folder for HTML pages) says nothing
SUFFIX_FORMATS = {".html": Format.html, ".htm": Format.html, ".json": Format.json, ".sarif": Format.sarif,
                  ".xml": Format.junit, ".txt": Format.terminal, ".log": Format.terminal}


def format_of(target: Path) -> Format | None:
    """The format ``target``'s name implies (``x.sarif.json`` is SARIF, as GitHub names it)."""
    name = target.name.lower()
    if name.endswith(".sarif.json"):
        return Format.sarif
    return SUFFIX_FORMATS.get(Path(name).suffix)


def pair_outputs(formats: Sequence[Format], outputs: Sequence[Path], lang: str) -> list[tuple[Format, Path | None]]:
    """Each format with its output (paired in order), checked before any work is done.

    An output without a ``--format`` takes the one its extension names, and one whose extension names
    another format is refused: a reviewer who asks for ``report.html`` must not get terminal box-drawing.
    At most one format goes to standard output.
    """
    pairs: list[tuple[Format, Path | None]] = []
    for i, target in enumerate(outputs):
        implied = format_of(target)
        if i < len(formats):
            # GitHub workflow commands are plain text too: a .txt or .log file may hold them
            plain = implied is Format.terminal and formats[i] is Format.github
            if implied is not None and implied is not formats[i] and not plain:
                raise CheckerError(str(target), f"输出文件的扩展名表示 {implied.value} 格式，与 --format {formats[i].value}"
                                   f" 不符；请改用 {_suffix(formats[i])} 文件名，或去掉 --format 由扩展名决定",
                                   f"the extension means {implied.value}, not --format {formats[i].value}")
            pairs.append((formats[i], target))
        elif implied is None:
            raise CheckerError(str(target), "无法从扩展名判断输出格式（.html .json .sarif .xml .txt），请用 --format 指定",
                               "cannot tell the format from the extension; give --format")
        else:
            pairs.append((implied, target))
    pairs += [(fmt, None) for fmt in formats[len(outputs):]]
    if not pairs:
        pairs = [(Format.terminal, None)]
    if sum(target is None for _, target in pairs) > 1:
        raise typer.BadParameter("只有一种格式可以写到标准输出，其余请用 --output 指定文件"
                                 if lang != "en" else "only one format may go to standard output")
    return pairs


def _suffix(fmt: Format) -> str:
    return next((suffix for suffix, f in SUFFIX_FORMATS.items() if f is fmt), "")


def emit(results: Sequence[Result], formats: Sequence[Format], outputs: Sequence[Path], lang: str,
         unreadable: Sequence[tuple[str, str]] = (), *, folder: bool = False) -> None:
    """Write each format to its output (see ``pair_outputs``); at most one format goes to standard output.

    ``unreadable`` (path, reason): files a batch could not check, listed by the formats that can say so.
    ``folder``: HTML is always an index and pages (a batch), even for one report.
    """
    for fmt, target in pair_outputs(formats, outputs, lang):
        if fmt is Format.terminal:
            from checker.render import terminal

            if target is None:
                terminal.render(results, console(), lang)
            else:  # a file gets the same layout without colour codes
                with target.open("w", encoding="utf-8") as fh:
                    terminal.render(results, console(fh, colour=False), lang)
            continue
        if fmt is Format.html:
            _write_html(results, target, lang, unreadable, folder)
            continue
        _write(_render(fmt, results, lang, unreadable), target)


def _render(fmt: Format, results: Sequence[Result], lang: str, unreadable: Sequence[tuple[str, str]]) -> str:
    if fmt is Format.json:
        from checker.render import json as json_render

        return json_render.render(results, unreadable, lang)
    if fmt is Format.sarif:
        from checker.render import sarif

        return sarif.render(results, lang=lang)
    if fmt is Format.junit:
        from checker.render import junit

        return junit.render(results, lang=lang, unreadable=unreadable)
    from checker.render import github

    return github.render(results, lang=lang)


def _write_html(results: Sequence[Result], target: Path | None, lang: str,
                unreadable: Sequence[tuple[str, str]] = (), folder: bool = False) -> None:
    from checker.render import html

    if not folder and len(results) == 1 and (target is None or target.suffix.lower() in (".html", ".htm")):
        _write(html.report(results[0], lang=lang), target)
        return
    if target is None:
        raise typer.BadParameter("多份报告的 HTML 输出需要用 --output 指定目录" if lang != "en"
                                 else "HTML for several reports needs --output DIR")
    write_html_folder(results, target, lang, unreadable)


def write_html_folder(results: Sequence[Result], folder: Path, lang: str,
                      unreadable: Sequence[tuple[str, str]] = ()) -> Path:
    """One page per report plus index.html ranking them, in ``folder``; given ``x/name.html``, the index
    is that file and the pages go beside it."""
    from checker.render import html

    index = folder / "index.html"
    if folder.suffix.lower() in (".html", ".htm"):
        folder, index = folder.parent, folder
    folder.mkdir(parents=True, exist_ok=True)
    links: dict[str, str] = {}
    for i, r in enumerate(results, 1):
        name = f"{i:03d}-{Path(r.path).stem[:40]}.html"
        (folder / name).write_text(html.report(r, lang=lang), encoding="utf-8")
        links[r.path] = name
    index.write_text(html.index(results, links, lang=lang, unreadable=unreadable), encoding="utf-8")
    return index


def _write(text: str, target: Path | None) -> None:
    if target is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
    else:
        target.write_text(text, encoding="utf-8")
