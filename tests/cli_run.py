"""Run the CLI in-process (the model loads once per test session) and capture what it prints."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stderr, redirect_stdout

from checker.cli import main


def run_cli(*args: str, width: int = 200) -> tuple[int, str, str]:
    """Run ``checker ARGS``; rich lays out for ``width`` columns so that assertions see whole lines."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    out.flush()
    return code, out.buffer.getvalue().decode("utf-8"), err.getvalue()  # type: ignore[attr-defined]
