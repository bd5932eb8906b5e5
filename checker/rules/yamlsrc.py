"""Load YAML with the safe loader and remember the line of every key, for ``file:line`` errors.

PyYAML's composer gives each node its position; the constructed data does not keep it, so the node tree
is walked once more to record ``path → line`` (a path is the tuple of keys and list indexes from the
root). Duplicate keys, which PyYAML silently lets the last one win, are refused here.

Checklists, configuration, waivers and test cases are all read here; ``error`` is the caller's error
class, so that a broken waivers file is reported as a waivers file and not as a checklist.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from checker.errors import CheckerError, ChecklistError

Lines = dict[tuple[Any, ...], int]
M = TypeVar("M", bound=BaseModel)

# A checklist has a few thousand nodes. Aliases let a few hundred bytes stand for billions of them
# (each level of anchors naming the one below several times): whoever walks the tree — our line map,
# pydantic's validation — expands them. The tree is measured with aliases shared, before anything walks it.
MAX_NODES = 200_000
# libyaml's parser, when PyYAML has it: a checklist and the style tables parse several times faster (0.1 s
# of a cold check). A document it cannot read goes to the pure-Python parser, whose messages and line
# numbers are the ones users (and the tests) know.
_FAST: Any = getattr(yaml, "CSafeLoader", None)


def load(path: Path, error: type[CheckerError] = ChecklistError) -> tuple[Any, Lines]:
    what_zh, what_en = error.file_zh, error.file_en
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(str(path), f"{what_zh}不存在", f"{what_en} not found") from None
    except OSError as e:
        raise error(str(path), f"无法读取{what_zh}（{e.strerror}）", f"cannot read the {what_en} ({e.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(str(path), f"{what_zh}不是 UTF-8 编码", f"the {what_en} is not UTF-8") from None
    return loads(text, str(path), error)


def load_table(path: Path, model: type[M], what_zh: str, what_en: str) -> M:
    """A data table (the style rules' formulas, instruments …) read and validated as ``model``; its first
    problem is one ``file:line：表名“where”有误：…`` line, the line of the deepest node the problem names."""
    data, lines = load(path)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = tuple(err.get("loc", ()))
        line = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)
        where = ".".join(str(p) for p in loc) or "?"
        raise ChecklistError(str(path), f"{what_zh}“{where}”有误：{err.get('msg', '')}",
                             f"{what_en}: {where}: {err.get('msg', '')}", line=line) from None


def loads(text: str, name: str, error: type[CheckerError] = ChecklistError) -> tuple[Any, Lines]:
    if _FAST is not None:
        try:
            fast = _FAST(text)
            try:
                root = fast.get_single_node()
                if root is not None:
                    _refuse_alias_bombs(root, name, error)
                    parsed = fast.construct_document(root)
                    found: Lines = {}
                    _walk(root, (), found, name, error)
                    return parsed, found
            finally:
                fast.dispose()
        except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
            pass  # said below, by the parser whose errors name the line
    try:
        loader = yaml.SafeLoader(text)  # the reader refuses control characters right here
    except yaml.YAMLError as e:
        problem = getattr(e, "reason", None) or str(e).splitlines()[0]
        raise error(name, f"YAML 文件含有不允许的字符（{problem}）", f"YAML: {problem}") from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise error(name, f"{error.file_zh}为空", f"the {error.file_en} is empty")
        _refuse_alias_bombs(node, name, error)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if e.context_mark is not None and "stream end" in (e.problem or ""):
            mark = e.context_mark  # an unclosed bracket: point at where it was opened, not at the end
        problem = e.problem or e.context or "无法解析"
        raise error(
            name, f"YAML 语法错误：{problem}", f"YAML syntax error: {problem}",
            line=mark.line + 1 if mark else None,
        ) from None
    except yaml.YAMLError as e:
        raise error(name, f"YAML 语法错误：{e}", f"YAML syntax error: {e}") from None
    except (ValueError, OverflowError):
        # a value shaped like a date that no calendar has (expires: 9999-99-99): PyYAML fails without a mark
        value, line = _impossible_date(loader, node) if node is not None else ("?", None)
        raise error(name, f"无效的日期“{value}”（应为 YYYY-MM-DD 且是真实存在的日期）",
                           f"invalid date '{value}' (YYYY-MM-DD, a real day)", line=line) from None
    finally:
        loader.dispose()
    lines: Lines = {}
    _walk(node, (), lines, name, error)
    return data, lines


def _refuse_alias_bombs(root: yaml.Node, name: str, error: type[CheckerError]) -> None:
    """Count the nodes the tree has once every alias is expanded, each shared node measured once."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = MAX_NODES + 1  # an alias cycle (the composer allows none, but be sure) is too big
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        total = 1
        for child in children:
            total += size(child)
            if total > MAX_NODES:
                break
        sizes[id(node)] = total
        return total

    try:
        expanded = size(root)
    except RecursionError:
        raise error(name, "YAML 嵌套过深", "YAML nested too deeply") from None
    if expanded > MAX_NODES:
        raise error(
            name, f"YAML 中的别名（&锚点/*引用）展开后超过 {MAX_NODES:,} 个节点，拒绝读取（可能是别名炸弹）",
            f"YAML aliases (&anchors/*references) expand to more than {MAX_NODES:,} nodes: refused (possible alias bomb)",
        )


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


def _walk(node: yaml.Node, path: tuple[Any, ...], lines: Lines, name: str, error: type[CheckerError]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise error(
                    name, f"重复的键“{key}”", f"duplicate key '{key}'", line=key_node.start_mark.line + 1
                )
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines, name, error)
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _walk(child, path + (i,), lines, name, error)

