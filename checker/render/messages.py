"""The text of findings and verdicts in the user's language, made at render time.

A finding carries its rule id, a case and the values that explain it; the checklist's templates
(``message``/``message_en``, ``messages``/``messages_en`` per case, travelling in ``Result.rules``) and
the label table (``labels.py``) turn them into text here and nowhere else. A slot the values cannot fill
stays visible as written (``{ratio}``) rather than failing the output: the loader has already refused
templates that name values their kind does not provide.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from checker.model import Acceptance, Finding, Item, Label, Result, RuleInfo, Score, Section, Years
from checker.render.labels import labels

EVIDENCE_CHARS = 24  # evidence longer than this is shortened in messages (it is shown whole elsewhere)


def pick(zh: str | None, en: str | None, lang: str) -> str | None:
    """The English text of a checklist entry for ``--lang en`` when it has one, else the Chinese one."""
    return en if lang == "en" and en else zh


class Wording:
    """How one result is worded in one language (``result`` None: only the label table is known)."""

    def __init__(self, result: Result | None, lang: str = "zh") -> None:
        self.lang = lang
        self.labels = labels(lang)
        self.rules: dict[str, RuleInfo] = {i.id: i for i in result.rules} if result else {}
        self.names = {s.id: self.item(s) for s in result.sections} if result else {}

    def item(self, section: Section) -> str:
        """A checklist item's name in the user's language."""
        return pick(section.name, section.name_en, self.lang) or section.name

    def basis(self, rule: RuleInfo) -> str | None:
        """The regulation a rule comes from, in the user's language."""
        return pick(rule.basis, rule.basis_en, self.lang)

    def summary(self, rule: RuleInfo) -> str:
        """What a rule checks, for lists of rules: its summary, else its message with the slots as "…"."""
        given = pick(rule.summary, rule.summary_en, self.lang)
        if given:
            return given
        template = pick(rule.message, rule.message_en, self.lang) or rule.message
        return "".join(literal + ("…" if field is not None else "") for literal, field, _, _ in _parse(template))

    def message(self, f: Finding) -> str:
        """A finding's text: its rule's template for its case, filled with its values."""
        values: dict[str, Any] = dict(f.values)
        if "evidence" not in values:
            shown = f.evidence
            if shown is not None and len(shown) > EVIDENCE_CHARS:
                shown = shown[: EVIDENCE_CHARS - 1] + "…"
            values["evidence"] = shown
        return self.fill(self.template(f), values)

    def suggestion(self, f: Finding, message: str | None = None) -> str | None:
        """The correct text the finding suggests, labelled ("建议改为：……"); None when it suggests none, or
        when ``message`` (the finding's text as shown beside it) already quotes it — said once is enough."""
        suggested = f.value("suggestion")
        if suggested and message is not None and str(suggested) in message:
            return None
        return self.fill(self.labels["suggestion"], {"suggestion": suggested}) if suggested else None

    def template(self, f: Finding) -> str:
        rule = self.rules.get(f.rule)
        if rule is None:  # a rule no checklist describes (the waiver file's own findings)
            return str(self.labels.get(f"rule.{f.rule}", f.rule))
        cases = dict(rule.messages)
        cases_en = dict(rule.messages_en)
        # the user's language first (the case's template, then the rule's), then the Chinese ones
        order = ([cases_en.get(f.case), rule.message_en] if self.lang == "en" else []) + [cases.get(f.case), rule.message]
        return next(t for t in order if t)

    def accepted(self, acceptance: Acceptance) -> str:
        """Who accepted a waived finding, why, and until when."""
        return self.fill(self.labels["waiver.accepted"], {
            "reviewer": acceptance.reviewer, "reason": acceptance.reason, "expires": acceptance.expires})

    def gate_reason(self, score: Score) -> str | None:
        """Why the gate failed (None when it passed)."""
        if score.passed:
            return None
        if score.failing:
            level = self.labels.get(f"gate.level.{score.fail_on}", score.fail_on)
            return self.fill(self.labels["gate.failing"], {
                "count": score.failing_count, "level": level, "rules": self.labels["rules_sep"].join(score.failing)})
        return self.fill(self.labels["gate.score"], {"value": score.value, "fail_under": score.fail_under})

    def fill(self, template: str, values: Mapping[str, Any]) -> str:
        """``str.format`` that words the model's value types and leaves a slot it cannot fill as written."""
        try:
            parts = _parse(template)
        except ValueError:
            return template
        out = []
        for literal, field, spec, conversion in parts:
            out.append(literal)
            if field is None:
                continue
            try:
                value, _ = string.Formatter().get_field(field, (), values)
                if conversion:
                    value = string.Formatter().convert_field(value, conversion)
                out.append(self._word(value, spec or ""))
            except (KeyError, AttributeError, IndexError, TypeError, ValueError):
                out.append("{" + field + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}")
        return "".join(out)

    def _word(self, value: Any, spec: str) -> str:
        if value is None:
            return ""
        if isinstance(value, Item):
            return self.names.get(value.id, value.id)
        if isinstance(value, Label):
            return str(self.labels.get(value.key, value.key))
        if isinstance(value, Years):
            if not value.years:
                return str(self.labels.get(f"years.{value.missing}", ""))
            return self.labels["list_sep"].join(self.labels["year"].format(y) for y in value.years)
        if isinstance(value, (tuple, list, frozenset)):
            return self.labels["list_sep"].join(self._word(v, spec) for v in value)
        return format(value, spec)


def _parse(template: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return list(string.Formatter().parse(template))

