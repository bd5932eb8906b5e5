"""``python -m bench.scale_sim``: the archive's growth extrapolated to every reporting body in China.

Reads the measured points of a reuse bench run (bench/results.json: database bytes, build seconds and
look-up seconds at each archive size), fits each with a power law ``y = a·n^b`` by least squares on
log–log axes (the law the points themselves show, not one assumed), and reads the laws off at a year's
and ten years' national volume. Also builds a small archive from the same generated corpus to split its
bytes by table (SQLite's ``dbstat``), which is what a port to another engine has to carry. Prints
markdown; docs/scale.md holds one run's output.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
PER_YEAR = 100_000  # reports a year, every body of county level and above: see docs/scale.md
YEARS = 10


@dataclass(frozen=True)
class PowerLaw:
    a: float
    b: float

    def __call__(self, n: float) -> float:
        return self.a * n**self.b

    def marginal(self, n: float) -> float:
        """dy/dn: the cost of the n-th report (seconds of build → seconds per add)."""
        return self.a * self.b * n ** (self.b - 1)


def fit(ns: list[float], ys: list[float]) -> PowerLaw:
    """Least squares on log y = log a + b·log n; needs two points or more, all positive."""
    if len(ns) < 2 or min(ns) <= 0 or min(ys) <= 0:
        raise ValueError("a power law needs two or more positive points")
    b, log_a = np.polyfit(np.log(ns), np.log(ys), 1)
    return PowerLaw(math.exp(log_a), float(b))


def table_bytes(reports: int = 200) -> dict[str, tuple[int | None, int]]:
    """(rows, bytes) per table and index (rows None) of an archive of ``reports`` generated reports."""
    from bench.__main__ import SEEDS
    from bench.corpus import Corpus, vocabulary
    from checker.model import Extracted
    from checker.reuse.archive import Archive
    from checker.reuse.fingerprints import fingerprints
    from checker.text.normalize import normalise

    sources = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    corpus = Corpus(vocabulary(sources), 1)
    with tempfile.TemporaryDirectory(prefix="checker-scale-") as tmp:
        archive = Archive(Path(tmp) / "a.sqlite3")
        for i in range(reports):
            r = corpus.report(i)
            p = fingerprints(normalise(Extracted(None, "txt", r.text)).norm)
            archive.add(r.text, org=r.body, year=r.year, path=f"{i}.txt", title=None, chars=p.counted,
                        hashes=p.hashes, positions=p.positions)
        db = archive.db
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        sizes = dict(db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall())
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608
        archive.close()
    return {name: (rows.get(name), int(size)) for name, size in sorted(sizes.items(), key=lambda kv: -kv[1])}


def body_count_scan(sizes: tuple[int, ...] = (10_000, 100_000, 1_000_000)) -> dict[int, float]:
    """Seconds of the one look-up step that reads every report: ``Archive.candidates`` counts the distinct
    bodies (``COUNT(DISTINCT …) FROM reports``, a walk of the ``reports_org`` index) to set its formula
    threshold. At 10,000 reports it is lost in the noise of the fit, so it is simulated alone on a table
    of the archive's shape with empty texts, grown to each size."""
    import sqlite3
    import time

    out: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="checker-scale-") as tmp:
        db = sqlite3.connect(Path(tmp) / "reports.sqlite3")
        db.executescript("CREATE TABLE reports (id INTEGER PRIMARY KEY, org TEXT, year INTEGER, text TEXT);"
                         "CREATE INDEX reports_org ON reports(org, year);")
        for n in sorted(sizes):
            have = db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
            db.executemany("INSERT INTO reports (org, year, text) VALUES (?, ?, '')",  # 100k bodies, one a year
                           ((f"某省某县某局{i % PER_YEAR}", 2015 + i // PER_YEAR) for i in range(have, n)))
            db.commit()
            db.execute("SELECT COUNT(DISTINCT COALESCE(org, '#' || id)) FROM reports").fetchone()  # warm
            t = time.perf_counter()
            for _ in range(5):
                db.execute("SELECT COUNT(DISTINCT COALESCE(org, '#' || id)) FROM reports").fetchone()
            out[n] = (time.perf_counter() - t) / 5
        db.close()
    return out


def simulate(results: dict, per_year: int = PER_YEAR, years: int = YEARS,
             report_chars: float | None = None) -> dict[str, object]:
    """The fitted laws and their values at one year's, five years' and ten years' reports. With
    ``report_chars`` (the length of real reports), bytes are also scaled by it over the generated
    reports' mean length: the archive stores the text and a gram per counted character, so its bytes
    follow characters, not reports."""
    scales = results["scales"]
    ns = [s["reports"] for s in scales]
    size = fit(ns, [s["archive_file_bytes"] for s in scales])
    build = fit(ns, [s["build_s"]["archive"] for s in scales])
    look = fit(ns, [s["methods"]["archive"]["mean_s"] for s in scales])
    cand = fit(ns, [s["archive_stages_s"]["candidates"] for s in scales])
    points = [per_year, per_year * years // 2, per_year * years]
    stretch = report_chars / results["corpus"]["mean_report_chars"] if report_chars else 1.0
    return {"measured": ns, "stretch": stretch, "report_chars": report_chars, "size": size, "build": build, "lookup": look, "candidates": cand,
            "at": {n: {"bytes": size(n), "bytes_real": size(n) * stretch, "build_s": build(n), "add_per_s": 1 / build.marginal(n),
                       "lookup_s": look(n), "candidates_s": cand(n)} for n in points}}


def markdown(sim: dict, tables: dict[str, tuple[int | None, int]] | None, scan: dict[int, float] | None = None) -> str:
    s, b, lk = sim["size"], sim["build"], sim["lookup"]
    out = [f"Fitted on the measured archives of {', '.join(f'{n:,}' for n in sim['measured'])} reports:", "",
           f"- database bytes = {s.a:,.0f} · n^{s.b:.3f}",
           f"- build seconds (`Archive.add_many` filling an empty archive, normalising included) = {b.a:.4f} · n^{b.b:.3f}",
           f"- look-up seconds per query = {lk.a:.4f} · n^{lk.b:.3f}", "",
           f"Real reports: {sim['report_chars'] or 0:,.0f} characters on average, {sim['stretch']:.2f}× the "
           "generated ones; the file at that length scales bytes by the same factor.", "",
           "| archived reports | SQLite file | bytes / report | file at real length | build from empty "
           "| bulk-load rate at that size | look-up / query |", "|--:|--:|--:|--:|--:|--:|--:|"]
    for n, r in sim["at"].items():
        out.append(f"| {n:,} | {r['bytes'] / 1e9:,.1f} GB | {r['bytes'] / n / 1e3:,.1f} KB "
                   f"| {r['bytes_real'] / 1e9:,.0f} GB "
                   f"| {r['build_s'] / 3600:,.1f} h | {r['add_per_s']:,.1f} reports/s | {r['lookup_s']:.3f} s |")
    if tables:
        total_rows_bytes = sum(v for _, v in tables.values())
        out += ["", "Where the bytes go (a 200-report archive of the same corpus, `dbstat`):", "",
                "| table or index | rows | share of the file |", "|---|--:|--:|"]
        out += [f"| {name} | {'index' if rows is None else f'{rows:,}'} | {size / total_rows_bytes:.0%} |"
                for name, (rows, size) in tables.items() if size / total_rows_bytes >= 0.005]
    if scan:
        out += ["", "The body count the look-up used to make (`COUNT(DISTINCT org)`; now kept in `meta` by every add), simulated alone (warm cache, mean of 5):", "",
                "| reports | seconds |", "|--:|--:|"]
        out += [f"| {n:,} | {t:.4f} |" for n, t in scan.items()]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale_sim", description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--per-year", type=int, default=PER_YEAR)
    parser.add_argument("--years", type=int, default=YEARS)
    parser.add_argument("--no-tables", action="store_true", help="skip the per-table split and the body-count simulation (both build databases)")
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text(encoding="utf-8"))
    from bench.__main__ import SEEDS

    seeds = [len(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    sim = simulate(results, args.per_year, args.years, sum(seeds) / len(seeds) if seeds else None)
    if args.no_tables:
        print(markdown(sim, None))
    else:
        print(markdown(sim, table_bytes(), body_count_scan()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
