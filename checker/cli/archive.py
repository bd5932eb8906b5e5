"""``checker archive add | list``: the archive of earlier reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from checker.cli.common import ArchiveDbOpt, ChecklistOpt, LangOpt, archive_app, console, error_line
from checker.errors import CheckerError
from checker.model import printable_name
from checker.render.labels import cli_words


def open_archive(path: Path | str | None, *, create: bool):  # type: ignore[no-untyped-def]
    from checker.reuse.archive import Archive, default_path

    return Archive(path or default_path(), create=create)


@archive_app.command("add")
def archive_add(
    files: Annotated[list[str], typer.Argument(help="要保存的报告文件")],
    org: Annotated[str | None, typer.Option("--org", help="报告单位（默认自动识别）")] = None,
    year: Annotated[int | None, typer.Option("--year", help="报告年度（默认自动识别）", min=1949, max=2100)] = None,
    archive_db: ArchiveDbOpt = None,
    checklist: ChecklistOpt = None,
    lang: LangOpt = None,
) -> None:
    """把报告存入档案库（同一份报告只保存一次；每份报告一个事务，中途中断不丢已存内容）。"""
    from checker.rules import checklist as checklists

    rules = checklists.load(checklist or "national")
    with open_archive(archive_db, create=True) as store:  # closed: the last connection folds the WAL back in
        failed = _add_all(store, files, rules, org, year, lang.value if lang else "zh")
    if failed:
        raise typer.Exit(2)


def _add_all(store, files: list[str], rules, org: str | None, year: int | None, language: str) -> int:  # type: ignore[no-untyped-def]
    from checker.pipeline import archive_add as add

    failed = 0
    words = cli_words(language)
    for path in files:
        try:
            report_id, added, found_org, found_year = add(path, store, rules, org=org, year=year)
        except CheckerError as e:
            error_line(e, language)
            failed += 1
            continue
        path = printable_name(path)  # a name that is not UTF-8 cannot be printed as it is
        print(words["archive.added"].format(state=words["archive.new" if added else "archive.again"], path=path,
                                            id=report_id, org=found_org or words["archive.no_org"],
                                            year=found_year or words["archive.no_year"]), flush=True)
    return failed


@archive_app.command("list")
def archive_list(
    org: Annotated[str | None, typer.Option("--org", help="只列出这个单位的报告")] = None,
    archive_db: ArchiveDbOpt = None,
    lang: LangOpt = None,
) -> None:
    """列出档案库中的报告。"""
    from rich.table import Table

    words = cli_words(lang.value if lang else "zh")
    with open_archive(archive_db, create=False) as store:
        reports = store.reports(org)
    table = Table(title=words["archive.title"].format(path=store.path), title_justify="left")
    for col in words["archive.columns"]:
        table.add_column(col)
    for r in reports:
        table.add_row(str(r.id), r.org or "—", str(r.year or "—"), r.title or "—", str(r.chars), r.path or "—")
    console().print(table)
