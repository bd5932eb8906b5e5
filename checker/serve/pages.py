"""The pages: 检查一份报告, 批量审核, the results (the CLI's HTML report) and the token login.

Plain multipart forms that work without JavaScript; ``/static/serve.js`` (from the package) adds drag &
drop and a progress state. A result page is the page ``checker check --format html`` writes, with the
downloads in its bar of links, under the report's own CSP; the forms' pages differ from it only in allowing
their own script and form posts to this service.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from checker.render.html_assets import CSP, CSS
from checker.render.labels import known_language, serve_words
from checker.render.messages import pick
from checker.serve.app import (
    COOKIE,
    Checked,
    Service,
    authorised,
    form_reader,
    message_of,
    render_checked,
    status_of,
)
from checker.serve.outputs import batch_pages, media_type

PAGE_CSP = CSP.replace("script-src 'none'", "script-src 'self'").replace("form-action 'none'", "form-action 'self'")
_SCRIPT = files("checker.serve").joinpath("static/serve.js").read_bytes()

WORDS = {
    "zh": {"check": "检查一份报告", "batch": "批量审核", "file": "报告文件", "drop": "把文件拖到这里，或点击选择",
           "history": "往年报告（可选，可多选）", "checklist": "检查清单", "archive": "与档案库比对",
           "run": "开始检查", "busy": "正在检查，请稍候……", "files": "报告文件（可多选，或一个 .zip）",
           "token": "令牌", "login": "登录", "json": "下载 JSON", "html": "下载 HTML", "docx": "下载批注稿（Word）",
           "xlsx": "下载汇总工作簿（Excel）", "again": "再检查一份",
           "error": "错误", "other": "English", "other_lang": "en", "formats": "支持的格式",
           "api": "API 文档", "status": "状态码", "answer": "含义", "archive_page": "档案库",
           "archive_empty": "档案库中还没有报告", "archive_add": "加入档案库", "body": "单位", "no_org": "（未识别单位）",
           "org_opt": "单位（可选，默认从报告中识别）", "year_opt": "年度（可选）", "no_body": "档案库中没有这个单位的报告",
           "year": "年度", "title": "标题", "chars": "字数", "earlier": "比对的上一年", "ratio": "复制比",
           "without": "不含规定性表述", "file_col": "文件",
           "api_intro": "HTTP API 各端点；令牌放在请求头 Authorization: Bearer <令牌>。机器可读的 OpenAPI 文档："},
    "en": {"check": "Check a report", "batch": "Batch review", "file": "Report file",
           "drop": "Drop the file here, or choose one", "history": "Earlier-year reports (optional)",
           "checklist": "Checklist", "archive": "Compare with the archive", "run": "Check",
           "busy": "Checking, please wait…", "files": "Report files (several, or one .zip)", "token": "Token",
           "login": "Log in", "json": "Download JSON", "html": "Download HTML",
           "docx": "Download the commented draft (Word)", "xlsx": "Download the workbook (Excel)",
           "again": "Check another",
           "error": "Error", "other": "中文", "other_lang": "zh", "formats": "Formats",
           "api": "API documentation", "status": "Status", "answer": "Meaning", "archive_page": "Archive",
           "archive_empty": "The archive holds no reports yet", "archive_add": "Add to the archive", "body": "Body",
           "no_org": "(body not recognised)", "org_opt": "Body (optional; found in the report by default)",
           "year_opt": "Year (optional)", "no_body": "The archive holds no report of this body", "year": "Year",
           "title": "Title", "chars": "Characters", "earlier": "Compared with", "ratio": "Reuse",
           "without": "Without set phrases", "file_col": "File",
           "api_intro": "The HTTP API's endpoints; the token goes in the header Authorization: Bearer <token>. "
                        "The OpenAPI document:"},
}

EXTRA_CSS = """
form.upload{display:grid;gap:12px;max-width:720px;margin:16px 0}
.drop{border:2px dashed var(--line);border-radius:10px;padding:24px;text-align:center;background:var(--bg)}
.drop.over{border-color:var(--ok)}
button{font:inherit;padding:6px 18px;border-radius:6px;border:1px solid var(--line);background:var(--ok);color:#fff}
.error{color:var(--red);font-weight:700;white-space:pre-wrap}
"""


def html_page(title: str, body: str, lang: str, status: int = 200) -> HTMLResponse:
    w = WORDS[lang]
    nav = (f'<nav><ul><li><a href="/?lang={lang}">{w["check"]}</a></li>'
           f'<li><a href="/batch?lang={lang}">{w["batch"]}</a></li><li><a href="/archive?lang={lang}">{w["archive_page"]}</a></li>'
           f'<li><a href="/docs?lang={lang}">{w["api"]}</a></li>'
           f'<li><a href="?lang={w["other_lang"]}" hreflang="{w["other_lang"]}">{w["other"]}</a></li></ul></nav>')
    html = (f'<!DOCTYPE html>\n<html lang="{serve_words(lang)["html_lang"]}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
            f"<style>{CSS}{EXTRA_CSS}</style>\n</head>\n<body>\n{nav}\n<main>\n<h1>{escape(title)}</h1>\n{body}\n"
            '</main>\n<script src="/static/serve.js"></script>\n</body>\n</html>\n')
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": PAGE_CSP})


def error_line(message: str | None, lang: str) -> str:
    return f'<p class="error" role="alert">{WORDS[lang]["error"]}：{escape(message)}</p>' if message else ""


def check_form(service: Service, lang: str, message: str | None = None) -> str:
    from checker.readers.registry import readable_suffixes

    w = WORDS[lang]
    options = "".join(f'<option value="{escape(n)}"{" selected" if n == service.config.default_checklist else ""}>'
                      f"{escape(n)}</option>" for n in service.checklists)
    return (f'{error_line(message, lang)}<form class="upload" method="post" action="/check?lang={lang}" '
            f'enctype="multipart/form-data">\n'
            f'<label class="drop">{w["drop"]}<br><input type="file" name="file" required></label>\n'
            f'<p class="dim">{w["formats"]}：{escape(readable_suffixes())}</p>\n'
            f'<label>{w["history"]}<br><input type="file" name="history" multiple></label>\n'
            f'<label>{w["checklist"]} <select name="checklist">{options}</select></label>\n'
            f'<label><input type="checkbox" name="archive" value="true"> {w["archive"]}</label>\n'
            f'<p><button type="submit">{w["run"]}</button> <span class="busy" hidden>{w["busy"]}</span></p>\n'
            "</form>")


def batch_form(service: Service, lang: str, message: str | None = None) -> str:
    w = WORDS[lang]
    options = "".join(f'<option value="{escape(n)}">{escape(n)}</option>' for n in service.checklists)
    return (f'{error_line(message, lang)}<form class="upload" method="post" action="/batch?lang={lang}" '
            f'enctype="multipart/form-data">\n'
            f'<label class="drop">{w["files"]}<br><input type="file" name="file" multiple required></label>\n'
            f'<label>{w["checklist"]} <select name="checklist">{options}</select></label>\n'
            f'<p><button type="submit">{w["run"]}</button> <span class="busy" hidden>{w["busy"]}</span></p>\n'
            "</form>")


def _with_downloads(page: bytes, key: str, lang: str) -> bytes:
    """The CLI's report page with the downloads at the end of its sticky bar of links (links only: the
    page runs no script), so that they are styled by the report's own CSS and stay in view."""
    w = WORDS[lang]
    links = (f'<li class="dl"><a href="/r/{key}/report.json" download>{w["json"]}</a></li>'
             f'<li><a href="/r/{key}/report.html" download>{w["html"]}</a></li>'
             f'<li><a href="/r/{key}/report.docx" download>{w["docx"]}</a></li>'
             f'<li><a href="/?lang={lang}">{w["again"]}</a></li>')
    style = b"<style>nav li.dl{margin-left:auto}nav li a[href^='/']{color:var(--ok)}</style>\n</head>"
    page = page.replace(b"</head>", style, 1)
    start = page.find(b"<nav><ul>")
    end = page.find(b"</ul></nav>", start)
    return page[:end] + links.encode("utf-8") + page[end:] if start >= 0 and end >= 0 else page


# what a result page offers as files: the name in the link → the output format that makes it
DOWNLOADS = {"report.json": "json", "report.html": "html", "report.docx": "docx"}
BATCH_DOWNLOADS = {"summary.xlsx": "xlsx", "report.json": "json"}


def _with_workbook(page: bytes, key: str, lang: str) -> bytes:
    """The batch index with the workbook of the same results to download, at the top of its content."""
    w = WORDS[lang]
    link = (f'<p class="downloads"><a href="/r/{key}/summary.xlsx" download>{w["xlsx"]}</a> · '
            f'<a href="/r/{key}/report.json" download>{w["json"]}</a></p>').encode()
    at = page.find(b"<main>")
    return page[:at + 6] + link + page[at + 6:] if at >= 0 else page


def routes(service: Service) -> list[Route]:
    read_form = form_reader(service.config)

    def lang_of(request: Request) -> str:
        return known_language(request.query_params.get("lang"))

    def allowed(request: Request) -> bool:
        return authorised(request, service.config.token)

    def to_login(lang: str) -> Response:
        return RedirectResponse(f"/login?lang={lang}", status_code=303)

    async def check_page(request: Request) -> Response:
        lang = lang_of(request)
        if not allowed(request):
            return to_login(lang)
        return html_page(WORDS[lang]["check"], check_form(service, lang), lang)

    async def batch_page(request: Request) -> Response:
        lang = lang_of(request)
        if not allowed(request):
            return to_login(lang)
        return html_page(WORDS[lang]["batch"], batch_form(service, lang), lang)

    def submitted(batch: bool):  # type: ignore[no-untyped-def]
        async def post(request: Request) -> Response:
            lang = lang_of(request)
            if not allowed(request):
                return to_login(lang)
            try:
                checked = await service.check(await read_form(request), lang=lang, batch=batch)
            except Exception as e:  # noqa: BLE001 — the form again, with the one line and its status
                status = status_of(e)
                if status == 500:
                    from checker.serve.app import log

                    log.error("internal error", exc_info=e)
                form = batch_form if batch else check_form
                return html_page(WORDS[lang]["batch" if batch else "check"], form(service, lang, message_of(e, lang)),
                             lang, status)
            return RedirectResponse(f"/r/{service.keep(checked)}/?lang={lang}", status_code=303)
        return post

    def kept(request: Request) -> tuple[str, Checked] | None:
        key = request.path_params["key"]
        checked = service.kept.get(key)
        return (key, checked) if checked is not None else None

    async def result_page(request: Request) -> Response:
        if not allowed(request):
            return to_login(lang_of(request))
        found = kept(request)
        page = request.path_params.get("page", "")
        if found is None:
            return HTMLResponse("结果已过期或不存在 / result not found", status_code=404)
        key, checked = found
        downloads = BATCH_DOWNLOADS if checked.batch else DOWNLOADS
        if page in downloads:  # the CLI's own outputs of this check, as files
            fmt = downloads[page]
            return Response(await render_checked(checked, fmt), media_type=media_type(fmt),
                            headers={"Content-Disposition": f'attachment; filename="{page}"',
                                     "Content-Security-Policy": CSP})
        if checked.batch:
            from starlette.concurrency import run_in_threadpool

            unreadable = [(u.path, pick(u.reason_zh, u.reason_en, checked.lang) or u.reason_zh)
                          for u in checked.unreadable]
            pages = await run_in_threadpool(batch_pages, checked.results, checked.lang, unreadable)
            body = pages.get(page or "index.html")
            if body is None:
                return HTMLResponse("not found", status_code=404)
            if not page or page == "index.html":
                body = _with_workbook(body, key, checked.lang)
            return Response(body, media_type="text/html; charset=utf-8", headers={"Content-Security-Policy": CSP})
        if page:
            return HTMLResponse("not found", status_code=404)
        body = _with_downloads(await render_checked(checked, "html"), key, checked.lang)
        return Response(body, media_type="text/html; charset=utf-8", headers={"Content-Security-Policy": CSP})

    async def login_page(request: Request) -> Response:
        lang = lang_of(request)
        w = WORDS[lang]
        return html_page(w["login"], f'<form class="upload" method="post" action="/login?lang={lang}">'
                     f'<label>{w["token"]} <input type="password" name="token" required></label>'
                     f'<p><button type="submit">{w["login"]}</button></p></form>', lang)

    async def login(request: Request) -> Response:
        lang = lang_of(request)
        form = await request.form(max_files=0, max_fields=2)
        token = form.get("token")
        response = RedirectResponse(f"/?lang={lang}", status_code=303)
        if isinstance(token, str):
            response.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict")
        return response

    async def script(request: Request) -> Response:
        return Response(_SCRIPT, media_type="text/javascript")

    return [
        Route("/", check_page, methods=["GET"]),
        Route("/check", submitted(False), methods=["POST"]),
        Route("/batch", batch_page, methods=["GET"]),
        Route("/batch", submitted(True), methods=["POST"]),
        Route("/r/{key}/", result_page, methods=["GET"]),
        Route("/r/{key}/{page}", result_page, methods=["GET"]),
        Route("/login", login_page, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/static/serve.js", script, methods=["GET"]),
    ]
