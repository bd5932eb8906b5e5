"""Errors the user sees as one line naming the file and the problem (exit code 2).

Every message is written in Chinese; an English text may be given for ``--lang en``.
"""

from __future__ import annotations


class CheckerError(Exception):
    """A problem with the user's input, ruleset or set-up: printed as one line, exit code 2."""

    exit_code = 2

    def __init__(self, path: str | None, zh: str, en: str | None = None, line: int | None = None):
        self.path = path
        self.zh = zh
        self.en = en or zh
        self.line = line
        super().__init__(self.render("zh"))

    def render(self, lang: str = "zh") -> str:
        where = self.path or "<stdin>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        text = self.en if lang == "en" else self.zh
        sep = ": " if lang == "en" else "："
        return f"{where}{sep}{text}"


class InputError(CheckerError):
    """The report file cannot be read as a report (empty, binary, corrupt, wrong format …)."""


class RulesetError(CheckerError):
    """A checklist YAML file is malformed; ``line`` points at the offending entry."""


class SetupError(CheckerError):
    """The environment lacks something the install step provides (e.g. the segmentation model)."""
