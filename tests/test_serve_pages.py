"""The pages without JavaScript: plain multipart forms, the CLI's HTML report as the result, the CSP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from checker.render.html_assets import CSP
from checker.serve.asgi import create_app
from checker.serve.config import ServeConfig
from tests.cli_run import run_cli
from tests.conftest import SEEDS

SEED = "000_d1a56e1b80764147.txt"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(ServeConfig(workers=1)), raise_server_exceptions=False) as c:
        yield c


def test_the_upload_page_is_a_plain_form_in_chinese_and_english(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text and 'type="file" name="file"' in page.text
    assert "检查一份报告" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "form-action 'self'" in csp and "default-src 'none'" in csp
    assert "Check a report" in client.get("/?lang=en").text
    assert client.get("/static/serve.js").headers["content-type"].startswith("text/javascript")


def test_posting_the_form_shows_the_clis_html_report_with_downloads(client: TestClient, seeds_dir: Path,
                                                                     tmp_path: Path) -> None:
    seed = seeds_dir / SEED
    page = client.post("/check", files={"file": (seed.name, seed.read_bytes())}, data={"checklist": "national"})
    assert page.status_code == 200 and page.url.path.startswith("/r/")
    assert page.headers["content-security-policy"] == CSP
    assert "report.json" in page.text and "下载 JSON" in page.text
    # the downloads sit in the report's own sticky bar of links (styled by its CSS), not loose above it
    nav = re.search(r"<nav><ul>.*?</ul></nav>", page.text)
    assert nav and "report.json" in nav.group(0) and "report.html" in nav.group(0)
    out = tmp_path / "cli.html"
    run_cli("check", str(seed), "--format", "html", "--output", str(out), "--no-config")
    cli_page = out.read_text(encoding="utf-8").replace(str(seed), seed.name)
    served = client.get(page.url.path + "report.html").text
    assert served == cli_page
    download = client.get(page.url.path + "report.json")
    assert download.json()["reports"][0]["path"] == seed.name
    assert "attachment" in download.headers["content-disposition"]


def test_a_bad_upload_shows_the_form_again_with_the_one_line_and_its_status(client: TestClient) -> None:
    page = client.post("/check?lang=en", files={"file": ("x.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)})
    assert page.status_code == 415
    assert "x.png: this is" in page.text and 'name="file"' in page.text


def test_a_report_cannot_run_script_in_the_result_page(client: TestClient) -> None:
    text = "2024年法治政府建设年度报告<script>alert(1)</script>\n一、主要举措\n".encode()
    page = client.post("/check", files={"file": ("<img src=x onerror=alert(1)>.txt", text)})
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert "script-src 'none'" in page.headers["content-security-policy"]


def test_the_batch_page_links_each_report_from_its_index(client: TestClient, seeds_dir: Path) -> None:
    files = [("file", (p.name, p.read_bytes())) for p in sorted(seeds_dir.glob("00[12]_*.txt"))]
    files.append(("file", ("空.txt", b"")))
    index = client.post("/batch", files=files)
    assert index.status_code == 200 and index.url.path.endswith("/")
    assert "空.txt" in index.text
    linked = re.findall(r'href="(0\d\d-[^"]+\.html)"', index.text)
    assert len(linked) == 2
    assert client.get(index.url.path + linked[0]).status_code == 200


def test_docs_shows_every_endpoint_of_the_openapi_document_and_loads_nothing_from_elsewhere(
        client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    spec = client.get("/openapi.json").json()
    assert len(spec["paths"]) >= 4
    for path, methods in spec["paths"].items():
        for method, entry in methods.items():
            assert f"{method.upper()} {path}" in page.text
            for status in entry["responses"]:
                assert re.search(rf"<td[^>]*>{status}</td>", page.text), (path, status)
    assert "/openapi.json" in page.text and "API 文档" in page.text
    assert "API documentation" in client.get("/docs?lang=en").text
    # nothing from another host: no Swagger UI from a CDN, no font, no image
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.text)


def test_the_result_pages_offer_the_commented_draft_and_the_workbook(client: TestClient) -> None:
    """The outputs a reviewer sends back: the Word draft with comments for one report, the Excel workbook
    for a batch (both made by the CLI's own renderers)."""
    import io
    import zipfile

    seed = next(SEEDS.glob("001_*.txt"))
    response = client.post("/check", files={"file": (seed.name, seed.read_bytes())}, follow_redirects=True)
    assert response.status_code == 200 and "report.docx" in response.text
    key = str(response.url).split("/r/")[1].split("/")[0]
    draft = client.get(f"/r/{key}/report.docx")
    assert draft.status_code == 200 and "attachment" in draft.headers["content-disposition"]
    assert "word/comments.xml" in zipfile.ZipFile(io.BytesIO(draft.content)).namelist()

    files = [("file", (p.name, p.read_bytes())) for p in sorted(SEEDS.glob("00[12]_*.txt"))]
    response = client.post("/batch", files=files, follow_redirects=True)
    assert response.status_code == 200 and "summary.xlsx" in response.text
    key = str(response.url).split("/r/")[1].split("/")[0]
    workbook = client.get(f"/r/{key}/summary.xlsx")
    assert workbook.status_code == 200
    assert "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(workbook.content)).namelist()
