"""Page 档案库: the service's archive as bodies × years, a form to add reports, and a body's history with
each year's reuse of the year before.

Reading the list is a quick SQLite query (a thread); adding and the history run the pipeline, so they
go through the worker pool like a check. A missing archive file is shown as an empty archive and is
created only when the first report is added.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from checker.errors import CheckerError, InputError
from checker.serve import uploads, worker
from checker.serve.app import Service, authorised, form_reader, lang_of, message_of, status_of
from checker.serve.pages import WORDS, error_line, html_page


def _reports(path: str | None) -> list:  # type: ignore[type-arg]
    from checker.reuse.archive import Archive

    if not path or not Path(path).exists():
        return []
    with Archive(path, create=False) as store:
        return store.reports()


def _grid(reports: list, lang: str) -> str:  # type: ignore[type-arg]
    w = WORDS[lang]
    if not reports:
        return f'<p class="dim">{w["archive_empty"]}</p>'
    years = sorted({r.year for r in reports if r.year is not None})
    bodies: dict[str, dict[int | None, int]] = {}
    for r in reports:
        cell = bodies.setdefault(r.org or "", {})
        cell[r.year] = cell.get(r.year, 0) + 1
    head = "".join(f'<th class="num">{y}</th>' for y in years)
    rows = []
    for org, counts in sorted(bodies.items()):
        name = escape(org) if org else w["no_org"]
        link = f'<a href="/archive/body?org={quote(org)}&amp;lang={lang}">{name}</a>' if org else name
        cells = "".join(f'<td class="num">{y}</td>' if counts.get(y) else "<td></td>" for y in years)
        rows.append(f"<tr><td>{link}</td>{cells}</tr>")
    return (f'<table id="archive"><thead><tr><th>{w["body"]}</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _add_form(lang: str, message: str | None = None) -> str:
    w = WORDS[lang]
    return (f'{error_line(message, lang)}<h2>{w["archive_add"]}</h2><form class="upload" method="post" '
            f'action="/archive?lang={lang}" enctype="multipart/form-data">\n'
            f'<label class="drop">{w["files"]}<br><input type="file" name="file" multiple required></label>\n'
            f'<label>{w["org_opt"]} <input type="text" name="org" maxlength="60"></label>\n'
            f'<label>{w["year_opt"]} <input type="number" name="year" min="1990" max="2100"></label>\n'
            f'<p><button type="submit">{w["archive_add"]}</button> <span class="busy" hidden>{w["busy"]}</span></p>\n'
            "</form>")


def _history(rows: tuple[worker.YearOnYear, ...], lang: str) -> str:
    w = WORDS[lang]
    body = "".join(
        f'<tr><td class="num">{r.report.year or "—"}</td><td>{escape(r.report.title or "—")}</td>'
        f'<td class="num">{r.report.chars}</td><td class="num">{r.earlier_year or "—"}</td>'
        f'<td class="num">{"—" if r.ratio is None else f"{r.ratio:.0%}"}</td>'
        f'<td class="num">{"—" if r.ratio_without_boilerplate is None else f"{r.ratio_without_boilerplate:.0%}"}</td>'
        f'<td class="dim">{escape(r.report.path or "")}</td></tr>' for r in rows)
    head = "".join(f"<th>{w[k]}</th>" for k in ("year", "title", "chars", "earlier", "ratio", "without", "file_col"))
    return f'<table id="history"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def routes(service: Service) -> list[Route]:
    read_form = form_reader(service.config)

    def listing(lang: str, reports: list, message: str | None = None, status: int = 200) -> HTMLResponse:  # type: ignore[type-arg]
        return html_page(WORDS[lang]["archive_page"], _grid(reports, lang) + _add_form(lang, message), lang, status)

    async def archive_page(request: Request) -> Response:
        lang = lang_of(request)
        if not authorised(request, service.config.token):
            return RedirectResponse(f"/login?lang={lang}", status_code=303)
        try:
            reports = await run_in_threadpool(_reports, service.config.archive_db)
        except CheckerError as e:  # a damaged archive: its one line, and no form that would write to it
            return html_page(WORDS[lang]["archive_page"], error_line(message_of(e, lang), lang), lang, 400)
        return listing(lang, reports)

    async def add(request: Request) -> Response:
        lang = lang_of(request)
        if not authorised(request, service.config.token):
            return RedirectResponse(f"/login?lang={lang}", status_code=303)
        try:
            await _add(await read_form(request))
        except Exception as e:  # noqa: BLE001 — the form again, with the one line and its status
            reports = await run_in_threadpool(_reports, service.config.archive_db)
            return listing(lang, reports, message_of(e, lang), status_of(e))
        return RedirectResponse(f"/archive?lang={lang}", status_code=303)

    async def _add(form) -> None:  # type: ignore[no-untyped-def]
        cfg = service.config
        if not cfg.archive_db:
            raise CheckerError(None, "服务没有配置档案库（--archive-db）", "the service has no archive (--archive-db)")
        files = [f for f in form.getlist("file") if isinstance(f, UploadFile) and f.filename]
        if not files:
            raise CheckerError(None, "没有收到报告文件（表单字段 file）", "no report file received (form field file)")
        org = form.get("org").strip() if isinstance(form.get("org"), str) and form.get("org").strip() else None
        year_text = form.get("year") if isinstance(form.get("year"), str) else ""
        if year_text.strip() and not year_text.strip().isdigit():
            raise CheckerError(None, "年度应为数字", "the year must be a number")
        year = int(year_text) if year_text.strip() else None
        with uploads.stored() as store:
            for f in files:
                path = await uploads.save(f, store, cfg.limits.max_bytes)
                uploads.check_format(path, store.names[path])
                done = await service.submit(worker.archive_add, path, store.names[path], cfg.default_checklist,
                                            cfg.archive_db, org, year)
                if isinstance(done, worker.Unreadable):
                    raise InputError(done.path, done.reason_zh, done.reason_en)

    async def body_page(request: Request) -> Response:
        lang = lang_of(request)
        if not authorised(request, service.config.token):
            return RedirectResponse(f"/login?lang={lang}", status_code=303)
        org = request.query_params.get("org", "")
        reports = await run_in_threadpool(_reports, service.config.archive_db)
        if not org or not any(r.org == org for r in reports):
            return html_page(WORDS[lang]["archive_page"], error_line(WORDS[lang]["no_body"], lang), lang, 404)
        rows = await service.submit(worker.archive_history, service.config.archive_db, org,
                                    service.config.default_checklist)
        return html_page(org, f'<p><a href="/archive?lang={lang}">{WORDS[lang]["archive_page"]}</a></p>'
                         + _history(rows, lang), lang)

    return [
        Route("/archive", archive_page, methods=["GET"]),
        Route("/archive", add, methods=["POST"]),
        Route("/archive/body", body_page, methods=["GET"]),
    ]
