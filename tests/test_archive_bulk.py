"""``Archive.add_many``: many reports stored as ``add`` stores them one by one, and the number of
bodies kept by every add (a look-up reads it instead of counting the reports)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from checker.model import Extracted
from checker.reuse.archive import Archive, NewReport
from checker.reuse.fingerprints import fingerprints
from checker.text.normalize import normalise

BASE = (Path(__file__).parent / "data" / "reuse" / "2023.txt").read_text(encoding="utf-8")


def _new(i: int, org: str | None) -> NewReport:
    text = BASE + f"\n附:第{i}号补充说明,全年新增备案事项{i * 7 + 3}项。"
    prints = fingerprints(normalise(Extracted(None, "txt", text)).norm)
    return NewReport(text, org, 2020 + i % 4, f"{i}.txt", None, prints.counted, prints.hashes, prints.positions)


# two bodies with several reports each, reports without a body, and one text twice
REPORTS = [_new(i, org) for i, org in enumerate(["甲局", "乙局", None, "甲局", "乙局", None, "甲局"])]
REPORTS.append(REPORTS[1])


def _tables(db: Archive) -> dict[str, list[tuple]]:
    return {table: db.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("gram_bodies", "gram_df", "meta")} | {
        "grams": db.db.execute("SELECT hash, report, pos FROM grams ORDER BY 1, 2, 3").fetchall(),
        "reports": db.db.execute("SELECT id, sha256, org, year FROM reports ORDER BY id").fetchall()}


def test_add_many_stores_what_adding_one_by_one_stores(tmp_path: Path) -> None:
    with Archive(tmp_path / "one.sqlite3") as one, Archive(tmp_path / "many.sqlite3") as many, \
            Archive(tmp_path / "empty.sqlite3") as empty:
        singly = [one.add(r.text, org=r.org, year=r.year, path=r.path, title=r.title, chars=r.chars,
                          hashes=r.hashes, positions=r.positions) for r in REPORTS]
        together = many.add(REPORTS[0].text, org="甲局", year=2020, path="0.txt", title=None, chars=REPORTS[0].chars,
                            hashes=REPORTS[0].hashes, positions=REPORTS[0].positions), *many.add_many(REPORTS[1:], chunk=3)
        assert list(together) == singly
        assert singly[-1] == (singly[1][0], False)  # the same text again: kept once
        assert _tables(one) == _tables(many)
        # into an empty archive: loaded in one transaction, the hash index built at the end
        assert empty.add_many(REPORTS, chunk=3) == singly  # more than a chunk
        assert _tables(one) == _tables(empty)
        assert empty.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'grams_hash'").fetchone()
        assert many.db.execute("SELECT value FROM meta WHERE key = 'bodies'").fetchone()[0] == 2 + 2


def test_the_body_count_is_kept_and_a_version_2_archive_gets_it(tmp_path: Path) -> None:
    db = tmp_path / "v2.sqlite3"
    with Archive(db) as archive:
        archive.add_many(REPORTS)
    con = sqlite3.connect(db)
    con.executescript("DROP TABLE meta; PRAGMA user_version = 2;")
    con.close()
    with Archive(db) as archive:
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == 3
        assert archive.db.execute("SELECT value FROM meta WHERE key = 'bodies'").fetchone()[0] == 4
        archive.add_many([_new(20, "丙局"), _new(21, "甲局"), _new(22, None)])
        assert archive.db.execute("SELECT value FROM meta WHERE key = 'bodies'").fetchone()[0] == 6
        assert archive.integrity() == "ok"
