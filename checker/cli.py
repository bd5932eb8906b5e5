"""Command line: ``checker check | extract | rules``. Orchestrates the pipeline; nothing imports it.

Exit codes: 0 passed, 1 failed the gate, 2 bad input or usage, 3 internal error. Heavy modules are
imported inside the commands so that ``checker --help`` stays instant and loads no model.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from checker.errors import CheckerError

app = typer.Typer(
    name="checker",
    help="法治政府建设年度报告合规检查工具：检查报告是否包含法定内容、年份是否一致、有无模板残留和照搬痕迹。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    terminal = "terminal"
    json = "json"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


RulesetOpt = Annotated[str, typer.Option("--ruleset", "-r", help="规则集名称（national、shenzhen）或 YAML 文件路径")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="输出语言：zh 中文（默认）或 en 英文")]
ArchiveDbOpt = Annotated[
    Path | None, typer.Option("--archive-db", help="档案库文件（默认 ~/.local/share/checker/archive.sqlite3）")
]
archive_app = typer.Typer(help="档案库：保存各单位历年报告，供比对照搬与沿用。", no_args_is_help=True)
app.add_typer(archive_app, name="archive")


@app.command()
def check(
    files: Annotated[list[str], typer.Argument(help="报告文件（.txt .docx .pdf .html），- 表示标准输入")],
    ruleset: RulesetOpt = "national",
    fmt: Annotated[Format, typer.Option("--format", "-f", help="输出格式")] = Format.terminal,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而不是标准输出")] = None,
    fail_under: Annotated[float, typer.Option("--fail-under", help="得分低于此值即不通过（0–100）", min=0, max=100)] = 60.0,
    lang: LangOpt = Lang.zh,
    history: Annotated[
        list[str] | None, typer.Option("--history", "-H", help="本单位往年报告，用于比对沿用（可多次指定）")
    ] = None,
    use_archive: Annotated[bool, typer.Option("--archive", help="与档案库中本单位往年报告和其他单位报告比对")] = False,
    archive_db: ArchiveDbOpt = None,
) -> None:
    """检查报告：找出报告结构、缺少的部分和各类问题，给出得分与结论。"""
    from checker import checklist as checklists
    from checker.pipeline import check_path

    rules = checklists.load(ruleset)
    store = _open_archive(archive_db, create=False) if use_archive or archive_db else None
    results, input_errors = [], 0
    for path in files:
        try:
            results.append(check_path(path, rules, fail_under=fail_under, lang=lang.value,
                                      history=history or (), archive=store))
        except CheckerError as e:
            if e.exit_code != 2 or e.__class__.__name__ == "SetupError":
                raise
            _error_line(e, lang.value)
            input_errors += 1
    _emit(results, fmt, output, lang.value)
    if input_errors:
        raise typer.Exit(2)
    raise typer.Exit(0 if all(r.score.passed for r in results) else 1)


@app.command()
def diff(
    report: Annotated[str, typer.Argument(help="本年度报告")],
    earlier: Annotated[str, typer.Argument(help="用于比对的往年报告（或其他单位报告）")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="输出格式")] = Format.terminal,
    lang: LangOpt = Lang.zh,
) -> None:
    """并排显示两份报告中雷同的段落（标出改动的字），并给出复制比。"""
    from checker import checklist as checklists
    from checker.pipeline import check_path

    result = check_path(report, checklists.load("national"), lang=lang.value, history=[earlier])
    if fmt is Format.json:
        from checker.render import json as json_render

        sys.stdout.buffer.write(json_render.render([result]).encode("utf-8"))
        return
    from checker.render.reuse_view import reuse_block

    _console().print(reuse_block(result, lang.value, limit=None))


@archive_app.command("add")
def archive_add(
    files: Annotated[list[str], typer.Argument(help="要保存的报告文件")],
    org: Annotated[str | None, typer.Option("--org", help="报告单位（默认自动识别）")] = None,
    year: Annotated[int | None, typer.Option("--year", help="报告年度（默认自动识别）")] = None,
    archive_db: ArchiveDbOpt = None,
    ruleset: RulesetOpt = "national",
) -> None:
    """把报告存入档案库（同一份报告只保存一次）。"""
    from checker import checklist as checklists
    from checker.pipeline import archive_add as add

    rules = checklists.load(ruleset)
    store = _open_archive(archive_db, create=True)
    failed = 0
    for path in files:
        try:
            report_id, added, found_org, found_year = add(path, store, rules, org=org, year=year)
        except CheckerError as e:
            _error_line(e, "zh")
            failed += 1
            continue
        state = "已存入" if added else "已存在，未重复保存"
        print(f"{state}：{path}（#{report_id} {found_org or '未识别单位'} {found_year or '未识别年度'}）")
    if failed:
        raise typer.Exit(2)


@archive_app.command("list")
def archive_list(
    org: Annotated[str | None, typer.Option("--org", help="只列出这个单位的报告")] = None,
    archive_db: ArchiveDbOpt = None,
) -> None:
    """列出档案库中的报告。"""
    from rich.table import Table

    store = _open_archive(archive_db, create=False)
    table = Table(title=f"档案库 {store.path}", title_justify="left")
    for col in ("#", "单位", "年度", "标题", "字数", "文件"):
        table.add_column(col)
    for r in store.reports(org):
        table.add_row(str(r.id), r.org or "—", str(r.year or "—"), r.title or "—", str(r.chars), r.path or "—")
    _console().print(table)


def _open_archive(path: Path | None, *, create: bool):  # type: ignore[no-untyped-def]
    from checker.reuse.archive import Archive, default_path

    return Archive(path or default_path(), create=create)


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="报告文件，- 表示标准输入")],
) -> None:
    """输出检查器分析的纯文本（各项问题的行号与偏移量均指向这段文本）。"""
    from checker.readers import read_path

    text = read_path(file).text
    sys.stdout.buffer.write(text.encode("utf-8"))
    if text and not text.endswith("\n"):
        sys.stdout.buffer.write(b"\n")


@app.command()
def rules(
    name: Annotated[str | None, typer.Argument(help="只显示这个规则集（名称或路径）")] = None,
    lang: LangOpt = Lang.zh,
) -> None:
    """列出内置检查清单、其条目和规则，以及各类规则的说明与示例。"""
    from checker.catalogue import render_rules

    render_rules(name, _console(), lang.value)


def _emit(results: list, fmt: Format, output: Path | None, lang: str) -> None:
    if fmt is Format.json:
        from checker.render import json as json_render

        text = json_render.render(results)
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.buffer.write(text.encode("utf-8"))
        return
    from rich.console import Console

    from checker.render import terminal

    if output:
        with output.open("w", encoding="utf-8") as fh:
            terminal.render(results, Console(file=fh, width=120, no_color=True), lang)
    else:
        terminal.render(results, _console(), lang)


def _console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(highlight=False)


def _error_line(e: CheckerError, lang: str) -> None:
    prefix = "error: " if lang == "en" else "错误："
    print(prefix + e.render(lang), file=sys.stderr)


def _lang_from_argv(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "zh"


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and turn every outcome into one of the documented exit codes."""
    args = sys.argv[1:] if argv is None else argv
    lang = _lang_from_argv(args)
    try:
        code = app(args=args, prog_name="checker", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except CheckerError as e:
        _error_line(e, lang)
        return e.exit_code
    except typer.Exit as e:
        return e.exit_code
    except typer.Abort:
        print("已中断" if lang != "en" else "aborted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # noqa: BLE001 — the last line of defence: one line, never a traceback
        if _is_usage_error(e):
            msg = e.format_message()  # type: ignore[attr-defined]
            print(f"用法错误：{msg}（运行 checker --help 查看用法）" if lang != "en" else f"usage error: {msg}",
                  file=sys.stderr)
            return 2
        if "--debug" in args or os.environ.get("CHECKER_DEBUG"):
            raise
        print(f"内部错误：{type(e).__name__}: {e}（请附上报告文件反馈此问题；设置 CHECKER_DEBUG=1 可查看详情）"
              if lang != "en" else f"internal error: {type(e).__name__}: {e}", file=sys.stderr)
        return 3


def _is_usage_error(e: Exception) -> bool:
    """Typer raises click-style usage errors from its own vendored copy of click: match them by shape."""
    return callable(getattr(e, "format_message", None)) and getattr(e, "exit_code", None) == 2


def run() -> None:
    sys.exit(main())
