"""``python -m bench`` (``make bench``): the reuse look-up against brute force, an indexed baseline and copydetect.

Writes bench/results.json (every figure) and the reuse section of bench/results.md (tables and what
they say). Options: ``--scales 100,1000`` for a quick run, ``--queries N`` (at most 25: a fifth of them
independent), ``--render`` to rewrite results.md from results.json without running anything.
The default, ``--scales 1000,10000,100000``, measures the archive at 100,000 reports (~25 min on 2 loaded
cores, 3.7 GB of memory, ~10 GB of disk: above 10,000 copydetect is not run and brute force runs on 4
queries, see bench/reuse_bench.py).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import KINDS, Corpus, vocabulary
from bench.report import markdown, write
from bench.reuse_bench import LATER, Scorer, compare_at
from checker.reuse import align
from checker.rules.checklist import load

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("CHECKER_SEEDS", ROOT / "tests" / "data" / "seeds"))


def machine() -> dict[str, object]:
    meminfo = Path("/proc/meminfo")
    total = next((line.split(":")[1].strip() for line in meminfo.read_text().splitlines()
                  if line.startswith("MemTotal")), "?") if meminfo.exists() else "?"
    versions = {name: importlib.metadata.version(name) for name in ("numpy", "rapidfuzz", "copydetect")}
    return {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(), "memory": total, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, **versions}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1000,10000,100000", help="archive sizes, comma-separated")
    parser.add_argument("--queries", type=int, default=20, help="query reports (a fifth independent)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench", help="folder for results.md and results.json")
    parser.add_argument("--render", action="store_true", help="only rewrite results.md from results.json")
    args = parser.parse_args(argv)
    if args.render:
        write(args.out / "results.md", json.loads((args.out / "results.json").read_text(encoding="utf-8")))
        return 0
    scales = sorted({int(s) for s in args.scales.split(",")})
    if not 2 <= args.queries <= 25:
        parser.error("--queries must be between 2 and 25")
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f} s] {message}", file=sys.stderr, flush=True)

    sources = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    corpus = Corpus(vocabulary(sources), args.seed)
    queries = corpus.queries(args.queries)
    score = Scorer(corpus, queries)
    reports = [corpus.report(i) for i in range(max(scales))]
    later = [corpus.report(max(scales) + i) for i in range(LATER)]
    log(f"vocabulary of {len(corpus.vocab)} words; {len(reports)} reports and {len(queries)} queries generated")
    results: dict[str, object] = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "command": " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])]).strip(),
        "machine": machine(),
        "parameters": {"K": align.K, "WINDOW": align.WINDOW, "GAP": align.GAP, "MIN_CHARS": align.MIN_CHARS,
                       "MAX_OCCURRENCES": align.MAX_OCCURRENCES},
        "corpus": {
            "seed": args.seed, "vocabulary": len(corpus.vocab), "vocabulary_from": [p.name for p in sources],
            "mean_report_chars": sum(len(r.text) for r in reports) / len(reports),
            "queries_reusing": sum(bool(q.cases) for q in queries),
            "queries_independent": sum(not q.cases for q in queries),
            "cases": {k: sum(c.kind == k for q in queries for c in q.cases) for k in KINDS},
            "runs13": sum(score.runs),
        },
        "scales": [],
    }
    formulas = load("national").boilerplate
    with tempfile.TemporaryDirectory(prefix="checker-bench-") as tmp:
        for n in scales:
            results["scales"].append(compare_at(reports[:n], queries, score, formulas, Path(tmp), log, later))  # type: ignore[attr-defined]
    results["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    results["total_s"] = time.perf_counter() - started
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write(args.out / "results.md", results)
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
