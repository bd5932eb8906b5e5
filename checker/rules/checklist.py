"""Checklists as data: load a YAML checklist from ``checklists/``, follow ``extends:``, validate everything.

A checklist has ``items`` (the parts a report must or should contain, each becoming a rule
``section.<id>``) and ``rules`` (other checks, each naming a registered ``kind``). A child checklist
overrides items and rules by id, field by field, and may ``disable`` rules. Anything wrong — an unknown
key, a wrong type, a bad regex or one RE2 cannot run (lookaround), an unknown item id, an ``extends`` loop — is refused at
load time as ``file:line: 问题`` so that no rule silently never fires.
"""

from __future__ import annotations

import difflib
import os
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.errors import ChecklistError, invalid_value
from checker.model import Severity
from checker.rules import yamlsrc
from checker.rules.kinds import KINDS
from checker.rules.kinds.base import Params, Regex, RuleSpec

BUILTIN_DIR = Path(os.environ.get("CHECKER_RULES_DIR", Path(__file__).resolve().parent.parent / "checklists"))
ID_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$"


class ItemSpec(BaseModel):
    """One part a report should contain, and how to find it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    name_en: str | None = None
    required: bool = True
    severity: Severity = "error"
    points: float = Field(default=0, ge=0)
    message: str = "缺少“{name}”部分"
    message_en: str | None = None
    basis: str | None = None
    basis_en: str | None = None
    headings: tuple[Regex, ...] = ()  # synonyms of its heading, at any level
    exclude: tuple[Regex, ...] = ()  # a heading matching these is not this item
    passages: tuple[Regex, ...] = ()  # without a heading: a paragraph that clearly is this item
    fallback: Literal["parts"] | None = None  # unclaimed top-level parts (measures spread over parts)
    may_contain: tuple[str, ...] = ()  # items that may sit inside this one's parts
    within: str | None = None  # found by marker words inside another item …
    markers: tuple[Regex, ...] = ()  # … these words (on word boundaries)
    min_markers: int = Field(default=1, ge=1)
    min_chars: int = Field(default=0, ge=0)
    weak_points: float | None = Field(default=None, ge=0)
    weak_severity: Severity = "warning"
    # what a thin part's finding says; {name} is the item's name, {chars} and {min_chars} the counts
    weak_message: str = "“{name}”部分内容过少（{chars}字，应不少于{min_chars}字），疑似空话套话"
    weak_message_en: str = "the part '{name}' is thin ({chars} characters, expected at least {min_chars})"


_RULE_KEYS = {"id", "kind", "severity", "points", "message", "message_en", "messages", "messages_en", "summary",
              "summary_en", "max_points", "basis", "basis_en", "enabled", "aliases"}
_TOP_KEYS = {"id", "name", "name_en", "description", "basis", "extends", "items", "rules", "disable", "boilerplate"}


@dataclass(frozen=True)
class Rule:
    spec: RuleSpec
    params: Params


@dataclass(frozen=True)
class Checklist:
    id: str
    name: str
    path: str
    basis: str | None
    items: tuple[ItemSpec, ...]
    rules: tuple[Rule, ...]  # section rules first, in item order, then the others
    boilerplate: tuple[str, ...] = ()  # formulas every report contains: not evidence of reuse
    name_en: str | None = None

    def item(self, item_id: str) -> ItemSpec | None:
        return next((i for i in self.items if i.id == item_id), None)

    @property
    def aliases(self) -> dict[str, str]:
        """Former rule ids → the rule's id now (``aliases:`` of a rule)."""
        return {alias: r.spec.id for r in self.rules for alias in r.spec.aliases}

    def rule_id(self, name: str) -> str:
        """The id of the rule ``name`` stands for: itself, or the rule that has it as an alias."""
        return self.aliases.get(name, name)


@dataclass
class _Entry:
    """A raw item or rule and where each of its keys was written (for error lines)."""

    data: dict[str, Any]
    where: dict[str, tuple[str, int | None]]
    origin: tuple[str, int | None]

    def line_of(self, key: Any) -> tuple[str, int | None]:
        return self.where.get(key, self.origin)


def resolve(name: str, relative_to: Path | None = None) -> Path:
    """A checklist name ("shenzhen") or path ("my/rules.yaml") → the file."""
    candidate = Path(name)
    if name.endswith((".yaml", ".yml")) or os.sep in name or "/" in name:
        if relative_to is not None and not candidate.is_absolute():
            local = relative_to / candidate
            if local.exists():
                return local
        return candidate
    for folder in ([relative_to] if relative_to else []) + [BUILTIN_DIR]:
        for ext in (".yaml", ".yml"):
            if (folder / f"{name}{ext}").exists():
                return folder / f"{name}{ext}"
    names = sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml"))
    hint = difflib.get_close_matches(name, names, n=1)
    if hint:
        raise ChecklistError(None, f"找不到检查清单 {name}，您是不是要找 {hint[0]}？",
                           f"no such checklist {name}; did you mean {hint[0]}?")
    known = ", ".join(names)
    raise ChecklistError(name, f"找不到检查清单（内置清单：{known}）", f"no such checklist (built-in: {known})")


def load(name: str) -> Checklist:
    """Load and validate a checklist. Every problem found is reported at once (``ChecklistError.several``);
    only a file that cannot be parsed at all stops the reading early."""
    path = resolve(name)
    problems: list[ChecklistError] = []
    top, items, rules, disabled = _load_chain(path, (), problems)
    valid_items: list[tuple[ItemSpec, _Entry]] = []
    for entry in items.values():
        try:
            valid_items.append((_validate_item(entry), entry))
        except ChecklistError as e:
            problems.append(e)
    # an item that failed validation still exists for references, so one typo is not reported twice
    item_ids = {i.id for i, _ in valid_items} | {str(e.data.get("id")) for e in items.values()}
    for item, entry in valid_items:
        for ref_key, refs in (("within", [item.within] if item.within else []), ("may_contain", item.may_contain)):
            for ref in refs:
                try:
                    _check_item_ref(ref, item_ids, entry, ref_key)
                except ChecklistError as e:
                    problems.append(e)
    built_items = tuple(i for i, _ in valid_items)
    section_rules = []
    for item, entry in valid_items:
        if f"section.{item.id}" in disabled:
            continue
        try:
            section_rules.append(_section_rule(item, entry))
        except ChecklistError as e:
            problems.append(e)
    other_rules = []
    for rid, entry in rules.items():
        if rid in disabled or not entry.data.get("enabled", True):
            continue
        try:
            other_rules.append(_validate_rule(entry, item_ids))
        except ChecklistError as e:
            problems.append(e)
            continue
        problems += _disagreements(other_rules[-1], other_rules[:-1], entry)
    if problems:
        raise ChecklistError.several(problems)
    return Checklist(
        id=str(top.get("id") or path.stem),
        name=str(top.get("name") or path.stem),
        path=str(path),
        basis=top.get("basis"),
        items=built_items,
        rules=tuple(section_rules + other_rules),
        boilerplate=tuple(top.get("boilerplate") or ()),
        name_en=top.get("name_en"),
    )


def _load_chain(
    path: Path, seen: tuple[Path, ...], problems: list[ChecklistError]
) -> tuple[dict[str, Any], dict[str, _Entry], dict[str, _Entry], set[str]]:
    real = path.resolve()
    if real in seen:
        chain = " → ".join(p.name for p in seen + (real,))
        raise ChecklistError(str(path), f"extends 形成循环：{chain}", f"extends loop: {chain}")
    data, lines = yamlsrc.load(path)
    file = str(path)
    if not isinstance(data, dict):
        raise ChecklistError(file, "检查清单文件的顶层应为映射（键: 值）", "the top level must be a mapping", line=1)
    for key in data:
        if key not in _TOP_KEYS:
            problems.append(_unknown_key(file, lines.get((key,)), key, _TOP_KEYS))
    if "extends" in data and data["extends"] is not None:
        if not isinstance(data["extends"], str):
            raise ChecklistError(file, "extends 应为检查清单名称或路径", "extends must be a name or path",
                               line=lines.get(("extends",)))
        try:
            parent = resolve(data["extends"], path.parent)
        except ChecklistError as e:
            raise ChecklistError(file, e.zh, e.en, line=lines.get(("extends",))) from None
        top, items, rules, disabled = _load_chain(parent, seen + (real,), problems)
    else:
        top, items, rules, disabled = {}, {}, {}, set()
    phrases = data.get("boilerplate") or []
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
        problems.append(ChecklistError(file, "boilerplate 应为短语（字符串）列表", "boilerplate must be a list of phrases",
                                     line=lines.get(("boilerplate",))))
        phrases = []
    inherited = list(top.get("boilerplate") or [])
    top = {**top, **{k: v for k, v in data.items() if k not in ("items", "rules", "disable")}}
    top["boilerplate"] = inherited + [p for p in phrases if p not in inherited]
    for section, target in (("items", items), ("rules", rules)):
        entries = data.get(section) or []
        if not isinstance(entries, list):
            problems.append(ChecklistError(file, f"{section} 应为列表", f"{section} must be a list",
                                         line=lines.get((section,))))
            continue
        for i, raw in enumerate(entries):
            line = lines.get((section, i))
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
                problems.append(ChecklistError(file, f"{section} 的每一项都应是带 id 的映射",
                                             f"each of {section} needs an id", line=line))
                continue
            if section == "rules" and raw["id"] not in target and raw["id"] in _aliases(target):
                raw = {**raw, "id": _aliases(target)[raw["id"]]}  # a former id overrides the rule it became
            where = {k: (file, lines.get((section, i, k), line)) for k in raw}
            if raw["id"] in target:  # override field by field
                old = target[raw["id"]]
                target[raw["id"]] = _Entry({**old.data, **raw}, {**old.where, **where}, old.origin)
            else:
                target[raw["id"]] = _Entry(dict(raw), where, (file, line))
    disable = data.get("disable") or []
    if not isinstance(disable, list) or not all(isinstance(d, str) for d in disable):
        problems.append(ChecklistError(file, "disable 应为规则 id 的列表", "disable must be a list of rule ids",
                                     line=lines.get(("disable",))))
        disable = []
    disable = [_aliases(rules).get(rid, rid) if isinstance(rid, str) else rid for rid in disable]
    for i, rid in enumerate(disable):
        if rid not in rules and not rid.startswith("section."):
            hint = difflib.get_close_matches(rid, sorted(rules), n=1)
            problems.append(ChecklistError(
                file, f"disable 中的规则“{rid}”不存在" + (f"，您是不是要找 {hint[0]}？" if hint else ""),
                f"unknown rule '{rid}' in disable" + (f"; did you mean {hint[0]}?" if hint else ""),
                line=lines.get(("disable", i))))
    return top, items, rules, disabled | set(disable)


def _aliases(rules: dict[str, _Entry]) -> dict[str, str]:
    """Former ids named by the rules read so far → their id now."""
    out = {}
    for rid, entry in rules.items():
        names = entry.data.get("aliases") or ()
        for alias in names if isinstance(names, list) else ():
            out[str(alias)] = rid
    return out


def _validate_item(entry: _Entry) -> ItemSpec:
    try:
        return ItemSpec.model_validate(entry.data)
    except ValidationError as e:
        raise ChecklistError.several(_from_validation(e, entry)) from None


def _section_rule(item: ItemSpec, entry: _Entry) -> Rule:
    from checker.rules.kinds.section import Params as SectionParams

    file, line = entry.origin
    name_en = item.name_en or item.name
    spec = RuleSpec(
        id=f"section.{item.id}", kind="section", severity=item.severity if item.required else "info",
        points=item.points if item.required else 0.0, message=item.message.replace("{name}", item.name),
        message_en=(item.message_en or "missing part: {name}").replace("{name}", name_en),
        messages=(("thin", item.weak_message.replace("{name}", item.name)),),
        messages_en=(("thin", item.weak_message_en.replace("{name}", name_en)),),
        basis=item.basis, basis_en=item.basis_en, source=f"{file}:{line}",
    )
    _check_templates(spec, SectionParams, entry)
    params = SectionParams(
        item=item.id, name=item.name, name_en=item.name_en, min_chars=item.min_chars, weak_points=item.weak_points,
        weak_severity=item.weak_severity, requires=item.within,
    )
    return Rule(spec, params)


def _validate_rule(entry: _Entry, item_ids: set[str]) -> Rule:
    data = entry.data
    file, line = entry.line_of("kind")
    kind_name = data.get("kind")
    if kind_name not in KINDS:
        known = "、".join(sorted(KINDS))
        raise ChecklistError(file, f"未知的规则类型“{kind_name}”（可用：{known}）", f"unknown kind '{kind_name}'",
                           line=line)
    kind = KINDS[kind_name]
    common = {k: v for k, v in data.items() if k in _RULE_KEYS}
    problems: list[ChecklistError] = []
    try:
        spec_model = _RuleCommon.model_validate(common)
    except ValidationError as e:
        problems += _from_validation(e, entry, kind.params)
    try:
        params = kind.params.model_validate({k: v for k, v in data.items() if k not in _RULE_KEYS})
    except ValidationError as e:
        problems += _from_validation(e, entry, kind.params)
    if problems:
        raise ChecklistError.several(problems)
    for field in kind.params.item_fields:
        value = getattr(params, field)
        refs = value if isinstance(value, (tuple, list, dict)) else [value] if value else []
        for ref in refs:
            _check_item_ref(ref, item_ids, entry, field)
    spec = RuleSpec(
        id=spec_model.id, kind=kind_name, severity=spec_model.severity, points=spec_model.points,
        message=spec_model.message, message_en=spec_model.message_en,
        messages=tuple(sorted(spec_model.messages.items())), messages_en=tuple(sorted(spec_model.messages_en.items())),
        summary=spec_model.summary, summary_en=spec_model.summary_en, max_points=spec_model.max_points,
        basis=spec_model.basis, basis_en=spec_model.basis_en, source=f"{entry.origin[0]}:{entry.origin[1]}",
        aliases=spec_model.aliases,
    )
    _check_templates(spec, kind.params, entry)
    return Rule(spec, params)


def _check_templates(spec: RuleSpec, params: type[Params], entry: _Entry) -> None:
    """Refuse a message template that names a value the kind does not provide, or a case it does not
    have: such a slot would stay unfilled in every finding."""
    known = {"evidence", *params.message_fields}
    problems = []
    templates = [("message", "", spec.message), ("message_en", "", spec.message_en or "")]
    templates += [(key, case, text) for key, pairs in (("messages", spec.messages), ("messages_en", spec.messages_en))
                  for case, text in pairs]
    for key, case, text in templates:
        file, line = entry.line_of(key)
        where = f"{key}.{case}" if case else key
        if case and case not in params.message_cases:
            cases = "、".join(params.message_cases) or "无"
            problems.append(ChecklistError(file, f"“{where}”：{spec.kind} 类规则没有“{case}”这种情况（可用：{cases}）",
                                         f"{where}: a {spec.kind} rule has no case '{case}'", line=line))
            continue
        try:
            names = {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(text) if field}
        except ValueError:
            problems.append(ChecklistError(file, f"“{where}”中的花括号不成对（字面的花括号写作 {{{{ 和 }}}}）",
                                         f"{where}: unbalanced braces (write {{{{ and }}}} for literal ones)", line=line))
            continue
        for name in sorted(names - known):
            fields = "、".join(f"{{{f}}}" for f in sorted(known))
            problems.append(ChecklistError(file, f"“{where}”中的“{{{name}}}”不是 {spec.kind} 类规则提供的值（可用：{fields}）",
                                         f"{where}: {{{name}}} is not a value {spec.kind} rules provide", line=line))
    if problems:
        raise ChecklistError.several(problems)


def _disagreements(rule: Rule, earlier: list[Rule], entry: _Entry) -> list[ChecklistError]:
    """A rule whose shared fields differ from those of an earlier rule of its kind (see ``Params.shared_fields``)."""
    first = next((r for r in earlier if r.spec.kind == rule.spec.kind), None)
    out = []
    for field in type(rule.params).shared_fields if first else ():
        mine, theirs = getattr(rule.params, field), getattr(first.params, field)  # type: ignore[union-attr]
        if mine != theirs:
            file, line = entry.line_of(field)
            other = first.spec.id  # type: ignore[union-attr]
            out.append(ChecklistError(
                file, f"“{field}”为 {mine}，与同类规则 {other} 的 {theirs} 不一致（{rule.spec.kind} 类规则须取相同的值）",
                f"{field} is {mine} but {theirs} in {other}: every {rule.spec.kind} rule must give the same value",
                line=line))
    return out


class _RuleCommon(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=ID_PATTERN)
    kind: str
    severity: Severity
    points: float = Field(ge=0)
    message: str
    message_en: str | None = None
    messages: dict[str, str] = {}
    messages_en: dict[str, str] = {}
    summary: str | None = None
    summary_en: str | None = None
    max_points: float | None = Field(default=None, ge=0)
    basis: str | None = None
    basis_en: str | None = None
    enabled: bool = True
    aliases: tuple[str, ...] = Field(default=(), json_schema_extra={"items": {"pattern": ID_PATTERN}})


def _check_item_ref(ref: str, item_ids: set[str], entry: _Entry, key: str) -> None:
    if ref not in item_ids:
        file, line = entry.line_of(key)
        hint = difflib.get_close_matches(ref, sorted(item_ids), n=1)
        extra = f"，您是不是要找 {hint[0]}？" if hint else ""
        raise ChecklistError(file, f"引用了不存在的条目“{ref}”{extra}",
                           f"unknown item id '{ref}'" + (f"; did you mean {hint[0]}?" if hint else ""), line=line)




def _from_validation(e: ValidationError, entry: _Entry, params: type[BaseModel] | None = None) -> list[ChecklistError]:
    return [_one_error(err, entry, params) for err in e.errors()]


def _one_error(err: Any, entry: _Entry, params: type[BaseModel] | None) -> ChecklistError:
    loc = err.get("loc", ())
    field = str(loc[0]) if loc else "?"
    file, line = entry.line_of(loc[0] if loc else None)
    kind = err.get("type", "")
    if kind == "extra_forbidden":
        allowed = set(ItemSpec.model_fields) if params is None else set(params.model_fields) | _RULE_KEYS
        return _unknown_key(file, line, field, allowed)
    if kind == "value_error":
        text = str(err.get("msg", "")).removeprefix("Value error, ")
        return ChecklistError(file, f"“{field}”：{text}", f"{field}: {text}", line=line)
    zh, en = invalid_value(err)
    return ChecklistError(file, zh, en, line=line)


def _unknown_key(file: str, line: int | None, key: Any, allowed: set[str]) -> ChecklistError:
    hint = difflib.get_close_matches(str(key), sorted(allowed), n=1)
    extra = f"（是否应为“{hint[0]}”？）" if hint else ""
    return ChecklistError(file, f"未知的键“{key}”{extra}", f"unknown key '{key}'", line=line)
