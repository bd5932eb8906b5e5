"""``make bench``: re-checking an edited draft through a running ``checker serve`` against a cold check.

A drafter edits and re-checks: through the service the model is already loaded. The same 10,000-character
draft is checked cold (``python -m checker check``, a new process each time) and through the service with
one character changed between requests, in the same run. Target: the warm re-check's median ≤ 0.3 s.
Figures go to bench/results.md between the serve markers.
"""

from __future__ import annotations

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

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results.md"
BEGIN, END = "<!-- serve:begin -->", "<!-- serve:end -->"
TARGET = 0.3
COLD_RUNS, WARM_RUNS = 3, 20


def draft(chars: int = 10_000) -> str:
    """A report of ``chars`` characters: the longest seed, its body paragraphs repeated as the draft grows."""
    seeds = sorted((ROOT / "tests" / "data" / "seeds").glob("0*.txt"))
    text = max((p.read_text(encoding="utf-8") for p in seeds), key=len)
    lines = text.splitlines()
    body = [line for line in lines if len(line) > 60]
    i = 0
    while len("\n".join(lines)) < chars:
        lines.insert(len(lines) // 2, body[i % len(body)])
        i += 1
    return "\n".join(lines)[:chars]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    import httpx

    from tests.serve_process import service

    text = draft()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "草稿.txt"
        path.write_text(text, encoding="utf-8")
        cold = []
        for _ in range(COLD_RUNS):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "checker", "check", str(path), "-f", "json"], cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, check=False)
            cold.append(time.perf_counter() - started)
        warm = []
        with service(workers=1, queue=4) as (url, _pid), httpx.Client(base_url=url, timeout=120) as client:
            for i in range(WARM_RUNS + 1):
                edited = text.replace("。", "；", i + 1) if i else text  # a drafter's small edit each time
                started = time.perf_counter()
                response = client.post("/api/v1/check", files={"file": ("草稿.txt", edited.encode("utf-8"))})
                seconds = time.perf_counter() - started
                assert response.status_code == 200, response.text
                if i:  # the first request warms the worker
                    warm.append(seconds)
    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    met = warm_median <= TARGET
    lines = [BEGIN, "## Re-checking through `checker serve` (`make bench`)", "",
             f"{datetime.now().isoformat(timespec='seconds')} · {platform.platform()} · Python {platform.python_version()}"
             " · `python -m bench.serve_speed`", "",
             f"A {len(text):,}-character draft; cold: `checker check` in a new process ({COLD_RUNS} runs); warm: "
             f"POST /api/v1/check to a running service with one worker, one character edited each time ({WARM_RUNS} runs "
             "after one warm-up).", "",
             "| | median s | min s | max s |", "|---|---:|---:|---:|",
             f"| cold `checker check` | {cold_median:.2f} | {min(cold):.2f} | {max(cold):.2f} |",
             f"| warm re-check through the service | {warm_median:.3f} | {min(warm):.3f} | {max(warm):.3f} |", "",
             f"Warm re-check {cold_median / warm_median:.0f}× faster than a cold check. Target ≤ {TARGET} s median: "
             f"**{'met' if met else 'not met'}** ({warm_median:.3f} s).", END]
    print("\n".join(lines[2:-1]))
    write_section(RESULTS, lines)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
