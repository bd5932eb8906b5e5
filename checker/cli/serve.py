"""``checker serve``: the pages and the HTTP API on one address (see ``checker.serve``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from checker.cli.common import ArchiveDbOpt, ChecklistOpt, MaxMbOpt, TimeoutOpt, app


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址（默认 127.0.0.1 只供本机；其他地址必须给 --token-file）")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口（默认 8765）", min=1, max=65535)] = 8765,
    token_file: Annotated[Path | None, typer.Option("--token-file", help="令牌文件：每个请求都要带这个令牌")] = None,
    workers: Annotated[int, typer.Option("--workers", help="检查进程数（默认每核一个）", min=0)] = 0,
    queue: Annotated[int, typer.Option("--queue", help="可排队等候的检查数，超出即答复 503（默认 16）", min=0)] = 16,
    checklist: ChecklistOpt = None,
    archive_db: ArchiveDbOpt = None,
    max_mb: MaxMbOpt = None,
    timeout: TimeoutOpt = None,
) -> None:
    """提供网页与 HTTP 服务：在浏览器中上传报告检查，或由脚本调用 /api/v1（模型只加载一次）。"""
    import uvicorn

    from checker.errors import CheckerError
    from checker.readers import Limits
    from checker.reuse.archive import default_path
    from checker.rules.checklist import BUILTIN_DIR
    from checker.serve.asgi import create_app
    from checker.serve.config import ServeConfig, check_binding, read_token

    token = read_token(token_file) if token_file else None
    check_binding(host, token)
    if checklist and not (BUILTIN_DIR / f"{checklist}.yaml").is_file():
        raise CheckerError(None, f"服务只提供内置检查清单，没有“{checklist}”", f"the service offers built-in checklists only, not {checklist}")
    config = ServeConfig(host=host, port=port, token=token, workers=workers, queue=queue,
                         limits=Limits(max_bytes=int((max_mb or 50) * 1024 * 1024)), timeout=timeout or 120,
                         archive_db=str(archive_db or default_path()), default_checklist=checklist or "national")
    print(f"checker 服务：http://{host}:{port}/（Ctrl-C 停止）")
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)
