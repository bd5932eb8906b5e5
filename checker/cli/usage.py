"""Typer's own words — help panels and usage errors — in the user's language.

Typer 0.29 vendors click without gettext, so there is no translation catalogue to install: the help
labels are module constants of ``typer.rich_utils`` (set here from the label table when the language has
them) and the usage errors are English sentences of a handful of fixed shapes, recognised by the table
below and worded by the label table (``USAGE`` in render/labels.py). A message of a shape not in the
table, or of a shape the language has no words for, is shown as it is rather than lost.
"""

from __future__ import annotations

import difflib
import importlib.abc
import importlib.util
import re
import sys
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

from checker.render.labels import USAGE, usage_words

# every constant of typer.rich_utils some language sets
_HELP_NAMES = sorted({name for words in USAGE.values() for name in words["help"]})

_saved: dict[str, object] = {}


class _AfterImport(importlib.abc.MetaPathFinder):
    """Calls ``then(module)`` right after ``name`` is first imported, by whoever imports it."""

    def __init__(self, name: str, then: Callable[[ModuleType], None]) -> None:
        self.name, self.then = name, then

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)  # found by the usual finders
        if spec is None or spec.loader is None:
            return spec
        loader, then = spec.loader, self.then
        run = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            then(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]  # this spec's own loader
        return spec


_language = ["en"]


def use_help_language(lang: str) -> None:
    """Make Typer print its help and usage errors in ``lang`` (Typer's own English for a language without
    help words). Called at each start of the app; switching back matters when the app runs several times
    in one process (tests).

    Typer imports ``typer.rich_utils`` (with rich's Markdown and Pygments, ~0.08 s) only to show help or an
    error, so its labels are set when that happens, not at every start.
    """
    _language[0] = lang
    rich_utils = sys.modules.get("typer.rich_utils")
    if rich_utils is None:
        if not any(isinstance(f, _AfterImport) for f in sys.meta_path):
            sys.meta_path.insert(0, _AfterImport("typer.rich_utils", lambda m: _set_help_language(m, _language[0])))
        return
    _set_help_language(rich_utils, lang)


def _set_help_language(rich_utils: ModuleType, lang: str) -> None:
    from typer._click import core, formatting

    if not _saved:
        _saved.update({name: getattr(rich_utils, name) for name in _HELP_NAMES})
        _saved["highlights"] = rich_utils.OptionHighlighter.highlights
        _saved["write_usage"] = formatting.HelpFormatter.write_usage
        _saved["get_help_option"] = core.Command.get_help_option
    write_usage, get_help_option = _saved["write_usage"], _saved["get_help_option"]
    words = usage_words(lang)

    def help_option(self, ctx):  # type: ignore[no-untyped-def]
        option = get_help_option(self, ctx)  # type: ignore[operator]
        if option is not None:  # one cached option per command: set its text for this run's language
            option.help = words["help_option"]
        return option

    core.Command.get_help_option = help_option  # type: ignore[method-assign]
    for name in _HELP_NAMES:
        setattr(rich_utils, name, _saved[name])
    rich_utils.OptionHighlighter.highlights = _saved["highlights"]  # type: ignore[assignment]
    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign,assignment]
    if not words["help"]:
        return
    usage = words["usage"]

    def usage_in_language(self, prog: str, args: str = "", prefix: str | None = None) -> None:  # type: ignore[no-untyped-def]
        write_usage(self, prog, args, usage if prefix is None else prefix)  # type: ignore[operator]

    for name, text in words["help"].items():
        setattr(rich_utils, name, text)
    rich_utils.OptionHighlighter.highlights = [  # the usage line is styled by matching its prefix
        h.replace("Usage: ", usage) for h in _saved["highlights"]  # type: ignore[attr-defined]
    ]
    formatting.HelpFormatter.write_usage = usage_in_language  # type: ignore[method-assign]


def _hint(value: str, choices: Sequence[str]) -> str | None:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
    return close[0] if close else None


def _quoted(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text)


def usage_message(message: str, lang: str) -> str:
    """One usage error of Typer/click in ``lang``, with a did-you-mean hint for a mistyped value."""
    words = usage_words(lang)
    for shape, pattern in _SHAPES:
        m = re.match(pattern, message)
        if m is None:
            continue
        template = words["errors"].get(shape)
        if template is None:
            return message
        values = {k: v or "" for k, v in m.groupdict().items()}
        if shape == "choice":
            choices = _quoted(m["choices"])
            hint = _hint(m["value"], choices)
            values.update(param="/".join(_quoted(m["param"])) or m["param"], choices=words["choices_sep"].join(choices))
        elif shape == "no_command":
            hint = next(iter(_quoted(m["hints"] or "")), None)  # click has already found the closest
        else:
            hints = values.get("hints", "").replace(",", " ").split()
            hint = _hint(values.get("name", ""), hints) if hints else None
        return template.format(**values) + (words["hint"].format(hint=hint) if hint else "")
    return message


# The shapes of click's usage errors (its English), first match wins; the words are in the label table.
_SHAPES: list[tuple[str, str]] = [
    ("choice", r"Invalid value for (?P<param>.+?): (?:Value error, )?'(?P<value>[^']*)' is not one of "
               r"(?P<choices>.+?)\.?$"),
    ("no_command", r"No such command '(?P<name>[^']*)'\.(?: Did you mean (?P<hints>.+)\?)?$"),
    ("missing_option", r"Missing option '(?P<name>[^']*)'.*$"),
    ("missing_argument", r"Missing argument '(?P<name>[^']*)'.*$"),
    ("missing_parameter", r"Missing parameter: (?P<name>.+)$"),
    ("no_option", r"No such option: (?P<name>\S+)(?: \(Possible options: (?P<hints>[^)]*)\))?$"),
    ("needs_value", r"Option '(?P<name>[^']*)' requires an argument\.?$"),
    ("takes_no_value", r"Option '(?P<name>[^']*)' does not take a value\.?$"),
    ("extra_arguments", r"Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)$"),
    ("missing_command", r"Missing command\.?$"),
    ("too_large", r"Invalid value for (?P<param>.+?): .*less than or equal to (?P<n>\S+)$"),
    ("too_small", r"Invalid value for (?P<param>.+?): .*greater than or equal to (?P<n>\S+)$"),
    ("not_a_number", r"Invalid value for (?P<param>.+?): .*valid (?:number|integer).*$"),
    ("bad_date", r"Invalid value for (?P<param>.+?): .*(?:format|date).*$"),
    ("invalid", r"Invalid value for (?P<param>.+?): (?P<what>.*)$"),
]
