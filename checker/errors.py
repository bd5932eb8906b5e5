"""Errors the user sees as one line naming the file and the problem (exit code 2).

Every message is written in Chinese; an English text may be given for ``--lang en``.
"""

from __future__ import annotations

from checker.model import printable_name


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
        text = self.en if lang == "en" else self.zh
        if self.path is None and self.line is None and not isinstance(self, InputError):
            return text  # nothing to point at (a ruleset name that matches no file)
        where = printable_name(self.path) if self.path else "<stdin>"  # one line, whatever the name holds
        if self.line is not None:
            where = f"{where}:{self.line}"
        sep = ": " if lang == "en" else "："
        return f"{where}{sep}{text}"


class InputError(CheckerError):
    """The report file cannot be read as a report (empty, binary, corrupt, wrong format …)."""


class RulesetError(CheckerError):
    """A checklist YAML file is malformed; ``line`` points at the offending entry.

    A file with several problems raises one error holding them all (``problems``), rendered one
    ``file:line：what`` per line, so that the author fixes them in one pass."""

    problems: tuple[RulesetError, ...] = ()

    @classmethod
    def several(cls, errors: list[RulesetError]) -> RulesetError:
        by_text: dict[tuple[str | None, int | None, str], RulesetError] = {}
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


class SetupError(CheckerError):
    """The environment lacks something the install step provides (e.g. the segmentation model)."""
