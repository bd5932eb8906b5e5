"""Errors the user sees as one line naming the file and the problem (exit code 2).

Every message is written in Chinese; an English text may be given for ``--lang en``.
"""

from __future__ import annotations


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
        text = self.en if lang == "en" else self.zh
        if self.path is None and self.line is None and not isinstance(self, InputError):
            return text  # nothing to point at (a checklist name that matches no file)
        where = self.path or "<stdin>"
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
