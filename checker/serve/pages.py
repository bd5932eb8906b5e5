"""The pages."""

from __future__ import annotations

from starlette.routing import Route

from checker.serve.app import Service


def routes(service: Service) -> list[Route]:
    return []
