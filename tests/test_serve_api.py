"""The HTTP API through httpx (Starlette's TestClient): every status code, tokens, hostile uploads, and
the same JSON as ``checker check --format json``."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from checker.readers import Limits
from checker.serve.asgi import create_app
from checker.serve.config import ServeConfig
from tests.cli_run import run_cli

TOKEN = "a-long-enough-test-token-0123456789"
SEED = "000_d1a56e1b80764147.txt"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    config = ServeConfig(workers=1, queue=4, limits=Limits(max_bytes=200_000), max_files=5, timeout=60)
    with TestClient(create_app(config), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def guarded() -> Iterator[TestClient]:
    config = ServeConfig(workers=1, token=TOKEN)
    with TestClient(create_app(config), raise_server_exceptions=False) as c:
        yield c


def _without_path(doc: dict) -> dict:
    for report in doc["reports"]:
        report.pop("path")
    return doc


def test_check_answers_the_json_the_cli_writes(client: TestClient, seeds_dir: Path) -> None:
    seed = seeds_dir / SEED
    response = client.post("/api/v1/check", files={"file": (seed.name, seed.read_bytes())})
    assert response.status_code == 200, response.text
    code, out, _ = run_cli("check", str(seed), "--format", "json", "--no-config")
    served = response.json()
    assert served["reports"][0]["path"] == seed.name
    assert _without_path(served) == _without_path(json.loads(out))
    assert response.headers["x-checker-passed"] == ("true" if code == 0 else "false")


def test_history_is_compared_under_the_users_names(client: TestClient, seeds_dir: Path) -> None:
    seed = (seeds_dir / SEED).read_bytes()
    response = client.post("/api/v1/check", files=[("file", ("本年.txt", seed)), ("history", ("往年.txt", seed))])
    assert response.status_code == 200, response.text
    report = response.json()["reports"][0]
    assert report["path"] == "本年.txt"
    assert [s["path"] for s in report["reuse"]["sources"]] == ["往年.txt"]


@pytest.mark.parametrize(("name", "data", "status", "message"), [
    ("空.txt", b"", 400, "空.txt：文件为空"),
    ("坏.docx", b"PK\x03\x04garbage-not-a-zip" * 3, 400, "坏.docx："),
    ("图片.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, 415, "图片.png：这是"),
    ("程序.txt", bytes(range(256)) * 8, 415, "程序.txt：这是二进制文件"),
    ("大.txt", "法治".encode() * 100_001, 413, "大.txt：文件过大"),
], ids=["empty", "corrupt-docx", "png", "binary", "too-large"])
def test_bad_uploads_get_their_status_and_the_clis_one_line(client: TestClient, name: str, data: bytes,
                                                           status: int, message: str) -> None:
    response = client.post("/api/v1/check", files={"file": (name, data)})
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error.startswith(message) and "\n" not in error and "Traceback" not in error


def test_hostile_file_names_are_display_text_only(client: TestClient, tmp_path: Path) -> None:
    name = "../../etc/passwd\x00<script>.txt"
    response = client.post("/api/v1/check", files={"file": (name, "2024年法治政府建设年度报告".encode())})
    assert response.status_code == 200, response.text
    assert "\x00" not in response.json()["reports"][0]["path"]
    assert not Path("/etc/passwd\x00<script>.txt".split("\x00")[0] + "<script>.txt").exists()


def test_no_file_and_unknown_options_are_bad_requests(client: TestClient) -> None:
    assert client.post("/api/v1/check", data={"checklist": "national"}).status_code == 400
    response = client.post("/api/v1/check", files={"file": ("a.txt", "报告".encode())},
                           data={"checklist": "../../etc/x"})
    assert response.status_code == 400 and "未知的检查清单" in response.json()["error"]
    response = client.post("/api/v1/check?format=odt&lang=en", files={"file": ("a.txt", "报告".encode())})
    assert response.status_code == 400 and response.json()["error"].startswith("unknown output format")


def test_too_many_files_and_an_oversized_body_are_413(client: TestClient) -> None:
    files = [("file", (f"{i}.txt", "报告".encode())) for i in range(7)]
    assert client.post("/api/v1/check", files=files).status_code == 413
    response = client.post("/api/v1/check", content=b"x" * 2_000_000,
                           headers={"content-type": "multipart/form-data; boundary=x"})
    assert response.status_code == 413 and "上传内容过大" in response.json()["error"]


def test_a_streamed_body_without_length_is_cut_at_the_limit(client: TestClient) -> None:
    head = b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'

    def body():
        yield head
        for _ in range(40):
            yield b"x" * 50_000

    response = client.post("/api/v1/check", content=body(),
                           headers={"content-type": "multipart/form-data; boundary=x"})
    assert response.status_code == 413


def test_batch_takes_a_zip_and_lists_what_it_could_not_read(client: TestClient, seeds_dir: Path) -> None:
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("报告/甲.txt", (seeds_dir / SEED).read_bytes())
        z.writestr("../乙.txt", b"")
        z.writestr("__MACOSX/._x.txt", b"junk")
    response = client.post("/api/v1/batch", files={"file": ("交来的.zip", package.getvalue())})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert [r["path"] for r in doc["reports"]] == ["报告/甲.txt"]
    assert doc["unreadable"] == [{"path": "../乙.txt", "error": "文件为空"}]


def test_rules_and_health(client: TestClient) -> None:
    names = [c["name"] for c in client.get("/api/v1/rules").json()["checklists"]]
    assert "national" in names
    assert client.get("/api/v1/health").json()["status"] == "ok"
    assert "/api/v1/check" in client.get("/openapi.json").json()["paths"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}],
                         ids=["none", "wrong", "not-bearer"])
def test_a_missing_or_wrong_token_is_401(guarded: TestClient, headers: dict) -> None:
    response = guarded.get("/api/v1/health", headers=headers)
    assert response.status_code == 401 and "令牌" in response.json()["error"]
    assert guarded.post("/api/v1/check", headers=headers, files={"file": ("a.txt", b"x")}).status_code == 401


def test_the_right_token_passes(guarded: TestClient) -> None:
    assert guarded.get("/api/v1/health", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_an_internal_error_is_500_json_without_a_traceback(client: TestClient, monkeypatch) -> None:
    from checker.serve import app as service_app

    def broken(*args, **kwargs):
        raise ZeroDivisionError("secret detail")

    monkeypatch.setattr(service_app, "rendered", broken)
    response = client.post("/api/v1/check", files={"file": ("a.txt", "2024年报告".encode())})
    assert response.status_code == 500
    assert response.json()["error"].startswith("内部错误") and "secret" not in response.text


def test_serve_refuses_another_address_without_a_token(tmp_path: Path) -> None:
    code, _, err = run_cli("serve", "--host", "0.0.0.0")
    assert code == 2 and "需要令牌" in err and "--token-file" in err
    short = tmp_path / "token.txt"
    short.write_text("abc\n", encoding="utf-8")
    code, _, err = run_cli("serve", "--host", "0.0.0.0", "--token-file", str(short))
    assert code == 2 and "令牌太短" in err
    code, _, err = run_cli("serve", "--checklist", "/etc/passwd")
    assert code == 2 and "内置检查清单" in err
