"""The words of the outputs, one table per language: everything the user reads that the checklist does
not say (the checklist's ``message``/``message_en`` templates word the findings).

``LABELS[lang]`` holds the words every output shares (how values in messages are written, why the gate
failed, the messages of the waiver file's own findings); each output's own words sit under its name
(``LABELS[lang]["html"]``, ``["terminal"]`` …). A new language is one more table with the same keys.
"""

from __future__ import annotations

from typing import Any

ZH: dict[str, Any] = {
    # values in messages
    "list_sep": "、",  # between the items of a list value ({figures}, {years})
    "year": "{}年",
    "years.earlier": "往年",  # a report whose year is not known
    "years.last_year": "上一年度",
    "years.blank": "",
    "another_body": "其他单位",
    # why the gate failed
    "gate.failing": "存在{count}个{level}级别的问题（{rules}）",
    "gate.level.error": "错误",
    "gate.level.warning": "警告及以上",
    "gate.score": "得分{value:g}低于门槛{fail_under:g}",
    "rules_sep": "、",
    # rules no checklist describes: the waiver file's own findings
    "rule.waiver.expired": "豁免已于{expires}过期（{reviewer}：{reason}），该问题重新计入",
    "rule.waiver.stale": "豁免未匹配任何问题（{rule}，{waiver}），可能已失效，请从豁免文件中删除",
}

EN: dict[str, Any] = {
    "list_sep": ", ",
    "year": "{}",
    "years.earlier": "earlier",
    "years.last_year": "last year's",
    "years.blank": "",
    "another_body": "another body",
    "gate.failing": "{count} finding(s) at or above {level}: {rules}",
    "gate.level.error": "error",
    "gate.level.warning": "warning",
    "gate.score": "score {value:g} is below the threshold {fail_under:g}",
    "rules_sep": ", ",
    "rule.waiver.expired": "waiver expired on {expires} ({reviewer}: {reason}); the finding counts again",
    "rule.waiver.stale": "waiver matches no finding ({rule}, {waiver}): remove it",
}

LABELS: dict[str, dict[str, Any]] = {"zh": ZH, "en": EN}


def labels(lang: str) -> dict[str, Any]:
    """The table of ``lang`` (Chinese for a language without one)."""
    return LABELS.get(lang, ZH)
