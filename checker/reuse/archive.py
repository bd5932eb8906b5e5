"""The archive: earlier reports of every body, in one SQLite file, with their winnowed fingerprints.

A check looks up this report's gram hashes in the ``grams`` index, ranks the archived reports by how
many distinct fingerprints they share, and loads the text of the best candidates only — never the
whole archive. Adding reports stores their text, metadata and fingerprints, up to ``CHUNK`` reports
per transaction (``add_many``); the same text added twice is kept once (``sha256`` is unique). WAL mode lets readers and several writers
work at once; a file that is not a checker archive is refused, never overwritten.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from checker.errors import InputError
from checker.reuse.align import K, covered
from checker.reuse.archive_schema import APPLICATION_ID, SCHEMA_VERSION, statements

T = TypeVar("T")

SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26  # the primary result codes of a damaged file
CHUNK = 2000  # reports stored per transaction by ``add_many``


@dataclass(frozen=True)
class ArchivedReport:
    id: int
    org: str | None
    year: int | None
    path: str | None
    title: str | None
    chars: int
    text: str | None = None  # loaded only by ``fetch``


@dataclass(frozen=True, eq=False)
class NewReport:
    """A report to store: its text, what is known of it, and its winnowed fingerprints."""

    text: str
    org: str | None
    year: int | None
    path: str | None
    title: str | None
    chars: int
    hashes: np.ndarray
    positions: np.ndarray
    parts: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # item → (figures, chars)


def default_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "checker" / "archive.sqlite3"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def signed(hashes: np.ndarray) -> list[int]:
    """SQLite integers are signed 64-bit: store the uint64 hashes' bit patterns as int64."""
    return hashes.astype(np.uint64).view(np.int64).tolist()


def _guarded(method: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(method)
    def guarded(self: Archive, *args: Any, **kwargs: Any) -> T:
        with self._guard():
            return method(self, *args, **kwargs)

    return guarded


class Archive:
    def __init__(self, path: Path | str, *, create: bool = True):
        self.path = Path(path)
        if not self.path.exists() and not create:
            raise InputError(str(self.path), "档案库不存在（可先用 checker archive add 添加报告）", "no such archive")
        if self.path.exists() and self.path.is_dir():
            raise InputError(str(self.path), "这是一个目录，不是档案库文件", "this is a directory, not an archive")
        if self.path.exists() and self.path.stat().st_size == 0:
            # an empty file is someone's (a placeholder, a wrong name), never silently made an archive; the
            # checker leaves none behind itself, as it creates and initialises a new archive in one step
            raise InputError(str(self.path), "这是一个空文件，不是档案库；要新建档案库，请删除它或换一个不存在的文件名",
                             "this is an empty file, not an archive; delete it or name a file that does not exist")
        fresh = not self.path.exists()
        if fresh:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            self.db.execute("PRAGMA busy_timeout = 30000")
            self.db.execute("PRAGMA cache_size = -65536")  # 64 MB: index inserts stay in memory in a large archive
            if fresh:
                self._initialise()
            else:
                self._verify(writing=create)
            self.db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as e:
            self.db.close()
            if (getattr(e, "sqlite_errorcode", 0) or 0) & 0xFF == SQLITE_CORRUPT:
                raise self.damaged(e) from None
            raise InputError(str(self.path), f"不是有效的档案库文件或文件已损坏（{e}），未做任何修改",
                             f"not a valid archive or corrupt ({e}); left untouched") from None
        except InputError:
            self.db.close()  # nothing left open: no -wal file beside a refused archive
            raise

    def _initialise(self) -> None:
        with self.transaction():
            app = self.db.execute("PRAGMA application_id").fetchone()[0]
            if app not in (0, APPLICATION_ID):
                raise sqlite3.DatabaseError("foreign database")
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            for statement in statements(None):
                self.db.execute(statement)
        self.db.execute("PRAGMA journal_mode = WAL")

    def _verify(self, *, writing: bool) -> None:
        app = self.db.execute("PRAGMA application_id").fetchone()[0]
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if app != APPLICATION_ID:
            raise InputError(str(self.path), "这不是 checker 的档案库文件，拒绝使用（未做任何修改）",
                             "this is not a checker archive; refused and left untouched")
        if version > SCHEMA_VERSION:
            raise InputError(str(self.path), f"档案库版本（{version}）比本程序新，请升级 checker",
                             f"archive version {version} is newer than this checker")
        if writing or version < SCHEMA_VERSION:
            # before the first write of a session: writing into a damaged file spreads the damage. A read
            # session skips the full pass (it grows with the archive) and reports damage when it meets it.
            problems = [row[0] for row in self.db.execute("PRAGMA quick_check(3)")]
            if problems != ["ok"]:
                raise self.damaged("; ".join(problems))
        self.db.execute("PRAGMA journal_mode = WAL")
        if version < SCHEMA_VERSION:
            with self.transaction():
                for statement in statements(version):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def damaged(self, detail: object) -> InputError:
        """The refusal of a damaged archive, with the two ways back."""
        name = self.path.name
        return InputError(
            str(self.path),
            f"档案库文件已损坏（{detail}），已拒绝使用，未做任何修改。可用 sqlite3 {name} .recover | sqlite3 恢复后.sqlite3 "
            "导出仍可读取的内容，或从备份恢复",
            f"the archive is damaged ({detail}); refused and left untouched. Save what can still be read with "
            f"sqlite3 {name} .recover | sqlite3 recovered.sqlite3, or restore a backup")

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Damage met while working is refused like damage found at opening (not an internal error)."""
        try:
            yield
        except sqlite3.DatabaseError as e:
            if (getattr(e, "sqlite_errorcode", 0) or 0) & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB):
                self.db.close()  # nothing more is read or written, and no -wal file is left beside it
                raise self.damaged(e) from None
            raise

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------------------

    def add(self, text: str, *, org: str | None, year: int | None, path: str | None, title: str | None,
            chars: int, hashes: np.ndarray, positions: np.ndarray,
            parts: Mapping[str, tuple[int, int]] | None = None) -> tuple[int, bool]:
        """Store one report with its fingerprints and its parts' (figures, characters); (id, True) if
        added, (id of the copy, False) if the same text was already there (its parts' counts are then
        filled in if it has none: an archive made before they were kept catches up)."""
        return self.add_many([NewReport(text, org, year, path, title, chars, hashes, positions, parts or {})])[0]

    @_guarded
    def add_many(self, reports: Iterable[NewReport], *, chunk: int = CHUNK) -> list[tuple[int, bool]]:
        """Store reports as ``add`` does: (id, added) for each, in order.

        A report's winnowed grams land at random places in the hash indexes; one transaction per report
        rewrites the same index pages again and again (59 ms a report at 10,000). So ``chunk`` reports go
        in one transaction, their grams written in hash order, each index page visited once per chunk; an
        interruption loses at most the chunk being stored, never one whose ids were returned. More than a
        chunk into an empty archive go in one transaction, the indexes built once at the end (``_load``)."""
        pending = iter(reports)
        first = list(itertools.islice(pending, chunk))
        if len(first) == chunk:  # a bulk load (a small one gains nothing from it)
            loaded = self._load(itertools.chain(first, pending), chunk)
            if loaded is not None:
                return loaded
        stored: list[tuple[int, bool]] = []
        pending = itertools.chain(first, pending)
        while batch := list(itertools.islice(pending, chunk)):
            with self.transaction() as db:
                rows = self._insert_reports(db, batch, {}, stored)
                if rows is None:
                    continue
                h, rep, pos, by_body, new_bodies = rows
                order = np.lexsort((pos, rep, h))
                db.executemany("INSERT INTO grams (hash, report, pos) VALUES (?, ?, ?)",
                               zip(h[order].tolist(), rep[order].tolist(), pos[order].tolist(), strict=True))
                self._count_bodies(db, by_body)
                db.execute("UPDATE meta SET value = value + ? WHERE key = 'bodies'", (new_bodies,))
        return stored

    def _load(self, reports: Iterator[NewReport], chunk: int) -> list[tuple[int, bool]] | None:
        """Fill an empty archive: rows appended without the hash index, which is then built in one sort, and
        the (gram, body) pairs and counts made from every report at once — at 100,000 reports, keeping
        them in order chunk by chunk would rewrite gigabytes of index pages per chunk. One transaction:
        interrupted, the archive stays empty. None, with nothing read, when the archive is not empty."""
        out: list[tuple[int, bool]] = []
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM reports LIMIT 1").fetchone():
                return None
            db.execute("DROP INDEX IF EXISTS grams_hash")
            db.execute("CREATE TEMP TABLE IF NOT EXISTS loaded (hash INTEGER, body INTEGER)")
            db.execute("CREATE TEMP TABLE IF NOT EXISTS load_bodies (id INTEGER PRIMARY KEY, name TEXT)")
            names: dict[str, int] = {}
            seen: dict[str, int] = {}
            while batch := list(itertools.islice(reports, chunk)):
                rows = self._insert_reports(db, batch, seen, out)
                if rows is None:
                    continue
                h, rep, pos, by_body, _ = rows
                db.executemany("INSERT INTO grams (hash, report, pos) VALUES (?, ?, ?)",
                               zip(h.tolist(), rep.tolist(), pos.tolist(), strict=True))
                for name, grams in by_body.items():
                    body = names.setdefault(name, len(names))
                    db.executemany("INSERT INTO loaded (hash, body) VALUES (?, ?)",
                                   zip(np.unique(np.concatenate(grams)).tolist(), itertools.repeat(body)))
            db.executemany("INSERT INTO load_bodies (id, name) VALUES (?, ?)", ((i, n) for n, i in names.items()))
            db.execute("INSERT INTO gram_bodies (hash, body) SELECT DISTINCT l.hash, b.name FROM loaded l "
                       "JOIN load_bodies b ON b.id = l.body ORDER BY 1, 2")
            db.execute("INSERT INTO gram_df (hash, bodies) SELECT hash, COUNT(*) FROM gram_bodies GROUP BY hash")
            db.execute("CREATE INDEX grams_hash ON grams(hash)")
            db.execute("UPDATE meta SET value = ? WHERE key = 'bodies'", (len(names),))
            db.execute("DELETE FROM loaded")
            db.execute("DELETE FROM load_bodies")
        return out

    @staticmethod
    def _insert_reports(db: sqlite3.Connection, batch: list[NewReport], seen: dict[str, int],
                        out: list[tuple[int, bool]]) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                              dict[str, list[np.ndarray]], int] | None:
        """Insert the reports not stored yet (``seen``: those of this call, by sha256), appending (id, added)
        to ``out``; their grams (hash, report, position), grams by body, and how many bodies are new."""
        hashes, reports, positions = [], [], []
        by_body: dict[str, list[np.ndarray]] = {}
        new_bodies = 0
        for r in batch:
            sha = text_sha256(r.text)
            row = (seen[sha],) if sha in seen else db.execute(
                "SELECT id FROM reports WHERE sha256 = ?", (sha,)).fetchone()
            if row:
                db.executemany("INSERT OR IGNORE INTO part_figures (report, item, figures, chars) VALUES (?, ?, ?, ?)",
                               ((int(row[0]), item, f, c) for item, (f, c) in r.parts.items()))
                out.append((int(row[0]), False))
                continue
            if r.org is None or db.execute("SELECT 1 FROM reports WHERE org = ? LIMIT 1", (r.org,)).fetchone() is None:
                new_bodies += 1
            cur = db.execute(
                "INSERT INTO reports (sha256, org, year, path, title, chars, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (sha, r.org, r.year, r.path, r.title, r.chars, r.text),
            )
            report = int(cur.lastrowid or 0)
            db.executemany("INSERT INTO part_figures (report, item, figures, chars) VALUES (?, ?, ?, ?)",
                           ((report, item, f, c) for item, (f, c) in r.parts.items()))
            seen[sha] = report
            out.append((report, True))
            values = r.hashes.astype(np.uint64).view(np.int64)
            hashes.append(values)
            reports.append(np.full(len(values), report, dtype=np.int64))
            positions.append(np.asarray(r.positions, dtype=np.int64))
            by_body.setdefault(r.org or f"#{report}", []).append(values)
        if not hashes:
            return None
        h, rep, pos = (np.concatenate(a) for a in (hashes, reports, positions))
        return h, rep, pos, by_body, new_bodies

    @staticmethod
    def _count_bodies(db: sqlite3.Connection, by_body: dict[str, list[np.ndarray]]) -> None:
        """Each (gram, body) pair not seen before adds one body to the gram's count."""
        names = sorted(by_body)  # code-point order is UTF-8 byte order: SQLite's order of the key
        grams = [np.unique(np.concatenate(by_body[name])) for name in names]
        h = np.concatenate(grams)
        b = np.repeat(np.arange(len(names)), [len(g) for g in grams])
        order = np.lexsort((b, h))
        db.execute("CREATE TEMP TABLE IF NOT EXISTS fresh (hash INTEGER, body TEXT, PRIMARY KEY (hash, body)) "
                   "WITHOUT ROWID")
        db.execute("DELETE FROM fresh")
        db.executemany("INSERT INTO fresh (hash, body) VALUES (?, ?)",
                       zip(h[order].tolist(), [names[i] for i in b[order].tolist()], strict=True))
        db.execute("DELETE FROM fresh WHERE EXISTS (SELECT 1 FROM gram_bodies g "
                   "WHERE g.hash = fresh.hash AND g.body = fresh.body)")
        db.execute("INSERT INTO gram_bodies (hash, body) SELECT hash, body FROM fresh")
        db.execute("INSERT INTO gram_df (hash, bodies) SELECT hash, COUNT(*) FROM fresh WHERE true GROUP BY hash "
                   "ON CONFLICT(hash) DO UPDATE SET bodies = bodies + excluded.bodies")
        db.execute("DELETE FROM fresh")

    # --- reading ---------------------------------------------------------------------------------------

    @_guarded
    def reports(self, org: str | None = None) -> list[ArchivedReport]:
        sql = "SELECT id, org, year, path, title, chars FROM reports"
        args: tuple = ()
        if org:
            sql, args = sql + " WHERE org = ?", (org,)
        rows = self.db.execute(sql + " ORDER BY org, year, id", args).fetchall()
        return [ArchivedReport(*row) for row in rows]

    @_guarded
    def fetch(self, report_id: int) -> ArchivedReport:
        row = self.db.execute(
            "SELECT id, org, year, path, title, chars, text FROM reports WHERE id = ?", (report_id,)
        ).fetchone()
        return ArchivedReport(*row)

    @_guarded
    def contains(self, text: str) -> int | None:
        row = self.db.execute("SELECT id FROM reports WHERE sha256 = ?", (text_sha256(text),)).fetchone()
        return int(row[0]) if row else None

    @_guarded
    def candidates(self, hashes: np.ndarray, *, lookup: np.ndarray | None = None,
                   positions: np.ndarray | None = None, limit: int = 20, min_shared: int = 2,
                   common_bodies: int = 3, common_share: float = 0.02,
                   cluster: int = 32) -> tuple[list[tuple[int, int]], np.ndarray]:
        """Archived reports sharing fingerprints with ``lookup`` (default: ``hashes``), most first, and the
        hashes among ``hashes`` that are
        boilerplate: used by at least ``common_bodies`` different bodies, or by ``common_share`` of all
        the bodies in the archive when that is more (chance collisions grow with the archive).

        Every step starts from the query's own hashes and searches an index (the CROSS JOINs fix that
        order for SQLite), and common grams are set aside before their long posting lists are read.
        Passing the query's *winnowed* hashes as ``lookup`` keeps the recall guarantee — a shared run
        of K + WINDOW - 1 characters has a window inside it, where both texts select the same minimum —
        while reading a third of the postings; boilerplate is still judged on every gram.

        With ``positions`` (where each ``lookup`` hash stands in the query), a candidate must have two
        shared fingerprints within ``cluster`` characters of each other both here and there: reuse leaves
        fingerprints close together, chance collisions scatter, so chance candidates are not fetched.
        """
        unique = np.unique(hashes)
        if len(unique) == 0:
            return [], np.zeros(0, dtype=np.uint64)
        db = self.db
        bodies = db.execute("SELECT value FROM meta WHERE key = 'bodies'").fetchone()[0]
        threshold = max(common_bodies, math.ceil(common_share * bodies))
        db.execute("CREATE TEMP TABLE IF NOT EXISTS query (hash INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM query")
        db.executemany("INSERT OR IGNORE INTO query (hash) VALUES (?)", ((h,) for h in signed(unique)))
        common = [h for (h,) in db.execute(
            "SELECT d.hash FROM query q CROSS JOIN gram_df d ON d.hash = q.hash WHERE d.bodies >= ?", (threshold,))]
        if positions is not None and lookup is not None and common:
            # grams that overlap a common gram in this report (a formula and the word next to it) are
            # shared by many reports below the threshold; they find formula neighbours, not sources
            near = covered(len(hashes) + K, np.nonzero(np.isin(hashes, np.asarray(common, dtype=np.int64).view(np.uint64)))[0])
            keep = np.array([not near[p : p + K].any() for p in positions.tolist()], dtype=bool)
            lookup, positions = lookup[keep], positions[keep]
        db.execute("DELETE FROM query")
        wanted = np.unique(lookup) if lookup is not None else unique
        db.executemany("INSERT OR IGNORE INTO query (hash) VALUES (?)", ((h,) for h in signed(wanted)))
        db.execute("DELETE FROM query WHERE hash IN (SELECT d.hash FROM query q CROSS JOIN gram_df d "
                   "ON d.hash = q.hash WHERE d.bodies >= ?)", (threshold,))
        if positions is None or lookup is None:
            rows = db.execute(
                "SELECT g.report, COUNT(DISTINCT g.hash) AS shared FROM query q CROSS JOIN grams g "
                "ON g.hash = q.hash GROUP BY g.report HAVING shared >= ? ORDER BY shared DESC, g.report LIMIT ?",
                (min_shared, limit)).fetchall()
        else:
            rows = _clustered(db.execute("SELECT g.report, g.hash, g.pos FROM query q CROSS JOIN grams g "
                                         "ON g.hash = q.hash").fetchall(),
                              dict(zip(signed(lookup), positions.tolist(), strict=True)), min_shared, cluster, limit)
        boilerplate = np.asarray(common, dtype=np.int64).view(np.uint64)
        return [(int(r), int(n)) for r, n in rows], boilerplate

    @_guarded
    def part_figures(self, item: str, min_chars: int, *, exclude: int | None = None) -> list[tuple[int, int]]:
        """(figures, characters) of checklist item ``item`` in each archived report where that part has at
        least ``min_chars`` characters, but report ``exclude``."""
        rows = self.db.execute("SELECT figures, chars FROM part_figures WHERE item = ? AND chars >= ? AND report != ?",
                               (item, min_chars, -1 if exclude is None else exclude)).fetchall()
        return [(int(f), int(c)) for f, c in rows]

    @_guarded
    def reports_sharing(self, hashes: np.ndarray) -> list[tuple[int, str, int]]:
        """(report id, body, shared) for each archived report holding any of these gram hashes, with how
        many distinct ones it holds; the body is its org, or ``#id`` when none was detected (as in
        ``gram_bodies``). Unlike ``candidates``, common grams are not set aside: this is how one finds
        what many bodies write."""
        unique = np.unique(hashes)
        if len(unique) == 0:
            return []
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS query (hash INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM query")
        db.executemany("INSERT OR IGNORE INTO query (hash) VALUES (?)", ((h,) for h in signed(unique)))
        rows = db.execute(
            "SELECT g.report, COALESCE(r.org, '#' || r.id), COUNT(DISTINCT g.hash) FROM query q CROSS JOIN grams g "
            "ON g.hash = q.hash JOIN reports r ON r.id = g.report GROUP BY g.report ORDER BY g.report").fetchall()
        return [(int(r), str(b), int(n)) for r, b, n in rows]

    def integrity(self) -> str:
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])


def _clustered(postings: list[tuple[int, int, int]], here: dict[int, int], min_shared: int, cluster: int,
               limit: int) -> list[tuple[int, int]]:
    """Reports whose shared fingerprints include two within ``cluster`` characters on both sides, ranked
    by how many of their shared fingerprints are so clustered."""
    by_report: dict[int, list[tuple[int, int]]] = {}
    for report, h, pos in postings:
        if h in here:
            by_report.setdefault(report, []).append((pos, here[h]))
    ranked = []
    for report, pairs in by_report.items():
        if len(pairs) < min_shared:
            continue
        pairs.sort()
        near = {i for i in range(1, len(pairs)) if pairs[i][0] - pairs[i - 1][0] <= cluster
                and abs(pairs[i][1] - pairs[i - 1][1]) <= cluster}
        if near:
            ranked.append((report, len(near | {i - 1 for i in near})))
    ranked.sort(key=lambda r: (-r[1], r[0]))
    return ranked[:limit]
