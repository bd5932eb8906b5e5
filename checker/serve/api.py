"""The HTTP API, ``/api/v1``: check, batch, rules, health; ``/openapi.json`` describes it.

Each endpoint's docstring is its OpenAPI entry (YAML after ``---``), read by Starlette's schema generator.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.schemas import SchemaGenerator

from checker.render.labels import serve_words
from checker.serve.app import (
    Service,
    authorised,
    error_response,
    form_reader,
    known_format,
    lang_of,
    media,
    render_checked,
)

SCHEMAS = SchemaGenerator({"openapi": "3.0.0", "info": {"title": "checker", "version": "1"}})

Endpoint = Callable[[Request], Awaitable[Response]]


def guarded(service: Service, endpoint: Endpoint) -> Endpoint:
    """The token first (401), then the endpoint; a checker error is its status and one line."""
    async def call(request: Request) -> Response:
        lang = lang_of(request)
        if not authorised(request, service.config.token):
            text = serve_words(lang)["no_token"]
            return JSONResponse({"status": 401, "error": text}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        return await endpoint(request)
    call.__doc__ = endpoint.__doc__
    return call


def routes(service: Service) -> list[Route]:
    read_form = form_reader(service.config)

    async def check(request: Request) -> Response:
        """
        summary: 检查报告（与 checker check 相同的流程与输出）
        description: >
          multipart/form-data. file (one or more), history (earlier-year reports, optional),
          checklist (national | shenzhen), archive (true: compare with the service's archive),
          fail_under, fail_on. Query: format (json | sarif | junit | html | terminal | github; default
          json: checker/report-v1), lang (zh | en). Header X-Checker-Passed: whether every report passed
          the gate. Errors are JSON {status, error} with the CLI's one line.
        responses:
          200: {description: the report in the chosen format}
          400: {description: bad input}
          401: {description: missing or wrong token}
          413: {description: too large}
          415: {description: unknown format}
          500: {description: internal error}
          503: {description: busy, retry later}
        """
        lang = lang_of(request)
        try:
            fmt = known_format(request.query_params.get("format"))
            checked = await service.check(await read_form(request), lang=lang)
            body = await render_checked(checked, fmt)
        except Exception as e:  # noqa: BLE001 — every failure is a status and one line
            return error_response(e, lang)
        passed = all(r.score.passed for r in checked.results)
        return Response(body, media_type=media(fmt), headers={"X-Checker-Passed": str(passed).lower()})

    async def batch(request: Request) -> Response:
        """
        summary: 批量审核（多个文件或一个 .zip）
        description: >
          multipart/form-data: file (many, or a .zip), checklist. A file that cannot be read is listed
          under "unreadable" and the others are checked. Query: format, lang.
        responses:
          200: {description: the reports (checker/report-v1 with unreadable)}
          400: {description: bad input}
          401: {description: missing or wrong token}
          413: {description: too large}
        """
        lang = lang_of(request)
        try:
            fmt = known_format(request.query_params.get("format"))
            checked = await service.check(await read_form(request), lang=lang, batch=True)
            body = await render_checked(checked, fmt)
        except Exception as e:  # noqa: BLE001
            return error_response(e, lang)
        return Response(body, media_type=media(fmt))

    async def rules(request: Request) -> Response:
        """
        summary: 可用的检查清单及其规则
        responses:
          200: {description: "{checklists: [{name, id, rules: [{id, kind, severity, points}]}]}"}
        """
        listed = [{"name": name, "id": c.id,
                   "rules": [{"id": r.spec.id, "kind": r.spec.kind, "severity": r.spec.severity,
                              "points": r.spec.points} for r in c.rules]}
                  for name, c in service.checklists.items()]
        return JSONResponse({"checklists": listed})

    async def health(request: Request) -> Response:
        """
        summary: 服务状态
        responses:
          200: {description: "{status: ok, workers, waiting, capacity}"}
        """
        return JSONResponse({"status": "ok", "workers": service.executor._max_workers,  # noqa: SLF001
                             "waiting": service.waiting, "capacity": service.capacity})

    async def openapi(request: Request) -> Response:
        return Response(json.dumps(SCHEMAS.get_schema(routes=api_routes), ensure_ascii=False, indent=2),
                        media_type="application/json")

    async def docs(request: Request) -> Response:
        from checker.serve import apidocs

        return apidocs.render(SCHEMAS.get_schema(routes=api_routes), lang_of(request))

    api_routes: list[Any] = [
        Route("/api/v1/check", guarded(service, check), methods=["POST"]),
        Route("/api/v1/batch", guarded(service, batch), methods=["POST"]),
        Route("/api/v1/rules", guarded(service, rules), methods=["GET"]),
        Route("/api/v1/health", guarded(service, health), methods=["GET"]),
    ]
    return [*api_routes, Route("/openapi.json", guarded(service, openapi), include_in_schema=False),
            Route("/docs", guarded(service, docs), include_in_schema=False)]
