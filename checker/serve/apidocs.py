"""``/docs``: the OpenAPI document of ``/openapi.json`` as a page of this service.

Rendered here rather than by Swagger UI or ReDoc: those load their script and fonts from a CDN (or ship
megabytes of script to serve), and an office LAN may have no internet; a table per endpoint of what it
takes and what it answers is what a script writer needs.
"""

from __future__ import annotations

from html import escape
from typing import Any

from starlette.responses import HTMLResponse

from checker.serve.pages import WORDS, html_page


def render(spec: dict[str, Any], lang: str) -> HTMLResponse:
    w = WORDS[lang]
    parts = [f'<p class="dim">{escape(w["api_intro"])} <a href="/openapi.json">/openapi.json</a></p>']
    for path, methods in sorted(spec.get("paths", {}).items()):
        for method, entry in methods.items():
            rows = "".join(f'<tr><td class="num">{escape(str(status))}</td>'
                           f'<td>{escape(str(answer.get("description", "")))}</td></tr>'
                           for status, answer in entry.get("responses", {}).items())
            parts.append(
                f'<section><h2><code>{method.upper()} {escape(path)}</code></h2>'
                f'<p>{escape(entry.get("summary", ""))}</p>'
                f'<p class="dim">{escape(entry.get("description", "").strip())}</p>'
                f'<table><thead><tr><th class="num">{w["status"]}</th><th>{w["answer"]}</th></tr></thead>'
                f"<tbody>{rows}</tbody></table></section>")
    return html_page(w["api"], "\n".join(parts), lang)
