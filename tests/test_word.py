"""``--format docx``: the draft comes back with one Word comment per finding, anchored on its evidence.

Checked by reopening the output with python-docx and reading the comment ranges from the XML, by comparing
every paragraph with the original's outside the comment markers, and by rendering it with LibreOffice.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from tests.cli_run import run_cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "福田区示例服务局2024年法治政府建设年度报告.txt"
EARLIER = ROOT / "tests" / "data" / "reuse" / "2023.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MARKERS = {W + "commentRangeStart", W + "commentRangeEnd"}


def rich_docx(text: str, path: Path) -> Path:
    """A draft as drafters make them: runs of mixed formatting (so evidence crosses run edges), heading
    styles, a table, a header and a footer."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "内部审核稿"
    document.sections[0].footer.paragraphs[0].text = "第 1 页"
    for n, line in enumerate(text.split("\n")):
        style = "Heading 1" if line.startswith(("一、", "二、", "三、", "四、")) else None
        paragraph = document.add_paragraph(style=style)
        for i in range(0, len(line), 3):
            run = paragraph.add_run(line[i:i + 3])
            run.bold, run.italic = i % 2 == 0, i % 9 == 0
            if i % 6 == 3:
                run.font.color.rgb = docx.shared.RGBColor(0x20, 0x40, 0x80)
        if n == 3:
            table = document.add_table(rows=2, cols=2)
            for r, row in enumerate(table.rows):
                row.cells[0].text, row.cells[1].text = f"项目{r}", f"完成情况{r}：开展2023年专项检查"
    document.save(str(path))
    return path


def comment_ranges(document) -> dict[str, str]:
    """Comment id → the text between its range start and end, in document order."""
    open_ids: set[str] = set()
    texts: dict[str, list[str]] = {}
    for element in document.element.body.iter():
        if element.tag == W + "commentRangeStart":
            open_ids.add(element.get(W + "id"))
            texts.setdefault(element.get(W + "id"), [])
        elif element.tag == W + "commentRangeEnd":
            open_ids.discard(element.get(W + "id"))
        elif element.tag == W + "r" and element.getparent().tag in (W + "p", W + "hyperlink"):
            text = "".join(str(c) for c in element.iterchildren() if c.tag in (W + "t", W + "tab", W + "br"))
            for i in open_ids:
                texts[i].append(text)
    return {i: "".join(parts) for i, parts in texts.items()}


def comments(document) -> dict[str, str]:
    return {str(c.comment_id): c.text for c in document.comments}


def check(*args: str) -> tuple[int, str, str]:
    code, out, err = run_cli("check", *args)
    assert code in (0, 1), err
    return code, out, err


def findings_by_report(json_path: Path) -> list[dict]:
    data = json.loads(json_path.read_text(encoding="utf-8"))
    return data["reports"] if "reports" in data else [data]


def assert_every_finding_commented(document, report: dict) -> None:
    ranges, texts = comment_ranges(document), comments(document)
    assert report["findings"], "a test on an empty result proves nothing"
    for f in report["findings"]:
        matching = [i for i, body in texts.items() if f["message"] in body and f["rule"] in body]
        assert matching, f"no comment for {f['rule']} {f['message']}"
        if f["start"] is not None:
            assert any(ranges[i] == f["evidence"] for i in matching), (f, [ranges[i] for i in matching])


def test_docx_input_keeps_the_original_and_comments_each_finding_on_its_evidence(tmp_path: Path) -> None:
    source = rich_docx(EXAMPLE.read_text(encoding="utf-8"), tmp_path / "报告.docx")
    out = tmp_path / "报告.审核意见.docx"
    check(str(source), "-H", str(EARLIER), "-f", "json", "-o", str(tmp_path / "r.json"), "-o", str(out))
    report = findings_by_report(tmp_path / "r.json")[0]
    document = docx.Document(str(out))
    assert_every_finding_commented(document, report)
    first = document.comments.get(0)
    assert f"得分 {report['score']:g} / 100" in first.text and "未通过" in first.text and "不足的原因" in first.text
    assert comment_ranges(document)["0"] == report["title"]
    # recycled text: commented with its source and highlighted
    reused = [c for c in document.comments if c.text.startswith("【雷同】")]
    assert reused and "示例区城市管理和综合执法局2023年报告第9行" in reused[0].text
    highlighted = [r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert "".join(highlighted) == "主持召开党组会专题研究法治工作4次,"  # the passage ends at the clause mark
    # the original outside the comment markers: every paragraph, run formatting, the table, header, footer
    original = docx.Document(str(source))
    assert _blocks(document) == _blocks(original)
    assert document.sections[0].header.paragraphs[0].text == "内部审核稿"
    assert document.sections[0].footer.paragraphs[0].text == "第 1 页"
    assert [s.name for s in document.styles] == [s.name for s in original.styles]


def _blocks(document) -> list[str]:
    """Each body block's XML with the comment markers and reference runs taken out, the highlight we add
    removed, and runs of the same properties merged back (a split run is one run again)."""
    from lxml import etree

    body = copy.deepcopy(document.element.body)
    for element in list(body.iter()):
        if element.tag in MARKERS or (element.tag == W + "r" and element.find(W + "commentReference") is not None):
            element.getparent().remove(element)
        elif element.tag == W + "highlight":
            element.getparent().remove(element)
    for rpr in list(body.iter(W + "rPr")):
        if len(rpr) == 0 and not rpr.attrib:
            rpr.getparent().remove(rpr)
    for parent in list(body.iter()):
        previous = None
        for r in list(parent.iterchildren(W + "r")):
            if previous is not None and previous.getnext() is r and _props(previous) == _props(r) and \
                    all(c.tag in (W + "rPr", W + "t") for c in (*previous, *r)):
                pt, rt = previous.find(W + "t"), r.find(W + "t")
                if pt is not None and rt is not None:
                    pt.text = (pt.text or "") + (rt.text or "")
                    parent.remove(r)
                    continue
            previous = r
    for t in body.iter(W + "t"):
        t.attrib.pop("{http://www.w3.org/XML/1998/namespace}space", None)
    return [etree.tostring(block, encoding="unicode") for block in body]


def _props(r) -> bytes:
    from lxml import etree

    rpr = r.find(W + "rPr")
    return etree.tostring(rpr) if rpr is not None else b""


def test_every_seed_and_example_comes_back_as_a_commented_document(tmp_path: Path, seeds_dir: Path) -> None:
    files = sorted(str(p) for p in seeds_dir.glob("*.txt")) + sorted(str(p) for p in (ROOT / "examples").glob("*.txt"))
    folder = tmp_path / "审核意见"
    check(*files, "-f", "json", "-o", str(tmp_path / "r.json"), "-f", "docx", "-o", str(folder))
    reports = findings_by_report(tmp_path / "r.json")
    made = sorted(folder.glob("*.docx"))
    assert len(made) == len(files) == len(reports)
    for path, report in zip(made, reports, strict=True):
        document = docx.Document(str(path))
        assert comments(document)["0"].startswith("得分")
        if report["findings"]:
            assert_every_finding_commented(document, report)
        # the outline's headings are Word headings, the text is the extracted text line for line
        styled = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert styled, path


def test_reviewer_names_the_comments_author_from_the_command_line_or_the_config(tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    check(str(EXAMPLE), "-o", str(out), "--reviewer", "区司法局 张三")
    assert {c.author for c in docx.Document(str(out)).comments} == {"区司法局 张三"}
    (tmp_path / ".checker.yaml").write_text("reviewer: 李四\n", encoding="utf-8")
    check(str(EXAMPLE), "-o", str(out), "--config", str(tmp_path / ".checker.yaml"))
    assert {c.author for c in docx.Document(str(out)).comments} == {"李四"}


def test_the_same_check_gives_the_same_bytes(tmp_path: Path) -> None:
    check(str(EXAMPLE), "-o", str(tmp_path / "a.docx"))
    check(str(EXAMPLE), "-o", str(tmp_path / "b.docx"))
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


def test_a_docx_changed_since_the_check_is_not_commented_in_the_wrong_place(tmp_path: Path) -> None:
    from checker.pipeline import check_path
    from checker.render.word import document as commented
    from checker.rules import checklist

    source = rich_docx(EXAMPLE.read_text(encoding="utf-8"), tmp_path / "报告.docx")
    result = check_path(str(source), checklist.load("national"))
    changed = docx.Document(str(source))
    edited = next(p for p in changed.paragraphs if "*" in p.text)
    edited.text = "改写后的段落"
    changed.save(str(source))
    document = commented(result)
    assert "改写后的段落" not in [p.text for p in document.paragraphs]  # the checked text, rebuilt
    ranges = comment_ranges(document)
    placeholder = next(f for f in result.findings if f.rule == "content.placeholder")
    assert placeholder.evidence in ranges.values()


def _soffice() -> str | None:
    return os.environ.get("CHECKER_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice or pdftoppm not installed: run `make dev` (scripts/install-test-tools.sh)")
def test_libreoffice_opens_it_and_shows_the_comments(tmp_path: Path) -> None:
    import pdfplumber
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    source = rich_docx(EXAMPLE.read_text(encoding="utf-8"), tmp_path / "report.docx")
    out = tmp_path / "commented.docx"
    check(str(source), "-o", str(out))
    expected = [c.text for c in docx.Document(str(out)).comments]
    subprocess.run([_soffice(), "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}', "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    pdf = tmp_path / "commented.pdf"
    with pdfplumber.open(pdf) as rendered:
        # read the annotations through pdfminer: pdfplumber's page.annots trips on popups without a Rect
        annots = [resolve1(a) for page in rendered.pages for a in resolve1(page.page_obj.annots) or ()]
        shown = [decode_text(a["Contents"]) for a in annots if a.get("Contents")]
        text = "".join(page.extract_text() or "" for page in rendered.pages)
    assert "法治政府建设实施纲要" in text  # the document itself renders
    notes = [s for s in shown if s]
    assert len(notes) == len(expected)
    assert all(any(e.split("\n")[0] in s for s in notes) for e in expected)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=60)
    assert (tmp_path / "page-1.png").stat().st_size > 5000


def test_a_batch_skips_the_drafts_it_commented_until_a_person_saves_one(tmp_path: Path) -> None:
    """Commented drafts written into the submissions folder are the checker's own output: the next batch
    must not check them as submissions; once a drafter edits and saves one, it is a submission again."""
    from checker import batch

    folder = tmp_path / "submissions"
    folder.mkdir()
    for example in sorted((ROOT / "examples").glob("*.txt")):
        shutil.copy(example, folder / example.name)
    code, _, err = run_cli("batch", str(folder), "-f", "docx", "-o", str(folder / "审核意见"))
    assert code in (0, 1), err
    drafts = sorted((folder / "审核意见").glob("*.docx"))
    assert len(drafts) == 2
    assert [p.name for p in batch.discover(folder)] == sorted(p.name for p in folder.glob("*.txt"))
    edited = docx.Document(str(drafts[0]))
    edited.core_properties.last_modified_by = "张三"  # what Word writes when the drafter saves it
    edited.save(str(drafts[0]))
    assert drafts[0] in batch.discover(folder) and drafts[1] not in batch.discover(folder)
