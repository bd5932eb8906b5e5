"""``checker batch`` checks each report once — a report with the same body's earlier years in the folder
with them, the others alone — and gives the same results on one worker as on two."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker import batch, pipeline
from checker.render.json import report_dict
from tests.conftest import ROOT, SEEDS

STREET = next((ROOT / "examples").glob("*街道*.txt"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, the examples, the street's report a year earlier, and a file that cannot be read."""
    target = tmp_path_factory.mktemp("batch-jobs")
    for source in [*sorted(SEEDS.glob("0*.txt")), *sorted((ROOT / "examples").glob("*.txt"))]:
        shutil.copy(source, target / source.name)
    text = STREET.read_text(encoding="utf-8")
    (target / "街道2023.txt").write_text(text.replace("2025", "2024").replace("2024", "2023"), encoding="utf-8")
    (target / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return target


def _later_and_earlier(folder: Path) -> tuple[str, str]:
    return str(folder / STREET.name), str(folder / "街道2023.txt")


def test_each_report_is_checked_once(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The body and year decide which reports are compared; reading them must not cost a second check of
    the reports that have an earlier year in the folder."""
    checked: list[tuple[str, tuple[str, ...]]] = []
    real = pipeline.check_path

    def counting(path: str, *args: object, **kwargs: object) -> object:
        checked.append((path, tuple(kwargs.get("history") or ())))  # type: ignore[arg-type]
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "check_path", counting)
    paths = batch.discover(folder)
    rows = batch.run(paths, "national", jobs=1)
    readable = sorted(str(p) for p in paths if p.suffix == ".txt")
    assert sorted(path for path, _ in checked) == readable, "a report was checked more than once"
    later, earlier = _later_and_earlier(folder)
    assert (later, (earlier,)) in checked
    by_path = {row.path: row for row in rows}
    assert by_path[str(folder / "broken.docx")].result is None and by_path[str(folder / "broken.docx")].error
    assert [s.path for s in by_path[later].result.reuse.sources] == [earlier]  # type: ignore[union-attr]


def test_two_workers_give_what_one_gives(folder: Path) -> None:
    paths = batch.discover(folder)

    def shown(rows: list[batch.Row]) -> list[object]:
        return [(row.path, row.error, report_dict(row.result) if row.result else None) for row in rows]

    one, two = batch.run(paths, "national", jobs=1), batch.run(paths, "national", jobs=2)
    assert [row.path for row in one] == [str(p) for p in paths]
    assert shown(two) == shown(one)
    checked = [row.result for row in one + two if row.result is not None]
    assert checked and all(r.rules and r.rules == checked[0].rules for r in checked)  # messages are worded from them
    later, _ = _later_and_earlier(folder)
    assert next(row for row in two if row.path == later).result.reuse is not None  # type: ignore[union-attr]
