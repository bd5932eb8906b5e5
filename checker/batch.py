"""``checker batch``: check every report in a folder on all cores.

The segmentation model is loaded once in the parent before the worker processes are forked, so the
workers share it: its feature tables are memory-mapped (one copy in the page cache for all) and the rest
is inherited copy-on-write. The same workers run two stages: every file is read and its body and year
detected (cheap), then each report is checked once — with the same body's earlier years in the folder
when there are any, which the first stage found. A file that cannot be read is a row with its error,
and the batch goes on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import stat
import time
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker.errors import CheckerError, SetupError
from checker.model import OWN_OUTPUT_MARK, OWN_WORD_MARK, Extracted, Result
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


@dataclass(frozen=True)
class _Read:
    """A file as the first stage read it: its text, and the body and year the checker detects in it (which
    decide the reports it is compared with)."""

    extracted: Extracted
    org: str | None
    year: int | None
    seconds: float


def _prepare(checklist_ref: str, options: dict[str, Any], archive_db: str | None, timeout: float = 0) -> None:
    """Load everything heavy once (in the parent, before forking)."""
    from checker.pipeline import rule_infos
    from checker.rules import checklist
    from checker.text import gazetteer, nlp

    _WORKER["checklist"] = checklist.load(checklist_ref)
    _WORKER["options"] = options
    _WORKER["archive_db"] = archive_db
    _WORKER["timeout"] = timeout
    _WORKER["rules"] = rule_infos(_WORKER["checklist"])
    nlp.pipeline()
    gazetteer.load()


def _failed(path: str, error: CheckerError, started: float) -> Row:
    if isinstance(error, SetupError):
        raise error
    return Row(path, None, (error.render("zh"), error.render("en")), time.perf_counter() - started)


def _read(path: str) -> _Read | Row:
    """Read ``path`` and detect its body and year (normalising is cheap; the words are not needed yet)."""
    from checker.outline.meta import detect_meta
    from checker.pipeline import time_limit
    from checker.readers import read_path
    from checker.text.normalize import normalise

    started = time.perf_counter()
    try:
        with time_limit(path, _WORKER.get("timeout") or 0):
            extracted = read_path(path, limits=_WORKER["options"].get("limits"))
            meta = detect_meta(normalise(extracted))
    except CheckerError as e:
        return _failed(path, e, started)
    return _Read(extracted, meta.org, meta.year, time.perf_counter() - started)


def _check(path: str, history: tuple[str, ...] = (), extracted: Extracted | None = None, spent: float = 0) -> Row:
    """Check ``path`` (as ``extracted`` when the first stage read it, ``spent`` seconds ago of its time)."""
    from checker.pipeline import check_path, time_limit

    started = time.perf_counter() - spent
    archive = None
    if _WORKER["archive_db"]:
        from checker.reuse.archive import Archive

        archive = Archive(_WORKER["archive_db"], create=False)  # one connection per process
    try:
        with time_limit(path, _WORKER.get("timeout") or 0, spent=spent):
            result = check_path(path, _WORKER["checklist"], archive=archive, history=history, extracted=extracted,
                                **_WORKER["options"])
        # Every report's ``rules`` are the checklist's: the parent puts back its own copy (``_with_rules``),
        # so a result travels at half its size and the parent keeps one tuple of them, not one per report.
        return Row(path, replace(result, rules=()), None, time.perf_counter() - started)
    except CheckerError as e:
        return _failed(path, e, started)
    finally:
        if archive is not None:
            archive.close()


def run(
    paths: Sequence[Path], checklist: str, *, jobs: int = 0, options: dict[str, Any] | None = None,
    archive_db: str | None = None, on_done: Callable[[Row], None] | None = None, timeout: float = 0,
    same_body: bool = True,
) -> list[Row]:
    """Check ``paths``; ``on_done`` is called as each file's row is done. Rows come back in input order.

    ``same_body``: a report whose body has earlier-year reports in the batch is compared with them, as
    ``check --history`` would (a body's 2023 and 2024 reports side by side is the commonest review).
    Every file is first read and its body and year detected; then each report is checked once, with its
    earlier years when there are any.
    """
    options = options or {}
    _prepare(checklist, options, archive_db, timeout)
    jobs = jobs or os.cpu_count() or 1
    rows = _run_all([str(p) for p in paths], jobs, on_done or (lambda _row: None), same_body)
    return _with_stale([rows[str(p)] for p in paths], options.get("waivers") or ())


def _with_stale(rows: list[Row], waivers: Sequence[Waiver]) -> list[Row]:
    """A waiver that matched nothing in any report of the batch is noted in the reports it covers (the
    workers each see one report, so this is done once all are back)."""
    if not waivers:
        return rows
    noted = iter(with_stale([row.result for row in rows if row.result is not None], waivers))
    return [replace(row, result=next(noted)) if row.result is not None else row for row in rows]


def earlier_reports(reports: Iterable[tuple[str, str | None, int | None]]) -> dict[str, tuple[str, ...]]:
    """For each report (path, body, year), the same body's earlier-year reports among ``reports`` (oldest
    first); a body is the organisation the checker detects, matched exactly, as the archive matches it."""
    by_body: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for path, org, year in reports:
        if org and year:
            by_body[org].append((year, path))
    found = {}
    for same in by_body.values():
        for year, path in same:
            earlier = tuple(p for y, p in sorted(same) if y < year)
            if earlier:
                found[path] = earlier
    return found


def _run_all(paths: Sequence[str], jobs: int, on_done: Callable[[Row], None], same_body: bool) -> dict[str, Row]:
    """Both stages on one set of workers (forked once, after the model is loaded), or in this process."""
    rows: dict[str, Row] = {}
    workers = min(jobs, len(paths))
    with contextlib.ExitStack() as stack:
        pool = None
        if workers > 1:
            pool = stack.enter_context(
                ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")))
        work: list[tuple[str, tuple[str, ...], Extracted | None, float]] = [(p, (), None, 0.0) for p in paths]
        if same_body:
            read: dict[str, _Read] = {}
            for path, got in _each(pool, _read, [(p,) for p in paths]):
                if isinstance(got, Row):
                    rows[path] = got
                    on_done(got)
                else:
                    read[path] = got
            history = earlier_reports((p, r.org, r.year) for p, r in read.items())
            work = [(p, history.get(p, ()), r.extracted, r.seconds) for p, r in read.items()]
            del read
            # the longest checks first, so that no worker is left with a long one while the others idle
            work.sort(key=lambda w: -len(w[2].text) * (1 + len(w[1])) if w[2] else 0)
        for path, row in _each(pool, _check, _handed_out(work)):
            rows[path] = row = _with_rules(row)
            on_done(row)
    return rows


def _handed_out(work: list[Any]) -> Iterator[Any]:
    """The items of ``work`` in order, each let go of once handed out: a text read in the first stage is
    then held only until its check is done, not beside its result until the whole batch is."""
    work.reverse()
    while work:
        yield work.pop()


def _with_rules(row: Row) -> Row:
    return replace(row, result=replace(row.result, rules=_WORKER["rules"])) if row.result is not None else row


def _each(pool: ProcessPoolExecutor | None, task: Callable[..., Any],
          work: Iterable[tuple[Any, ...]]) -> Iterator[tuple[str, Any]]:
    """``task(*args)`` for each of ``work`` (whose first argument is a path), as each finishes."""
    if pool is None:
        for args in work:
            yield args[0], task(*args)
        return
    futures = {pool.submit(task, *args): args[0] for args in work}
    for future in as_completed(futures):
        yield futures[future], future.result()


def ranked(rows: Sequence[Row]) -> list[Row]:
    """Unreadable files first, then the lowest scores: what a reviewer must look at comes first."""
    return sorted(rows, key=lambda r: (r.result is not None, r.result.score.value if r.result else 0, r.path))

