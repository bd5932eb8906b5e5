"""Write checker/data/figure_reference.yaml: figures per 1,000 characters of each checklist part in the
seed reports and the examples, the built-in reference of the ``figure_density`` rule kind.

    PYTHONPATH=. python scripts/figure_reference.py          # rewrite the shipped file
    PYTHONPATH=. python scripts/figure_reference.py --check  # exit 1 when it is out of date

tests/test_figure_density.py recomputes the reference the same way and fails when the shipped file
differs (the date aside), so a change to the seeds, the figure definition or the locator cannot leave
it stale.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("tests/data/seeds/*.txt", "examples/*.txt")
TARGET = ROOT / "checker" / "data" / "figure_reference.yaml"
PARTS = ("measures", "first_responsible", "shortfalls", "shortfall_reasons", "next_year_plan",
         "prior_rectification")
MIN_CHARS = 150  # as the kind's default: a shorter part is neither judged nor part of the reference


def source_files() -> list[Path]:
    return sorted(p for pattern in SOURCES for p in ROOT.glob(pattern))


def compute(files: list[Path] | None = None) -> dict[str, Any]:
    """The reference as it is written to the YAML file, without its date."""
    from checker.pipeline import prepare
    from checker.readers import read_path
    from checker.rules.checklist import load
    from checker.text.figures import densities, part_counts

    checklist = load("national")
    files = source_files() if files is None else files
    by_part: dict[str, list[float]] = {}
    for path in files:
        analysed = prepare(read_path(str(path)), checklist)
        for item, value in densities(part_counts(analysed.doc.norm, analysed.sections, PARTS), MIN_CHARS).items():
            by_part.setdefault(item, []).append(value)
    parts = {}
    for item in PARTS:
        values = by_part.get(item)
        if not values:
            continue
        q = np.quantile(np.asarray(values), [0.1, 0.25, 0.5, 0.75, 0.9])
        parts[item] = {"reports": len(values), **{k: round(float(v), 2) for k, v in
                                                  zip(("p10", "p25", "median", "p75", "p90"), q, strict=True)}}
    return {
        "source": (f"由 scripts/figure_reference.py 根据 {len(files)} 份报告计算（tests/data/seeds 中公开发布的"
                   f"报告与 examples 中的示例）：各部分每千字数据个数的分位数；内容不足{MIN_CHARS}字的部分不计"),
        "files": [str(p.relative_to(ROOT)) for p in files],
        "min_chars": MIN_CHARS,
        "parts": parts,
    }


def shipped() -> dict[str, Any]:
    data = yaml.safe_load(TARGET.read_text(encoding="utf-8"))
    data.pop("date", None)
    return data


def main(argv: list[str]) -> int:
    reference = compute()
    if "--check" in argv:
        return 0 if reference == shipped() else 1
    header = "# 生成文件，请勿手工修改：PYTHONPATH=. python scripts/figure_reference.py\n"
    body = yaml.safe_dump({**reference, "date": dt.date.today().isoformat()}, allow_unicode=True, sort_keys=False,
                          width=120)
    TARGET.write_text(header + body, encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(reference['parts'])} parts from {len(reference['files'])} reports")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
