"""``checker archive add | list``: the archive of earlier reports."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from checker.cli.common import ArchiveDbOpt, ChecklistOpt, LangOpt, archive_app, console, error_line
from checker.errors import CheckerError
from checker.model import printable_name
from checker.render.labels import cli_words

if TYPE_CHECKING:
    from checker.reuse.archive import NewReport


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
    """把报告存入档案库（同一份报告只保存一次；多份报告成批保存，中途中断不丢已显示“已存入”的报告）。"""
    from checker.rules import checklist as checklists

    rules = checklists.load(checklist or "national")
    with open_archive(archive_db, create=True) as store:  # closed: the last connection folds the WAL back in
        failed = _add_all(store, files, rules, org, year, lang.value if lang else "zh")
    if failed:
        raise typer.Exit(2)


BATCH = 50  # reports stored per transaction (Archive.add_many): one each costs 59 ms a report at 10,000
BATCH_SECONDS = 2.0  # …or fewer, so that a slow file's neighbours are reported as stored without waiting


def _add_all(store, files: list[str], rules, org: str | None, year: int | None, language: str) -> int:  # type: ignore[no-untyped-def]
    from checker.pipeline import archive_prepare

    failed = 0
    words = cli_words(language)
    pending: list[tuple[str, NewReport]] = []
    since = time.monotonic()

    def flush() -> None:
        # a line says "stored" only once its transaction is committed
        for (path, new), (report_id, added) in zip(pending, store.add_many([n for _, n in pending]), strict=True):
            print(words["archive.added"].format(state=words["archive.new" if added else "archive.again"],
                                                path=printable_name(path), id=report_id,
                                                org=new.org or words["archive.no_org"],
                                                year=new.year or words["archive.no_year"]), flush=True)
        pending.clear()

    for path in files:
        try:
            pending.append((path, archive_prepare(path, rules, org=org, year=year)))
        except CheckerError as e:
            error_line(e, language)
            failed += 1
        if len(pending) >= BATCH or (pending and time.monotonic() - since >= BATCH_SECONDS):
            flush()
            since = time.monotonic()
    if pending:
        flush()
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
