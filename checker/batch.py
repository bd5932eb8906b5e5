"""``checker batch``: check every report in a folder on all cores.

The segmentation model is loaded once in the parent before the worker processes are forked, so the
workers share it (copy-on-write) instead of loading ~1 GB each; each worker then checks files one by
one. A file that cannot be read is a row with its error, and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import stat
import time
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker.errors import CheckerError, SetupError
from checker.model import OWN_OUTPUT_MARK, OWN_WORD_MARK, Result
from checker.readers.registry import suffixes
from checker.rules.waivers import Waiver, with_stale


@dataclass(frozen=True)
class Row:
    path: str
    result: Result | None
    # why it could not be read, in Chinese and in English (the renderer picks the user's language): the
    # worker does not know the language, and a CheckerError does not survive the trip back from a worker
    error: tuple[str, str] | None
    seconds: float


def discover(folder: Path) -> list[Path]:
    """Submissions below ``folder`` (recursive, hidden folders skipped), in a stable order: every suffix of
    the input table, readable or not (formats we cannot read become rows with their reason, never silently
    left out). Word/WPS lock files (``~$name.docx``, left while a document is open) are no submissions, nor
    are the pages of the checker's own HTML output (an earlier run's, written into this folder)."""
    wanted = suffixes()
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root) / f for f in sorted(files) if Path(f).suffix.lower() in wanted
                  and not f.startswith((".", "~$")) and not _made_by_us(Path(root) / f)]
    return found


def _made_by_us(path: Path) -> bool:
    """A page or commented draft the checker wrote (model.py's marks): an HTML page's head carries
    ``OWN_OUTPUT_MARK``; a .docx names ``OWN_WORD_MARK`` as its last author until a person saves it."""
    suffix = path.suffix.lower()
    if suffix not in (".htm", ".html", ".docx"):
        return False
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False  # never open a pipe here (it would block): the reader refuses it with a reason
        if suffix == ".docx":
            with zipfile.ZipFile(path) as package:
                info = package.getinfo("docProps/core.xml")
                if info.file_size > 65536:
                    return False
                core = package.read(info).decode("utf-8", "replace")
            return f"<cp:lastModifiedBy>{OWN_WORD_MARK}</cp:lastModifiedBy>" in core
        with path.open("rb") as fh:
            head = fh.read(4096)
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return False  # unreadable: it stays a submission and its row says why
    return OWN_OUTPUT_MARK.encode("ascii") in head


_WORKER: dict[str, Any] = {}


def _prepare(checklist_ref: str, options: dict[str, Any], archive_db: str | None, timeout: float = 0) -> None:
    """Load everything heavy once (in the parent, before forking)."""
    from checker.rules import checklist
    from checker.text import gazetteer, nlp

    _WORKER["checklist"] = checklist.load(checklist_ref)
    _WORKER["options"] = options
    _WORKER["archive_db"] = archive_db
    _WORKER["timeout"] = timeout
    nlp.pipeline()
    gazetteer.load()


def _check(path: str, history: tuple[str, ...] = ()) -> Row:
    from checker.pipeline import check_path, time_limit

    started = time.perf_counter()
    archive = None
    if _WORKER["archive_db"]:
        from checker.reuse.archive import Archive

        archive = Archive(_WORKER["archive_db"], create=False)  # one connection per process
    try:
        with time_limit(path, _WORKER.get("timeout") or 0):
            result = check_path(path, _WORKER["checklist"], archive=archive, history=history, **_WORKER["options"])
        return Row(path, result, None, time.perf_counter() - started)
    except CheckerError as e:
        if isinstance(e, SetupError):
            raise
        return Row(path, None, (e.render("zh"), e.render("en")), time.perf_counter() - started)
    finally:
        if archive is not None:
            archive.close()


def run(
    paths: Sequence[Path], checklist: str, *, jobs: int = 0, options: dict[str, Any] | None = None,
    archive_db: str | None = None, on_done: Callable[[Row], None] | None = None, timeout: float = 0,
    same_body: bool = True,
) -> list[Row]:
    """Check ``paths``; ``on_done`` is called as each file's first check finishes. Rows come back in input
    order.

    ``same_body``: a report whose body has earlier-year reports in the batch is compared with them, as
    ``check --history`` would (a body's 2023 and 2024 reports side by side is the commonest review).
    The body and year are what the first pass detects, so only those reports are checked twice.
    """
    options = options or {}
    _prepare(checklist, options, archive_db, timeout)
    jobs = jobs or os.cpu_count() or 1
    rows = _run_all([(str(p), ()) for p in paths], jobs, on_done)
    if same_body:
        rows.update(_run_all(list(earlier_reports(rows.values()).items()), jobs, None))
    return _with_stale([rows[str(p)] for p in paths], options.get("waivers") or ())


def _with_stale(rows: list[Row], waivers: Sequence[Waiver]) -> list[Row]:
    """A waiver that matched nothing in any report of the batch is noted in the reports it covers (the
    workers each see one report, so this is done once all are back)."""
    if not waivers:
        return rows
    noted = iter(with_stale([row.result for row in rows if row.result is not None], waivers))
    return [replace(row, result=next(noted)) if row.result is not None else row for row in rows]


def earlier_reports(rows: Iterable[Row]) -> dict[str, tuple[str, ...]]:
    """For each checked report, the same body's earlier-year reports among ``rows`` (oldest first); a body
    is the organisation the checker detects, matched exactly, as the archive matches it."""
    by_body: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in rows:
        r = row.result
        if r is not None and r.meta.org and r.meta.year:
            by_body[r.meta.org].append((r.meta.year, row.path))
    found = {}
    for reports in by_body.values():
        for year, path in reports:
            earlier = tuple(p for y, p in sorted(reports) if y < year)
            if earlier:
                found[path] = earlier
    return found


def _run_all(work: Sequence[tuple[str, tuple[str, ...]]], jobs: int,
             on_done: Callable[[Row], None] | None) -> dict[str, Row]:
    rows: dict[str, Row] = {}
    workers = min(jobs, len(work))
    if workers <= 1:
        for path, history in work:
            rows[path] = row = _check(path, history)
            if on_done:
                on_done(row)
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_check, path, history): path for path, history in work}
            for future in as_completed(futures):
                rows[futures[future]] = row = future.result()
                if on_done:
                    on_done(row)
    return rows


def ranked(rows: Sequence[Row]) -> list[Row]:
    """Unreadable files first, then the lowest scores: what a reviewer must look at comes first."""
    return sorted(rows, key=lambda r: (r.result is not None, r.result.score.value if r.result else 0, r.path))

