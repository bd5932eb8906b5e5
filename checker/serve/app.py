"""The service: the HTTP API and the pages, on Starlette, around the CLI's pipeline (``worker.run``).

Every check goes through ``Service.check``: the uploads are stored under generated names, the job runs
in the worker pool (at most ``workers`` at once, ``queue`` more waiting, the rest refused with 503), and
errors become the CLI's one line with a status: 400 bad input, 413 too large, 415 unknown format,
401 missing or wrong token, 500 internal (logged here, never a traceback to the client).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from checker.errors import CheckerError, InputError
from checker.model import Result
from checker.render.labels import known_language, serve_words
from checker.render.messages import pick
from checker.render.registry import OUTPUT_FORMATS
from checker.serve import uploads, worker
from checker.serve.config import ServeConfig
from checker.serve.outputs import media_type, rendered

log = logging.getLogger("checker.serve")
COOKIE = "checker_token"
KEPT_RESULTS = 64  # results kept for their pages and downloads (oldest dropped): memory stays bounded


class Busy(Exception):
    """Every worker busy and the queue full."""


@dataclass(frozen=True)
class Checked:
    """One request's results, kept for the result page and its downloads."""

    results: tuple[Result, ...]
    unreadable: tuple[worker.Unreadable, ...]
    lang: str
    batch: bool


class Service:
    """The pool, its bound, and the results kept for the pages."""

    def __init__(self, config: ServeConfig):
        self.config = config
        self.checklists: dict[str, Any] = {}
        self.executor: Any = None
        self.waiting = 0
        self.kept: OrderedDict[str, Checked] = OrderedDict()

    def start(self) -> None:
        self.checklists = worker.warm()
        self.executor = worker.pool(self.config.workers)
        worker.start(self.executor, self.config.workers)

    def stop(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    @property
    def capacity(self) -> int:
        return self.executor._max_workers + self.config.queue  # noqa: SLF001 — the pool's own size

    def checklist(self, name: str | None) -> str:
        name = name or self.config.default_checklist
        if name not in self.checklists:
            # names only: a path would let a client make the service read any YAML file
            raise CheckerError(None, f"未知的检查清单：{name}（可选：{'、'.join(self.checklists)}）",
                               f"unknown checklist: {name} (one of {', '.join(self.checklists)})")
        return name

    async def submit(self, function: Any, *args: Any) -> Any:
        if self.waiting >= self.capacity:
            raise Busy()
        self.waiting += 1
        try:
            return await asyncio.wrap_future(self.executor.submit(function, *args))
        finally:
            self.waiting -= 1

    async def check(self, form: FormData, *, lang: str, batch: bool = False) -> Checked:
        """Store the uploads, run the pipeline on them in the pool, keep and return the results."""
        cfg = self.config
        files = [f for f in form.getlist("file") if isinstance(f, UploadFile)]
        earlier = [f for f in form.getlist("history") if isinstance(f, UploadFile) and f.filename]
        if not files or not any(f.filename for f in files):
            raise CheckerError(None, "没有收到报告文件（表单字段 file）", "no report file received (form field file)")
        if len(files) + len(earlier) > cfg.max_files:
            raise uploads.TooLarge(None, f"一次最多上传 {cfg.max_files} 个文件", f"at most {cfg.max_files} files")
        checklist = self.checklist(_field(form, "checklist"))
        use_archive = _field(form, "archive") in ("1", "true", "on", "yes")
        with uploads.stored() as store:
            paths = []
            for f in files:
                path = await uploads.save(f, store, cfg.limits.max_bytes)
                if batch and store.names[path].lower().endswith(".zip"):
                    paths += uploads.unzip(path, store.names[path], store, cfg.limits.max_bytes, cfg.max_files)
                    continue
                paths.append(path)
            if not batch:
                for path in paths:
                    uploads.check_format(path, store.names[path])
            history = [await uploads.save(f, store, cfg.limits.max_bytes) for f in earlier]
            for path in history:
                uploads.check_format(path, store.names[path])
            job = worker.Job(tuple(paths), dict(store.names), checklist, tuple(history), cfg.limits, cfg.timeout,
                             cfg.archive_db if use_archive else None, _number(form, "fail_under", 60.0),
                             _field(form, "fail_on") or "error")
            outcome: worker.Outcome = await self.submit(worker.run, job)
        if not batch and outcome.unreadable:
            first = outcome.unreadable[0]
            if not first.input_error:
                raise RuntimeError(first.zh)  # the service's set-up (a missing model), not the user's file
            raise InputError(first.path, first.reason_zh, first.reason_en)
        checked = Checked(outcome.results, outcome.unreadable, lang, batch)
        return checked

    def keep(self, checked: Checked) -> str:
        key = secrets.token_urlsafe(12)
        self.kept[key] = checked
        while len(self.kept) > KEPT_RESULTS:
            self.kept.popitem(last=False)
        return key


def _field(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _number(form: FormData, name: str, default: float) -> float:
    value = _field(form, name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise CheckerError(None, f"参数 {name} 应为数字", f"{name} must be a number") from None
    if not 0 <= number <= 100:
        raise CheckerError(None, f"参数 {name} 应在 0–100 之间", f"{name} must be within 0–100")
    return number


def lang_of(request: Request) -> str:
    return known_language(request.query_params.get("lang"))


def status_of(e: Exception) -> int:
    if isinstance(e, uploads.TooLarge):
        return 413
    if isinstance(e, uploads.UnsupportedFormat):
        return 415
    if isinstance(e, Busy):
        return 503
    if isinstance(e, CheckerError):
        return 400
    return 500


def message_of(e: Exception, lang: str) -> str:
    """The one line the CLI prints (its 错误： prefix is the terminal's, not part of the message)."""
    if isinstance(e, CheckerError):
        return e.render(lang).splitlines()[0]
    if isinstance(e, Busy):
        return serve_words(lang)["busy"]
    return serve_words(lang)["internal"]


def error_response(e: Exception, lang: str) -> JSONResponse:
    status = status_of(e)
    if status == 500:
        log.error("internal error", exc_info=e)
    headers = {"Retry-After": "5"} if status == 503 else {}
    return JSONResponse({"status": status, "error": message_of(e, lang)}, status_code=status, headers=headers)


def authorised(request: Request, token: str | None) -> bool:
    if token is None:
        return True
    given = request.headers.get("authorization", "")
    offered = given[7:].strip() if given.lower().startswith("bearer ") else request.cookies.get(COOKIE, "")
    return hmac.compare_digest(offered.encode("utf-8"), token.encode("utf-8"))


class BodyLimit:
    """Refuse a request body over ``limit`` bytes: by its Content-Length at once, and while it streams
    (a chunked body has none), before the multipart parser sees more of it."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise uploads.TooLarge(None, *_body_words(self.limit))
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        lang = "en" if b"lang=en" in scope.get("query_string", b"") else "zh"
        e = uploads.TooLarge(None, *_body_words(self.limit))
        await JSONResponse({"status": 413, "error": message_of(e, lang)}, status_code=413)(scope, receive, send)


def _body_words(limit: int) -> tuple[str, str]:
    from checker.readers import human_size

    return (f"上传内容过大（超过上限 {human_size(limit)}）", f"the upload is too large (over {human_size(limit, 'bytes')})")


async def _form(request: Request, config: ServeConfig) -> FormData:
    try:
        return await request.form(max_files=config.max_files, max_fields=50)
    except HTTPException as e:  # the multipart parser's limits and errors, in the user's words
        if "Too many files" in str(e.detail):
            raise uploads.TooLarge(None, f"一次最多上传 {config.max_files} 个文件",
                                   f"at most {config.max_files} files at once") from None
        raise CheckerError(None, "无法解析上传的表单（应为 multipart/form-data）",
                           "cannot parse the upload (multipart/form-data expected)") from None


def form_reader(config: ServeConfig) -> Any:
    async def read(request: Request) -> FormData:
        return await _form(request, config)
    return read


def known_format(name: str | None) -> str:
    name = name or "json"
    if name not in OUTPUT_FORMATS:
        raise CheckerError(None, f"未知的输出格式：{name}（可选：{' '.join(OUTPUT_FORMATS)}）",
                         f"unknown output format: {name}")
    return name


async def render_checked(checked: Checked, fmt: str) -> bytes:
    from starlette.concurrency import run_in_threadpool

    unreadable = [(u.path, pick(u.reason_zh, u.reason_en, checked.lang) or u.reason_zh) for u in checked.unreadable]
    return await run_in_threadpool(rendered, checked.results, fmt, checked.lang, unreadable)


def media(fmt: str) -> str:
    return media_type(fmt)
