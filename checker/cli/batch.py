"""``checker batch DIR``: the reviewer's desk — a folder of reports, ranked."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Annotated

import typer

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
    NoConfigOpt,
    OutputsOpt,
    ReviewerOpt,
    TimeoutOpt,
    WaiversOpt,
    app,
    console,
    emit,
    load_settings,
    pair_outputs,
)
from checker.cli.targets import check_target, inside
from checker.readers.registry import readable_suffixes, suffixes, unsupported_suffixes
from checker.render.labels import cli_words
from checker.render.registry import DEFAULT, OUTPUT_FORMATS, write_text


@app.command()
def batch(
    folder: Annotated[Path, typer.Argument(help=f"报告所在目录（递归查找 {readable_suffixes()}；{unsupported_suffixes()} 列出并说明原因）")],
    checklist: ChecklistOpt = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="把排名表写入 CSV 文件（UTF-8，Excel 可直接打开）")] = None,
    xlsx_file: Annotated[Path | None, typer.Option("--xlsx", help="把结果写入 Excel 工作簿（汇总、问题明细、复制比三张表）")] = None,
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
    timeout: TimeoutOpt = None,
    reviewer: ReviewerOpt = None,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
) -> None:
    """批量检查一个目录中的报告：进度条、排名表（得分低的在前）、CSV；某个文件有误只影响它那一行。"""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from checker import batch as runner
    from checker.errors import CheckerError
    from checker.render import batch_table
    from checker.rules import waivers as waiver_file

    s, _ = load_settings(config, no_config, checklist=checklist, fail_under=fail_under, fail_on=fail_on, lang=lang,
                         archive_db=archive_db, waivers=waivers, jobs=jobs, max_mb=max_mb, max_chars=max_chars,
                         timeout=timeout, reviewer=reviewer)
    if not folder.is_dir():
        raise CheckerError(str(folder), "不是目录", "not a directory")
    # the pages of an earlier run's HTML output (into this folder or below) are no submissions
    paths = runner.discover(folder)
    # a wrong --output fails now, not after the work; no output may overwrite a submission
    pairs = pair_outputs(fmt or [], output or [], s.lang, inputs=[*paths, s.waivers, s.archive_db])
    if csv_file:
        check_target(csv_file, inputs=paths)
    if xlsx_file:  # the workbook is one more output: --xlsx F is -f xlsx -o F
        check_target(xlsx_file, inputs=paths)
        pairs.append((OUTPUT_FORMATS["xlsx"], xlsx_file))
    for f, target in pairs:
        if f.folder_for_many and target is None:
            raise CheckerError(str(folder), f"批量检查的 {f.name.upper()} 输出需要用 --output 指定目录或 index{f.suffixes[0]} 文件",
                               f"{f.name.upper()} output of a batch needs --output DIR")
        if target is not None and not f.folder_for_many and target.suffix.lower() in suffixes() and inside(target, folder):
            # HTML pages carry a mark that discovery skips; a text table would be read as a report next time
            raise CheckerError(str(target), "输出文件在被检查的目录内，下次批量检查会把它当作报告；请写到该目录之外",
                               "this output is inside the folder being checked and would be taken for a report "
                               "next time; write it elsewhere")
    if not paths:
        raise CheckerError(str(folder), f"目录中没有可检查的报告文件（{readable_suffixes()}）", "no report files found")
    # machine-readable output on standard output must be nothing else: the table then goes to stderr
    stdout_taken = any(target is None and f.name != DEFAULT for f, target in pairs)
    options = {"fail_under": s.fail_under, "fail_on": s.fail_on,
               "waivers": waiver_file.load(Path(s.waivers)) if s.waivers else (), "limits": s.limits()}
    db = s.archive_db if (use_archive or archive_db) else None
    if use_archive and db is None:
        from checker.reuse.archive import default_path

        db = str(default_path())
    out = console(sys.stderr) if stdout_taken else console(None)
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=out, transient=True) as progress:
        task = progress.add_task(cli_words(s.lang)["progress"], total=len(paths))
        rows = runner.run(paths, s.checklist, jobs=s.jobs, options=options, archive_db=db, timeout=s.timeout,
                          on_done=lambda _row: progress.advance(task), same_body=same_body)
    ranked = runner.ranked(rows)
    lines = [batch_table.line(row.path, row.result, row.error, s.lang) for row in ranked]
    table = batch_table.table(lines, str(folder), s.lang)
    out.print(table)  # on the screen always; a terminal --output gets the same table below
    if csv_file:
        batch_table.write_csv(csv_file, lines, s.lang)
    results = [row.result for row in ranked if row.result is not None]
    unreadable = [(one.path, one.reason) for one in lines if one.unreadable]
    for f, target in pairs:
        if f.name == DEFAULT:  # a batch's terminal view is the ranked table
            if target is not None:
                buffer = io.StringIO()
                console(buffer, colour=False).print(table)
                write_text(buffer.getvalue(), target)
        else:
            emit(results, [f], [target] if target else [], s.lang, unreadable, batch=True, reviewer=s.reviewer,
                 run_outputs=pairs)
    print(batch_table.tally(lines, s.lang), file=sys.stderr if stdout_taken else sys.stdout)
    raise typer.Exit(0 if all(one.passed for one in lines) else 1)

