"""A real browser: Playwright drives Debian's Chromium against ``checker serve`` on a free loopback port,
uploads a seed through the file input, reads the report and downloads its JSON."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import browser
from tests.cli_run import run_cli

SEED = "000_d1a56e1b80764147.txt"


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    import uvicorn

    from checker.serve.asgi import create_app
    from checker.serve.config import ServeConfig

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(ServeConfig(workers=1, port=port)), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            pytest.fail("the service did not start")
        thread.join(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(30)


def test_upload_a_seed_in_chromium_and_download_the_json(served: str, seeds_dir: Path, tmp_path: Path) -> None:
    browser.require()
    from playwright.sync_api import sync_playwright

    seed = seeds_dir / SEED
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(browser.CHROMIUM), args=["--no-sandbox"])
        page = chromium.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        page.goto(served + "/")
        page.set_input_files("input[name=file]", str(seed))
        page.click("button[type=submit]")
        page.wait_for_url("**/r/**", timeout=120_000)
        score = page.inner_text(".score")
        assert score.strip()
        with page.expect_download() as caught:
            page.click("a[href$='report.json']")
        caught.value.save_as(tmp_path / "served.json")
        chromium.close()
    served_doc = json.loads((tmp_path / "served.json").read_text(encoding="utf-8"))
    _, out, _ = run_cli("check", str(seed), "--format", "json", "--no-config")
    cli_doc = json.loads(out)
    assert served_doc["reports"][0].pop("path") == seed.name
    cli_doc["reports"][0].pop("path")
    assert served_doc == cli_doc
    assert str(int(cli_doc["reports"][0]["score"])) in score
