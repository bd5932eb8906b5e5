"""The dated table of style.anachronism (checker/data/events.yaml): complete, consistent, and a bad entry is
one line naming the file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import ChecklistError
from checker.rules.kinds import anachronism


def test_every_event_has_a_source_and_congresses_come_in_order() -> None:
    table = anachronism.timeline()
    assert all(e.source.strip() for e in table.events)
    congresses = table.congresses()
    assert [e.congress for e in congresses] == sorted(e.congress for e in congresses if e.congress is not None)
    for e in table.events:
        if e.plenum is not None:  # a plenum comes after its congress and before the next one
            own = next(c for c in congresses if c.congress == e.congress)
            later = [c for c in congresses if c.congress == (e.congress or 0) + 1]
            assert own.date < e.date and all(e.date < c.date for c in later), e.name
        if e.effective is not None:
            assert e.date <= e.effective, e.name


def test_a_bad_entry_is_one_line_naming_the_file_and_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "events.yaml"
    bad.write_text("events:\n  - {name: 党的二十大, congress: 20, date: 2022-10-16, source: 公报}\n"
                   "  - {name: 某法, date: 2023-01-01, source: 某令}\n", encoding="utf-8")
    monkeypatch.setattr(anachronism, "EVENTS", bad)
    anachronism.timeline.cache_clear()
    try:
        with pytest.raises(ChecklistError) as caught:
            anachronism.timeline()
    finally:
        anachronism.timeline.cache_clear()
    text = caught.value.render("zh")
    assert "\n" not in text and text.startswith(f"{bad}:3：") and "第2条" in text
