"""Commands on single reports: ``check``, ``diff``, ``extract``, ``rules``, ``waive``, ``config``, ``schema``."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from checker.cli.archive import open_archive
from checker.cli.common import (
    ArchiveDbOpt,
    ChecklistOpt,
    ConfigOpt,
    FailOnOpt,
    FailUnderOpt,
    FormatsOpt,
    LangOpt,
    MaxCharsOpt,
    MaxMbOpt,
    MinLevelOpt,
    NoConfigOpt,
    OutputsOpt,
    ReviewerOpt,
    TimeoutOpt,
    WaiversOpt,
    app,
    console,
    emit,
    error_line,
    load_settings,
    pair_outputs,
    shown,
)
from checker.errors import CheckerError
from checker.model import Result
from checker.readers.registry import readable_suffixes
from checker.render.labels import cli_words
from checker.render.registry import DEFAULT

HistoryOpt = Annotated[
    list[str] | None, typer.Option("--history", "-H", help="用于比对的往年报告（可多次指定）；按报告中识别出的单位区分本单位沿用与照搬其他单位")
]


@app.command()
def check(
    files: Annotated[list[str], typer.Argument(help=f"报告文件（{readable_suffixes()}），- 表示标准输入")],
    checklist: ChecklistOpt = None,
    fmt: FormatsOpt = None,
    output: OutputsOpt = None,
    fail_under: FailUnderOpt = None,
    fail_on: FailOnOpt = None,
    min_level: MinLevelOpt = None,
    lang: LangOpt = None,
    history: HistoryOpt = None,
    use_archive: Annotated[bool, typer.Option("--archive", help="与档案库中本单位往年报告和其他单位报告比对")] = False,
    archive_db: ArchiveDbOpt = None,
    waivers: WaiversOpt = None,
    max_mb: MaxMbOpt = None,
    max_chars: MaxCharsOpt = None,
    timeout: TimeoutOpt = None,
    reviewer: ReviewerOpt = None,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    server: Annotated[str | None, typer.Option(
        "--server", help="交给运行中的 checker serve 检查（如 http://127.0.0.1:8765；令牌取自环境变量 CHECKER_TOKEN）")] = None,
) -> None:
    """检查报告：找出报告结构、缺少的部分和各类问题，给出得分与结论。"""
    s, config_path = load_settings(config, no_config, checklist=checklist, fail_under=fail_under, fail_on=fail_on,
                                   min_level=min_level, lang=lang, archive_db=archive_db, waivers=waivers,
                                   max_mb=max_mb, max_chars=max_chars, timeout=timeout, reviewer=reviewer,
                                   server=server)
    if s.server:
        _check_remote(s.server, files, history or [], fmt or [], output or [], checklist, s.lang)
    from checker.pipeline import check_files
    from checker.rules import checklist as checklists
    from checker.rules import waivers as waiver_file

    # a wrong --output fails now, not after the work; and no output may overwrite what this run reads
    pair_outputs(fmt or [], output or [], s.lang,
                 inputs=[*files, *(history or ()), s.waivers, s.archive_db, config_path, s.checklist])
    rules = checklists.load(s.checklist)
    store = open_archive(s.archive_db, create=False) if use_archive or archive_db else None
    accepted = waiver_file.load(Path(s.waivers)) if s.waivers else ()
    input_errors: list[CheckerError] = []

    def unreadable(e: CheckerError) -> None:
        error_line(e, s.lang)
        input_errors.append(e)

    results = check_files(files, rules, timeout=s.timeout, history=history or (), archive=store,
                          fail_under=s.fail_under,
                          fail_on=s.fail_on, waivers=accepted, limits=s.limits(), on_error=unreadable,
                          on_result=lambda r: warn_not_earlier(r, len(history or ()), s.lang))
    emit(shown(results, s.min_level), fmt or [], output or [], s.lang, reviewer=s.reviewer)
    if input_errors:
        raise typer.Exit(2)
    raise typer.Exit(0 if all(r.score.passed for r in results) else 1)


def _check_remote(server: str, files: list[str], history: list[str], fmt: list, output: list[Path],
                  checklist: str | None, language: str) -> None:
    """``check --server``: one format, to standard output or one --output file; the same exit codes."""
    from checker.render.registry import replace_file
    from checker.serve.client import check_remote

    pairs = pair_outputs(fmt, output, language, inputs=[*files, *history])
    if len(pairs) != 1:
        raise CheckerError(None, "--server 一次只能输出一种格式", "--server writes one format")
    [(chosen, target)] = pairs
    body, passed = check_remote(server, files, history, fmt=chosen.name, lang=language, checklist=checklist,
                                timeout=120)
    if target is None:
        sys.stdout.buffer.write(body)
    else:
        replace_file(target, body)
    raise typer.Exit(0 if passed else 1)


@app.command()
def diff(
    report: Annotated[str, typer.Argument(help="本年度报告")],
    earlier: Annotated[str, typer.Argument(help="用于比对的往年报告（或其他单位报告）")],
    fmt: FormatsOpt = None,
    output: OutputsOpt = None,
    lang: LangOpt = None,
) -> None:
    """并排显示两份报告中雷同的段落（标出改动的字），并给出复制比。"""
    from checker.pipeline import check_path
    from checker.rules import checklist as checklists

    language = lang.value if lang else "zh"
    pairs = pair_outputs(fmt or [], output or [], language, inputs=[report, earlier])
    result = check_path(report, checklists.load("national"), history=[earlier])
    warn_not_earlier(result, 1, language)
    if [(f.name, target) for f, target in pairs] != [(DEFAULT, None)]:
        emit([result], fmt or [], output or [], language)
        return
    from checker.render.reuse_view import reuse_block

    console().print(reuse_block(result, language, limit=None))


def warn_not_earlier(result: Result, given: int, lang: str) -> None:
    """One line on stderr for each named file that is not from an earlier year than the report: the
    comparison still runs (the user asked for it), but its labels would mislead unnoticed."""
    from checker.reuse.sources import not_earlier

    words = cli_words(lang)
    for s in not_earlier(result, given):
        why = words["not_earlier.self" if s.kind == "self" else "not_earlier.peer"]
        print(words["not_earlier"].format(path=s.path, year=s.year, report=result.path, report_year=result.meta.year,
                                          why=why), file=sys.stderr)


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="报告文件，- 表示标准输入")],
    max_mb: MaxMbOpt = None,
    max_chars: MaxCharsOpt = None,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
) -> None:
    """输出检查器分析的纯文本（各项问题的行号与偏移量均指向这段文本）。"""
    from checker.readers import read_path

    s, _ = load_settings(config, no_config, max_mb=max_mb, max_chars=max_chars)
    text = read_path(file, limits=s.limits()).text  # the same limits as check: the same text, or the same refusal
    sys.stdout.buffer.write(text.encode("utf-8"))
    if text and not text.endswith("\n"):
        sys.stdout.buffer.write(b"\n")


@app.command()
def rules(
    name: Annotated[str | None, typer.Argument(help="只显示这个检查清单（名称或路径）")] = None,
    test: Annotated[Path | None, typer.Option(
        "--test", help="运行用例文件（YAML）中的用例，逐条显示 ✓/✗；全部通过退出 0，有未通过退出 1")] = None,
    checklist: ChecklistOpt = None,
    lang: LangOpt = None,
) -> None:
    """列出内置检查清单、其条目和规则，以及各类规则的说明与示例；--test 运行检查清单的用例。"""
    if test is not None:
        from checker.cli.cases import run_file

        raise typer.Exit(run_file(test, checklist or name, lang.value if lang else "zh"))
    from checker.render.catalogue import render_rules
    from checker.rules import checklist as checklists
    from checker.rules.kinds import KINDS

    paths = [checklists.resolve(name)] if name else sorted(checklists.BUILTIN_DIR.glob("*.yaml"))
    loaded = [(path, checklists.load(str(path))) for path in paths]
    render_rules(loaded, None if name else KINDS.values(), console(), lang.value if lang else "zh")


@app.command()
def waive(
    file: Annotated[str, typer.Argument(help="报告文件")],
    rule: Annotated[str, typer.Option("--rule", help="要豁免的问题的规则 id，如 content.foreign_place")],
    reviewer: Annotated[str, typer.Option("--reviewer", help="审核人")],
    reason: Annotated[str, typer.Option("--reason", help="豁免理由")],
    expires: Annotated[datetime, typer.Option("--expires", formats=["%Y-%m-%d"], help="到期日 YYYY-MM-DD")],
    evidence: Annotated[str | None, typer.Option("--evidence", help="只豁免原文含此文字的问题")] = None,
    line: Annotated[int | None, typer.Option("--line", help="只豁免该行的问题")] = None,
    waivers: WaiversOpt = None,
    checklist: ChecklistOpt = None,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    lang: LangOpt = None,
) -> None:
    """把一个问题写入豁免文件（按内容指纹，不按行号；段落移动后仍然有效）。"""
    from checker.pipeline import check_path
    from checker.rules import checklist as checklists
    from checker.rules import waivers as waiver_file

    s, _ = load_settings(config, no_config, checklist=checklist, waivers=waivers, lang=lang)
    until = expires.date()
    if until < date.today():
        # an entry that is expired on the day it is written would only turn into a waiver.expired note
        raise CheckerError(file, f"到期日 {until.isoformat()} 已过，请给出今天或以后的日期",
                           f"the expiry date {until.isoformat()} is in the past")
    target = Path(s.waivers or ".checker-waivers.yaml")
    loaded = checklists.load(s.checklist)
    result = check_path(file, loaded)
    chosen = [f for f in result.findings if f.rule == loaded.rule_id(rule) and (evidence is None or evidence in (f.evidence or ""))
              and (line is None or f.location.line == line)]
    if not chosen:
        raise CheckerError(file, f"没有找到要豁免的问题（规则 {rule}）", f"no finding of rule {rule} to waive")
    existing = waiver_file.load(target) if target.exists() else ()
    # a waiver is keyed by the content fingerprint: one entry covers every occurrence of the same text
    have = {(w.fingerprint, w.rule) for w in existing if w.covers(file)}
    text = target.read_text(encoding="utf-8") if target.exists() else "waivers:\n"
    if not text.endswith("\n"):
        text += "\n"
    written, already = [], []
    for f in chosen:
        if (f.fingerprint, f.rule) in have:
            already.append(f)
            continue
        have.add((f.fingerprint, f.rule))
        written.append(f)
        text += waiver_file.entry(f, file=Path(file).name, reviewer=reviewer, reason=reason, expires=until)
    if written:
        waiver_file_check = target.with_suffix(target.suffix + ".tmp")
        waiver_file_check.write_text(text, encoding="utf-8")
        waiver_file.load(waiver_file_check)  # never leave a file the next run cannot read
        waiver_file_check.replace(target)
    words = cli_words(s.lang)
    for f in written:
        where = words["line"].format(line=f.location.line or "—")
        print(words["waiver.written"].format(target=target, rule=f.rule, where=where, evidence=f.evidence or "",
                                             fingerprint=f.fingerprint))
    for f in already:
        print(words["waiver.exists"].format(target=target, rule=f.rule, fingerprint=f.fingerprint))


@app.command("config")
def show_config(config: ConfigOpt = None, no_config: NoConfigOpt = False, lang: LangOpt = None) -> None:
    """显示生效的配置（默认值 < 配置文件 < 命令行）及每项的来源。"""
    s, path = load_settings(config, no_config)  # --lang picks the language of this listing, not a setting shown
    words = cli_words(lang.value if lang else s.lang)
    print(words["config.file"].format(path=path or words["config.none"]))
    for key, value in s.as_dict().items():
        shown_value = "null" if value is None else value
        origin = s.origin.get(key, "default")  # a word (default, command_line) or the file:line it came from
        print(f"{key}: {shown_value}    # {words.get(f'origin.{origin}', origin)}")


@app.command()
def schema() -> None:
    """输出检查清单（rules/*.yaml）的 JSON Schema，供编辑器校验。"""
    import json

    from checker.rules.schema import checklist_schema

    sys.stdout.buffer.write((json.dumps(checklist_schema(), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
