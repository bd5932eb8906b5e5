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


def table_bytes(reports: int = 200) -> dict[str, tuple[int, int]]:
    """(rows, bytes) per table and index of an archive of ``reports`` generated reports."""
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
    return {name: (rows.get(name, 0), int(size)) for name, size in sorted(sizes.items(), key=lambda kv: -kv[1])}


def simulate(results: dict, per_year: int = PER_YEAR, years: int = YEARS) -> dict[str, object]:
    scales = results["scales"]
    ns = [s["reports"] for s in scales]
    size = fit(ns, [s["archive_file_bytes"] for s in scales])
    build = fit(ns, [s["build_s"]["archive"] for s in scales])
    look = fit(ns, [s["methods"]["archive"]["mean_s"] for s in scales])
    cand = fit(ns, [s["archive_stages_s"]["candidates"] for s in scales])
    points = [per_year, per_year * years // 2, per_year * years]
    return {"measured": ns, "size": size, "build": build, "lookup": look, "candidates": cand,
            "at": {n: {"bytes": size(n), "build_s": build(n), "add_per_s": 1 / build.marginal(n),
                       "lookup_s": look(n), "candidates_s": cand(n)} for n in points}}


def markdown(sim: dict, tables: dict[str, tuple[int, int]] | None) -> str:
    s, b, lk = sim["size"], sim["build"], sim["lookup"]
    out = [f"Fitted on the measured archives of {', '.join(f'{n:,}' for n in sim['measured'])} reports:", "",
           f"- database bytes = {s.a:,.0f} · n^{s.b:.3f}",
           f"- build seconds (one `Archive.add` transaction per report) = {b.a:.4f} · n^{b.b:.3f}",
           f"- look-up seconds per query = {lk.a:.4f} · n^{lk.b:.3f}", "",
           "| archived reports | SQLite file | bytes / report | build from empty | add rate at that size "
           "| look-up / query |", "|--:|--:|--:|--:|--:|--:|"]
    for n, r in sim["at"].items():
        out.append(f"| {n:,} | {r['bytes'] / 1e9:,.1f} GB | {r['bytes'] / n / 1e3:,.1f} KB "
                   f"| {r['build_s'] / 3600:,.1f} h | {r['add_per_s']:,.1f} reports/s | {r['lookup_s']:.3f} s |")
    if tables:
        total_rows_bytes = sum(v for _, v in tables.values())
        out += ["", "Where the bytes go (a 200-report archive of the same corpus, `dbstat`):", "",
                "| table or index | rows | share of the file |", "|---|--:|--:|"]
        out += [f"| {name} | {rows:,} | {size / total_rows_bytes:.0%} |" for name, (rows, size) in tables.items()]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale_sim", description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--per-year", type=int, default=PER_YEAR)
    parser.add_argument("--years", type=int, default=YEARS)
    parser.add_argument("--no-tables", action="store_true", help="skip the per-table split (builds an archive)")
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text(encoding="utf-8"))
    sim = simulate(results, args.per_year, args.years)
    print(markdown(sim, None if args.no_tables else table_bytes()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
