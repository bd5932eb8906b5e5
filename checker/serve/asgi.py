"""The service's ASGI app: the routes of api.py and pages.py on one ``Service`` (app.py), and its lifespan.

Kept apart from app.py because api.py and pages.py build on app.py's helpers: assembling them there would
make app.py import the modules that import it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from checker.errors import CheckerError
from checker.serve import api, archive_pages, pages
from checker.serve.app import BodyLimit, Busy, Service, error_response, lang_of
from checker.serve.config import ServeConfig


def create_app(config: ServeConfig | None = None) -> Starlette:
    """The service's ASGI app; the pool starts with the app's lifespan."""
    config = config or ServeConfig()
    service = Service(config)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await asyncio.get_running_loop().run_in_executor(None, service.start)
        try:
            yield
        finally:
            service.stop()

    routes: Sequence[Route] = [*api.routes(service), *pages.routes(service), *archive_pages.routes(service)]

    async def unexpected(request: Request, exc: Exception) -> Response:
        return error_response(exc, lang_of(request))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return JSONResponse({"status": exc.status_code, "error": exc.detail}, status_code=exc.status_code)

    # CheckerError and Busy are answered where they are raised; Exception is the last line of defence
    # (Starlette's ServerErrorMiddleware: the client gets the JSON, the server's log the traceback)
    app = Starlette(routes=list(routes), lifespan=lifespan,
                    exception_handlers={CheckerError: unexpected, Busy: unexpected, Exception: unexpected,
                                        HTTPException: http_error})
    app.state.service = service
    app.add_middleware(BodyLimit, limit=config.max_request_bytes)  # type: ignore[arg-type]
    return app
