"""figure_density — a part of the report with far fewer figures than the same part of other reports.

Inspectors criticise vague, generic text "with few concrete figures"; figures per 1,000 characters
are a fair signal of substance when compared with peers (DOMAIN.md). For each part (checklist item)
the report's density — figures (see ``checker/text/figures.py``: counts with a counter or unit,
percentages, amounts; not years, dates, heading numbers or 第X条) per 1,000 characters of content — is
compared with the same part of other reports: the archive's (with ``--archive`` and at least
``min_reports`` archived reports with that part), else the built-in reference computed from the seed
reports and the examples (``checker/data/figure_reference.yaml``, written by
``scripts/figure_reference.py``). A part is reported when its density is below the reference's
``quantile`` AND below ``fraction`` of its median: far below, not merely in the lower half.

Options:
  parts        checklist items to judge (default measures, first_responsible, shortfalls, next_year_plan)
  min_chars    parts with fewer characters of content are not judged (default 150): a three-line part
               says little either way
  quantile     0.1 or 0.25: the lower quantile a part must fall below (default 0.25: with a reference of
               a few reports the 10th percentile is about their lowest value)
  fraction     …and the share of the median it must fall below (default 0.5)
  min_reports  the archive is used when it has at least this many reports with the part (default 5)

Message values: ``item`` (the part's name), ``density`` and ``median`` (figures per 1,000 characters:
``{density:.1f}``), ``figures`` and ``chars`` (the part's counts), ``reference`` (where the median
comes from: the archive or the built-in reference).

Examples:
    - name: a part with figures like the others
      params: {parts: [measures]}
      text: |
        示例区民政局2024年法治政府建设年度报告
        一、主要举措和成效
        全年办理行政复议案件12件,组织集体学法6次,开展普法活动37场,覆盖群众1.2万人次。
        制定规范性文件3件,全部通过合法性审核;开展执法检查45次,行政处罚案件结案率100%。
        组织执法人员培训4期、培训180人次;聘请法律顾问2名,审查合同28份。
        办理政府信息公开申请16件,按时答复率100%;调处矛盾纠纷210宗,调解成功率97%。
      pass: true
    - name: a part that says nothing countable
      params: {parts: [measures], min_chars: 100}
      text: |
        示例区民政局2024年法治政府建设年度报告
        一、主要举措和成效
        我局坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,认真落实上级部署,
        扎实推进法治政府建设各项工作,依法行政水平不断提升,法治宣传教育深入开展,行政执法更加规范,
        矛盾纠纷化解成效明显,各项工作取得积极成效,为全区经济社会发展提供了有力法治保障。
      expect: [{section: measures}]
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from checker.model import Document, Finding, Item, Label
from checker.rules import yamlsrc
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams
from checker.text.figures import part_counts, per_thousand

REFERENCE = resources.files("checker") / "data" / "figure_reference.yaml"  # shipped in the package
QUANTILE_KEYS = {0.1: "p10", 0.25: "p25"}


class Params(BaseParams):
    parts: tuple[str, ...] = ("measures", "first_responsible", "shortfalls", "next_year_plan")
    min_chars: int = Field(default=150, ge=1)
    quantile: float = 0.25

    @field_validator("quantile")
    @classmethod
    def _known_quantile(cls, value: float) -> float:
        # the built-in reference keeps these two lower quantiles only
        if value not in QUANTILE_KEYS:
            raise ValueError("quantile 只能取 0.1 或 0.25")
        return value
    fraction: float = Field(default=0.5, gt=0, le=1)
    min_reports: int = Field(default=5, ge=2)

    item_fields = ("parts",)
    message_fields = ("item", "density", "median", "figures", "chars", "reference")


@dataclass(frozen=True)
class Reference:
    """One part's distribution of densities: its lower quantiles and median."""

    reports: int
    p10: float
    p25: float
    median: float


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    for item, (figures, chars) in part_counts(doc.norm, ctx.sections.values(), params.parts).items():
        section = ctx.sections[item]
        assert section.n_start is not None and section.n_end is not None  # part_counts measures present parts
        if chars < params.min_chars:
            continue
        density = per_thousand(figures, chars)
        found = _reference(ctx, item, params)
        if found is None:
            continue
        reference, source = found
        low = getattr(reference, QUANTILE_KEYS[params.quantile])
        if density < low and density < params.fraction * reference.median:
            # the finding points at the part's heading (or its first line): the whole part is the evidence
            line_end = doc.norm.find("\n", section.n_start)
            line_end = section.n_end if line_end < 0 or line_end > section.n_end else line_end
            yield ctx.finding(section.n_start, max(line_end, section.n_start + 1), section=item,
                              item=Item(item), density=round(density, 2), median=round(reference.median, 2),
                              figures=figures, chars=chars, reference=Label(f"figures.reference.{source}"))


def _reference(ctx: Context, item: str, params: Params) -> tuple[Reference, str] | None:
    if ctx.archive is not None:
        values = ctx.archive.part_densities(item, params.min_chars)
        if len(values) >= params.min_reports:
            return distribution(values), "archive"
    builtin = builtin_reference().get(item)
    return (builtin, "builtin") if builtin is not None else None


def distribution(values: Sequence[float]) -> Reference:
    """The quantiles of a part's densities (linear interpolation, as numpy's default)."""
    p10, p25, median = (float(q) for q in np.quantile(np.asarray(values, dtype=float), [0.1, 0.25, 0.5]))
    return Reference(len(values), round(p10, 2), round(p25, 2), round(median, 2))


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")  # p75, p90: written for readers, not used

    reports: int = Field(ge=1)
    p10: float
    p25: float
    median: float

    @model_validator(mode="after")
    def _ordered(self) -> _Part:
        if not self.p10 <= self.p25 <= self.median:
            raise ValueError("分位数应依次不减（p10 ≤ p25 ≤ median）")
        return self


class _ReferenceFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")  # files, min_chars: how it was made

    source: str = Field(min_length=4)
    parts: dict[str, _Part]


@functools.cache
def builtin_reference() -> dict[str, Reference]:
    """The shipped reference, read once and validated: a broken file is one line naming it."""
    parsed = yamlsrc.load_table(Path(str(REFERENCE)), _ReferenceFile, "数据密度参考文件", "figure reference")
    return {item: Reference(p.reports, p.p10, p.p25, p.median) for item, p in parsed.parts.items()}
