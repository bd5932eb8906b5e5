"""The service's checks, off the event loop: a pool of worker processes running the CLI's pipeline.

The model, the gazetteer and the built-in checklists are loaded once in the service process before the
workers are forked, so that every worker shares them (copy-on-write, as ``checker batch`` does) and no
request pays the 4–5 s start-up. Each worker runs one check at a time in its main thread, where the
pipeline's per-file time limit (SIGALRM) works. Errors come back as plain values: a ``CheckerError``
does not survive the trip back from a worker.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from checker.errors import CheckerError, InputError
from checker.model import Result
from checker.readers import Limits
from checker.rules.checklist import Checklist

_LOADED: dict[str, Checklist] = {}


def warm() -> dict[str, Checklist]:
    """Load everything heavy once, in the service process (the workers inherit it)."""
    from checker.rules import checklist
    from checker.text import gazetteer, nlp

    if not _LOADED:
        for path in sorted(checklist.BUILTIN_DIR.glob("*.yaml")):
            _LOADED[path.stem] = checklist.load(str(path))
        nlp.pipeline()
        gazetteer.load()
    return _LOADED


@dataclass(frozen=True)
class Job:
    """One request's files (stored under generated names) and options."""

    paths: tuple[str, ...]
    names: Mapping[str, str]  # stored path → the name the user gave (display only)
    checklist: str
    history: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)
    timeout: float = 0
    archive_db: str | None = None
    fail_under: float = 60.0
    fail_on: str = "error"


@dataclass(frozen=True)
class Unreadable:
    """A file the pipeline refused: its name, the reason and the CLI's one line in each language, and
    whether it was the input's fault (otherwise the service's: a missing model)."""

    path: str
    reason_zh: str
    reason_en: str
    zh: str
    en: str
    input_error: bool

    @classmethod
    def of(cls, e: CheckerError) -> Unreadable:
        return cls(e.path or "", e.zh, e.en, e.render("zh"), e.render("en"), isinstance(e, InputError))


@dataclass(frozen=True)
class Outcome:
    results: tuple[Result, ...]
    unreadable: tuple[Unreadable, ...]


def run(job: Job) -> Outcome:
    """In a worker: ``pipeline.check_files`` on the job's files, as ``checker check`` runs it."""
    from checker.pipeline import check_files

    archive = None
    if job.archive_db:
        from checker.reuse.archive import Archive

        archive = Archive(job.archive_db, create=False)
    errors: list[Unreadable] = []

    def unreadable(e: CheckerError) -> None:
        errors.append(Unreadable.of(e))

    try:
        results = check_files(list(job.paths), _LOADED[job.checklist], timeout=job.timeout, history=job.history,
                              names=job.names, limits=job.limits, archive=archive, fail_under=job.fail_under,
                              fail_on=job.fail_on, on_error=unreadable)
    except CheckerError as e:  # a missing model: the service's set-up, not the user's file
        return Outcome((), (Unreadable.of(e),))
    finally:
        if archive is not None:
            archive.close()
    return Outcome(tuple(results), tuple(errors))


def archive_add(path: str, name: str, checklist: str, archive_db: str, org: str | None,
                year: int | None) -> tuple[int, bool, str | None, int | None] | Unreadable:
    """In a worker: store an uploaded report in the archive (the CLI's ``archive add``)."""
    from checker.pipeline import archive_add as add
    from checker.reuse.archive import Archive

    try:
        with Archive(archive_db, create=True) as store:
            return add(path, store, _LOADED[checklist], org=org, year=year, name=name)
    except CheckerError as e:
        return Unreadable.of(e)


def _quiet_worker() -> None:
    # Ctrl-C reaches the whole process group: the service shuts its pool down, a worker must not print
    # a KeyboardInterrupt traceback of its own
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes forked from this (warmed) process; ``workers`` 0: one per core."""
    return ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1, initializer=_quiet_worker,
                               mp_context=multiprocessing.get_context("fork"))


def _noop() -> int:
    return os.getpid()


def start(executor: ProcessPoolExecutor, workers: int) -> None:
    """Fork the workers now, while the service starts, rather than on the first request."""
    for future in [executor.submit(_noop) for _ in range(workers or os.cpu_count() or 1)]:
        future.result()


def job_for(paths: Sequence[str], names: Mapping[str, str], **options: Any) -> Job:
    return Job(tuple(paths), dict(names), **options)


@dataclass(frozen=True)
class YearOnYear:
    """One archived report of a body and its reuse against the body's report of the year before."""

    report: Any  # reuse.archive.ArchivedReport, without its text
    earlier_year: int | None
    ratio: float | None
    ratio_without_boilerplate: float | None


def archive_history(archive_db: str, org: str, checklist: str) -> tuple[YearOnYear, ...]:
    """In a worker: a body's archived reports by year, each compared with the one of the year before as
    ``checker check --history`` compares them (the archive itself is not searched)."""
    import dataclasses

    from checker.model import Extracted
    from checker.pipeline import compare, prepare
    from checker.reuse.archive import Archive

    rules = _LOADED[checklist]
    with Archive(archive_db, create=False) as store:
        reports = [store.fetch(r.id) for r in store.reports(org)]
    by_year = {r.year: r for r in reports if r.year is not None}
    rows = []
    for r in reports:
        before = by_year.get(r.year - 1) if r.year is not None else None
        ratio = share = None
        if before is not None:
            current = prepare(Extracted(r.path, "txt", r.text or ""), rules)
            reuse = compare(current, rules, [Extracted(before.path, "txt", before.text or "")], None)
            ratio, share = reuse.ratio, reuse.ratio_without_boilerplate
        rows.append(YearOnYear(dataclasses.replace(r, text=None), before.year if before else None, ratio, share))
    return tuple(rows)
