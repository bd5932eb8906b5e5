"""``checker check --server URL`` prints what a local check prints, with the same exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.test_serve_browser import served  # noqa: F401 — the service on a free loopback port

SEED = "000_d1a56e1b80764147.txt"


def test_check_through_the_service_prints_the_local_json(served: str, seeds_dir: Path) -> None:  # noqa: F811
    seed = str(seeds_dir / SEED)
    local_code, local, _ = run_cli("check", seed, "--format", "json", "--no-config")
    code, remote, err = run_cli("check", seed, "--format", "json", "--no-config", "--server", served)
    assert code == local_code, err
    remote_doc, local_doc = json.loads(remote), json.loads(local)
    assert remote_doc["reports"][0].pop("path") == Path(seed).name
    local_doc["reports"][0].pop("path")
    assert remote_doc == local_doc


def test_a_refusal_of_the_service_is_one_line_and_exit_2(served: str, tmp_path: Path) -> None:  # noqa: F811
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    code, out, err = run_cli("check", str(empty), "--server", served)
    assert code == 2 and out == ""
    assert err.strip() == "错误：检查服务答复 400：空.txt：文件为空"


def test_an_unreachable_service_is_one_line(tmp_path: Path, seeds_dir: Path) -> None:
    code, _, err = run_cli("check", str(seeds_dir / SEED), "--server", "http://127.0.0.1:9")
    assert code == 2 and err.startswith("错误：无法连接检查服务") and len(err.strip().splitlines()) == 1


def test_the_server_key_of_the_configuration_sends_the_check_to_the_service(served: str, seeds_dir: Path,  # noqa: F811
                                                                            tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".checker.yaml").write_text(f"server: {served}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    seed = str(seeds_dir / SEED)
    code, out, err = run_cli("check", seed, "--format", "json")
    assert code in (0, 1), err
    # the service names a report by the name it was sent under; a local check by the path it was given
    assert json.loads(out)["reports"][0]["path"] == Path(seed).name
    (tmp_path / ".checker.yaml").write_text("server: http://127.0.0.1:9\n", encoding="utf-8")
    code, _, err = run_cli("check", seed)
    assert code == 2 and err.startswith("错误：无法连接检查服务")
    code, out, _ = run_cli("check", seed, "--format", "json", "--no-config")
    assert json.loads(out)["reports"][0]["path"] == seed
