"""JSON Schema of checklist files (rules/*.yaml), from the same pydantic models the loader validates
with, so that an editor flags a wrong key or type while the checklist is being written."""

from __future__ import annotations

from typing import Any

from checker.rules.checklist import ItemSpec, _RuleCommon
from checker.rules.kinds import KINDS

SCHEMA_ID = "checker/rules/checklist-v1"


def checklist_schema() -> dict[str, Any]:
    item = ItemSpec.model_json_schema()
    item["required"] = ["id"]  # a checklist that `extends` another may override a few fields only
    common = _RuleCommon.model_json_schema()
    rules = []
    for name, kind in sorted(KINDS.items()):
        if name == "section":
            continue  # section rules come from items
        params = kind.params.model_json_schema()
        properties = {**common["properties"], **params.get("properties", {}), "kind": {"const": name}}
        rule: dict[str, Any] = {
            "type": "object",
            "title": name,
            "description": kind.summary,
            "properties": properties,
            "required": sorted({"id", "kind", "severity", "points", "message", *params.get("required", [])}),
            "additionalProperties": False,
        }
        if "$defs" in params:
            rule["$defs"] = params["$defs"]
        rules.append(rule)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "checker 检查清单",
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "name_en": {"type": "string"},
            "description": {"type": "string"},
            "basis": {"type": "string"},
            "extends": {"type": "string", "description": "在其基础上修改的清单（名称或路径）"},
            "items": {"type": "array", "items": item},
            "rules": {"type": "array", "items": {"oneOf": rules}},
            "disable": {"type": "array", "items": {"type": "string"}},
            "boilerplate": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": False,
    }
