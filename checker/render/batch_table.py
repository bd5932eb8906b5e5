"""The batch's ranked table (on the screen) and the same rows as CSV (for Excel).

One ``Line`` per submission, made from its result or from why it could not be read; the table and the
CSV are two layouts of those lines. The ranking (what a reviewer must look at first) is the batch's; the
lines come here in that order.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.model import Result, printable_name
from checker.render.labels import BATCH, BATCH_COLUMNS, BATCH_CSV_COLUMNS, BATCH_VERDICTS, BATCH_YES_NO
from checker.render.messages import Wording, pick
from checker.render.registry import write_text


@dataclass(frozen=True)
class Line:
    """One submission of the batch as the table and the CSV show it ('' where there is nothing to show)."""

    path: str
    org: str
    year: int | str
    score: float | str
    passed: bool
    missing: str  # the required items not found, in the user's language
    reuse: str  # the reuse ratio without boilerplate, as a percentage
    worst: str  # the first (most serious) finding's message
    error: str  # why the file could not be read, as the checker said it (with the path)

    @property
    def unreadable(self) -> bool:
        return bool(self.error)

    @property
    def reason(self) -> str:
        """The error without the path it starts with (the outputs show the path in its own field)."""
        for sep in ("：", ": "):
            if self.error.startswith(self.path + sep):
                return self.error[len(self.path) + len(sep):]
        return self.error


def line(path: str, result: Result | None, error: tuple[str, str] | None, lang: str = "zh") -> Line:
    """The line of one submission: its result, or (``result`` None) the reason it could not be read
    (``error``: in Chinese and in English)."""
    path = printable_name(path)  # a name that is not UTF-8 is shown escaped, as in the error it comes with
    if result is None:
        return Line(path, "", "", "", False, "", "", "", (pick(*error, lang) or "") if error else "")
    separator = BATCH[lang]["sep"]
    words = Wording(result, lang)
    missing = separator.join(words.item(s) for s in result.sections if s.required and not s.present)
    worst = words.message(result.findings[0]) if result.findings else ""
    reuse = f"{result.reuse.ratio_without_boilerplate:.0%}" if result.reuse else ""
    return Line(path, result.meta.org or "", result.meta.year or "", result.score.value, result.score.passed,
                missing, reuse, worst, "")


def table(lines: Sequence[Line], folder: str, lang: str):  # type: ignore[no-untyped-def]
    """The ranked table as a rich ``Table``, paths relative to ``folder``."""
    from rich.table import Table

    count = BATCH[lang]["count"].format(n=len(lines))
    out = Table(title=f"{folder}{count}", title_justify="left")
    for col in BATCH_COLUMNS[lang]:
        out.add_column(col, overflow="fold")
    for one in lines:
        verdict = BATCH_VERDICTS[lang][0 if one.unreadable else 1 if one.passed else 2]
        out.add_row(os.path.relpath(one.path, folder), one.org, str(one.year), str(one.score), verdict, one.missing,
                    one.reuse, one.reason or one.worst)
    return out


def write_csv(target: Path, lines: Sequence[Line], lang: str) -> None:
    """The ranked table for Excel: a BOM so that Excel reads UTF-8, headers and 是/否 in the user's language."""
    yes, no = BATCH_YES_NO[lang]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(BATCH_CSV_COLUMNS[lang])
    for one in lines:
        writer.writerow([one.path, one.org, one.year, one.score, yes if one.passed else no, one.missing,
                         one.reuse, one.worst, one.error])
    write_text(buffer.getvalue(), target, encoding="utf-8-sig")  # whole or not at all


def tally(lines: Sequence[Line], lang: str) -> str:
    """The one-line summary under the table: how many passed, how many failed or could not be read."""
    passed = sum(one.passed for one in lines)
    return BATCH[lang]["tally"].format(n=len(lines), passed=passed, other=len(lines) - passed)
