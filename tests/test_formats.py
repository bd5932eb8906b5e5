"""The same report as .txt (UTF-8, GB18030), .docx, .pdf, .html, .ofd, .doc and .wps gives the same results.

The variants are built from the seeds with real writers (tests/variants.py): python-docx, reportlab
with a CJK font, a saved web page with site furniture around the body, an OFD package laid out like the
PDF, and LibreOffice for the Word 97 binary (a WPS Office .wps is that format under another name).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from checker.pipeline import check_path
from checker.rules import checklist as checklists
from tests.conftest import SEEDS
from tests.variants import write_docx, write_html, write_legacy_word, write_ofd, write_pdf, write_txt

SEED_FILES = sorted(SEEDS.glob("0*.txt"))
VARIANTS = {
    "gb18030.txt": lambda text, path: write_txt(text, path, encoding="gb18030"),
    "bom.txt": lambda text, path: write_txt(text, path, encoding="utf-8-sig"),
    "docx": write_docx,
    "styled.docx": lambda text, path: write_docx(text, path, heading_styles=True),
    "pdf": write_pdf,
    "html": write_html,
    "ofd": write_ofd,
    "doc": write_legacy_word,
    "wps": write_legacy_word,
}
SHENZHEN = checklists.load("shenzhen")


def _squash(text: str | None) -> str | None:
    return re.sub(r"\s+", "", text) if text is not None else None


def _summary(path: Path) -> dict[str, Any]:
    r = check_path(str(path), SHENZHEN)
    return {
        "org": r.meta.org,
        "year": r.meta.year,
        "title": _squash(r.meta.title),
        "published": r.meta.published,
        "script": r.meta.script,
        "sections": [(s.id, s.present, _squash(s.heading), s.found_by) for s in r.sections],
        "rules": sorted({f.rule for f in r.findings}),
        "passed": r.score.passed,
    }


@pytest.fixture(scope="module")
def originals() -> dict[str, dict[str, Any]]:
    return {p.name: _summary(p) for p in SEED_FILES}


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_variant_gives_the_same_results(originals: dict, seed: Path, variant: str, tmp_path: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    want = dict(originals[seed.name])
    target = tmp_path / f"{seed.stem}.{variant}"
    if variant == "html":
        # the page around the report names its publisher and a date, as real pages do
        page_date = want["published"] or dt.date(want["year"] + 1, 2, 3)
        path = write_html(text, target, source=want["org"], published=f"{page_date.isoformat()} 09:30")
        want["published"] = page_date
    else:
        path = VARIANTS[variant](text, target)
    got = _summary(Path(path))
    assert got["sections"] == want["sections"]
    assert got == want
