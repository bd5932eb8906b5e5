"""A real ``checker serve`` process on a free loopback port, for the load test and the service bench."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def service(workers: int = 2, queue: int = 16, ready_within: float = 120.0) -> Iterator[tuple[str, int]]:
    """(base URL, pid) of a service started as users start it; stopped with Ctrl-C's signal afterwards."""
    import httpx

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--port", str(port), "--workers", str(workers),
                             "--queue", str(queue)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_within  # a bound on waiting, not a measured figure
        while True:
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"checker serve did not start: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}")
            time.sleep(0.2)
        yield url, proc.pid
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def children(pid: int) -> list[int]:
    """Child processes of any thread of ``pid`` (a pool forks from its own thread, not the main one)."""
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
            found += [int(child) for child in fh.read().split()]
    return found


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (the service and its worker processes)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as fh:
                total += next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
            todo += children(current)
        except (FileNotFoundError, StopIteration, ProcessLookupError):
            continue
    return total / 1024
