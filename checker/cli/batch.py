"""``checker batch DIR``: the reviewer's desk — a folder of reports, ranked."""

from __future__ import annotations

import csv
import dataclasses
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from checker.cli.common import (
    ArchiveDbOpt,
    ConfigOpt,
    FailOnOpt,
    FailUnderOpt,
    FormatsOpt,
    LangOpt,
    MaxCharsOpt,
    MaxMbOpt,
    NoConfigOpt,
    OutputsOpt,
    RulesetOpt,
    WaiversOpt,
    app,
    console,
    emit,
    load_settings,
    pair_outputs,
)
from checker.readers.registry import readable_suffixes, unsupported_suffixes
from checker.render.registry import DEFAULT

COLUMNS = {"zh": ("文件", "单位", "年度", "得分", "结论", "缺少的必报条目", "复制比", "最严重的问题"),
           "en": ("file", "body", "year", "score", "verdict", "missing required items", "reuse", "worst finding")}
# the CSV is opened in Excel by reviewers who read Chinese: Chinese headers and 是/否, UTF-8 with a BOM
CSV_COLUMNS = {"zh": ("文件", "单位", "年度", "得分", "是否通过", "缺少的必报条目", "复制比", "最严重的问题", "无法读取的原因"),
               "en": ("file", "body", "year", "score", "passed", "missing required items", "reuse ratio",
                      "worst finding", "error")}
VERDICTS = {"zh": ("[red]✗ 无法读取[/]", "[green]✓ 通过[/]", "[red]✗ 未通过[/]"),
            "en": ("[red]✗ unreadable[/]", "[green]✓ passed[/]", "[red]✗ failed[/]")}
YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}


@app.command()
def batch(
    folder: Annotated[Path, typer.Argument(help=f"报告所在目录（递归查找 {readable_suffixes()}；{unsupported_suffixes()} 列出并说明原因）")],
    ruleset: RulesetOpt = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="把排名表写入 CSV 文件（UTF-8，Excel 可直接打开）")] = None,
    fmt: FormatsOpt = None,
    output: OutputsOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="并行进程数（默认每个 CPU 核一个）", min=0)] = None,
    fail_under: FailUnderOpt = None,
    fail_on: FailOnOpt = None,
    lang: LangOpt = None,
    use_archive: Annotated[bool, typer.Option("--archive", help="与档案库比对")] = False,
    same_body: Annotated[bool, typer.Option("--same-body/--no-same-body",
                                            help="同一单位不同年度的报告相互比对（默认开启）")] = True,
    archive_db: ArchiveDbOpt = None,
    waivers: WaiversOpt = None,
    max_mb: MaxMbOpt = None,
    max_chars: MaxCharsOpt = None,
    timeout: Annotated[float | None, typer.Option("--timeout", help="单个文件的时间上限（秒，默认 120）", min=1)] = None,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
) -> None:
    """批量检查一个目录中的报告：进度条、排名表（得分低的在前）、CSV；某个文件有误只影响它那一行。"""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from checker import batch as runner
    from checker.errors import CheckerError
    from checker.rules import waivers as waiver_file

    s, _ = load_settings(config, no_config, ruleset=ruleset, fail_under=fail_under, fail_on=fail_on, lang=lang,
                         archive_db=archive_db, waivers=waivers, jobs=jobs, max_mb=max_mb, max_chars=max_chars,
                         timeout=timeout)
    pairs = pair_outputs(fmt or [], output or [], s.lang)  # a wrong --output fails now, not after the work
    for f, target in pairs:
        if f.folder_for_many and target is None:
            raise CheckerError(str(folder), f"批量检查的 {f.name.upper()} 输出需要用 --output 指定目录或 index{f.suffixes[0]} 文件",
                               f"{f.name.upper()} output of a batch needs --output DIR")
    # machine-readable output on standard output must be nothing else: the table then goes to stderr
    stdout_taken = any(target is None and f.name != DEFAULT for f, target in pairs)
    if not folder.is_dir():
        raise CheckerError(str(folder), "不是目录", "not a directory")
    paths = runner.discover(folder)
    if not paths:
        raise CheckerError(str(folder), f"目录中没有可检查的报告文件（{readable_suffixes()}）", "no report files found")
    options = {"fail_under": s.fail_under, "fail_on": s.fail_on, "lang": s.lang,
               "waivers": waiver_file.load(Path(s.waivers)) if s.waivers else (), "limits": s.limits()}
    db = s.archive_db if (use_archive or archive_db) else None
    if use_archive and db is None:
        from checker.reuse.archive import default_path

        db = str(default_path())
    out = console(sys.stderr) if stdout_taken else console(None)
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=out, transient=True) as progress:
        task = progress.add_task("检查中" if s.lang != "en" else "checking", total=len(paths))
        rows = runner.run(paths, s.ruleset, jobs=s.jobs, options=options, archive_db=db, timeout=s.timeout,
                          on_done=lambda _row: progress.advance(task), same_body=same_body)
    if options["waivers"]:
        results_in = [row.result for row in rows if row.result is not None]
        noted = iter(waiver_file.with_stale(results_in, options["waivers"], s.lang))
        rows = [dataclasses.replace(row, result=next(noted)) if row.result is not None else row for row in rows]
    ranked = runner.ranked(rows)
    table = Table(title=f"{folder}（{len(rows)}）", title_justify="left")
    for col in COLUMNS[s.lang]:
        table.add_column(col, overflow="fold")
    for row in ranked:
        d = runner.summary(row)
        verdict = VERDICTS[s.lang][0 if row.error else 1 if d["passed"] else 2]
        table.add_row(os.path.relpath(d["path"], folder), d["org"], str(d["year"]), str(d["score"]), verdict, d["missing"], d["reuse"],
                      _reason(row) or d["worst"])
    out.print(table)  # on the screen always; a terminal --output gets the same table below
    if csv_file:
        write_csv(csv_file, ranked, s.lang)
    results = [row.result for row in ranked if row.result is not None]
    unreadable = [(row.path, _reason(row)) for row in ranked if row.error]
    for f, target in pairs:
        if f.name == DEFAULT:  # a batch's terminal view is the ranked table
            if target is not None:
                with target.open("w", encoding="utf-8") as fh:
                    console(fh, colour=False).print(table)
        else:
            emit(results, [f], [target] if target else [], s.lang, unreadable, batch=True)
    passed = [r.result is not None and r.result.score.passed for r in rows]
    print(f"共{len(rows)}份：通过{sum(passed)}份，未通过或无法读取{len(rows) - sum(passed)}份" if s.lang != "en"
          else f"{len(rows)} reports: {sum(passed)} passed, {len(rows) - sum(passed)} failed or unreadable",
          file=sys.stderr if stdout_taken else sys.stdout)
    raise typer.Exit(0 if all(passed) else 1)


def _reason(row) -> str:  # type: ignore[no-untyped-def]
    """The row's error without the path it starts with (the outputs show the path in its own field)."""
    error = row.error or ""
    for sep in ("：", ": "):
        if error.startswith(row.path + sep):
            return error[len(row.path) + len(sep):]
    return error


def write_csv(target: Path, ranked: list, lang: str) -> None:  # type: ignore[type-arg]
    """The ranked table for Excel: a BOM so that Excel reads UTF-8, headers and 是/否 in the user's language."""
    from checker import batch as runner

    yes, no = YES_NO[lang]
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS[lang])
        for row in ranked:
            d = runner.summary(row)
            writer.writerow([d["path"], d["org"], d["year"], d["score"], yes if d["passed"] else no, d["missing"],
                             d["reuse"], d["worst"], d["error"]])
