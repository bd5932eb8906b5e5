"""Cold ``checker check`` of a 10,000-character report with three earlier years, against today's floor.

Issue 13, target 1. Every figure is a fresh child process (wall time, and peak RSS read with ``wait4``),
measured side by side in one run, the median of ``--repeat`` rounds taken in turn:

- floor: ``import spacy`` and spaCy's Chinese pipeline with the stock spacy-pkuseg model load (the
  2.64M-entry feature dict from msgpack) — what any spaCy+pkuseg program pays before its first word;
- before: the cold check as it was, the stock load (``CHECKER_STOCK_PKUSEG=1``);
- after: the cold check reading the memory-mapped feature table (an empty ``--history`` cache each time);
- alone: the same check without ``--history``, and cached: with the three files already prepared in the
  user cache (issue 13, target 2: ≤ 10 % over alone).

Target: after ≤ 1.5 s and ≤ 300 MB, i.e. ≤ 0.35× the floor's wall time. Writes the "Cold check" section of
bench/results.md (the rest of the file is kept). Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.sections import write_section
from checker.text import nlp

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results.md"
BEGIN, END = "<!-- cold:begin -->", "<!-- cold:end -->"
REPORT_CHARS = 10_000
WALL_TARGET, RSS_TARGET, RATIO_TARGET, OVERHEAD_TARGET = 1.5, 300.0, 0.35, 0.10
ISSUE_FLOOR = 4.3  # s: the floor on the machine the issue's 1.5 s was set on (1.5 s ≈ 0.35 × 4.3 s)

FLOOR = """
import spacy
from spacy.lang.zh import Chinese
nlp = Chinese.from_config({"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
nlp.tokenizer.initialize(pkuseg_model=%r, pkuseg_user_dict="default")
"""


def sources() -> list[str]:
    paths = sorted((ROOT / "tests" / "data" / "seeds").glob("0*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def write_reports(folder: Path) -> tuple[Path, list[Path]]:
    """A 2024 report and its 2021–2023 predecessors, each 10,000 characters of published report text
    (the seeds, read from a different starting point for each year, with the year changed)."""
    text = "\n".join(sources())
    files = []
    for k, year in enumerate((2024, 2023, 2022, 2021)):
        start = (k * len(text)) // 4
        body = (text[start:] + "\n" + text)[:REPORT_CHARS].replace("2024", str(year)).replace("2023", str(year - 1))
        path = folder / f"示例局{year}年法治政府建设年度报告.txt"
        path.write_text(body, encoding="utf-8")
        files.append(path)
    return files[0], files[1:]


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:4])} … exited {code}:\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cold_start")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    model = nlp.ensure_model()
    base = {**os.environ, "PYTHONPATH": str(ROOT)}
    base.pop("CHECKER_STOCK_PKUSEG", None)
    with tempfile.TemporaryDirectory(prefix="checker-cold-") as tmp:
        report, history = write_reports(Path(tmp))
        check = [sys.executable, "-m", "checker", "check", str(report), "--no-config", "--format", "json"]
        for h in history:
            check += ["--history", str(h)]
        subprocess.run([sys.executable, "-m", "checker.setup_model"], env=base, check=True, capture_output=True)
        warm = str(Path(tmp) / "cache-warm")
        alone = check[: check.index("--history")]
        cases = {
            "floor": ([sys.executable, "-c", FLOOR % str(model)], base),
            "before": (check, {**base, "CHECKER_STOCK_PKUSEG": "1"}),
            "after": (check, base),
            "alone": (alone, base),
            "cached": (check, {**base, "CHECKER_CACHE_DIR": warm}),
        }
        runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in cases}
        run(*cases["cached"])  # warm the page cache for every case alike, and the history cache for "cached"
        for round_ in range(args.repeat):
            for name, (cmd, env) in cases.items():
                if name in ("before", "after"):  # history prepared in the run: an empty cache each time
                    env = {**env, "CHECKER_CACHE_DIR": str(Path(tmp) / f"cache-{name}-{round_}")}
                runs[name].append(run(cmd, env))
    wall = {name: statistics.median(r[0] for r in rs) for name, rs in runs.items()}
    rss = {name: statistics.median(r[1] for r in rs) for name, rs in runs.items()}
    codes = {name: {r[2] for r in rs} for name, rs in runs.items()}
    if not codes["before"] == codes["after"] == codes["cached"]:
        raise SystemExit(f"the check's exit code differs: before {codes['before']}, after {codes['after']}, "
                         f"history cached {codes['cached']}")
    # Ratios pair the runs of one round (taken one after another), then the median is taken: the machine's
    # speed drifts over a run (a shared host), and a ratio of two medians would carry that drift.
    def paired(a: str, b: str) -> float:
        return statistics.median(x[0] / y[0] for x, y in zip(runs[a], runs[b], strict=True))

    ratio = paired("after", "floor")
    overhead = paired("cached", "alone") - 1
    # The issue's 1.5 s was set on a machine whose floor measured ~4.3 s; on a slower or faster day the
    # same work takes proportionally longer or shorter, which is why the ratio is the target.
    scaled = WALL_TARGET * wall["floor"] / ISSUE_FLOOR

    def met(ok: bool) -> str:
        return "met" if ok else "not met"

    targets = [
        (f"cold check wall time ≤ 1.5 s where the floor is {ISSUE_FLOOR} s (the issue's machine), i.e. ≤ "
         f"{scaled:.2f} s today (floor {wall['floor']:.2f} s)", f"{wall['after']:.2f} s",
         met(wall["after"] <= scaled)),
        ("cold check peak RSS ≤ 300 MB", f"{rss['after']:.0f} MB", met(rss["after"] <= RSS_TARGET)),
        ("≤ 0.35× the floor (import spacy + stock pkuseg load)", f"{ratio:.2f}×", met(ratio <= RATIO_TARGET)),
        ("three cached `--history` files cost ≤ 10 % over no history", f"{overhead:+.0%}",
         met(overhead <= OVERHEAD_TARGET)),
    ]
    lines = [BEGIN, "## Cold check (`python -m bench.cold_start`)", "",
             f"{datetime.now().isoformat(timespec='seconds')} · {platform.platform()} · {os.cpu_count()} cores · "
             f"median of {args.repeat} rounds, each case a fresh process, run in turn; ratios are the median of "
             "each round's own ratio", "",
             f"A {REPORT_CHARS:,}-character report checked with three `--history` files of the same size "
             "(`--format json`). All four are cut from the same 26,000 characters of seed text, so many "
             "lines recur across the years, as recycled reports do; the checker segments each distinct "
             "line once, and an earlier year only in the lines its outline asks about.", "",
             "| case | wall (s) | peak RSS (MB) | wall vs floor |", "|---|---:|---:|---:|"]
    labels = {"floor": "floor: `import spacy` + stock spacy-pkuseg model load",
              "before": "cold check, stock pkuseg load (before)", "after": "cold check, memory-mapped table (after)",
              "alone": "the same check without `--history`",
              "cached": "second run: the `--history` files prepared, from the user cache"}
    for name, label in labels.items():
        lines.append(f"| {label} | {wall[name]:.2f} | {rss[name]:.0f} | {paired(name, 'floor'):.2f}× |")
    lines += ["", f"After vs before: {paired('after', 'before'):.2f}× the wall time, "
              f"{rss['after'] / rss['before']:.2f}× the peak RSS.", "",
              "| target | figure | |", "|---|---|---|"]
    lines += [f"| {t} | {f} | {m} |" for t, f, m in targets]
    lines.append(END)
    write_section(RESULTS, lines)
    print("\n".join(lines[1:-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
