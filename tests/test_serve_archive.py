"""Page 档案库: bodies × years of the service's archive, adding reports, a body's history with the reuse of
each year against the year before (equal to ``checker check --history`` on the same two reports)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from checker.serve.asgi import create_app
from checker.serve.config import ServeConfig
from tests.cli_run import run_cli
from tests.test_serve_browser import OLD, _recycled_2024

ORG = "示例区城市管理和综合执法局"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("archive") / "archive.sqlite3"


@pytest.fixture(scope="module")
def client(archive: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeConfig(workers=1, archive_db=str(archive))), raise_server_exceptions=False) as c:
        yield c


def _row(page: str, org: str) -> str:
    found = re.search(rf"<tr>(?:(?!</tr>).)*{re.escape(org)}(?:(?!</tr>).)*</tr>", page, re.S)
    assert found, page
    return found.group(0)


def test_an_empty_archive_is_shown_as_such_and_viewing_creates_no_file(client: TestClient, archive: Path) -> None:
    page = client.get("/archive")
    assert page.status_code == 200 and "档案库中还没有报告" in page.text
    assert 'enctype="multipart/form-data"' in page.text and not archive.exists()
    assert "Archive" in client.get("/archive?lang=en").text


def test_added_reports_fill_the_bodies_by_years_table_and_the_history_shows_the_reuse(
        client: TestClient, tmp_path: Path) -> None:
    report = _recycled_2024(tmp_path)
    for path in (OLD, report):
        added = client.post("/archive", files={"file": (path.name, path.read_bytes())}, follow_redirects=False)
        assert added.status_code == 303, added.text
    page = client.get("/archive").text
    row = _row(page, ORG)
    assert ">2023<" in row and ">2024<" in row
    assert re.search(r"<th[^>]*>2023</th>\s*<th[^>]*>2024</th>", page)
    history = client.get("/archive/body", params={"org": ORG})
    assert history.status_code == 200
    _, out, _ = run_cli("check", str(report), "--history", str(OLD), "--format", "json", "--no-config")
    reuse = json.loads(out)["reports"][0]["reuse"]
    row_2024 = _row(history.text, "2024.txt")
    assert f"{reuse['ratio']:.0%}" in row_2024 and f"{reuse['ratio_without_boilerplate']:.0%}" in row_2024
    assert "2023.txt" in _row(history.text, "2023.txt")


def test_a_file_of_an_unknown_format_is_refused_with_the_one_line(client: TestClient) -> None:
    page = client.post("/archive", files={"file": ("x.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)})
    assert page.status_code == 415 and "x.png" in page.text and 'name="file"' in page.text


def test_an_unknown_body_is_404(client: TestClient) -> None:
    assert client.get("/archive/body", params={"org": "没有这个单位"}).status_code == 404
