"""``--lang en``: every command and every output format speaks English.

Each case runs a command on the examples (or a batch folder: the two examples and one unreadable file)
and collects everything it writes — stdout, stderr, output files. What is quoted from the reports
themselves (their text lines, body, title, file names, and the headings and evidence the checker cites
from them, and the correct wording it suggests) is removed first; any Han character or CJK punctuation left is a label or message that was
not translated. No list of allowed labels: a Chinese label that also occurs inside a report line (an item
name such as 存在的不足) is still caught, because only whole lines of the report are removed.

``extract`` (prints the report's own text) and ``schema`` (the JSON Schema for checklist editors) take no
``--lang`` and are not covered.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.model import Result
from checker.pipeline import check_path
from checker.readers import read_path
from checker.rules import checklist as checklists
from checker.rules.kinds import KINDS
from tests.cli_run import run_cli
from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
# Han characters, CJK symbols and punctuation (、。《》【】「」), full-width forms (，：；（）！？) and curly quotes
FOREIGN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019]")
WIDTH = 1000  # wide enough that rich never folds a report line across table rows

# (id, setup commands, command, files it writes (relative to the work folder), text that shows it ran)
# In commands: {a} {b} are the two examples, {dir} the batch folder, {out} the work folder.
CASES: list[tuple[str, list[list[str]], list[str], list[str], str]] = [
    ("check-terminal", [], ["check", "{a}"], [], "Checklist items"),
    ("check-json", [], ["check", "{a}", "-f", "json"], [], "checker/report-v1"),
    ("check-sarif", [], ["check", "{a}", "-f", "sarif"], [], "2.1.0"),
    ("check-junit", [], ["check", "{a}", "-f", "junit"], [], "<testsuite"),
    ("check-github", [], ["check", "{a}", "-f", "github"], [], "::"),
    ("check-html", [], ["check", "{a}", "-o", "{out}/a.html"], ["a.html"], "Checklist items"),
    ("check-terminal-file", [], ["check", "{b}", "-o", "{out}/b.txt"], ["b.txt"], "verdict"),
    ("check-history", [], ["check", "{a}", "--history", "{b}"], [], "Recycled text"),
    ("check-own-history", [], ["check", "{a}", "--history", "{earlier}"], [], "own earlier reports"),
    ("check-history-html", [], ["check", "{a}", "--history", "{b}", "-o", "{out}/h.html"], ["h.html"], "Recycled text"),
    ("check-waived",
     [["waive", "{a}", "--rule", "content.placeholder", "--reviewer", "x", "--reason", "y",
       "--expires", "2999-01-01", "--waivers", "{out}/w.yaml"]],
     ["check", "{a}", "--waivers", "{out}/w.yaml"], [], "waived"),
    ("check-stale-waiver",
     [["waive", "{a}", "--rule", "content.placeholder", "--reviewer", "x", "--reason", "y",
       "--expires", "2999-01-01", "--waivers", "{out}/w.yaml"]],
     ["check", "{b}", "--waivers", "{out}/w.yaml"], [], "verdict"),
    ("check-unreadable", [], ["check", "{dir}/broken.docx"], [], "broken.docx"),
    ("diff", [], ["diff", "{a}", "{b}"], [], "Recycled text"),
    ("diff-json", [], ["diff", "{a}", "{b}", "-f", "json"], [], "ratio_without_boilerplate"),
    ("rules", [], ["rules"], [], "national"),
    ("rules-shenzhen", [], ["rules", "shenzhen"], [], "shenzhen"),
    ("waive", [], ["waive", "{a}", "--rule", "year.mismatch", "--reviewer", "x", "--reason", "y",
                   "--expires", "2999-01-01", "--waivers", "{out}/w.yaml"], [], "waiver written"),
    ("waive-again",
     [["waive", "{a}", "--rule", "year.mismatch", "--reviewer", "x", "--reason", "y",
       "--expires", "2999-01-01", "--waivers", "{out}/w.yaml"]],
     ["waive", "{a}", "--rule", "year.mismatch", "--reviewer", "x", "--reason", "y",
      "--expires", "2999-01-01", "--waivers", "{out}/w.yaml"], [], "already waived"),
    ("config", [], ["config", "--no-config"], [], "fail_under"),
    ("archive-add", [], ["archive", "add", "{a}", "{b}", "--archive-db", "{out}/a.db"], [], "added"),
    ("archive-list", [["archive", "add", "{a}", "{b}", "--archive-db", "{out}/a.db"]],
     ["archive", "list", "--archive-db", "{out}/a.db"], [], "a.db"),
    ("batch-terminal", [], ["batch", "{dir}", "-j", "1", "--csv", "{out}/b.csv", "-o", "{out}/b.txt"],
     ["b.csv", "b.txt"], "verdict"),
    ("batch-json", [], ["batch", "{dir}", "-j", "1", "-f", "json"], [], "unreadable"),
    ("batch-sarif", [], ["batch", "{dir}", "-j", "1", "-f", "sarif"], [], "2.1.0"),
    ("batch-junit", [], ["batch", "{dir}", "-j", "1", "-f", "junit"], [], "broken.docx"),
    ("batch-github", [], ["batch", "{dir}", "-j", "1", "-f", "github"], [], "broken.docx"),
    ("batch-html", [], ["batch", "{dir}", "-j", "1", "-f", "html", "-o", "{out}/html"], ["html/*.html"], "broken.docx"),
]


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first example a year earlier: the same body's own report, recycled (reuse.self, follow-ups)."""
    text = EXAMPLES[0].read_text(encoding="utf-8").replace("2024", "2023").replace("2025", "2024")
    path = tmp_path_factory.mktemp("history") / "earlier.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def report_data(earlier: Path) -> list[str]:
    """What the outputs may quote from the reports: their lines, file names, and each body, title, heading
    and piece of evidence the checker reads in them."""
    data: list[str] = []
    for path in EXAMPLES:
        data += [line.strip() for line in read_path(str(path)).text.splitlines()]
        data += [path.name, path.stem, str(path.relative_to(ROOT))]
    data += [line.strip() for line in read_path(str(earlier)).text.splitlines()]
    for kind in KINDS.values():
        # ``checker rules`` shows each kind's example reports, and its documentation: English prose written
        # once, which cites the Chinese phrases the kind looks for ("我局", 《》 titles)
        data += [line.strip() for ex in kind.examples for line in ex.get("text", "").splitlines()]
        data += [line.strip() for line in kind.doc.splitlines()]
    national = checklists.load("national")
    for a, b in (EXAMPLES, EXAMPLES[::-1], (EXAMPLES[0], earlier)):
        data += list(_quoted(check_path(str(a), national, history=[str(b)])))
    return [d for d in data if d]


def _quoted(r: Result) -> Iterator[str]:
    yield from (r.meta.org or "", r.meta.title or "")
    yield from (entry.heading for entry in r.outline)
    yield from (s.heading or "" for s in r.sections)
    yield from (f.evidence or "" for f in r.findings)
    # the correct wording a finding suggests quotes a Chinese document or formula, as evidence does
    yield from (str(f.value("suggestion") or "") for f in r.findings)
    for p in r.reuse.passages if r.reuse else ():
        yield from (p.text, p.source_text, *p.text.splitlines(), *p.source_text.splitlines())


@pytest.fixture()
def work(tmp_path: Path, earlier: Path) -> dict[str, str]:
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in EXAMPLES:
        shutil.copy(path, folder / path.name)
    (folder / "broken.docx").write_bytes(b"this is no zip archive")
    out = tmp_path / "out"
    out.mkdir()
    return {"a": str(EXAMPLES[0].relative_to(ROOT)), "b": str(EXAMPLES[1].relative_to(ROOT)),
            "dir": str(folder), "out": str(out), "earlier": str(earlier)}


@pytest.mark.parametrize(("setup", "command", "files", "ran"),
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_no_chinese_left_with_lang_en(setup: list[list[str]], command: list[str], files: list[str], ran: str,
                                      work: dict[str, str], report_data: list[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the example paths are relative, as a user types them
    for step in setup:
        code, _, err = run_cli(*[arg.format(**work) for arg in step], "--lang", "en", width=WIDTH)
        assert code in (0, 1), err
    code, out, err = run_cli(*[arg.format(**work) for arg in command], "--lang", "en", width=WIDTH)
    assert code != 3, err  # no crash; a usage error (2) cannot print what shows the command ran
    texts = {"stdout": _plain(out), "stderr": err}
    for pattern in files:
        found = sorted(Path(work["out"]).glob(pattern))
        assert found, pattern
        for path in found:
            texts[path.name] = _plain(path.read_text(encoding="utf-8-sig"), path.suffix)
    assert any(ran.format(**work) in text for text in texts.values()), texts
    left = {where: lines for where, text in texts.items() if (lines := leftover(text, report_data))}
    assert not left, left


def _plain(text: str, suffix: str = "") -> str:
    """The text a reader sees: HTML without tags (attribute values kept), JSON strings, GitHub escapes undone."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return "\n".join(_strings(json.loads(text)))
    if stripped.startswith("<"):
        attributes = re.findall(r'\s[\w-]+="([^"]*)"', text)
        body = text
        if not stripped.startswith("<?xml"):  # HTML: inline tags (a <mark> inside a report line) join, blocks break
            body = re.sub(r"<[^>]*>", "\n", re.sub(r"</?(?:span|mark|a|code|q|small|b|i|em|strong)\b[^>]*>", "", text))
        return html.unescape(body + "\n" + "\n".join(attributes))
    if "::" in text:
        for code, char in (("%0A", "\n"), ("%0D", "\r"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
            text = text.replace(code, char)
    return text


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def leftover(text: str, data: list[str]) -> list[str]:
    """The lines of ``text`` that still hold Chinese once the reports' own words are taken out."""
    corpus = "\n".join(data + [" ".join(d.split()) for d in data])

    def cut(m: re.Match[str]) -> str:
        # a quotation the renderer shortened ("一、2024年推进法治政府建…"): its longest tail found in a report
        fragment = m.group(1)
        if m.group(0) in corpus:  # an ellipsis the report itself writes: the next step takes it out whole
            return m.group(0)
        for i in range(len(fragment)):
            if fragment[i:] in corpus:
                return fragment[:i] + " "
        return m.group(0)

    text = re.sub(r"([^\s'\"(…]+)…(?!…)", cut, text)
    for quoted in sorted(set(data), key=len, reverse=True):
        text = text.replace(quoted, " ")
    return [line.strip() for line in text.splitlines() if FOREIGN.search(line)]


def test_leftover_catches_a_label_that_also_stands_in_the_report() -> None:
    data = ["二、存在的不足", "福田区示例服务局"]
    assert leftover("二、存在的不足  line 11\nbody 福田区示例服务局", data) == []
    assert leftover("| 存在的不足 | required |", data) == ["| 存在的不足 | required |"]
    assert leftover("line 6 二、存在的…  ✓", data) == []
    assert leftover("verdict：failed", data) == ["verdict：failed"]
