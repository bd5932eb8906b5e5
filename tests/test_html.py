"""HTML output: the page's structure, escaping of hostile reports, the pages in a real browser, golden pages.

Results come from the real pipeline on examples/, the seeds, a recycled pair (a 2024 report derived from
tests/data/reuse/2023.txt, which is its history) and a hostile pair carrying script payloads in the text,
headings, evidence, messages, org, title, paths and source report. Each payload would set ``data-pwned``
on ``<html>``; the browser tests look for it in the DOM Chromium prints after load: on a control page
where a payload fires (so the check can fail), on our pages without CSP (escaping alone must hold), and
as written.

Golden pages: ``UPDATE_GOLDEN=1 pytest tests/test_html.py`` rewrites tests/golden/html/; review the diff.
Browser tests need Chromium (``make dev``); they fail without it unless CHECKER_SKIP_BROWSER=1.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import lxml.html
import pytest

from checker.model import Extracted, Result
from checker.pipeline import analyse, check_path
from checker.render import html
from checker.render.html_assets import CSP
from checker.render.messages import Wording
from checker.rules import checklist
from tests import browser
from tests.conftest import ROOT, SEEDS

HERE = Path(__file__).parent
ARTIFACTS = HERE / "artifacts"
GOLDEN = HERE / "golden" / "html"
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
SHENZHEN = checklist.load("shenzhen")
OLD = (HERE / "data" / "reuse" / "2023.txt").read_text(encoding="utf-8")

PW = "document.documentElement.dataset.pwned"  # each payload would set <html data-pwned=…>
PAYLOADS = (
    f"<script>{PW}=1</script>", f"<img src=x onerror={PW}=2>", f'"><svg onload={PW}=3>',
    f"</title><script>{PW}=4</script>", f"</style><script>{PW}=5</script>", f'<a href="javascript:{PW}=6">点此</a>',
    f"'><details open ontoggle={PW}=7>", "\u2028\u2029", "<!--", "&lt;script&gt;&amp;",
)
HOSTILE_TITLE = f"示例区城市管理局2024年法治政府建设年度报告{PAYLOADS[3]}{PAYLOADS[1]}"
HOSTILE_ORG = f"示例区{PAYLOADS[0]}{PAYLOADS[2]}城市管理局"
# The tags our pages are made of: a payload that became markup would add one (script, img, svg, b …).
TAGS = {"html", "head", "meta", "title", "style", "body", "nav", "main", "header", "section", "div", "h1", "h2",
        "h3", "p", "ul", "ol", "li", "a", "dl", "dt", "dd", "small", "span", "table", "thead", "tbody", "tfoot",
        "tr", "th", "td", "code", "q", "label", "input", "mark", "details", "summary"}


def _hostile_texts() -> tuple[str, str]:
    """A hostile 2023 report and the 2024 report recycled from it, payloads in every part."""
    p = PAYLOADS
    old = (f"示例区城市管理局2023年法治政府建设年度报告{p[3]}\n"
           "2023年,示例区城市管理局坚持以习近平新时代中国特色社会主义思想为指导,现将有关情况报告如下:\n"
           f"一、2023年推进法治政府建设的主要举措和成效{p[1]}\n"
           f"(一)完善执法制度{p[2]}。全年修订《市容环境卫生行政处罚裁量基准》等制度文件6项{p[5]},梳理执法事项清单412项"
           f"{p[6]},实现执法依据动态更新{p[7]}。全面推行执法记录仪佩戴使用,全年调取执法视频3100余段开展抽查{p[4]},"
           f"发现并纠正不规范执法行为27起{p[8]}{p[9]}。\n"
           "(二)党政主要负责人履行推进法治建设第一责任人职责情况。局党组书记主持召开党组会专题研究法治工作5次,带头在区政府常务会议上述法。\n"
           "二、2023年推进法治政府建设存在的不足和原因\n"
           f"一是执法队伍专业素质不均衡{p[1]}。由于近两年新招录的协管人员较多,岗前培训时间偏短。二是智慧执法平台数据共享不足{p[2]}。"
           "原因是平台由多家单位分别建设,接口标准不统一。\n三、2024年工作计划\n"
           f"(一)开展执法人员分层分类培训{p[0]},全年培训不少于10期,实现协管人员持证上岗全覆盖。\n"
           f"(二)推动智慧执法平台与市场监管、住建部门数据对接{p[3]},统一接口标准。\n")
    new = old.replace("2024年工作计划", "2025年工作计划").replace("2023", "2024").replace("3100", "4260")
    return old, new + f'(三)XX{p[1]}项工作请填写【"><b>填写</b>】。\n'


@pytest.fixture(scope="module")
def examples() -> list[Result]:
    """The examples, with the path as the file name only (golden pages hold no machine paths)."""
    return [dataclasses.replace(check_path(str(p), SHENZHEN), path=p.name) for p in EXAMPLES]


@pytest.fixture(scope="module")
def seeds() -> list[Result]:
    return [check_path(str(p), SHENZHEN) for p in sorted(SEEDS.glob("0*.txt"))]


@pytest.fixture(scope="module")
def recycled(tmp_path_factory: pytest.TempPathFactory) -> Result:
    new = (OLD.replace("2024年工作计划", "2025年工作计划").replace("2023", "2024").replace("3100", "4260")
           .replace("沿街商户", "临街店铺").replace("(二)规范执法行为。", "(二)规范执法行为。依托卫星遥感开展违建巡查,全年发现新增违建线索35处。"))
    path = tmp_path_factory.mktemp("recycled") / "2024.txt"
    path.write_text(new, encoding="utf-8")
    return check_path(str(path), SHENZHEN, history=[str(HERE / "data" / "reuse" / "2023.txt")])


@pytest.fixture(scope="module")
def hostile() -> Result:
    """Payloads through the pipeline, then in the title, org and source org (the detector declines those)."""
    old, new = _hostile_texts()
    r = analyse(Extracted(f"报告{PAYLOADS[1]}{PAYLOADS[2]}.txt", "txt", new), SHENZHEN,
                history=[Extracted(f"old{PAYLOADS[3]}.txt", "txt", old)])
    assert r.reuse is not None and r.reuse.passages, "the hostile pair must share passages"
    sources = tuple(dataclasses.replace(s, org=HOSTILE_ORG) for s in r.reuse.sources)
    return dataclasses.replace(r, meta=dataclasses.replace(r.meta, title=HOSTILE_TITLE, org=HOSTILE_ORG),
                               reuse=dataclasses.replace(r.reuse, sources=sources))


_doc = lxml.html.document_fromstring


def _check_structure(r: Result, page: str) -> None:
    doc = _doc(page)
    ids = [e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content") == [CSP]
    assert doc.get_element_by_id("score").text_content().startswith(f"{r.score.value:g}")
    assert len(doc.xpath('//li[contains(@class, "finding")]')) == len(r.findings)
    for href in doc.xpath("//a/@href"):
        assert href.startswith("#") and href[1:] in ids, f"dangling link {href}"
    for i, f in enumerate(r.findings, 1):
        link = doc.xpath(f'(//li[contains(@class, "finding")])[{i}]/a[@class="loc"]/@href')[0]
        target = doc.get_element_by_id(link[1:])
        s, e = f.location.start, f.location.end
        if s is None or e is None:
            assert target.tag != "mark", f.rule
            continue
        assert (link, target.tag) == (f"#f{i}", "mark")
        marked = "".join(m.text_content() for m in doc.xpath(f'//*[@data-f="f{i}"]'))  # every piece
        assert marked == r.text[s:e].replace("\n", "")  # the text view has a <p> where the text has \n
        if f.rule in ("reuse.self", "reuse.peer"):  # these quote the passage's first clauses
            assert "".join(marked.split()).startswith("".join((f.evidence or "").removesuffix("……").split()))
        elif not f.rule.startswith("followup."):  # these quote last year's report as their evidence
            assert marked == (f.evidence or "").replace("\n", ""), f.rule
    paragraphs = doc.xpath('//div[@class="text"]/p')
    assert "\n".join(p.text_content() for p in paragraphs) == r.text, "the text view is not the report's text"
    assert [e.get("id") for e in doc.xpath('//table[@id="checklist"]/tbody/tr')] == [f"item-{s.id}" for s in r.sections]


def test_structure_of_examples_and_seeds(examples: list[Result], seeds: list[Result]) -> None:
    assert len(seeds) == 5
    for r in [*examples, *seeds]:
        _check_structure(r, html.report(r))


def test_example_page_shows_what_the_terminal_shows(examples: list[Result]) -> None:
    r = next(r for r in examples if r.findings)
    doc = _doc(html.report(r))
    assert doc.findtext(".//title") == f"{r.meta.title} — 检查结果"
    assert doc.get_element_by_id("reason").text_content() == Wording(r).gate_reason(r.score)
    assert "✗ 未通过" in doc.get_element_by_id("verdict").text_content()
    deductions = doc.get_element_by_id("deductions").text_content()
    assert all(d.rule in deductions and f"−{d.points:g}" in deductions for d in r.score.deductions if d.points)
    outline = doc.get_element_by_id("outline").text_content()
    assert all(e.heading in outline for e in r.outline)
    assert doc.xpath('//tr[@id="item-prior_rectification"]//span[@class="no"]')  # the ✗ of a missing item
    assert [s.get("id") for s in doc.xpath('//section[starts-with(@id, "findings-")]')] == [
        "findings-error", "findings-warning", "findings-info"]


def test_recycled_passages_side_by_side(recycled: Result) -> None:
    reuse = recycled.reuse
    assert reuse is not None
    _check_structure(recycled, html.report(recycled))
    doc = _doc(html.report(recycled))
    legend = doc.get_element_by_id("legend").text_content()
    assert all(word in legend for word in ("红色", "橙色", "复制比 =", "不含规定性表述的复制比"))
    shown = [(j, p) for j, p in enumerate(reuse.passages, 1) if not p.boilerplate]
    assert shown
    for j, p in shown:
        here, there = doc.get_element_by_id(f"p{j}").xpath("./td")
        assert here.text_content().endswith(p.text) and there.text_content().endswith(p.source_text)
        for same in here.xpath('.//span[@class="same"]'):
            assert same.text_content() in p.source_text
    edited = doc.xpath('//table[@class="sbs"]//span[@class="edit"]/text()')
    assert "426" in edited and "临街店铺" in edited  # the changed figure and words are orange
    assert len(doc.xpath('//table[@id="reuse-items"]/tbody/tr')) == len(reuse.sections)
    assert doc.xpath('//span[@class="ru"]'), "recycled passages are not marked in the text"


def test_index_ranks_links_and_histograms(examples: list[Result], recycled: Result) -> None:
    results = [*examples, recycled]
    links = {r.path: f"{n}页面 #{n}.html" for n, r in enumerate(results)}
    doc = _doc(html.index(results, links))
    rows = doc.xpath('//table[@id="ranking"]/tbody/tr')
    assert len(rows) == len(results)
    scores = [float(row.xpath("./td")[3].text_content()) for row in rows]
    assert scores == sorted(r.score.value for r in results)
    hrefs = doc.xpath('//table[@id="ranking"]//a/@href')
    assert sorted(hrefs) == sorted(f"{n}%E9%A1%B5%E9%9D%A2%20%23{n}.html" for n in range(len(results)))
    bars = doc.xpath("//svg//rect/title/text()")
    assert len(bars) == 20
    counts = [int(b.rsplit(": ", 1)[1]) for b in bars]
    assert sum(counts[:10]) == len(results) and sum(counts[10:]) == 1  # scores; one reuse ratio


def test_index_links_cannot_become_scripts_or_hosts(examples: list[Result]) -> None:
    bad = {examples[0].path: "javascript:alert(1)", examples[1].path: "//evil.example/x.html"}
    hrefs = _doc(html.index(examples, bad)).xpath("//a/@href")
    assert sorted(hrefs) == ["/evil.example/x.html", "javascript%3Aalert%281%29"]


def test_english_page(examples: list[Result]) -> None:
    doc = _doc(html.report(examples[0], lang="en"))
    assert doc.get("lang") == "en" and doc.get_element_by_id("findings").text_content().startswith("Findings")


# --- hostile reports ------------------------------------------------------------------------------


def test_hostile_report_is_escaped_everywhere(hostile: Result) -> None:
    page = html.report(hostile)
    _check_structure(hostile, page)
    assert not re.search(r"<script|<img|<svg|<details open|<b>", page, re.I), "a payload was written as markup"
    doc = _doc(page)
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        assert el.tag in TAGS, f"unexpected element <{el.tag}>"
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), f"event handler {name}= on <{el.tag}>"
            assert not value.strip().lower().startswith("javascript:"), f"{name}={value!r}"
    assert doc.findtext(".//title") == f"{HOSTILE_TITLE} — 检查结果"
    assert doc.get_element_by_id("title").text_content() == HOSTILE_TITLE
    meta = doc.get_element_by_id("meta").text_content()
    assert HOSTILE_ORG in meta and hostile.path in meta
    assert any("<img src=x onerror=" in t for t in doc.xpath("//mark/@title")), "messages go into title="
    assert any(HOSTILE_ORG in t for t in doc.xpath('//span[@class="ru"]/@title')), "source orgs go into title="
    assert PAYLOADS[3] in doc.get_element_by_id("sources").text_content()  # the source's path
    assert "\u2028" in doc.get_element_by_id("text").text_content()


def test_hostile_index_is_escaped(hostile: Result, examples: list[Result]) -> None:
    page = html.index([hostile, *examples], {hostile.path: hostile.path})
    assert not re.search(r"<script|<img|<svg on|<details", page, re.I) and page.count("<svg") == 2
    doc = _doc(page)
    assert HOSTILE_ORG in doc.get_element_by_id("ranking").text_content()
    assert all(el.tag in TAGS | {"svg", "rect", "text", "line", "figure", "figcaption"}
               for el in doc.iter() if isinstance(el.tag, str))


# --- in a real browser ----------------------------------------------------------------------------


def _write(name: str, page: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_text(page, encoding="utf-8")
    return ARTIFACTS / name


def test_browser_sees_a_payload_that_runs() -> None:
    """The control: without escaping and without CSP a payload does fire, and the check sees it."""
    browser.require()
    page = f"<!DOCTYPE html><html><head><title>t</title></head><body>{PAYLOADS[0]}{PAYLOADS[1]}</body></html>"
    assert _doc(browser.dump_dom(_write("control.html", page))).get("data-pwned") in ("1", "2")
    csp = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    page = page.replace("<head>", f"<head>{csp}")
    assert _doc(browser.dump_dom(_write("control-csp.html", page))).get("data-pwned") is None


def test_browser_runs_no_payload(hostile: Result) -> None:
    browser.require()
    page = html.report(hostile)
    csp_line = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
    assert csp_line in page
    for name, text in (("hostile-no-csp.html", page.replace(csp_line, "")), ("hostile.html", page)):
        doc = _doc(browser.dump_dom(_write(name, text)))
        assert doc.get("data-pwned") is None, f"{name}: a payload ran"
        assert doc.findtext(".//title") == f"{HOSTILE_TITLE} — 检查结果"
        assert not doc.xpath("//script | //img | //svg") and doc.get_element_by_id("findings") is not None
    index = html.index([hostile], {hostile.path: hostile.path})
    for name, text in (("hostile-index-no-csp.html", index.replace(csp_line, "")), ("hostile-index.html", index)):
        assert _doc(browser.dump_dom(_write(name, text))).get("data-pwned") is None, name


def test_browser_renders_pages_and_screenshots(examples: list[Result], recycled: Result) -> None:
    browser.require()
    results = [*examples, recycled]
    links = {r.path: f"report-{n}.html" for n, r in enumerate(results)}
    for n, r in enumerate(results):
        page = _write(links[r.path], html.report(r))
        doc = _doc(browser.dump_dom(page))
        assert doc.get_element_by_id("score").text_content().startswith(f"{r.score.value:g}")
        assert len(doc.xpath('//section[@id="findings"]//li')) == len(r.findings)
        assert len(doc.xpath("//mark[@id]")) == sum(f.location.start is not None for f in r.findings)
        png = browser.screenshot(page, ARTIFACTS / f"report-{n}.png")
        assert png.stat().st_size > 10_000, f"{png} looks empty"
    index = _write("index.html", html.index(results, links))
    doc = _doc(browser.dump_dom(index))
    assert len(doc.xpath('//table[@id="ranking"]/tbody/tr')) == len(results) and len(doc.xpath("//svg")) == 2
    png = browser.screenshot(index, ARTIFACTS / "index.png", height=1000)
    assert png.stat().st_size > 10_000


# --- golden pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(len(EXAMPLES)), ids=[p.stem[:9] for p in EXAMPLES])
def test_html_matches_golden(examples: list[Result], n: int) -> None:
    page = html.report(examples[n])
    assert page == html.report(examples[n]), "output is not deterministic"
    golden = GOLDEN / f"example-{EXAMPLES[n].stem}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(page, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run `UPDATE_GOLDEN=1 pytest tests/test_html.py` and review it"
    assert page == golden.read_text(encoding="utf-8")
