"""Checklist loading: the built-in ones load, extends merges, and every malformation is refused with
``file:line`` and a Chinese message (exit code 2 through the CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import ChecklistError
from checker.rules import checklist as checklists

GOOD_RULE = """
  - id: content.placeholder
    kind: pattern
    severity: error
    points: 10
    message: 模板残留“{evidence}”
    patterns: ["某某"]
"""


def test_builtin_checklists_load() -> None:
    national = checklists.load("national")
    shenzhen = checklists.load("shenzhen")
    assert [i.id for i in national.items] == [i.id for i in shenzhen.items]
    assert not national.item("prior_rectification").required
    assert shenzhen.item("prior_rectification").required
    assert shenzhen.item("prior_rectification").headings == national.item("prior_rectification").headings
    ids = {r.spec.id for r in national.rules}
    for rid in ("section.measures", "section.shortfalls", "section.shortfall_reasons", "section.first_responsible",
                "section.next_year_plan", "year.next_plan", "year.mismatch", "content.placeholder",
                "content.zero_boilerplate", "content.foreign_place", "meta.deadline"):
        assert rid in ids, rid


def _write(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BAD = [
    ("yaml-syntax", "id: x\nrules:\n  - id: a\n    kind: [pattern\n", 4, "YAML 语法错误"),
    ("unknown-top-key", "id: x\nitemz: []\n", 2, "未知的键“itemz”（是否应为“items”？）"),
    ("unknown-rule-key", "id: x\nrules:" + GOOD_RULE + "    patern: x\n", 9, "未知的键“patern”"),
    ("unknown-kind", "id: x\nrules:\n  - id: a.b\n    kind: nosuch\n    severity: error\n    points: 1\n    message: m\n",
     4, "未知的规则类型“nosuch”"),
    ("bad-severity", "id: x\nrules:" + GOOD_RULE.replace("severity: error", "severity: fatal"), 5, "“severity”的取值无效"),
    ("points-not-a-number", "id: x\nrules:" + GOOD_RULE.replace("points: 10", "points: ten"), 6, "“points”应为数字"),
    ("bad-regex", "id: x\nrules:" + GOOD_RULE.replace('["某某"]', '["某某("]'), 8, "正则表达式“某某(”无效"),
    ("lookaround-regex", "id: x\nrules:" + GOOD_RULE.replace('["某某"]', '["(?<!有)待填写"]'), 8, "不支持"),
    ("backreference-regex", "id: x\nrules:" + GOOD_RULE.replace('["某某"]', '["(某)\\\\1"]'), 8, "不支持"),
    ("missing-message", "id: x\nrules:" + GOOD_RULE.replace("    message: 模板残留“{evidence}”\n", ""), 3,
     "缺少必填项“message”"),
    ("unknown-item-in-rule", "id: x\nrules:\n  - id: a.b\n    kind: next_year\n    severity: error\n    points: 1\n"
     "    message: m\n    item: next_year_plam\n", 8, "引用了不存在的条目“next_year_plam”"),
    ("unknown-item-in-within", "id: x\nitems:\n  - id: a\n    name: A\n    within: b\n", 5, "引用了不存在的条目“b”"),
    ("duplicate-key", "id: x\nid: y\n", 2, "重复的键“id”"),
    ("items-not-a-list", "id: x\nitems: {a: 1}\n", 2, "items 应为列表"),
    ("item-without-id", "id: x\nitems:\n  - name: A\n", 3, "带 id 的映射"),
    ("top-not-mapping", "- a\n- b\n", 1, "顶层应为映射"),
    ("disable-unknown", "id: x\ndisable: [no.such]\n", 2, "disable 中的规则“no.such”不存在"),
]


@pytest.mark.parametrize(("text", "line", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_malformed_rulesets_are_refused_with_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ChecklistError) as info:
        checklists.load(str(path))
    err = info.value
    assert err.path == str(path)
    assert err.line == line, err.render()
    assert message in err.zh, err.zh
    assert err.render().startswith(f"{path}:{line}：")


def test_extends_loop_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "id: a\nextends: b.yaml\n", "a.yaml")
    _write(tmp_path, "id: b\nextends: a.yaml\n", "b.yaml")
    with pytest.raises(ChecklistError) as info:
        checklists.load(str(tmp_path / "a.yaml"))
    assert "extends 形成循环" in info.value.zh and "a.yaml → b.yaml → a.yaml" in info.value.zh


def test_extends_unknown_parent(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: a\nextends: nosuch\n")
    with pytest.raises(ChecklistError) as info:
        checklists.load(str(path))
    assert info.value.line == 2 and "找不到检查清单" in info.value.zh


def test_local_checklist_extends_national_and_overrides(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: local\nextends: national\nitems:\n  - id: other_matters\n    required: true\n"
                  "    severity: warning\n    points: 3\ndisable: [meta.deadline]\nrules:" + GOOD_RULE.replace(
                      "points: 10", "points: 4"))
    cl = checklists.load(str(path))
    assert cl.id == "local"
    other = cl.item("other_matters")
    assert other.required and other.points == 3 and other.headings  # synonyms inherited
    ids = {r.spec.id: r for r in cl.rules}
    assert "meta.deadline" not in ids
    assert ids["content.placeholder"].spec.points == 4
    assert ids["section.other_matters"].spec.severity == "warning"


def test_unknown_ruleset_name() -> None:
    with pytest.raises(ChecklistError) as info:
        checklists.load("atlantis")
    assert "找不到检查清单" in info.value.zh and "national" in info.value.zh


def test_control_characters_in_a_ruleset(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: fuzz\nid: \x1f\n")  # found by the fuzzer: PyYAML's reader raised outside the loader
    with pytest.raises(ChecklistError) as info:
        checklists.load(str(path))
    assert "不允许的字符" in info.value.zh


HOSTILE = ["((a+))+$", "(a|aa)+$", "(a|a)+$", "(a+|b)+c", "(\\w+\\s?)+$", "(.*a){20}$", "(a+)+b"]


@pytest.mark.parametrize("pattern", HOSTILE)
def test_checklist_regexes_run_in_linear_time(pattern: str) -> None:
    """No partial guard: every checklist regex is compiled by RE2, linear in the text by construction, so
    patterns that backtrack catastrophically in Python's ``re`` are harmless here."""
    import re2

    from checker.text.patterns import check_regex, compile_pattern, hits

    assert check_regex(pattern) == pattern
    compiled = compile_pattern(pattern)
    assert isinstance(compiled, re2._Regexp)
    hostile = "a" * 49 + "!"
    assert list(hits(pattern, hostile)) == []  # Python's re would take hours on some of these


def test_a_hit_group_reports_only_that_part_and_finds_adjacent_hits() -> None:
    from checker.text.patterns import hits

    xx = "(?:^|[^A-Za-z])(?P<hit>[Xx×]{2,})(?:[^A-Za-z]|$)"
    assert list(hits(xx, "XX区XX街道XXL")) == [(0, 2), (3, 5)]
    zero = "(?:^|[^\\d.])(?P<hit>0(?:家|个))"
    assert list(hits(zero, "取缔0家0个、对10家", 1)) == [(2, 4), (4, 6)]


@pytest.mark.parametrize("path", sorted((Path(checklists.__file__).resolve().parent.parent / "checklists").glob("*.yaml"))
                         + sorted((Path(checklists.__file__).resolve().parent.parent / "data").glob("*.yaml")),
                         ids=lambda p: p.name)
def test_libyaml_and_pure_python_parsers_read_the_shipped_yaml_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path (libyaml) must give the data and the line of every node the pure-Python parser gives."""
    from checker.rules import yamlsrc

    text = path.read_text(encoding="utf-8")
    assert yamlsrc._FAST is not None  # PyYAML is built with libyaml here; otherwise this compares nothing
    fast = yamlsrc.loads(text, str(path))
    monkeypatch.setattr(yamlsrc, "_FAST", None)
    slow = yamlsrc.loads(text, str(path))
    assert fast == slow
    assert fast[1]  # lines were found
