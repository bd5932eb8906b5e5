"""A bounded load on loopback: 200 requests, 8 at a time, against a real ``checker serve`` with two workers.

No request may fail, every answer must equal what ``checker check --format json`` says of the same file,
and the service's memory (the process and its workers) must stay flat: within a fixed bound of what it
held after warming up. Nothing is timed; the loop is bounded by its count.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.cli_run import run_cli
from tests.conftest import ROOT, SEEDS
from tests.serve_process import children, service, tree_rss_mb

REQUESTS, CONCURRENT = 200, 8
FLAT_MB = 150  # growth allowed after warm-up: caches settling, not a leak per request
FILES = sorted(SEEDS.glob("0*.txt")) + sorted((ROOT / "examples").glob("*.txt"))


def _without_path(report: dict) -> dict:
    return {k: v for k, v in report.items() if k != "path"}


@pytest.fixture(scope="module")
def expected() -> dict[str, dict]:
    answers = {}
    for path in FILES:
        code, out, err = run_cli("check", str(path), "--format", "json")
        assert code in (0, 1), err
        answers[path.name] = _without_path(json.loads(out)["reports"][0])
    return answers


def test_two_hundred_requests_eight_at_a_time(expected: dict[str, dict]) -> None:
    import httpx

    with service(workers=2, queue=16) as (url, pid):
        client = httpx.Client(base_url=url, timeout=120)

        def check(i: int) -> tuple[str, int, dict | str]:
            path = FILES[i % len(FILES)]
            response = client.post("/api/v1/check", files={"file": (path.name, path.read_bytes())})
            body = response.json() if response.status_code == 200 else response.text
            return path.name, response.status_code, body

        with ThreadPoolExecutor(CONCURRENT) as pool:  # warm-up: every worker has checked something
            list(pool.map(check, range(2 * len(FILES))))
        warm = tree_rss_mb(pid)
        with ThreadPoolExecutor(CONCURRENT) as pool:
            answers = list(pool.map(check, range(REQUESTS)))
        after = tree_rss_mb(pid)
        client.close()

    failed = [(name, status) for name, status, _ in answers if status != 200]
    assert failed == [], failed[:5]
    for name, _, body in answers:
        assert isinstance(body, dict)
        assert _without_path(body["reports"][0]) == expected[name], name
    assert len(answers) == REQUESTS
    assert after <= warm + FLAT_MB, f"service memory grew from {warm:.0f} MB to {after:.0f} MB over {REQUESTS} requests"


def test_the_memory_probe_sees_the_workers() -> None:
    """The flat-memory check above is only worth something if the probe counts the worker processes."""
    with service(workers=2, queue=4) as (url, pid):
        import httpx

        path = FILES[0]
        assert httpx.post(f"{url}/api/v1/check", files={"file": (path.name, path.read_bytes())},
                          timeout=120).status_code == 200
        workers = children(pid)
        whole, own = tree_rss_mb(pid), tree_rss_mb(pid) - sum(tree_rss_mb(child) for child in workers)
    assert workers, "the service runs its checks in worker processes"
    assert whole > own + 100  # the workers' memory (each holds the model's pages) is counted too
