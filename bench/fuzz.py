"""``make fuzz``: the fuzz targets of tests/fuzz_targets.py on at least 10,000 generated inputs.

Counts every input actually run, times each target, and writes the figures into the "Fuzz" section of
bench/results.md (the rest of that file is the reuse benchmark's and is kept as it is).
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from hypothesis import given, settings

from bench.sections import write_section
from tests.fuzz_targets import SETTINGS, TARGETS

RESULTS = Path(__file__).parent / "results.md"
BEGIN, END = "<!-- fuzz:begin -->", "<!-- fuzz:end -->"


# Inputs per target (10,200 in all): reading a generated .docx or .pdf costs far more than normalising
# a string, so the cheap targets take more of the count.
COUNTS = {"normaliser": 4000, "outline": 3000, "ruleset": 2000, "readers": 1200}


def run(scale: float) -> list[tuple[str, int, float, str]]:
    rows = []
    for name, (strategy, target) in sorted(TARGETS.items()):
        count = [0]
        once = _counted(strategy, target, count, max(1, int(COUNTS[name] * scale)))
        started = time.perf_counter()
        outcome = "0 tracebacks"
        try:
            once()
        except Exception as e:  # noqa: BLE001 — a failure is a finding: report it, do not hide it
            outcome = f"FAILED: {type(e).__name__}: {str(e).splitlines()[0][:120]}"
        rows.append((name, count[0], time.perf_counter() - started, outcome))
        print(f"{name:12s} {count[0]:6d} inputs  {rows[-1][2]:7.1f} s  {outcome}", flush=True)
    return rows


def _counted(strategy: Any, target: Callable[[Any], None], count: list[int], examples: int) -> Callable[[], None]:
    @settings(SETTINGS, max_examples=examples)
    @given(strategy)
    def once(value: object) -> None:
        count[0] += 1
        target(value)

    return once


def write(rows: list[tuple[str, int, float, str]], scale: float, hostile_rows: list[str]) -> None:
    total, seconds = sum(r[1] for r in rows), sum(r[2] for r in rows)
    lines = [BEGIN, "## Fuzz (`make fuzz`)", "",
             f"{datetime.now().isoformat(timespec='seconds')} · {platform.platform()} · Python "
             f"{platform.python_version()} · `python -m bench.fuzz --scale {scale:g}`", "",
             "| target | inputs | seconds | outcome |", "|---|---:|---:|---|"]
    lines += [f"| {n} | {c} | {s:.1f} | {o} |" for n, c, s, o in rows]
    lines += [f"| **total** | **{total}** | **{seconds:.1f}** | "
              f"{'0 tracebacks' if all(r[3] == '0 tracebacks' for r in rows) else 'see above'} |", "",
              "Targets: readers (random bytes, byte-mutated seed reports, re-encoded report-like text, "
              "broken .docx and .pdf), normaliser, outline, checklist loader. Every input must give a result "
              "or a one-line `CheckerError`.", "",
              "### Hostile inputs, each a real `checker` process under a 3 GB address-space cap (`bench/hostile.py`)",
              "", *hostile_rows, "",
              "Contract: exit 0, 1 or 2 (2 with one line naming the file), no traceback, no hang (60 s). Classes: "
              ".docx bombs (gridSpan, vMerge chains, huge styles part, padded body, forged sizes), .pdf bombs "
              "(Flate and LZW), nested-quantifier regexes in a checklist, YAML alias bombs (checklist, config, "
              "waivers), file names with GBK bytes, newlines and control characters in every output format and "
              "a batch, archives with 8 KB overwritten.", END]
    write_section(RESULTS, lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the inputs per target")
    args = parser.parse_args()
    rows = run(args.scale)
    from bench import hostile

    tallies = hostile.run()
    write(rows, args.scale, hostile.table(tallies))
    return 0 if all(r[3] == "0 tracebacks" for r in rows) and all(t.ok for t in tallies) else 1


if __name__ == "__main__":
    sys.exit(main())
