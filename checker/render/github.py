"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request's files.

``::error file=…,line=…,endLine=…,title=…::message`` (warning → ``::warning``, info → ``::notice``).
Lines are lines of the extracted text (what ``checker extract`` prints), like every line we report.
Values are escaped as GitHub's toolkit escapes them (``escapeData``/``escapeProperty`` in
``@actions/core``): a newline in a message would otherwise end the command and print the rest as a log
line, and a ``,`` or ``:`` in a path or rule would cut the property list short.

Each failing report ends with an ``::error title=checker::`` line giving the gate's reason, so the job's
summary says why the gate failed even when every finding is a warning; then one plain summary line.
Waived findings are not annotated (a waiver is a reviewer's decision that they should not nag).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from checker.model import Finding, Result, Severity
from checker.render.labels import GITHUB
from checker.render.messages import Wording
from checker.render.registry import RenderContext, write_text

COMMAND: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "notice"}



def escape_data(text: str) -> str:
    """A command's message: ``%``, CR and LF are encoded (``%`` first, so the others stay unambiguous)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as a message, and ``:`` and ``,``, which delimit the properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int | None) -> str:
    """One workflow command line; properties that are None are left out."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items()
                     if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def render(results: Sequence[Result], *, lang: str = "zh") -> str:
    """The workflow commands for the given reports, one per line."""
    labels = GITHUB.get(lang, GITHUB["zh"])
    lines: list[str] = []
    counts: Counter[str] = Counter()
    for r in results:
        words = Wording(r, lang)
        path = r.path.replace("\\", "/")  # GitHub matches annotations to repository paths
        for f in sorted(r.findings, key=Finding.sort_key):
            counts[f.severity] += 1
            text = words.message(f)
            suggestion = words.suggestion(f, text)
            message = text + (f"\n{suggestion}" if suggestion else "")
            lines.append(_annotation(f, message, path, r.text))
    for r in results:
        if not r.score.passed:
            message = labels["gate"].format(path=r.path, reason=Wording(r, lang).gate_reason(r.score) or labels["failed"],
                                            score=r.score.value)
            lines.append(command("error", message, title="checker"))
    failed = sum(not r.score.passed for r in results)
    lines.append(labels["summary"].format(reports=len(results), failed=failed, **{
        s: counts[s] for s in ("error", "warning", "info")}))
    return "\n".join(lines) + "\n"


def _annotation(f: Finding, message: str, path: str, text: str) -> str:
    line = f.location.line
    end_line = None
    if line is not None and f.location.start is not None and f.location.end is not None and text:
        # the line of the finding's last character: a finding may span a re-joined paragraph
        last = max(f.location.start, min(f.location.end, len(text)) - 1)
        end_line = line + text.count("\n", f.location.start, last)
    return command(COMMAND[f.severity], message, file=path, line=line, endLine=end_line, title=f.rule)


def write(results: Sequence[Result], target: Path | None, ctx: RenderContext) -> None:
    write_text(render(results, lang=ctx.lang), target)
