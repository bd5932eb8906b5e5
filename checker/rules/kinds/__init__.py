"""The registry of rule kinds: one small module each, registered here and nowhere else."""

from __future__ import annotations

import functools
import textwrap
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import yaml

from checker.rules.kinds import (
    anachronism,
    deadline,
    figure_density,
    followup,
    foreign_place,
    formula,
    generic_shortfall,
    instrument_title,
    next_year,
    no_outline,
    numbering,
    paired_marks,
    pattern,
    reuse,
    section,
    stale_figures,
    unknown_org,
    year_mismatch,
)
from checker.rules.kinds.base import CheckFn, Params

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Kind:
    name: str
    params: type[Params]
    check: CheckFn
    doc: str  # the module docstring up to its examples
    examples_yaml: str  # the docstring's examples, parsed when asked for (`checker rules`, the tests)

    @functools.cached_property
    def examples(self) -> tuple[dict[str, Any], ...]:
        parsed = yaml.load(self.examples_yaml, Loader=_LOADER) if self.examples_yaml.strip() else []
        return tuple(parsed or ())

    @property
    def summary(self) -> str:
        first = self.doc.strip().splitlines()[0] if self.doc.strip() else self.name
        return first.split("—", 1)[-1].strip()


def _kind(name: str, module: ModuleType) -> Kind:
    doc = module.__doc__ or ""
    text, _, examples = doc.partition("\nExamples:\n")
    return Kind(name, module.Params, module.check, text.strip(), textwrap.dedent(examples))


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        _kind("section", section),
        _kind("pattern", pattern),
        _kind("next_year", next_year),
        _kind("year_mismatch", year_mismatch),
        _kind("deadline", deadline),
        _kind("no_outline", no_outline),
        _kind("unknown_org", unknown_org),
        _kind("foreign_place", foreign_place),
        _kind("reuse", reuse),
        _kind("stale_figures", stale_figures),
        _kind("followup", followup),
        _kind("numbering", numbering),
        _kind("paired_marks", paired_marks),
        _kind("formula", formula),
        _kind("instrument_title", instrument_title),
        _kind("anachronism", anachronism),
        _kind("figure_density", figure_density),
        _kind("generic_shortfall", generic_shortfall),
    )
}
