"""``checker batch`` against ``checker check`` run once per file, on the same folder, in one run.

The per-file baseline starts a process per report, as a shell loop or a naive CI job would, so each
pays for loading the segmentation model; batch loads it once and shares it with its workers.
Figures go into the "Batch" section of bench/results.md (the rest of the file is kept).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.sections import write_section

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results.md"
BEGIN, END = "<!-- batch:begin -->", "<!-- batch:end -->"
CHECKER = [sys.executable, "-m", "checker"]


def folder() -> Path:
    target = Path(tempfile.mkdtemp(prefix="checker-batch-"))
    sources = sorted((ROOT / "tests" / "data" / "seeds").glob("0*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    for i, p in enumerate(sources):
        shutil.copy(p, target / f"{i:02d}-{p.name}")
    return target


def timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - started


def main() -> int:
    reports = folder()
    files = sorted(reports.iterdir())
    per_file = sum(timed([*CHECKER, "check", str(f), "--no-config"]) for f in files)
    batch = timed([*CHECKER, "batch", str(reports), "--jobs", "2", "--no-config"])
    shutil.rmtree(reports)
    lines = [BEGIN, "## Batch (`python -m bench.batch_speed`)", "",
             f"{datetime.now().isoformat(timespec='seconds')} · {platform.platform()} · {os.cpu_count()} cores", "",
             "| method | reports | seconds | per report |", "|---|---:|---:|---:|",
             f"| `checker check` once per file (baseline) | {len(files)} | {per_file:.1f} | {per_file / len(files):.2f} |",
             f"| `checker batch --jobs 2` | {len(files)} | {batch:.1f} | {batch / len(files):.2f} |", "",
             f"Speed-up: **{per_file / batch:.1f}×** (the model is loaded once and shared by the workers).", END]
    write_section(RESULTS, lines)
    print("\n".join(lines[5:-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
