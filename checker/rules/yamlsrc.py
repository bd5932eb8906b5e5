"""Load YAML with the safe loader and remember the line of every key, for ``file:line`` errors.

PyYAML's composer gives each node its position; the constructed data does not keep it, so the node tree
is walked once more to record ``path → line`` (a path is the tuple of keys and list indexes from the
root). Duplicate keys, which PyYAML silently lets the last one win, are refused here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from checker.errors import RulesetError

Lines = dict[tuple[Any, ...], int]


def load(path: Path) -> tuple[Any, Lines]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RulesetError(str(path), "规则文件不存在", "ruleset file not found") from None
    except OSError as e:
        raise RulesetError(str(path), f"无法读取规则文件（{e.strerror}）", f"cannot read ruleset ({e.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RulesetError(str(path), "规则文件不是 UTF-8 编码", "ruleset is not UTF-8") from None
    return loads(text, str(path))


def loads(text: str, name: str) -> tuple[Any, Lines]:
    try:
        loader = yaml.SafeLoader(text)  # the reader refuses control characters right here
    except yaml.YAMLError as e:
        problem = getattr(e, "reason", None) or str(e).splitlines()[0]
        raise RulesetError(name, f"YAML 文件含有不允许的字符（{problem}）", f"YAML: {problem}") from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise RulesetError(name, "规则文件为空", "ruleset is empty")
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if e.context_mark is not None and "stream end" in (e.problem or ""):
            mark = e.context_mark  # an unclosed bracket: point at where it was opened, not at the end
        problem = e.problem or e.context or "无法解析"
        raise RulesetError(
            name, f"YAML 语法错误：{problem}", f"YAML syntax error: {problem}",
            line=mark.line + 1 if mark else None,
        ) from None
    except yaml.YAMLError as e:
        raise RulesetError(name, f"YAML 语法错误：{e}", f"YAML syntax error: {e}") from None
    except (ValueError, OverflowError):
        # a value shaped like a date that no calendar has (expires: 9999-99-99): PyYAML fails without a mark
        value, line = _impossible_date(loader, node)
        raise RulesetError(name, f"无效的日期“{value}”（应为 YYYY-MM-DD 且是真实存在的日期）",
                           f"invalid date '{value}' (YYYY-MM-DD, a real day)", line=line) from None
    finally:
        loader.dispose()
    lines: Lines = {}
    _walk(node, (), lines, name)
    return data, lines


def _impossible_date(loader: yaml.SafeLoader, root: yaml.Node) -> tuple[str, int | None]:
    """The first scalar resolved as a timestamp that cannot be built, and its line."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:timestamp":
                try:
                    loader.construct_yaml_timestamp(node)
                except (ValueError, OverflowError):
                    return node.value, node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            stack += [n for pair in reversed(node.value) for n in reversed(pair)]
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)
    return "?", None


def _walk(node: yaml.Node, path: tuple[Any, ...], lines: Lines, name: str) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise RulesetError(
                    name, f"重复的键“{key}”", f"duplicate key '{key}'", line=key_node.start_mark.line + 1
                )
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines, name)
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _walk(child, path + (i,), lines, name)

