"""Checklist regular expressions: compiled with RE2 (linear time), the spans they report, year placeholders.

Used by the rule kinds and by locating checklist items in the outline, so it lives below both.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

YEAR_PLACEHOLDERS = {"year": "2024", "next_year": "2025", "prev_year": "2023"}
HIT_GROUP = "hit"  # a pattern may name the part to report: RE2 has no lookaround, so context is matched around it
_MAX_RESUMES = 1000  # re-searches for hits right after a consumed context; bounded so the work stays linear


def _options():  # type: ignore[no-untyped-def]
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print its own English line on stderr for every bad pattern
    return options


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str):  # type: ignore[no-untyped-def]
    """Compile a checklist regex with RE2, whose matching time is linear in the text by construction: no
    pattern in a checklist can backtrack catastrophically, whatever it nests. Raises ``ValueError``."""
    import re2

    try:
        return re2.compile(pattern, _options())
    except re2.error as e:
        problem = e.args[0].decode("utf-8", "replace") if e.args and isinstance(e.args[0], bytes) else str(e)
        if problem.startswith("invalid perl operator: (?") or problem.startswith("invalid escape sequence: \\"):
            raise ValueError(
                f"正则表达式“{pattern}”使用了不支持的写法（{problem.split(': ', 1)[1]}）：检查器用 RE2 匹配以保证线性时间，"
                "不支持前后文断言 (?=…)(?!…)(?<=…)(?<!…) 和反向引用；请把前后文写进表达式，用 (?P<hit>…) 标出要报告的部分"
            ) from None
        raise ValueError(f"正则表达式“{pattern}”无效：{problem}") from None


def check_regex(pattern: str) -> str:
    """Validate a checklist regex when the YAML loads (year placeholders allowed)."""
    compile_pattern(with_years(pattern, 2024))
    return pattern




def hits(pattern: str, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans in ``text[start:end]`` (offsets into ``text``) that a checklist regex reports: its ``hit`` group
    when it has one, else the whole match. After a match whose context was consumed (``[^有](?P<hit>待填写)``)
    the search resumes inside it, so a hit right after another one is not lost."""
    compiled = compile_pattern(pattern)
    sub = text[start:end]
    group = compiled.groupindex.get(HIT_GROUP, 0)
    pos, resumes = 0, 0
    while pos <= len(sub):
        resume_at = None
        for m in compiled.finditer(sub, pos):
            s, e = m.span(group)
            if s >= 0 and e > s:
                yield start + s, start + e
            nxt = max(m.start() + 1, e - 1) if s >= 0 else m.start() + 1
            if group and nxt < m.end() and resumes < _MAX_RESUMES:
                resume_at = nxt
                break
        if resume_at is None:
            return
        pos, resumes = resume_at, resumes + 1


def with_years(pattern: str, year: int | None) -> str:
    """Fill {year}/{next_year}/{prev_year} in a checklist regex (any year when the report's is unknown)."""
    if "{" not in pattern or not any(f"{{{k}}}" in pattern for k in YEAR_PLACEHOLDERS):
        return pattern
    if year is None:
        values = {k: r"20\d{2}" for k in YEAR_PLACEHOLDERS}
    else:
        values = {"year": str(year), "next_year": str(year + 1), "prev_year": str(year - 1)}
    for key, value in values.items():
        pattern = pattern.replace(f"{{{key}}}", value)
    return pattern
