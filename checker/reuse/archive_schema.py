"""What an archive file holds, and how a file of an earlier version is brought up to this one.

The tables: ``reports`` (text and what is known of each report), ``grams`` (its winnowed fingerprints and
where they stand), ``gram_bodies``/``gram_df`` (which and how many bodies use each gram), ``part_figures``
(each checklist part's figures and characters) and ``meta`` (counts kept by every add). ``PRAGMA
application_id`` marks a checker archive; ``PRAGMA user_version`` is ``SCHEMA_VERSION``.
"""

from __future__ import annotations

APPLICATION_ID = 0x43484B52  # "CHKR"
SCHEMA_VERSION = 3
SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    org TEXT,
    year INTEGER,
    path TEXT,
    title TEXT,
    chars INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_org ON reports(org, year);
CREATE TABLE IF NOT EXISTS grams (
    hash INTEGER NOT NULL,
    report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    pos INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS grams_hash ON grams(hash);
CREATE TABLE IF NOT EXISTS gram_bodies (
    hash INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (hash, body)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS gram_df (
    hash INTEGER PRIMARY KEY,
    bodies INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS part_figures (
    report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    figures INTEGER NOT NULL,
    chars INTEGER NOT NULL,
    PRIMARY KEY (item, report)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
"""
# version 1 → 2: how many different bodies use each gram, kept up to date by every add, so that the
# formulas every report contains are known without counting their postings at look-up time.
MIGRATE_1 = """
INSERT OR IGNORE INTO gram_bodies (hash, body)
    SELECT DISTINCT g.hash, COALESCE(r.org, '#' || r.id) FROM grams g JOIN reports r ON r.id = g.report;
INSERT OR REPLACE INTO gram_df (hash, bodies) SELECT hash, COUNT(*) FROM gram_bodies GROUP BY hash;
"""
# version 2 → 3: the number of different bodies (``meta``), kept by every add: counting them at every look-up
# reads the whole reports table (65 ms at a million reports); and the figures and characters of each
# checklist part (``part_figures``), so that a check can compare a part's density of figures with the
# archive's without analysing every archived report. Reports archived before have none until they are
# added again (``add`` fills them in for a text already there).
MIGRATE_2 = """
INSERT OR REPLACE INTO meta (key, value)
    SELECT 'bodies', COUNT(DISTINCT COALESCE(org, '#' || id)) FROM reports;
"""


def statements(version: int | None) -> list[str]:
    """The SQL that makes a new file (``version`` None) or one of ``version`` into this version's."""
    sql = SCHEMA + (MIGRATE_1 if version is not None and version < 2 else "") + MIGRATE_2
    return [s for s in sql.split(";") if s.strip()]
