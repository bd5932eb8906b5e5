"""``checker batch`` at the segmenter's rate (issue 13, target 3), measured side by side in one run.

* the raw pkuseg rate, the reference of the target: stock spacy-pkuseg alone (``pkuseg.cut`` with its own
  feature dict, ``CHECKER_STOCK_PKUSEG=1``) over the pieces of the speed folder's texts, in one process;
  and, for information, the checker's own segmenter alone (the same words, from the integer tables,
  pieces cut together as the checker does), which shows how much of a batch is segmentation;
* ``checker batch --jobs 1`` and ``--jobs 2`` over the same folder (≥ 1M characters: the seeds, the examples
  and generated reports of distinct bodies, as a year's submissions are), wall time of the whole command;
* the target: batch ≥ 0.8 × cores × raw rate, and the 1 → 2 worker scaling;
* memory: PSS summed over the batch process and its workers (``/proc/<pid>/smaps_rollup``, sampled while
  it runs; the peak) at 100 and 1,000 files — flat means the 1,000-file peak ≤ 1.2 × the 100-file one;
* for information: a folder holding every body's five years, where each later report is also compared
  with the body's earlier ones (more work than a check, by design), and the old baseline of
  ``checker check`` started once per file.

Figures go into the "Batch" section of bench/results.md (the rest of the file is kept). The prepared
history cache goes to a temporary directory, so no run profits from an earlier one.
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bench.sections import write_section

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results.md"
if TYPE_CHECKING:
    from bench.corpus import Corpus

BEGIN, END = "<!-- batch:begin -->", "<!-- batch:end -->"
CHECKER = [sys.executable, "-m", "checker"]
SPEED_FILES, SMALL, LARGE = 500, 100, 1000
TARGET, FLAT = 0.8, 1.2


def sources() -> list[Path]:
    return sorted((ROOT / "tests" / "data" / "seeds").glob("0*.txt")) + sorted((ROOT / "examples").glob("*.txt"))


def folder(target: Path, n: int, *, years: bool = False) -> int:
    """Write ``n`` reports into ``target``: the seeds and examples, then generated ones — each of another
    body (its 2023 report), or with ``years`` every body's 2019–2023 reports in turn. Returns the
    characters written. The first ``k`` files of a folder of ``n`` are the folder of ``k``."""
    from bench.corpus import YEARS

    target.mkdir(parents=True, exist_ok=True)
    real = [] if years else sources()[:n]
    chars = 0
    for i, path in enumerate(real):
        text = path.read_text(encoding="utf-8")
        (target / f"a{i:04d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    corpus = _corpus()
    for i in range(n - len(real)):
        text = corpus.report(i if years else YEARS * i + YEARS - 1).text
        (target / f"g{i:04d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


@functools.cache
def _corpus() -> Corpus:
    from bench.corpus import Corpus, vocabulary

    return Corpus(vocabulary(sources()))


def raw_rate(reports: Path, *, stock: bool = False) -> tuple[float, int]:
    """Characters per second of the segmenter alone, in a process of its own (started cold, as batch is);
    ``stock``: spacy-pkuseg with its own 2.64-million-entry dict, not the checker's integer tables."""
    env = {**os.environ, "CHECKER_STOCK_PKUSEG": "1"} if stock else {
        k: v for k, v in os.environ.items() if k != "CHECKER_STOCK_PKUSEG"}
    out = subprocess.run([sys.executable, "-m", "bench.batch_speed", "--raw", str(reports)], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1])


def _segment_only(reports: Path) -> None:
    from checker.text import nlp

    nlp.pipeline()  # loaded before the clock starts
    texts = [p.read_text(encoding="utf-8") for p in sorted(reports.glob("*.txt"))]
    # each report's lines together, as the checker hands them over; stock pkuseg cuts one at a time
    reports_pieces = [[piece for line in text.splitlines(keepends=True) for _, piece in nlp._line_chunks(line)]
                      for text in texts]
    started = time.perf_counter()
    for pieces in reports_pieces:
        nlp.cut(pieces)
    seconds = time.perf_counter() - started
    chars = sum(map(len, texts))
    print(chars / seconds, chars)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue  # gone meanwhile
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def pss(root: int) -> tuple[int, int]:
    """PSS in bytes of ``root`` and every process below it (shared pages counted once in all: the model
    the workers share shows as it is, not once per worker as RSS would), and its anonymous part (file
    pages are also shared with any other process mapping the same files, which makes PSS vary)."""
    tree, total, anon, todo = _children(), 0, 0, [root]
    while todo:
        pid = todo.pop()
        todo += tree.get(pid, [])
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        fields = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in rollup.splitlines()[1:]}
        total += fields.get("Pss", 0)
        anon += fields.get("Pss_Anon", 0)
    return total, anon


def batch(reports: Path, jobs: int, env: dict[str, str], *, sample: bool = False) -> tuple[float, tuple[int, int]]:
    """Wall seconds of ``checker batch`` and, with ``sample``, its peak PSS sampled every 0.2 s (sampling
    takes a little CPU from the run, so the speed runs are not sampled)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors, subprocess.Popen(
            [*CHECKER, "batch", str(reports), "--jobs", str(jobs), "--no-config"], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=errors) as proc:
        peak = (0, 0)
        while proc.poll() is None:
            if sample:
                peak = max(peak, pss(proc.pid))
            time.sleep(0.2 if sample else 0.05)
        errors.seek(0)
        err = errors.read()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"checker batch failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    return time.perf_counter() - started, peak


def per_file(env: dict[str, str]) -> tuple[int, float, float]:
    """The old baseline: ``checker check`` started once per seed and example, against one batch of them."""
    with tempfile.TemporaryDirectory(prefix="checker-batch-") as tmp:
        reports = Path(tmp)
        for i, p in enumerate(sources()):
            shutil.copy(p, reports / f"{i:02d}-{p.name}")
        files = sorted(reports.iterdir())
        started = time.perf_counter()
        for f in files:
            subprocess.run([*CHECKER, "check", str(f), "--no-config"], cwd=ROOT, env=env, capture_output=True,
                           check=False)
        each = time.perf_counter() - started
        return len(files), each, batch(reports, 2, env)[0]


def met(ok: bool) -> str:
    return "met" if ok else "not met"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.batch_speed", description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, help=argparse.SUPPRESS)  # the segmenter-only child process
    args = parser.parse_args()
    if args.raw:
        _segment_only(args.raw)
        return 0
    cores = os.cpu_count() or 1
    log_start = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - log_start:6.1f} s] {message}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="checker-batch-") as tmp:
        base = Path(tmp)
        env = {**os.environ, "CHECKER_CACHE_DIR": str(base / "cache")}
        chars = {n: folder(base / f"f{n}", n) for n in (SMALL, SPEED_FILES, LARGE)}
        years_chars = folder(base / "years", 200, years=True)
        log(f"folders written: {chars} characters")
        raw, raw_chars = raw_rate(base / f"f{SPEED_FILES}", stock=True)
        log(f"raw pkuseg (stock spacy-pkuseg): {raw:,.0f} chars/s over {raw_chars:,} characters")
        own, _ = raw_rate(base / f"f{SPEED_FILES}")
        log(f"the checker's segmenter alone: {own:,.0f} chars/s")
        speed = {}
        for jobs in (1, 2):
            seconds, _ = batch(base / f"f{SPEED_FILES}", jobs, env)
            speed[jobs] = chars[SPEED_FILES] / seconds
            log(f"batch --jobs {jobs}: {seconds:.1f} s, {speed[jobs]:,.0f} chars/s")
        memory = {}
        for n in (SMALL, LARGE):
            seconds, memory[n] = batch(base / f"f{n}", 2, env, sample=True)
            log(f"batch --jobs 2 over {n} files: {seconds:.1f} s, peak PSS {memory[n][0] / 2**20:.0f} MB")
        years_seconds, _ = batch(base / "years", 2, env)
        log(f"batch --jobs 2 over 40 bodies × 5 years: {years_seconds:.1f} s")
        n_files, each, together = per_file(env)
        log("per-file baseline done")
    load = os.getloadavg()
    best = max(speed.values())
    ratio = best / (cores * raw)
    ratio_own = best / (cores * own)
    scaling = speed[2] / speed[1]
    flat = memory[LARGE][0] / memory[SMALL][0]
    years_rate = years_chars / years_seconds
    mb = lambda b: f"{b / 2**20:,.0f} MB"  # noqa: E731
    lines = [BEGIN, "## Batch (`python -m bench.batch_speed`)", "",
             f"{datetime.now().isoformat(timespec='seconds')} · {platform.platform()} · {cores} cores · "
             f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the end (other work on the machine "
             "slows the runs and spoils the scaling)", "",
             f"Speed folder: {SPEED_FILES} reports, {chars[SPEED_FILES]:,} characters (the seeds, the examples and "
             "generated reports of distinct bodies). Wall time of the whole command, model load included.", "",
             "| what | chars/s | × raw rate |", "|---|---:|---:|",
             f"| raw pkuseg: stock spacy-pkuseg alone, one process, its own dict (load not timed) | {raw:,.0f} | 1.00 |",
             f"| for information: the checker's segmenter alone, one process, the same words from its integer "
             f"tables (load not timed) | {own:,.0f} | {own / raw:.2f} |",
             f"| `checker batch --jobs 1` | {speed[1]:,.0f} | {speed[1] / raw:.2f} |",
             f"| `checker batch --jobs 2` | {speed[2]:,.0f} | {speed[2] / raw:.2f} |",
             f"| `checker batch --jobs 2`, 40 bodies × 5 years ({years_chars:,} chars; later years also compared "
             f"with earlier ones) | {years_rate:,.0f} | {years_rate / raw:.2f} |", "",
             "| memory (`--jobs 2`, PSS of the batch and its workers) | files | characters | peak PSS | "
             "its anonymous part |", "|---|---:|---:|---:|---:|",
             *(f"| {name} folder | {n} | {chars[n]:,} | {mb(memory[n][0])} | {mb(memory[n][1])} |"
               for name, n in (("small", SMALL), ("large", LARGE))), "",
             "| target | figure | |", "|---|---:|---|",
             f"| batch ≥ {TARGET} × cores × raw rate ({cores} × {raw:,.0f} chars/s) | {ratio:.2f} | "
             f"**{met(ratio >= TARGET)}** |",
             f"| for information: batch against {cores} × the checker's own segmenter ({own:,.0f} chars/s) | "
             f"{ratio_own:.2f} | per character and core, a whole check takes {1 / ratio_own:.1f}× the segmentation alone |",
             f"| `--jobs` scaling, 1 → 2 workers (ideal {min(cores, 2)}.0) | {scaling:.2f}× | "
             f"{'scales' if scaling >= 1.6 else 'does not scale (see load above)'} |",
             f"| memory flat: peak PSS at {LARGE} files ≤ {FLAT} × at {SMALL} | {flat:.2f}× | **{met(flat <= FLAT)}** |",
             "",
             f"Old baseline: `checker check` started once per file, {n_files} seeds and examples: {each:.1f} s; "
             f"`checker batch --jobs 2` over them: {together:.1f} s ({each / together:.1f}×).", END]
    write_section(RESULTS, lines)
    print("\n".join(lines[3:-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
