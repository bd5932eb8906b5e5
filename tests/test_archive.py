"""The archive: one copy per report, nothing lost to a crash, concurrent writers, foreign files refused,
and a check that loads only candidate texts."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.model import Extracted
from checker.pipeline import compare, prepare
from checker.reuse.archive import Archive
from checker.rules import checklist as checklists
from tests.cli_run import run_cli
from tests.conftest import ROOT, SEEDS

DATA = Path(__file__).parent / "data" / "reuse"
NATIONAL = checklists.load("national")

# Adds reports one by one without the segmentation model (fingerprints need only the normaliser) and
# says so after each add has returned.
WRITER = """
import sys
from checker.model import Extracted
from checker.text.normalize import normalise
from checker.reuse.archive import Archive
from checker.reuse.fingerprints import fingerprints
db, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
archive = Archive(db)
base = open(sys.argv[4], encoding="utf-8").read()
for i in range(count):
    text = base + f"\\n附:第{tag}-{i}号补充说明,全年新增备案事项{i * 7 + 3}项。"
    prints = fingerprints(normalise(Extracted(None, "txt", text)).norm)
    rid, added = archive.add(text, org=f"单位{tag}", year=2000 + i % 30, path=f"{tag}-{i}.txt", title=None,
                             chars=prints.counted, hashes=prints.hashes, positions=prints.positions)
    print(rid, flush=True)
"""


def _writer(db: Path, tag: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(db), tag, str(count), str(DATA / "2023.txt")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def test_adding_the_same_report_twice_keeps_one(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    report = str(DATA / "2023.txt")
    code, out, err = run_cli("archive", "add", report, "--archive-db", str(db))
    assert code == 0 and "已存入" in out, err
    code, out, err = run_cli("archive", "add", report, "--archive-db", str(db))
    assert code == 0 and "已存在，未重复保存" in out
    with Archive(db) as archive:
        reports = archive.reports()
    assert len(reports) == 1
    assert (reports[0].org, reports[0].year) == ("示例区城市管理和综合执法局", 2023)
    code, out, _ = run_cli("archive", "list", "--archive-db", str(db))
    assert code == 0 and "示例区城市管理和综合执法局" in out and "2023" in out


def test_org_and_year_can_be_given(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    code, out, _ = run_cli("archive", "add", str(DATA / "2023.txt"), "--org", "某某局", "--year", "2022",
                           "--archive-db", str(db))
    assert code == 0
    with Archive(db) as archive:
        assert [(r.org, r.year) for r in archive.reports()] == [("某某局", 2022)]


def test_kill_9_in_the_middle_of_a_batch_loses_nothing_added(tmp_path: Path) -> None:
    db = tmp_path / "crash.sqlite3"
    proc = _writer(db, "k", 400)
    returned: list[int] = []
    assert proc.stdout is not None
    while len(returned) < 25:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else ""
        returned.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with Archive(db) as archive:
        assert archive.integrity() == "ok"
        stored = {r.id for r in archive.reports()}
    assert set(returned) <= stored
    assert len(stored) < 400  # it really was killed half way


def test_two_writers_at_once_both_succeed(tmp_path: Path) -> None:
    db = tmp_path / "busy.sqlite3"
    Archive(db).close()  # created once; both writers then open the same file
    procs = [_writer(db, tag, 30) for tag in ("a", "b")]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert len(out.split()) == 30
    with Archive(db) as archive:
        assert archive.integrity() == "ok"
        assert len(archive.reports()) == 60


@pytest.mark.parametrize("kind", ["foreign", "corrupt"])
def test_foreign_or_corrupt_database_is_refused_untouched(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "other.sqlite3"
    if kind == "foreign":
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO customers (name) VALUES ('张三')")
        con.commit()
        con.close()
    else:
        db.write_bytes(b"SQLite format 3\x00" + os.urandom(3000))
    before = db.read_bytes()
    with pytest.raises(InputError) as info:
        Archive(db)
    assert str(db) in info.value.render() and "未做任何修改" in info.value.zh
    assert db.read_bytes() == before
    code, _, err = run_cli("archive", "add", str(DATA / "2023.txt"), "--archive-db", str(db))
    assert code == 2 and len(err.strip().splitlines()) == 1 and db.read_bytes() == before


def test_check_against_the_archive_finds_own_and_other_bodies(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    peer = tmp_path / "peer.txt"
    # another body's report from which one passage was copied
    peer.write_text(
        "示例县农业农村局2024年法治政府建设年度报告\n一、主要举措和成效\n"
        "建立农资打假联合执法机制,联合市场监管部门开展春季农资专项检查,抽检种子化肥样品86批次,立案查处案件9宗。\n",
        encoding="utf-8")
    for path in (DATA / "2023.txt", peer, *sorted(SEEDS.glob("0*.txt"))):
        assert run_cli("archive", "add", str(path), "--archive-db", str(db))[0] == 0
    report = tmp_path / "2024.txt"
    report.write_text((DATA / "independent_2024.txt").read_text(encoding="utf-8").replace(
        "(二)违法建设整治。", "(二)违法建设整治。建立农资打假联合执法机制,联合市场监管部门开展春季农资专项检查,"
        "抽检种子化肥样品86批次,立案查处案件9宗。"), encoding="utf-8")
    code, out, err = run_cli("check", str(report), "--archive", "--archive-db", str(db), "--format", "json")
    assert code in (0, 1), err
    reuse = json.loads(out)["reports"][0]["reuse"]
    peers = [s for s in reuse["sources"] if s["kind"] == "peer" and s["org"] == "示例县农业农村局"]
    assert peers, reuse["sources"]
    rules = {f["rule"]: f for f in json.loads(out)["reports"][0]["findings"]}
    assert "reuse.peer" in rules and "示例县农业农村局" in rules["reuse.peer"]["message"]
    copied = [p for p in reuse["passages"] if p["source_org"] == "示例县农业农村局" and not p["boilerplate"]]
    assert copied and "农资打假联合执法机制" in copied[0]["text"]


def test_a_check_loads_only_candidate_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "many.sqlite3"
    proc = _writer(db, "m", 40)
    proc.communicate(timeout=300)
    with Archive(db) as archive:
        fetched: list[int] = []
        original = archive.fetch

        def counting(report_id: int):  # type: ignore[no-untyped-def]
            fetched.append(report_id)
            return original(report_id)

        monkeypatch.setattr(archive, "fetch", counting)
        current = prepare(Extracted("x.txt", "txt", (DATA / "independent_2024.txt").read_text(encoding="utf-8")),
                          NATIONAL)
        compare(current, NATIONAL, [], archive, candidates=5)
    assert len(fetched) <= 5


def test_a_version_1_archive_is_migrated_in_place(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    proc = _writer(db, "v", 5)
    proc.communicate(timeout=300)
    con = sqlite3.connect(db)
    con.executescript("DROP TABLE gram_bodies; DROP TABLE gram_df; PRAGMA user_version = 1;")
    con.close()
    with Archive(db) as archive:
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == 3
        assert archive.db.execute("SELECT COUNT(*) FROM gram_df").fetchone()[0] > 0
        assert len(archive.reports()) == 5
        assert archive.integrity() == "ok"
