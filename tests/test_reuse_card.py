"""The part of the report a reviewer reads first: the totals card (HTML and terminal), short reuse
evidence, passages cut at clause boundaries, and the printable PDF.

The card's values must be the JSON ``reuse`` fields, formatted: a card that computed its own figures
could drift from what a program reading the JSON sees.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from checker.model import Result
from checker.pipeline import check_path
from checker.render import html, terminal
from checker.render.json import report_dict
from checker.reuse import align
from checker.reuse.canon import CLAUSE_STOPS, canonical
from checker.rules import checklist
from tests import browser
from tests.cli_run import run_cli
from tests.conftest import ROOT

HERE = Path(__file__).parent
OLD = HERE / "data" / "reuse" / "2023.txt"
SHENZHEN = checklist.load("shenzhen")
CLAUSE_ENDS = "，,、；;：:。！!？?"


@pytest.fixture(scope="module")
def recycled(tmp_path_factory: pytest.TempPathFactory) -> Result:
    text = OLD.read_text(encoding="utf-8")
    new = (text.replace("2024年工作计划", "2025年工作计划").replace("2023", "2024").replace("3100", "4260")
           .replace("沿街商户", "临街店铺")
           .replace("(二)规范执法行为。", "(二)规范执法行为。依托卫星遥感开展违建巡查,全年发现新增违建线索35处。"))
    path = tmp_path_factory.mktemp("recycled") / "2024.txt"
    path.write_text(new, encoding="utf-8")
    return check_path(str(path), SHENZHEN, history=[str(OLD)])


def _pct(v: float) -> str:
    return f"{v * 100:.1f}%"


def test_html_card_shows_the_json_totals(recycled: Result) -> None:
    data = report_dict(recycled)["reuse"]
    card = lxml.html.document_fromstring(html.report(recycled)).get_element_by_id("totals")
    shown = {e.get("data-field"): e.text_content().strip() for e in card.xpath(".//*[@data-field]")}
    assert shown == {
        "ratio": _pct(data["ratio"]), "ratio_without_boilerplate": _pct(data["ratio_without_boilerplate"]),
        "ratio_self": _pct(data["ratio_self"]), "ratio_peer": _pct(data["ratio_peer"]),
        "chars": str(data["chars"]), "reused_chars": str(data["reused_chars"]),
        "suspect_passages": str(data["suspect_passages"]),
        "largest": f"{data['sources'][0]['org']} {data['sources'][0]['year']} "
                   f"{_pct(data['sources'][0]['ratio_without_boilerplate'])}",
    }
    assert data["chars"] > data["reused_chars"] > 0 and data["ratio_self"] > 0.5 and data["ratio_peer"] == 0
    assert data["ratio"] == round(data["reused_chars"] / data["chars"], 4)
    assert data["suspect_passages"] == sum(not p["boilerplate"] for p in data["passages"])
    # the card leads: before the deductions, the checklist and the findings
    page = html.report(recycled)
    assert page.index('id="totals"') < page.index('id="deductions"')
    assert all(word in card.text_content() for word in ("总文字复制比", "总字数", "重复字数", "疑似段落数", "最大来源"))


def test_terminal_card_shows_the_same_totals(recycled: Result) -> None:
    from rich.console import Console
    console = Console(width=160, record=True, color_system=None)
    console.print(terminal.report(recycled))
    out = console.export_text()
    data = report_dict(recycled)["reuse"]
    head = out[out.index("总文字复制比"):]
    for expected in (_pct(data["ratio"]), str(data["chars"]), str(data["reused_chars"]), _pct(data["ratio_self"])):
        assert expected in head.split("\n\n")[0], expected
    assert "疑似段落数" in out and "重复字数" in out


def test_reuse_evidence_is_a_short_excerpt_ending_at_a_clause(recycled: Result) -> None:
    found = [f for f in recycled.findings if f.rule in ("reuse.self", "reuse.peer") and f.evidence]
    assert found, "the recycled report must have reuse findings"
    passages = {(p.start, p.end): p.text for p in recycled.reuse.passages}  # type: ignore[union-attr]
    for f in found:
        whole = " ".join(passages[(f.location.start, f.location.end)].split())
        assert len(whole) > 60, "the test needs a long passage to shorten"
        excerpt = f.evidence.removesuffix("……")
        assert f.evidence.endswith("……") and len(excerpt) <= 60 and whole.startswith(excerpt)
        assert excerpt[-1] in CLAUSE_ENDS, excerpt
    # the JSON keeps the whole passage's offsets
    data = report_dict(recycled)
    spans = {(p["start"], p["end"]) for p in data["reuse"]["passages"]}
    assert all((f["start"], f["end"]) in spans for f in data["findings"] if f["rule"] == "reuse.self"
               and f["start"] is not None)


def _passages(here: str, there: str) -> list[str]:
    cq, cs = canonical(here), canonical(there)
    found = align.align(cq.text, cs.text, q_breaks=cq.breaks(here), s_breaks=cs.breaks(there),
                        q_clauses=cq.breaks(here, CLAUSE_STOPS), s_clauses=cs.breaks(there, CLAUSE_STOPS))
    return [here[slice(*cq.norm_span(m.q_start, m.q_end))] for m in found]


SHARED = "全面推行行政执法公示制度,执法全过程记录制度和重大执法决定法制审核制度,执法规范化水平明显提升"


@pytest.mark.parametrize(("here", "there", "expected"), [
    # a word that differs by one character ("有关"/"相关") leaves no half word at the start
    (f"各有关部门,{SHARED}。", f"各相关部门,{SHARED}。", [SHARED]),
    # nor at the end ("群众满意"/"群众称赞")
    (f"今年以来,{SHARED},群众满意。", f"去年以来,{SHARED},群众称赞。", [SHARED]),
    # a clause that is a real part of the passage is kept
    (f"各部门认真落实,{SHARED}。", f"各部门认真落实,{SHARED}。", [f"各部门认真落实,{SHARED}"]),
], ids=["start-mid-word", "end-mid-word", "whole-clause-kept"])
def test_passages_break_at_clause_boundaries(here: str, there: str, expected: list[str]) -> None:
    assert _passages(here, there) == expected


def test_adjacent_passages_from_one_source_merge() -> None:
    one = "深入开展法治宣传教育活动,全年举办专题讲座十二场,覆盖干部群众三千余人次。"
    two = "坚持严格规范公正文明执法,全面落实行政执法三项制度,执法案卷评查合格率达到百分之百。"
    # a short sentence inserted here, or one dropped from the source, between two recycled sentences
    assert len(_passages(f"{one}新增一项。{two}", f"{one}{two}")) == 1
    assert len(_passages(f"{one}{two}", f"{one}另有其他内容写在这里。{two}")) == 1
    # a long new paragraph between them: two passages, not one that claims the new text
    new = "本年度新建成智慧执法平台并接入全部执法终端,实现执法数据实时汇聚分析。"
    assert len(_passages(f"{one}{new}{two}", f"{one}{two}")) == 2


# --- the printable PDF -----------------------------------------------------------------------------


def test_pdf_has_the_score_and_the_org(tmp_path: Path) -> None:
    browser.require()
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is missing: run `make dev`"
    report = ROOT / "examples" / "福田区示例街道2024年法治政府建设年度报告.txt"
    out = tmp_path / "报告.pdf"
    code, _, err = run_cli("check", str(report), "--format", "pdf", "--output", str(out))
    assert code in (0, 1), err
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    data = json.loads(run_cli("check", str(report), "--format", "json")[1])["reports"][0]
    assert data["org"] in text.replace(" ", "")
    assert f"{data['score']:g}" in text and "/ 100" in text
    # the .pdf suffix alone selects the format
    implied = tmp_path / "b.pdf"
    assert run_cli("check", str(report), "--output", str(implied))[0] in (0, 1) and implied.stat().st_size > 1000


def test_pdf_without_chromium_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_CHROMIUM", str(tmp_path / "no-such-chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "x.pdf"
    code, _, err = run_cli("check", str(ROOT / "examples" / "福田区示例街道2024年法治政府建设年度报告.txt"),
                           "--format", "pdf", "--output", str(out))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "Chromium" in err and "apt-get install" in err and "Traceback" not in err
    assert not out.exists()


def test_pdf_needs_an_output_file() -> None:
    code, out, err = run_cli("check", str(ROOT / "examples" / "福田区示例街道2024年法治政府建设年度报告.txt"),
                             "--format", "pdf")
    assert code == 2 and "--output" in err and not out


def test_print_css_hides_interactive_parts() -> None:
    from checker.render.html_assets import CSS
    printed = CSS[CSS.index("@media print"):]
    assert "@page" in CSS and "A4" in CSS
    assert all(part in printed for part in ("nav", ".filters", "break-before"))
