"""``--history`` files prepared once: the second run reads them from the cache, and anything they were
prepared from (the file, the checklist's items, the segmentation model, the code) changing is a miss."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker import pipeline
from checker.readers import read_path
from checker.reuse import analyse, prepared
from checker.reuse.archive import Archive
from checker.rules.checklist import load
from checker.text import nlp

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "prepared"


@pytest.fixture
def prepares(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths ``pipeline.prepare`` is called on, in order."""
    calls: list[str] = []
    real = pipeline.prepare

    def spy(extracted, checklist, services=pipeline.SERVICES):  # type: ignore[no-untyped-def]
        calls.append(extracted.path)
        return real(extracted, checklist, services)

    monkeypatch.setattr(pipeline, "prepare", spy)
    return calls


def _history(tmp_path: Path) -> tuple[str, str]:
    report = tmp_path / "report.txt"
    earlier = tmp_path / "earlier.txt"
    shutil.copy(EXAMPLES[0], report)
    shutil.copy(EXAMPLES[1], earlier)
    return str(report), str(earlier)


def test_second_run_takes_the_history_file_from_the_cache(tmp_path, cache, prepares, monkeypatch):
    report, earlier = _history(tmp_path)
    checklist = load("national")
    first = pipeline.check_path(report, checklist, history=[earlier])
    assert sorted(prepares) == sorted([report, earlier])
    assert len(list(cache.glob("*.pickle"))) == 1
    prepares.clear()
    canonical: list[str] = []
    real = analyse.canonical
    monkeypatch.setattr(analyse, "canonical", lambda norm: canonical.append(norm) or real(norm))
    second = pipeline.check_path(report, checklist, history=[earlier])
    assert prepares == [report]  # the earlier report was neither read nor segmented again
    assert len(canonical) == 1  # nor made canonical: only this year's report is
    assert second.findings == first.findings
    assert second.reuse == first.reuse
    fresh = pipeline.check_path(report, checklist, history=[earlier], cache=False)
    assert fresh.findings == second.findings and fresh.reuse == second.reuse


def test_a_changed_file_is_prepared_afresh(tmp_path, cache, prepares):
    report, earlier = _history(tmp_path)
    checklist = load("national")
    pipeline.check_path(report, checklist, history=[earlier])
    Path(earlier).write_text(Path(earlier).read_text(encoding="utf-8") + "\n补充一段新的内容。\n", encoding="utf-8")
    prepares.clear()
    result = pipeline.check_path(report, checklist, history=[earlier])
    assert sorted(prepares) == sorted([report, earlier])
    assert result.reuse is not None
    assert len(list(cache.glob("*.pickle"))) == 2


def test_same_content_under_another_name_is_a_hit_shown_under_the_new_name(tmp_path, cache, prepares):
    report, earlier = _history(tmp_path)
    checklist = load("national")
    pipeline.check_path(report, checklist, history=[earlier])
    moved = tmp_path / "moved.txt"
    shutil.copy(earlier, moved)
    prepares.clear()
    result = pipeline.check_path(report, checklist, history=[str(moved)])
    assert prepares == [report]
    assert result.reuse is not None
    assert [s.path for s in result.reuse.sources] == [str(moved)]


class _Counter:
    def __init__(self, path: str):
        self.path, self.calls = path, 0

    def __call__(self):  # type: ignore[no-untyped-def]
        self.calls += 1
        return pipeline.prepare(read_path(self.path), load("national"))


def _twice(path: str, items: object, before, monkeypatch) -> int:  # type: ignore[no-untyped-def]
    """Prepare ``path`` once, change something with ``before``, prepare again: how often ``make`` ran."""
    make = _Counter(path)
    prepared.load_or_prepare(path, items, make)
    before(monkeypatch)
    prepared.load_or_prepare(path, items if before is not _checklist else items[:-1], make)
    return make.calls


def _nothing(monkeypatch):  # type: ignore[no-untyped-def]
    pass


def _checklist(monkeypatch):  # type: ignore[no-untyped-def]
    pass  # _twice passes the items without the last one


def _pkuseg(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(nlp, "PKUSEG_VERSION", "9.9.9")


def _user_dict(monkeypatch):  # type: ignore[no-untyped-def]
    changed = Path(prepared.cache_dir()).parent / "userdict.txt"
    changed.parent.mkdir(parents=True, exist_ok=True)
    changed.write_text(nlp.USER_DICT.read_text(encoding="utf-8") + "新词语\n", encoding="utf-8")
    monkeypatch.setattr(nlp, "USER_DICT", changed)


def _code(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(prepared, "code_version", lambda: "another checker")


@pytest.mark.parametrize(("change", "calls"), [
    (_nothing, 1), (_checklist, 2), (_pkuseg, 2), (_user_dict, 2), (_code, 2),
], ids=["unchanged-hit", "changed-checklist", "new-pkuseg-version", "changed-user-dict", "changed-code"])
def test_what_the_prepared_form_depends_on_is_in_the_key(tmp_path, cache, monkeypatch, change, calls):
    earlier = tmp_path / "earlier.txt"
    shutil.copy(EXAMPLES[1], earlier)
    assert _twice(str(earlier), load("national").items, change, monkeypatch) == calls


def test_a_changed_model_file_is_a_miss(tmp_path, cache, monkeypatch):
    earlier = tmp_path / "earlier.txt"
    shutil.copy(EXAMPLES[1], earlier)
    items = load("national").items
    make = _Counter(str(earlier))
    prepared.load_or_prepare(str(earlier), items, make)
    monkeypatch.setattr(prepared.feature_table, "fingerprint", lambda model: "a rebuilt model")
    prepared.load_or_prepare(str(earlier), items, make)
    assert make.calls == 2


def test_a_corrupt_entry_is_ignored_and_written_again(tmp_path, cache):
    earlier = tmp_path / "earlier.txt"
    shutil.copy(EXAMPLES[1], earlier)
    items = load("national").items
    make = _Counter(str(earlier))
    good = prepared.load_or_prepare(str(earlier), items, make)
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"\x80\x05not a pickle")
    again = prepared.load_or_prepare(str(earlier), items, make)
    assert make.calls == 2
    assert again.analysed.outline == good.analysed.outline
    assert prepared.load_or_prepare(str(earlier), items, make).analysed.outline == good.analysed.outline
    assert make.calls == 2  # the rewritten entry is read
    assert not list(cache.glob(".tmp-*"))


def test_archive_add_prepares_what_a_check_with_the_archive_needs(tmp_path, cache, prepares, monkeypatch):
    report = tmp_path / "report.txt"
    shutil.copy(EXAMPLES[0], report)
    earlier = tmp_path / "earlier.txt"  # last year's report: the same text a year earlier
    earlier.write_text(report.read_text(encoding="utf-8").replace("2024", "2023"), encoding="utf-8")
    checklist = load("national")
    with Archive(tmp_path / "archive.sqlite3") as archive:
        pipeline.archive_add(str(earlier), archive, checklist)
        pipeline._formula_hashes(checklist.boilerplate)  # hashed once per process, not counted below
        prepares.clear()
        canonical: list[str] = []
        real = analyse.canonical
        monkeypatch.setattr(analyse, "canonical", lambda norm: canonical.append(norm) or real(norm))
        result = pipeline.check_path(str(report), checklist, archive=archive)
    assert result.reuse is not None and [s.year for s in result.reuse.sources] == [2023]
    assert prepares == [str(report)]  # the archived report came prepared
    assert not [n for n in canonical if "2023年法治政府建设年度报告" in n and len(n) > 1000]  # nor made canonical
