"""What a running service is allowed to do: its address, token, pool and limits."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import CheckerError
from checker.readers import Limits

LOOPBACK_NAMES = {"localhost"}


@dataclass(frozen=True)
class ServeConfig:
    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None  # every request must carry it (Authorization: Bearer, or the login cookie)
    workers: int = 0  # worker processes; 0: one per core
    queue: int = 16  # checks waiting for a worker beyond those running; more are refused (503)
    limits: Limits = field(default_factory=Limits)  # the readers' limits, per file
    max_files: int = 50  # files in one request (a batch, or a report and its earlier years)
    timeout: float = 120.0  # seconds one file may take
    archive_db: str | None = None  # the archive the pages and ``archive=true`` use
    default_checklist: str = "national"

    @property
    def max_request_bytes(self) -> int:
        """A whole request: every file at its limit is still far below this; a body over it is refused
        while it streams in, before anything is parsed."""
        return self.limits.max_bytes * 2 + 1024 * 1024


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def read_token(path: Path) -> str:
    """The token in ``path``: its first line, at least 16 characters (a short token is guessed)."""
    try:
        token = path.read_text(encoding="utf-8").strip().splitlines()[0].strip() if path.stat().st_size else ""
    except FileNotFoundError:
        raise CheckerError(str(path), "令牌文件不存在", "token file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CheckerError(str(path), f"无法读取令牌文件（{exc}）", f"cannot read the token file ({exc})") from None
    if len(token) < 16:
        raise CheckerError(str(path), "令牌太短：至少 16 个字符（例如用 openssl rand -hex 16 生成）",
                           "the token is too short: at least 16 characters")
    return token


def check_binding(host: str, token: str | None) -> None:
    """Bind a non-loopback address only with a token: an office LAN must not get an open service."""
    if token is None and not is_loopback(host):
        raise CheckerError(None, f"在 {host} 上提供服务需要令牌：请用 --token-file 指定令牌文件（只在本机使用请去掉 --host）",
                           f"serving on {host} needs a token: give --token-file")
