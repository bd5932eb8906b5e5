"""A real browser: Playwright drives Debian's Chromium against ``checker serve`` on a free loopback port,
uploads a seed through the file input, reads the report and downloads its JSON; uploads a report with its
body's earlier-year report and finds the missing parts and a recycled passage on the result page.

Screenshots of the upload and result pages go to tests/artifacts/; ``UPDATE_GOLDEN=1`` also copies them
into docs/ for the README (look at them before committing).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import browser
from tests.cli_run import run_cli

SEED = "000_d1a56e1b80764147.txt"
HERE = Path(__file__).parent
OLD = HERE / "data" / "reuse" / "2023.txt"
ARTIFACTS = HERE / "artifacts"
DOCS = HERE.parent / "docs"
# A sentence of the 2023 report that the 2024 report below keeps word for word (the year aside)
RECYCLED = "梳理执法事项清单412项"


def _recycled_2024(folder: Path) -> Path:
    """The body's 2024 report: its 2023 report with the years moved on and the part on shortfalls and
    their causes left out, so the page has missing parts and recycled passages to show."""
    old = OLD.read_text(encoding="utf-8")
    new = old.replace("2024年工作计划", "2025年工作计划").replace("2023", "2024").replace("3100", "4260")
    new = re.sub(r"二、2024年推进法治政府建设存在的不足和原因\n[^\n]*\n", "", new).replace("三、2025", "二、2025")
    assert new.count("\n") < old.count("\n")
    path = folder / "2024.txt"
    path.write_text(new, encoding="utf-8")
    return path


def _keep(png: Path) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.copyfile(png, DOCS / png.name)


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


def test_a_report_with_its_earlier_year_shows_missing_parts_and_recycled_text(served: str, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    browser.require()
    from playwright.sync_api import sync_playwright

    report = _recycled_2024(tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(browser.CHROMIUM), args=["--no-sandbox"])
        page = chromium.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        page.goto(served + "/")
        page.set_input_files("input[name=file]", str(report))
        page.set_input_files("input[name=history]", str(OLD))
        page.screenshot(path=str(ARTIFACTS / "serve-upload.png"))
        page.click("button[type=submit]")
        page.wait_for_url("**/r/**", timeout=120_000)
        absent = page.locator("#items tr.absent").all_inner_texts()
        sources = page.inner_text("#sources")
        recycled = page.locator("#reuse table.sbs tr[id^=p]").all_inner_texts()
        page.screenshot(path=str(ARTIFACTS / "serve-result.png"))
        with page.expect_download() as caught:
            page.click("a[href$='report.json']")
        caught.value.save_as(tmp_path / "served.json")
        chromium.close()
    for png in ("serve-upload.png", "serve-result.png"):
        assert (ARTIFACTS / png).stat().st_size > 10_000
        _keep(ARTIFACTS / png)
    served_doc = json.loads((tmp_path / "served.json").read_text(encoding="utf-8"))
    # the CLI on the same two files under the names the browser sent, so that the documents are equal
    shutil.copyfile(OLD, tmp_path / OLD.name)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli("check", report.name, "--history", OLD.name, "--format", "json", "--no-config")
    cli_doc = json.loads(out)
    assert served_doc == cli_doc
    missing = {s["id"] for s in cli_doc["reports"][0]["sections"] if not s["present"]}
    assert {"shortfalls", "shortfall_reasons"} <= missing
    assert len(absent) == len(missing)
    assert any("不足" in row for row in absent) and any("原因" in row for row in absent)
    assert "示例区城市管理和综合执法局" in sources and "2023" in sources
    assert any(RECYCLED in row for row in recycled), recycled
    assert any(RECYCLED in p["text"] and not p["boilerplate"] for p in cli_doc["reports"][0]["reuse"]["passages"])
