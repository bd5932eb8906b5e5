"""What the commands share: the app, option types, settings from config + command line, output."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from checker.cli.targets import check_target
from checker.errors import CheckerError, ConfigError
from checker.model import SEVERITIES, Result
from checker.render import registry as outputs
from checker.render.labels import cli_words
from checker.render.registry import OUTPUT_FORMATS, OutputFormat, RenderContext, RenderError

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


# --ruleset is the older spelling of --checklist, still accepted
ChecklistOpt = Annotated[str | None, typer.Option(
    "--checklist", "--ruleset", "-r", help="检查清单名称（national、shenzhen）或 YAML 文件路径（--ruleset 为旧写法）")]
LangOpt = Annotated[Lang | None, typer.Option("--lang", help="输出语言：zh 中文（默认）或 en 英文")]
ArchiveDbOpt = Annotated[
    Path | None, typer.Option("--archive-db", help="档案库文件（默认 ~/.local/share/checker/archive.sqlite3）")
]


def _output_format(value: str | OutputFormat) -> OutputFormat:
    """``--format NAME``: a name in the output registry, looked up when the command runs (so that a
    renderer registered after import is a choice too). The message has click's shape so that usage.py
    words it in the user's language, with a did-you-mean hint."""
    if isinstance(value, OutputFormat):
        return value
    if value not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(repr(n) for n in outputs.names())}.")
    return OUTPUT_FORMATS[value]


FormatsOpt = Annotated[
    list[OutputFormat] | None,
    typer.Option("--format", "-f", parser=_output_format, metavar=f"<{'|'.join(outputs.names())}>",
                 help=f"输出格式，可多次指定并与 --output 依次对应：{' '.join(outputs.names())}"),
]
OutputsOpt = Annotated[list[Path] | None, typer.Option(
    "--output", "-o",
    help=f"输出文件（与 --format 依次对应；未给 --format 时按扩展名定格式：{' '.join(outputs.all_suffixes())}）")]

FailUnderOpt = Annotated[float | None, typer.Option("--fail-under", help="得分低于此值即不通过（0–100，默认 60）",
                                                    min=0, max=100)]
FailOnOpt = Annotated[FailOn | None, typer.Option("--fail-on", help="出现该级别及以上的问题即不通过：error（默认）warning never")]
MinLevelOpt = Annotated[Level | None, typer.Option("--min-level", help="只显示该级别及以上的问题（不影响得分）")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="配置文件（默认向上查找 .checker.yaml 或 pyproject.toml）")]
NoConfigOpt = Annotated[bool, typer.Option("--no-config", help="不读取配置文件")]
WaiversOpt = Annotated[Path | None, typer.Option("--waivers", help="豁免文件（YAML）")]
MaxMbOpt = Annotated[float | None, typer.Option("--max-mb", help="输入文件大小上限（MB，默认 50）", min=0.001)]
MaxCharsOpt = Annotated[int | None, typer.Option("--max-chars", help="提取文字的字数上限（默认 2000000）", min=1)]
ReviewerOpt = Annotated[str | None, typer.Option(
    "--reviewer", help="Word 批注（--format docx）的作者名，如“区司法局 张三”（默认“报告检查”）")]
TimeoutOpt = Annotated[float | None, typer.Option("--timeout", help="单个文件的时间上限（秒，默认 120）", min=1)]


def load_settings(config: Path | None, no_config: bool, **cli: Any):  # type: ignore[no-untyped-def]
    from checker.cli import config as configuration

    path = None if no_config else (config or configuration.discover(Path.cwd()))
    if config is not None and not config.exists():
        raise ConfigError(str(config), "配置文件不存在", "configuration file not found")
    values = {k: (v.value if isinstance(v, StrEnum) else str(v) if isinstance(v, Path) else v) for k, v in cli.items()}
    return configuration.settings(values, path), path


def console(file: Any = None, *, colour: bool = True):  # type: ignore[no-untyped-def]
    from rich.console import Console

    if not colour:
        return Console(highlight=False, file=file, color_system=None, force_terminal=False)
    return Console(highlight=False, file=file) if file else Console(highlight=False)


def error_line(e: CheckerError, lang: str) -> None:
    for line in e.render(lang).splitlines():  # a checklist reports all its problems, one per line
        print(cli_words(lang)["error"].format(line=line), file=sys.stderr)


def shown(results: Sequence[Result], min_level: str) -> list[Result]:
    """Findings below ``min_level`` are left out of what is shown; the score is unchanged."""
    cut = SEVERITIES.index(min_level)  # type: ignore[arg-type]
    return [dataclasses.replace(r, findings=tuple(f for f in r.findings if SEVERITIES.index(f.severity) <= cut))
            for r in results]


def pair_outputs(formats: Sequence[OutputFormat], targets: Sequence[Path], lang: str,
                 inputs: Sequence[str | Path | None] = ()) -> list[tuple[OutputFormat, Path | None]]:
    """Each format with its output (paired in order), checked before any work is done: that it can be
    written (``targets.check_target``) and is none of the ``inputs``.

    An output without a ``--format`` takes the one its name implies, and one whose name implies another
    format is refused: a reviewer who asks for ``report.html`` must not get terminal box-drawing.
    At most one format goes to standard output.
    """
    pairs: list[tuple[OutputFormat, Path | None]] = []
    for i, target in enumerate(targets):
        implied = outputs.implied_by(target)
        if i < len(formats):
            if not outputs.accepts(formats[i], target):
                assert implied is not None  # a name that implies nothing fits every format
                raise CheckerError(str(target), f"输出文件的扩展名表示 {implied.name} 格式，与 --format {formats[i].name}"
                                   f" 不符；请改用 {formats[i].suffixes[0] if formats[i].suffixes else ''} 文件名，"
                                   "或去掉 --format 由扩展名决定",
                                   f"the extension means {implied.name}, not --format {formats[i].name}")
            pairs.append((formats[i], target))
        elif implied is None:
            raise CheckerError(str(target), f"无法从扩展名判断输出格式（{' '.join(outputs.all_suffixes())}），"
                               "请用 --format 指定", "cannot tell the format from the extension; give --format")
        else:
            pairs.append((implied, target))
    pairs += [(fmt, None) for fmt in formats[len(targets):]]
    if not pairs:
        pairs = [(OUTPUT_FORMATS[outputs.DEFAULT], None)]
    if sum(target is None for _, target in pairs) > 1:
        raise typer.BadParameter(cli_words(lang)["one_stdout"])
    for fmt, written in pairs:
        if written is None:
            continue
        target = written
        if fmt.folder_for_many and not writes_folder(fmt, target) and not target.parent.exists():
            check_target(target.parent, folder=True, inputs=inputs)  # HTML makes its folder (index.html in it)
        else:
            check_target(target, folder=writes_folder(fmt, target), inputs=inputs)
    return pairs


def writes_folder(fmt: OutputFormat, target: Path) -> bool:
    """Whether ``fmt`` makes a folder of pages at ``target`` (HTML to a name without .html)."""
    return fmt.folder_for_many and not any(target.name.lower().endswith(s) for s in fmt.suffixes)


def emit(results: Sequence[Result], formats: Sequence[OutputFormat], targets: Sequence[Path], lang: str,
         unreadable: Sequence[tuple[str, str]] = (), *, batch: bool = False, reviewer: str | None = None,
         run_outputs: Sequence[tuple[OutputFormat, Path | None]] | None = None) -> None:
    """Write each format to its output (see ``pair_outputs``) with its registered renderer.

    ``unreadable`` (path, reason): files a batch could not check, listed by the formats that can say so.
    ``batch``: HTML is always an index and pages, even for one report.
    ``reviewer``: the author of Word comments.
    ``run_outputs``: every output of the run when this call writes only some of them (default: these).
    """
    pairs = pair_outputs(formats, targets, lang)
    written = tuple((f.name, str(t)) for f, t in (pairs if run_outputs is None else run_outputs) if t is not None)
    ctx = RenderContext(lang=lang, unreadable=tuple(unreadable), batch=batch, reviewer=reviewer, outputs=written)
    for fmt, target in pairs:
        if fmt.folder_for_many and target is None and (batch or len(results) > 1):
            raise typer.BadParameter(cli_words(lang)["many_need_dir"].format(format=fmt.name.upper()))
        try:
            fmt.write(results, target, ctx)
        except RenderError as e:
            raise CheckerError(str(target) if target is not None else None, e.zh, e.en) from None
