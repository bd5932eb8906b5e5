"""The data tables of style.formula and style.instrument_title: every entry has a source, a bad one is refused
as one ``file:line`` line."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import ChecklistError
from checker.rules.kinds import formula, instrument_title


def test_builtin_tables_load_and_every_entry_has_a_source() -> None:
    formulas = formula.load_table(str(formula.BUILTIN)).formulas
    assert len([f for f in formulas if len(f.key) >= 6]) >= 40 and all(f.source for f in formulas)
    assert all(i.source for i in instrument_title.load_table(str(instrument_title.BUILTIN)))


def test_entry_without_source_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "formulas.yaml"
    path.write_text("formulas:\n  - text: 习近平法治思想\n    source: 中央全面依法治国工作会议\n  - text: 全面依法治国\n",
                    encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        formula.load_table(str(path))
    assert caught.value.line == 4 and "source" in caught.value.render()
    bad = tmp_path / "instruments.yaml"
    bad.write_text("instruments:\n  - {title: 行政处罚法}\n", encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        instrument_title.load_table(str(bad))
    assert caught.value.line == 2
