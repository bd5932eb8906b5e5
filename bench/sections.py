"""bench/results.md is shared by every benchmark: each owns one section between its own markers."""

from __future__ import annotations

from pathlib import Path


def write_section(path: Path, lines: list[str]) -> None:
    """Put ``lines`` (first its begin marker, last its end marker) into ``path`` in place of the section
    between the same markers, or at the end; the rest of the file is kept as it is."""
    begin, end, section = lines[0], lines[-1], "\n".join(lines)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if begin in text and end in text:
        text = text[: text.index(begin)] + section + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
