"""``checker check --server URL``: send the files to a running service and hand back what it wrote, so
that editors, scripts and CI use its warm model. The token, if the service wants one, is read from the
CHECKER_TOKEN environment variable (never from the command line, where other users could see it)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from checker.errors import CheckerError, InputError


def check_remote(server: str, files: Sequence[str], history: Sequence[str], *, fmt: str, lang: str,
                 checklist: str | None, timeout: float) -> tuple[bytes, bool]:
    """The service's output for ``files`` in ``fmt`` and whether every report passed its gate; its
    refusal is raised as the one line it sent."""
    import httpx

    headers = {"Authorization": f"Bearer {os.environ['CHECKER_TOKEN']}"} if os.environ.get("CHECKER_TOKEN") else {}
    with ExitStack() as stack:
        parts = []
        for field, paths in (("file", files), ("history", history)):
            for path in paths:
                try:
                    parts.append((field, (Path(path).name, stack.enter_context(open(path, "rb")))))
                except OSError as exc:
                    raise InputError(path, f"无法读取文件（{exc.strerror}）", f"cannot read the file ({exc.strerror})") \
                        from None
        try:
            response = httpx.post(server.rstrip("/") + "/api/v1/check", params={"format": fmt, "lang": lang},
                                  files=parts, data={"checklist": checklist} if checklist else {}, headers=headers,
                                  timeout=timeout + 30)
        except httpx.HTTPError as exc:
            raise CheckerError(None, f"无法连接检查服务 {server}（{exc}）", f"cannot reach the service {server} ({exc})") \
                from None
    if response.status_code != 200:
        try:
            message = response.json()["error"]
        except (ValueError, KeyError, TypeError):
            message = f"HTTP {response.status_code}"
        raise CheckerError(None, f"检查服务答复 {response.status_code}：{message}",
                           f"the service answered {response.status_code}: {message}")
    return response.content, response.headers.get("x-checker-passed") == "true"
