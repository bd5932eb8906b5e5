"""Errors the user sees as one line naming the file and the problem (exit code 2).

Every message is written in Chinese; an English text may be given for ``--lang en``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checker.model import printable_name


class CheckerError(Exception):
    """A problem with the user's input, checklist, configuration or set-up: one line, exit code 2."""

    exit_code = 2
    # what kind of file the error is about, for the messages every YAML file shares (yamlsrc)
    file_zh = "文件"
    file_en = "file"

    def __init__(self, path: str | None, zh: str, en: str | None = None, line: int | None = None):
        self.path = path
        self.zh = zh
        self.en = en or zh
        self.line = line
        super().__init__(self.render("zh"))

    def render(self, lang: str = "zh") -> str:
        # a library's own message (SQLite's integrity report, a parser's) may run over several lines:
        # the user's one line keeps its words, joined
        joint = "; " if lang == "en" else "；"
        text = joint.join(part.strip() for part in (self.en if lang == "en" else self.zh).splitlines() if part.strip())
        if self.path is None and self.line is None and not isinstance(self, InputError):
            return text  # nothing to point at (a checklist name that matches no file)
        where = printable_name(self.path) if self.path else "<stdin>"  # one line, whatever the name holds
        if self.line is not None:
            where = f"{where}:{self.line}"
        sep = ": " if lang == "en" else "："
        return f"{where}{sep}{text}"


class InputError(CheckerError):
    """The report file cannot be read as a report (empty, binary, corrupt, wrong format …)."""


class ChecklistError(CheckerError):
    """A checklist YAML file is malformed; ``line`` points at the offending entry.

    A file with several problems raises one error holding them all (``problems``), rendered one
    ``file:line：what`` per line, so that the author fixes them in one pass."""

    file_zh = "检查清单文件"
    file_en = "checklist file"
    problems: tuple[ChecklistError, ...] = ()

    @classmethod
    def several(cls, errors: list[ChecklistError]) -> ChecklistError:
        by_text: dict[tuple[str | None, int | None, str], ChecklistError] = {}
        for e in errors:
            for one in e.problems or (e,):
                by_text.setdefault((one.path, one.line, one.zh), one)
        unique = list(by_text.values())
        unique.sort(key=lambda e: (e.path or "", e.line or 0))
        first = unique[0]
        if len(unique) == 1:
            return first
        combined = cls(first.path, first.zh, first.en, line=first.line)
        combined.problems = tuple(unique)
        return combined

    def render(self, lang: str = "zh") -> str:
        if self.problems:
            return "\n".join(p.render(lang) for p in self.problems)
        return super().render(lang)


class ConfigError(CheckerError):
    """A configuration file (``.checker.yaml``, ``[tool.checker]`` in pyproject.toml) is malformed."""

    file_zh = "配置文件"
    file_en = "configuration file"


class WaiverFileError(CheckerError):
    """A waivers file is malformed (not a ``waivers:`` list, an entry missing a reviewer …)."""

    file_zh = "豁免文件"
    file_en = "waivers file"


class CasesError(CheckerError):
    """A checklist author's file of test cases (``checker rules --test``) is malformed."""

    file_zh = "用例文件"
    file_en = "cases file"


class SetupError(CheckerError):
    """The environment lacks something the install step provides (e.g. the segmentation model)."""


# What pydantic's error types mean, in Chinese: the one translation of validation errors, for checklists,
# waiver files and configuration files alike.
VALIDATION_MESSAGES = {
    "missing": "缺少必填项“{field}”",
    "string_type": "“{field}”应为字符串",
    "bool_type": "“{field}”应为 true 或 false",
    "bool_parsing": "“{field}”应为 true 或 false",
    "int_type": "“{field}”应为整数",
    "int_parsing": "“{field}”应为整数",
    "float_type": "“{field}”应为数字",
    "float_parsing": "“{field}”应为数字",
    "tuple_type": "“{field}”应为列表",
    "list_type": "“{field}”应为列表",
    "dict_type": "“{field}”应为映射",
    "literal_error": "“{field}”的取值无效，应为：{expected}",
    "string_pattern_mismatch": "“{field}”的格式无效（应为小写字母、数字、下划线和点）",
    "greater_than": "“{field}”应大于 {gt}",
    "greater_than_equal": "“{field}”不能小于 {ge}",
    "less_than_equal": "“{field}”不能大于 {le}",
}


def invalid_value(err: Mapping[str, Any], key_word: str = "键") -> tuple[str, str]:
    """One pydantic validation error (an item of ``ValidationError.errors()``) as (Chinese, English),
    naming the key it is about (``key_word``: what the file calls its keys, e.g. 配置项)."""
    loc = err.get("loc") or ()
    field = str(loc[0]) if loc else "?"
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        return f"未知的{key_word}“{field}”", f"unknown key '{field}'"
    template = VALIDATION_MESSAGES.get(kind, "“{field}”的值无效")
    zh = template.format(field=field, expected=ctx.get("expected", ""), ge=ctx.get("ge", ""), le=ctx.get("le", ""),
                         gt=ctx.get("gt", ""))
    return zh, f"{field}: {err.get('msg')}"
