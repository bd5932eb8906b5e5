"""Configuration discovered like Ruff and Vale: ``.checker.yaml`` or ``[tool.checker]`` in
``pyproject.toml``, searched upward from the working directory, merged under the command line.

Precedence: built-in defaults < configuration file < options given on the command line. Every value
remembers where it came from, so ``checker config`` can say why it is what it is. Paths in a
configuration file are relative to that file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.errors import ConfigError, invalid_value
from checker.model import Severity
from checker.rules import yamlsrc

NAMES = (".checker.yaml", ".checker.yml")
FailOn = Literal["error", "warning", "never"]


class _File(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    checklist: str | None = None
    ruleset: str | None = None  # the older spelling of checklist, still read
    fail_under: float | None = Field(default=None, ge=0, le=100)
    fail_on: FailOn | None = None
    min_level: Severity | None = None
    lang: Literal["zh", "en"] | None = None
    archive_db: str | None = None
    waivers: str | None = None
    jobs: int | None = Field(default=None, ge=0)
    max_mb: float | None = Field(default=None, gt=0)
    max_chars: int | None = Field(default=None, gt=0)
    docx_ratio: int | None = Field(default=None, gt=1)
    timeout: float | None = Field(default=None, gt=0)
    reviewer: str | None = Field(default=None, min_length=1)
    server: str | None = Field(default=None, pattern=r"^https?://")


@dataclass(frozen=True)
class Settings:
    checklist: str = "national"
    fail_under: float = 60.0
    fail_on: FailOn = "error"
    min_level: Severity = "info"
    lang: Literal["zh", "en"] = "zh"
    archive_db: str | None = None
    waivers: str | None = None
    jobs: int = 0  # 0: one worker per core
    max_mb: float = 50.0  # largest input file, in MB
    max_chars: int = 2_000_000  # most extracted characters
    docx_ratio: int = 100  # most a .docx body may inflate (zip bombs)
    timeout: float = 120.0  # seconds one file may take (check and batch)
    reviewer: str | None = None  # the author of Word comments; None: the checker's own name
    server: str | None = None  # a running ``checker serve`` that ``check`` sends its files to
    # key → where the value came from: "default", "command_line" (worded by the CLI) or the file:line
    origin: dict[str, str] = field(default_factory=dict, compare=False)

    def limits(self) -> Any:
        from checker.readers import Limits

        return Limits(max_bytes=int(self.max_mb * 1024 * 1024), max_chars=self.max_chars, docx_ratio=self.docx_ratio)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "origin"}


def discover(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``."""
    for folder in [start.resolve(), *start.resolve().parents]:
        for name in NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "tool" in (data := _toml(pyproject)) and "checker" in data["tool"]:
            return pyproject
    return None


def settings(cli: dict[str, Any], config: Path | None) -> Settings:
    """Merge the configuration file (if any) and the options given on the command line."""
    values: dict[str, Any] = {}
    origin = {f.name: "default" for f in fields(Settings) if f.name != "origin"}
    if config is not None:
        raw, lines = _read(config)
        for written, value in raw.items():
            if value is None:
                continue
            key = "checklist" if written == "ruleset" else written
            if key in ("archive_db", "waivers") or (key == "checklist" and str(value).endswith((".yaml", ".yml"))):
                value = str((config.parent / value).resolve()) if not Path(value).is_absolute() else value
            values[key] = value
            origin[key] = f"{config}:{lines.get((written,), '?')}" if lines else str(config)
    for key, value in cli.items():
        if value is not None:
            values[key] = value
            origin[key] = "command_line"
    return Settings(**values, origin=origin)


def _read(path: Path) -> tuple[dict[str, Any], yamlsrc.Lines]:
    lines: yamlsrc.Lines = {}
    if path.name == "pyproject.toml":
        data = _toml(path).get("tool", {}).get("checker", {})
    else:
        data, lines = yamlsrc.load(path, ConfigError)
        data = data or {}
    if not isinstance(data, dict):
        raise ConfigError(str(path), "配置文件的顶层应为映射（键: 值）", "the configuration must be a mapping", line=1)
    if data.get("checklist") is not None and data.get("ruleset") is not None:
        raise ConfigError(str(path), "checklist 与 ruleset 是同一设置的两种写法，只能写一个",
                          "checklist and ruleset are two spellings of one setting: give one",
                          line=max(lines.get(("checklist",), 0), lines.get(("ruleset",), 0)) or None)
    try:
        return _File.model_validate(data).model_dump(), lines
    except ValidationError as e:
        err = e.errors()[0]
        key = str(err["loc"][0]) if err.get("loc") else "?"
        zh, en = invalid_value(err, key_word="配置项")
        raise ConfigError(str(path), zh, f"configuration: {en}", line=lines.get((key,))) from None


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(str(path), f"pyproject.toml 格式错误（{e}）", f"invalid pyproject.toml ({e})") from None
