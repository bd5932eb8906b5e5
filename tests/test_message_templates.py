"""Messages come from the checklist, and language stays out of the core.

A checklist author who edits a rule's ``message`` (or ``message_en``) sees the change in every output; the
stages before rendering never ask which language the user reads.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from checker.errors import ChecklistError
from checker.rules import checklist as checklists
from tests.cli_run import run_cli
from tests.conftest import ROOT

EXAMPLE = next((ROOT / "examples").glob("*服务局*.txt"))
NATIONAL = ROOT / "checker" / "checklists" / "national.yaml"

# (rule, the YAML line as shipped, the line as the test's author rewrites it, old text, new text)
EDITS = [
    ("year.mismatch", "    message: 写的是{named}年，与报告年度{year}年不符\n",
     "    message: 年份写成了{named}年（本报告是{year}年度的）\n",
     "写的是2023年，与报告年度2024年不符", "年份写成了2023年（本报告是2024年度的）"),
    ("year.mismatch", '    message_en: "names {named}, but the report is about {year}"\n',
     '    message_en: "year {named} written in a {year} report"\n',
     "names 2023, but the report is about 2024", "year 2023 written in a 2024 report"),
    ("year.next_plan", "    message: 下一年度工作安排写的是{named}年，应为{expected}年（报告年度为{year}年）\n",
     "    message: 计划部分应写{expected}年，却写了{named}年\n",
     "下一年度工作安排写的是2024年，应为2025年", "计划部分应写2025年，却写了2024年"),
    ("meta.deadline", "    message: 发布日期{published}晚于规定时限（应在{deadline.year}年{deadline.month}月{deadline.day}日前公开）\n",
     "    message: 逾期公开：{published}（期限{deadline}）\n",
     "发布日期2025-04-15晚于规定时限", "逾期公开：2025-04-15（期限2025-04-01）"),
]


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = NATIONAL.read_text(encoding="utf-8")
    for _, old, new, _, _ in EDITS:
        assert text.count(old) == 1, old  # the shipped checklist still words the rule this way
        text = text.replace(old, new)
    path = tmp_path_factory.mktemp("rules") / "edited.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _outputs(ruleset: Path, folder: Path, lang: str) -> dict[str, str]:
    out = {}
    for fmt in ("terminal", "json", "sarif", "html"):
        target = folder / f"{lang}.{fmt}"
        code, _, err = run_cli("check", str(EXAMPLE), "--ruleset", str(ruleset), "--format", fmt, "-o", str(target),
                               "--lang", lang)
        assert code in (0, 1), err
        out[fmt] = target.read_text(encoding="utf-8")
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_edited_message_shows_in_every_output(edited: Path, tmp_path: Path, lang: str) -> None:
    outputs = _outputs(edited, tmp_path, lang)
    english = [e for e in EDITS if e[1].startswith("    message_en")]
    chinese = [e for e in EDITS if e not in english]
    for rule, _, _, old, new in english if lang == "en" else chinese:
        for fmt, text in outputs.items():
            shown = " ".join(text.split())  # the terminal may wrap a long message
            assert new in shown, (rule, fmt)
            assert old not in shown, (rule, fmt)


def test_the_shipped_messages_are_todays_wording(tmp_path: Path) -> None:
    outputs = _outputs(NATIONAL, tmp_path, "zh")
    for _, _, _, old, _ in EDITS[:1] + EDITS[2:]:
        assert all(old in " ".join(text.split()) for text in outputs.values()), old


@pytest.mark.parametrize(("line", "problem"), [
    ("    message: 写的是{named}年，与报告年度{yaer}年不符\n", "{yaer}"),
    ("    message: 写的是{named年\n", "花括号"),
])
def test_a_template_naming_what_the_kind_does_not_give_is_refused(tmp_path: Path, line: str, problem: str) -> None:
    text = NATIONAL.read_text(encoding="utf-8").replace(EDITS[0][1], line)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError) as e:
        checklists.load(str(path))
    assert problem in e.value.render() and f"{path}:" in e.value.render()


def test_a_case_the_kind_does_not_have_is_refused(tmp_path: Path) -> None:
    text = NATIONAL.read_text(encoding="utf-8").replace("      silent: 下一年度工作安排未写明{expected}年\n",
                                                        "      silnet: 下一年度工作安排未写明{expected}年\n")
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError, match="silnet"):
        checklists.load(str(path))


# --- language stays out of the core -----------------------------------------------------------------

CORE = ROOT / "checker"
# render/ words the outputs (with its label table); cli/ and serve/ read the language asked for and look their
# own lines up in the label table; errors.py holds the zh/en pairs of the one-line errors and picks one.
EDGES = ("render", "cli", "serve", "errors.py")


def _core_modules() -> list[Path]:
    return [p for p in sorted(CORE.rglob("*.py")) if p.relative_to(CORE).parts[0] not in EDGES]


def _language_questions(tree: ast.AST) -> list[tuple[int, str]]:
    """Where a module asks which language the user reads: a ``lang`` name, parameter, attribute or
    keyword, or a comparison with "zh"/"en". ``CheckerError(zh=…, en=…)`` pairs are not questions."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.arg == "lang":
            found.append((node.lineno, "parameter lang"))
        elif isinstance(node, ast.Name) and node.id == "lang":
            found.append((node.lineno, "name lang"))
        elif isinstance(node, ast.Attribute) and node.attr == "lang":
            found.append((node.lineno, ".lang"))
        elif isinstance(node, ast.keyword) and node.arg == "lang":
            found.append((node.lineno, "lang="))
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(isinstance(o, ast.Constant) and o.value in ("zh", "en") for o in operands):
                found.append((node.lineno, "comparison with a language"))
    return found


def test_the_core_never_asks_for_the_language() -> None:
    modules = _core_modules()
    assert any(p.name == "pipeline.py" for p in modules) and any(p.name == "scoring.py" for p in modules)
    found = [f"{p.relative_to(ROOT)}:{line}: {what}" for p in modules
             for line, what in _language_questions(ast.parse(p.read_text(encoding="utf-8")))]
    assert found == []


def test_the_detector_sees_a_language_branch() -> None:
    branch = ast.parse('def f(lang):\n    return "b" if lang == "en" else "a"\n')
    assert len(_language_questions(branch)) >= 2
    pair = ast.parse('raise CheckerError(path, zh="文件为空", en="the file is empty")\n')
    assert _language_questions(pair) == []


# --- and no zh/en branches outside the label tables ---------------------------------------------------

# The label tables are where the two languages stand side by side; errors.py's CheckerError(zh=…, en=…)
# pairs are data too, and its ``render`` picks one.
TABLES = (Path("render/labels.py"), Path("render/document_labels.py"), Path("errors.py"))
HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def _literal(node: ast.AST) -> str | None:
    """The text of a string literal or the literal parts of an f-string (else None)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def _language_branches(tree: ast.AST, *, compare: bool) -> list[tuple[int, str]]:
    """Where code words a text in one language or the other itself: a conditional expression choosing
    between a Chinese and an English literal, or (``compare``) a comparison with "zh"/"en"."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.IfExp):
            texts = [_literal(node.body), _literal(node.orelse)]
            # an empty literal is no language ("，您是不是要找 …" if hint else "")
            if all(texts) and len({bool(HAN.search(t or "")) for t in texts}) == 2:
                found.append((node.lineno, "a Chinese or an English literal"))
        elif compare and isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(isinstance(o, ast.Constant) and o.value in ("zh", "en") for o in operands):
                found.append((node.lineno, "comparison with a language"))
    return found


def test_no_language_branches_outside_the_label_tables() -> None:
    """cli/ and the core look their words up by key; render/ may ask for the language (to pick a checklist's
    ``message_en``), but its words too come from the label tables."""
    modules = [p for p in sorted(CORE.rglob("*.py")) if p.relative_to(CORE) not in TABLES]
    assert any(p.parts[-2] == "cli" for p in modules) and any(p.name == "catalogue.py" for p in modules)
    found = [f"{p.relative_to(ROOT)}:{line}: {what}" for p in modules
             for line, what in _language_branches(ast.parse(p.read_text(encoding="utf-8")),
                                                  compare=p.relative_to(CORE).parts[0] != "render")]
    assert found == []


def test_the_detector_sees_a_worded_branch() -> None:
    branch = ast.parse('en = lang.value == "en"\nprint(f"line {n}" if en else f"第{n}行")\n')
    assert [what for _, what in _language_branches(branch, compare=True)] == [
        "comparison with a language", "a Chinese or an English literal"]
    for neutral in ('state = "已存入" if added else "已存在"\n', 'hint = f"，要找 {h}？" if h else ""\n'):
        assert _language_branches(ast.parse(neutral), compare=True) == []
