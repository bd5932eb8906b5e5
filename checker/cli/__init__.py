"""Command line: ``checker check | batch | diff | extract | rules | waive | config | schema | archive``.

Orchestrates the pipeline; nothing imports it. Exit codes: 0 passed, 1 failed the gate, 2 bad input or
usage, 3 internal error. Heavy modules are imported inside the commands so that ``checker --help``
stays instant and loads no model.
"""

from __future__ import annotations

import os
import sys

import typer

from checker.cli.common import app, error_line
from checker.cli.usage import usage_message, use_help_language
from checker.errors import CheckerError
from checker.render.labels import cli_words

# the command modules register themselves on ``app``
from checker.cli import archive, batch, report, serve  # noqa: E402,F401  isort: skip


def _lang_from_argv(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "zh"


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and turn every outcome into one of the documented exit codes."""
    args = sys.argv[1:] if argv is None else argv
    lang = _lang_from_argv(args)
    words = cli_words(lang)
    try:
        use_help_language(lang)
    except (ImportError, AttributeError):  # Typer's internals moved: its help stays English, the check still runs
        pass
    try:
        code = app(args=args, prog_name="checker", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except CheckerError as e:
        error_line(e, lang)
        return e.exit_code
    except typer.Exit as e:
        return e.exit_code
    except typer.Abort:
        print(words["aborted"], file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # noqa: BLE001 — the last line of defence: one line, never a traceback
        if _is_usage_error(e):
            msg = usage_message(e.format_message(), lang)  # type: ignore[attr-defined]
            print(words["usage_error"].format(message=msg), file=sys.stderr)
            return 2
        if os.environ.get("CHECKER_DEBUG"):
            raise
        print(words["internal_error"].format(kind=type(e).__name__, error=e), file=sys.stderr)
        return 3


def _is_usage_error(e: Exception) -> bool:
    """Typer raises click-style usage errors from its own vendored copy of click: match them by shape."""
    return callable(getattr(e, "format_message", None)) and getattr(e, "exit_code", None) == 2


def run() -> None:
    sys.exit(main())
