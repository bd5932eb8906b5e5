"""Typer's own words — help panels and usage errors — in the user's language.

Typer 0.29 vendors click without gettext, so there is no translation catalogue to install: the help
labels are module constants of ``typer.rich_utils`` (set here when the language is Chinese) and the usage
errors are English sentences of a handful of fixed shapes, rewritten by the table below. A message of a
shape not in the table is shown as it is rather than lost.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

_HELP_ZH = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "DEPRECATED_STRING": "（已弃用）",
    "ABORTED_TEXT": "已中断。",
}
_HELP_OPTION_ZH = "显示此帮助并退出。"


_saved: dict[str, object] = {}


def use_help_language(lang: str) -> None:
    """Make Typer print its help in Chinese (``lang`` other than "en") or in its own English. Called at each
    start of the app; switching back matters when the app runs several times in one process (tests)."""
    from typer import rich_utils
    from typer._click import core, formatting

    if not _saved:
        _saved.update({name: getattr(rich_utils, name) for name in _HELP_ZH})
        _saved["highlights"] = rich_utils.OptionHighlighter.highlights
        _saved["write_usage"] = formatting.HelpFormatter.write_usage
        _saved["get_help_option"] = core.Command.get_help_option
    write_usage, get_help_option = _saved["write_usage"], _saved["get_help_option"]

    def help_option(self, ctx):  # type: ignore[no-untyped-def]
        option = get_help_option(self, ctx)  # type: ignore[operator]
        if option is not None:  # one cached option per command: set its text for this run's language
            option.help = "Show this message and exit." if lang == "en" else _HELP_OPTION_ZH
        return option

    core.Command.get_help_option = help_option  # type: ignore[method-assign]
    if lang == "en":
        for name in _HELP_ZH:
            setattr(rich_utils, name, _saved[name])
        rich_utils.OptionHighlighter.highlights = _saved["highlights"]  # type: ignore[assignment]
        formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign,assignment]
        return

    def usage_zh(self, prog: str, args: str = "", prefix: str | None = None) -> None:  # type: ignore[no-untyped-def]
        write_usage(self, prog, args, "用法：" if prefix is None else prefix)  # type: ignore[operator]

    for name, text in _HELP_ZH.items():
        setattr(rich_utils, name, text)
    rich_utils.OptionHighlighter.highlights = [  # the usage line is styled by matching its prefix
        h.replace("Usage: ", "用法：") for h in _saved["highlights"]  # type: ignore[attr-defined]
    ]
    formatting.HelpFormatter.write_usage = usage_zh  # type: ignore[method-assign]


def _hint(value: str, choices: Sequence[str]) -> str | None:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
    return close[0] if close else None


def _quoted(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text)


def usage_message(message: str, lang: str) -> str:
    """One usage error of Typer/click in ``lang``, with a did-you-mean hint for a mistyped value."""
    m = re.match(r"Invalid value for (?P<param>.+?): (?:Value error, )?'(?P<value>[^']*)' is not one of (?P<choices>.+?)\.?$",
                 message)
    if m:
        choices = _quoted(m["choices"])
        hint = _hint(m["value"], choices)
        param = "/".join(_quoted(m["param"])) or m["param"]
        if lang == "en":
            return (f"invalid value for {param}: '{m['value']}' is not one of {', '.join(choices)}"
                    + (f"; did you mean {hint}?" if hint else ""))
        zh = f"{param} 的取值“{m['value']}”无效（可选：{'、'.join(choices)}）"
        return zh + (f"，您是不是要找 {hint}？" if hint else "")
    m = re.match(r"No such command '(?P<name>[^']*)'\.(?: Did you mean (?P<hints>.+)\?)?$", message)
    if m:
        hints = _quoted(m["hints"] or "")
        if lang == "en":
            return f"no such command '{m['name']}'" + (f"; did you mean {hints[0]}?" if hints else "")
        return f"没有这个命令：{m['name']}" + (f"，您是不是要找 {hints[0]}？" if hints else "")
    if lang == "en":
        return message
    for pattern, template in _ZH:
        m = re.match(pattern, message)
        if m:
            text = template.format(**{k: v or "" for k, v in m.groupdict().items()})
            hints = (m.groupdict().get("hints") or "").replace(",", " ").split()
            hint = _hint(m.groupdict().get("name") or "", hints) if hints else None
            return text + (f"，您是不是要找 {hint}？" if hint else "")
    return message


_ZH: list[tuple[str, str]] = [
    (r"Missing option '(?P<name>[^']*)'.*$", "缺少选项“{name}”"),
    (r"Missing argument '(?P<name>[^']*)'.*$", "缺少参数“{name}”"),
    (r"Missing parameter: (?P<name>.+)$", "缺少参数“{name}”"),
    (r"No such option: (?P<name>\S+)(?: \(Possible options: (?P<hints>[^)]*)\))?$", "没有这个选项：{name}"),
    (r"Option '(?P<name>[^']*)' requires an argument\.?$", "选项 {name} 需要一个值"),
    (r"Option '(?P<name>[^']*)' does not take a value\.?$", "选项 {name} 不接受值"),
    (r"Got unexpected extra arguments? \((?P<args>.*)\)$", "多余的参数：{args}"),
    (r"Missing command\.?$", "缺少命令"),
    (r"Invalid value for (?P<param>.+?): .*less than or equal to (?P<n>\S+)$", "{param} 的值不能大于 {n}"),
    (r"Invalid value for (?P<param>.+?): .*greater than or equal to (?P<n>\S+)$", "{param} 的值不能小于 {n}"),
    (r"Invalid value for (?P<param>.+?): .*valid (?:number|integer).*$", "{param} 的值应为数字"),
    (r"Invalid value for (?P<param>.+?): .*(?:format|date).*$", "{param} 的格式无效（日期应为 YYYY-MM-DD）"),
    (r"Invalid value for (?P<param>.+?): (?P<what>.*)$", "{param} 的值无效：{what}"),
]
