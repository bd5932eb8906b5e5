"""``make fuzz``, second half: generated hostile inputs, each run as a real ``checker`` process.

Every class of attack of the hostile-input rounds gets a generator with random sizes and shapes
(tests/hostile_files.py builds the files). Each input runs in its own process under an address-space
cap; the contract is: exit 0, 1 or 2 (2 with one line naming the file), never 3, never a traceback,
never a hang, never over the cap. Per class: inputs, tracebacks, hangs, exits outside the contract, peak
RSS and time, written into bench/results.md between the hostile markers.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests import hostile_files as hostile

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = next((ROOT / "examples").glob("*街道*.txt"))
CAP = 3 * 1024**3  # address space of one run: the segmentation model (~1 GB) and room to spare
HANG = 60.0  # seconds before a run counts as a hang (check's own per-file limit is lower when set)


@dataclass
class Tally:
    name: str
    inputs: int = 0
    tracebacks: int = 0
    hangs: int = 0
    outside: int = 0  # exit codes the contract does not allow, or a 2 that is not one line naming the file
    peak_mb: float = 0.0
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.tracebacks or self.hangs or self.outside)


def run_capped(args: list[str], cwd: Path) -> tuple[int | None, str, float, float]:
    """(exit code or None on a hang, stderr, peak RSS in MB, seconds) of one ``checker`` process."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))

    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "checker", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=err, preexec_fn=limit, env={**os.environ, "PYTHONPATH": str(ROOT)})
        timer = threading.Timer(HANG, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    hung = proc.returncode < 0 and seconds >= HANG
    return (None if hung else proc.returncode), stderr, usage.ru_maxrss / 1024, seconds


Case = tuple[str, list[str]]  # a description, and the checker arguments (files already written)


def docx_bombs(rng: random.Random, folder: Path) -> Iterator[Case]:
    makers: list[tuple[str, Callable[[], bytes]]] = [
        ("gridSpan", lambda: hostile.docx_grid_span(rng.choice([10**3, 10**6, 10**9, 2**31 - 1]))),
        ("vMerge", lambda: hostile.docx_vertical_merges(rng.randrange(100, 6000))),
        ("styles", lambda: hostile.docx_huge_styles(rng.randrange(40, 300))),
        ("padded body", lambda: hostile.docx_padded_body(rng.randrange(65, 250), rng.randrange(500_000, 3_000_000))),
        ("forged size", lambda: hostile.docx_forged_size(rng.randrange(50, 300), rng.randrange(100, 100_000))),
    ]
    for i in range(15):
        name, make = makers[i % len(makers)]
        target = folder / f"{i}.docx"
        target.write_bytes(make())
        yield f"{name} ({target.stat().st_size:,} bytes)", ["check", str(target)]


def pdf_bombs(rng: random.Random, folder: Path) -> Iterator[Case]:
    for i in range(8):
        if i % 2:
            target, data = folder / f"{i}.pdf", hostile.pdf_lzw_bomb(rng.randrange(20, 300))
        else:
            target, data = folder / f"{i}.pdf", hostile.pdf_flate_bomb(rng.choice([128, 512, 1024, 2048]))
        target.write_bytes(data)
        yield f"{'LZW' if i % 2 else 'Flate'} ({len(data):,} bytes)", ["check", str(target)]


ATOMS = ["a", "a+", "a*", "(a|aa)", "(a|a)", r"\w+", r"\s?", ".*a", "(a+|b)", "[^x]+"]


def regex_shapes(rng: random.Random, folder: Path) -> Iterator[Case]:
    text = EXAMPLE.read_text(encoding="utf-8").replace("\n", "a" * 40 + "\n")
    report = folder / "report.txt"
    report.write_text(text, encoding="utf-8")
    for i in range(12):
        pattern = rng.choice(ATOMS)
        for _ in range(rng.randrange(1, 4)):  # nest: groups of quantified groups
            pattern = f"({pattern}{rng.choice(ATOMS)}){rng.choice(['+', '*', '{20}', '{1,30}'])}"
        pattern += rng.choice(["$", "c", "!"])
        checklist = folder / f"{i}.yaml"
        checklist.write_text(
            "extends: national\nrules:\n  - id: content.hostile\n    kind: pattern\n    severity: warning\n"
            f"    points: 1\n    message: 命中\n    patterns: ['{pattern}']\n", encoding="utf-8")
        yield pattern, ["check", str(report), "--ruleset", str(checklist), "--timeout", "30"]


def alias_bombs(rng: random.Random, folder: Path) -> Iterator[Case]:
    for i in range(9):
        bomb = folder / f"{i}.yaml"
        bomb.write_text(hostile.yaml_alias_bomb(rng.randrange(5, 12), rng.randrange(5, 12)), encoding="utf-8")
        option = ["--ruleset", "--config", "--waivers"][i % 3]
        yield f"{option} ({bomb.stat().st_size} bytes)", ["check", str(EXAMPLE), option, str(bomb)]


NAME_PIECES = [b"\xb1\xa8\xb8\xe6", b"\xc4\xea\xb6\xc8", b"\n", b"\r", b"\t", b"\x1b[31m", "报告".encode(), b" ", b"'\"<>&"]


def hostile_names(rng: random.Random, folder: Path) -> Iterator[Case]:
    text = EXAMPLE.read_bytes()
    inputs = folder / "in"
    inputs.mkdir()
    for i in range(10):
        name = b"".join(rng.choice(NAME_PIECES) for _ in range(rng.randrange(1, 5))) + b"%d.txt" % i
        target = os.path.join(os.fsencode(inputs), name)
        with open(target, "wb") as fh:
            fh.write(text)
        fmt, suffix = [("terminal", "txt"), ("json", "json"), ("sarif", "sarif"), ("junit", "xml"), ("github", "txt"),
                       ("html", "html")][i % 6]
        yield f"{name!r} → {fmt}", ["check", os.fsdecode(target), "-f", fmt, "-o", str(folder / f"out-{i}.{suffix}")]
    yield "batch over every name → csv + html", ["batch", str(inputs), "--csv", str(folder / "rows.csv"),
                                                 "-f", "html", "-o", str(folder / "pages")]


def damaged_archives(rng: random.Random, folder: Path) -> Iterator[Case]:
    seeds = sorted((ROOT / "tests" / "data" / "seeds").glob("0*.txt"))
    pristine = folder / "pristine.sqlite3"
    for seed in seeds[:3]:
        subprocess.run([sys.executable, "-m", "checker", "archive", "add", str(seed), "--archive-db", str(pristine)],
                       cwd=folder, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, check=True)
    with sqlite3.connect(pristine) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = pristine.stat().st_size
    for i in range(9):
        damaged = folder / f"{i}.sqlite3"
        shutil.copy(pristine, damaged)
        data = bytearray(damaged.read_bytes())
        start = rng.randrange(100, max(101, size - 8192))
        data[start:start + 8192] = rng.randbytes(min(8192, size - start))
        damaged.write_bytes(bytes(data))
        command = [["archive", "list"], ["archive", "add", str(seeds[-1])], ["check", str(EXAMPLE), "--archive"]][i % 3]
        yield f"{command[0]} {command[1]} on 8 KB overwritten at {start:,}", [*command, "--archive-db", str(damaged)]


CLASSES: list[tuple[str, Callable[[random.Random, Path], Iterator[Case]]]] = [
    (".docx bombs", docx_bombs), (".pdf bombs", pdf_bombs), ("regex shapes", regex_shapes),
    ("YAML alias bombs", alias_bombs), ("hostile file names", hostile_names), ("damaged archives", damaged_archives),
]


def run(seed: int = 1) -> list[Tally]:
    tallies = []
    for name, generate in CLASSES:
        tally = Tally(name)
        rng = random.Random(f"{seed}:{name}")
        with tempfile.TemporaryDirectory() as tmp:
            for what, args in generate(rng, Path(tmp)):
                code, stderr, peak, seconds = run_capped(args, Path(tmp))
                tally.inputs += 1
                tally.peak_mb = max(tally.peak_mb, peak)
                tally.seconds = max(tally.seconds, seconds)
                problem = None
                if code is None:
                    tally.hangs += 1
                    problem = "hang"
                elif "Traceback" in stderr:
                    tally.tracebacks += 1
                    problem = "traceback"
                elif code not in (0, 1, 2) or (code == 2 and len(stderr.strip().splitlines()) != 1):
                    tally.outside += 1
                    problem = f"exit {code}: {stderr.strip()[:160]!r}"
                if problem and len(tally.examples) < 3:
                    tally.examples.append(f"{what}: {problem}")
        tallies.append(tally)
        print(f"{name:20s} {tally.inputs:3d} inputs  tracebacks {tally.tracebacks}  hangs {tally.hangs}  "
              f"outside {tally.outside}  peak {tally.peak_mb:6.0f} MB  slowest {tally.seconds:5.1f} s", flush=True)
        for example in tally.examples:
            print(f"    {example}", flush=True)
    return tallies


def table(tallies: list[Tally]) -> list[str]:
    lines = ["| class | inputs | tracebacks | hangs | exits outside the contract | peak RSS (MB) | slowest run (s) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {t.name} | {t.inputs} | {t.tracebacks} | {t.hangs} | {t.outside} | {t.peak_mb:.0f} | {t.seconds:.1f} |"
              for t in tallies]
    return lines
