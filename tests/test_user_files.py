"""Names are data and the user's files are never damaged: a non-UTF-8 or multi-line file name is
escaped in every output, an output never lands on an input, a damaged archive is refused untouched,
and every such refusal is one Chinese line and exit 2.

Each run is a real ``checker`` process under an address-space cap (``resource.setrlimit``), so a
regression fails fast instead of taking the machine down. A refusal that must come before the analysis
runs under a cap too small for the segmentation model: refusing after the analysis would fail there.
The subprocess timeout only guards against a hang; it asserts nothing about speed.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
CAP_BEFORE_MODEL = 768 * 1024 * 1024  # the model cannot load within this: a refusal must come first
CAP_WITH_MODEL = 2 * 1024 * 1024 * 1024
HANG_GUARD = 180
GBK_NAME = "报告".encode("gbk") + b".txt"  # a name from a zip made on Chinese Windows
SHOWN = "\\xb1\\xa8\\xb8\\xe6.txt"  # how every output writes it: its bytes, escaped


def run(*args: str | bytes | Path, cwd: Path, cap: int = CAP_BEFORE_MODEL) -> subprocess.CompletedProcess[bytes]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, env=env, capture_output=True,
                          timeout=HANG_GUARD, preexec_fn=limit)


def one_error_line(proc: subprocess.CompletedProcess[bytes]) -> str:
    """The refusal's one line (and that it is the only one, with exit 2)."""
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err[-600:]
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), err
    return lines[0]


# --- 4. non-UTF-8 file names ------------------------------------------------------------------------


def test_a_non_utf8_name_is_escaped_in_every_output(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES[0], os.path.join(os.fsencode(tmp_path), GBK_NAME))
    proc = run("check", GBK_NAME, "-f", "json", "-o", "r.json", "-f", "sarif", "-o", "r.sarif", "-f", "html",
               "-o", "r.html", "-f", "junit", "-o", "r.xml", "-f", "terminal", "-o", "r.log", cwd=tmp_path,
               cap=CAP_WITH_MODEL)
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")[-600:]
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["reports"][0]["path"] == SHOWN
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["artifacts"][0]["location"]["uri"] == "%B1%A8%B8%E6.txt"  # the name's own bytes
    for name in ("r.html", "r.xml", "r.log"):
        assert SHOWN in (tmp_path / name).read_text(encoding="utf-8"), name


def test_one_non_utf8_name_costs_no_other_row(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES[0], os.path.join(os.fsencode(folder), GBK_NAME))
    shutil.copy(EXAMPLES[1], folder / "b.txt")
    proc = run("batch", "in", "-j", "1", "--csv", "t.csv", "-f", "html", "-o", "pages", cwd=tmp_path,
               cap=CAP_WITH_MODEL)
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")[-600:]
    with (tmp_path / "t.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    assert sorted(r[0] for r in rows) == ["in/" + SHOWN, "in/b.txt"] and all(r[3] for r in rows), rows
    pages = sorted(p.name for p in (tmp_path / "pages").iterdir())
    assert len(pages) == 3 and "index.html" in pages, pages
    assert SHOWN in (tmp_path / "pages" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [b"a\nb.txt", b"\xff\r.txt", GBK_NAME], ids=["newline", "cr-and-bad-byte", "gbk"])
def test_a_hostile_name_stays_on_one_error_line(tmp_path: Path, name: bytes) -> None:
    with open(os.path.join(os.fsencode(tmp_path), name), "wb"):
        pass  # empty: refused by the reader
    line = one_error_line(run("check", name, cwd=tmp_path))
    assert "文件为空" in line and "\\" in line, line


# --- 5. files the checker must never damage -------------------------------------------------------


@pytest.mark.parametrize("args", [("-o", "r.txt"), ("-f", "github", "-o", "./r.txt"), ("-o", "h.txt", "-H", "h.txt")],
                         ids=["report", "report-other-spelling", "history"])
def test_an_output_onto_an_input_is_refused(tmp_path: Path, args: tuple[str, ...]) -> None:
    for name in ("r.txt", "h.txt"):
        shutil.copy(EXAMPLES[0], tmp_path / name)
    line = one_error_line(run("check", "r.txt", *args, cwd=tmp_path))
    assert "输入" in line, line
    for name in ("r.txt", "h.txt"):
        assert (tmp_path / name).read_bytes() == EXAMPLES[0].read_bytes()


def test_a_batch_does_not_check_its_own_pages(tmp_path: Path) -> None:
    from checker.batch import discover

    folder = tmp_path / "in"
    folder.mkdir()
    for example in EXAMPLES:
        shutil.copy(example, folder / example.name)
    proc = run("batch", "in", "-j", "1", "-f", "html", "-o", "in/review", cwd=tmp_path, cap=CAP_WITH_MODEL)
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")[-600:]
    assert len(list((folder / "review").glob("*.html"))) == 3
    assert [p.name for p in discover(folder)] == [e.name for e in EXAMPLES]


def test_a_batch_table_into_its_input_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES[0], folder / "a.txt")
    line = one_error_line(run("batch", "in", "-o", "in/table.txt", cwd=tmp_path))
    assert "in/table.txt" in line and not (folder / "table.txt").exists(), line


def _archive(tmp_path: Path) -> Path:
    db = tmp_path / "a.sqlite3"
    proc = run("archive", "add", *map(str, EXAMPLES), "--archive-db", db, cwd=tmp_path, cap=CAP_WITH_MODEL)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return db


def test_a_damaged_archive_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = _archive(tmp_path)
    # 8 KB overwritten (two whole pages) in the middle of the reports table, which every command reads: where
    # the middle of the file falls depends on how the rows were written (one transaction or one per report)
    con = sqlite3.connect(db)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = sorted(p for (p,) in con.execute("SELECT pageno FROM dbstat WHERE name = 'reports'"))
    con.close()
    data = bytearray(db.read_bytes())
    middle = (pages[len(pages) // 2] - 1) * size
    data[middle:middle + 8192] = b"\x5a" * 8192
    db.write_bytes(bytes(data))
    report = tmp_path / "r.txt"
    shutil.copy(EXAMPLES[0], report)
    for args in (("archive", "add", "r.txt"), ("archive", "list"), ("check", "r.txt", "--archive")):
        line = one_error_line(run(*args, "--archive-db", db, cwd=tmp_path, cap=CAP_WITH_MODEL))
        assert line.startswith(f"错误：{db}：") and "损坏" in line and ".recover" in line, line
        assert db.read_bytes() == bytes(data), args
        assert not Path(f"{db}-wal").exists()


def test_an_empty_file_is_no_archive(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite3"
    db.write_bytes(b"")
    shutil.copy(EXAMPLES[0], tmp_path / "r.txt")
    line = one_error_line(run("archive", "add", "r.txt", "--archive-db", db, cwd=tmp_path))
    assert "空文件" in line and db.read_bytes() == b"", line


def test_an_output_is_replaced_whole_or_not_at_all(tmp_path: Path) -> None:
    from checker.render.registry import write_text

    target = tmp_path / "out.json"
    target.write_text("the previous output", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_text('{"path": "\udcb1"}', target)  # a renderer slip: the text cannot be encoded
    assert target.read_text(encoding="utf-8") == "the previous output"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left behind


def test_a_new_output_gets_the_usual_permissions(tmp_path: Path) -> None:
    from checker.render.registry import write_text

    umask = os.umask(0o022)
    try:
        write_text("{}", tmp_path / "new.json")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644


# --- 6. exit 2, not 3 --------------------------------------------------------------------------------


@pytest.mark.parametrize(("target", "problem"), [("missing/r.json", "目录不存在"), ("folder.json", "目录"),
                                                 ("/proc/r.json", "无法写入"), ("r.txt/x.json", "不是目录")],
                         ids=["missing-folder", "onto-a-folder", "unwritable", "under-a-file"])
def test_a_bad_output_is_refused_before_the_analysis(tmp_path: Path, target: str, problem: str) -> None:
    shutil.copy(EXAMPLES[0], tmp_path / "r.txt")
    (tmp_path / "folder.json").mkdir()
    line = one_error_line(run("check", "r.txt", "-o", target, cwd=tmp_path))
    assert target in line and problem in line, line


def test_an_impossible_waiver_date_is_one_line(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES[0], tmp_path / "r.txt")
    (tmp_path / "w.yaml").write_text("waivers:\n  - fingerprint: 593e39740a1592b3\n    rule: x\n    reviewer: 张三\n"
                                     "    reason: 核实\n    expires: 9999-99-99\n", encoding="utf-8")
    line = one_error_line(run("check", "r.txt", "--waivers", "w.yaml", cwd=tmp_path))
    assert line.startswith("错误：w.yaml:6：") and "9999-99-99" in line, line


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "r.txt")  # nobody writes to it: opening it for reading would block forever
    line = one_error_line(run("check", "r.txt", cwd=tmp_path))
    assert "不是普通文件" in line, line


@pytest.mark.parametrize("year", ["-99999999999", "0", "99999"])
def test_an_archive_year_out_of_range_is_refused(tmp_path: Path, year: str) -> None:
    shutil.copy(EXAMPLES[0], tmp_path / "r.txt")
    proc = run("archive", "add", "r.txt", "--year", year, "--archive-db", "a.sqlite3", cwd=tmp_path)
    assert proc.returncode == 2 and len(proc.stderr.decode("utf-8").strip().splitlines()) == 1, proc.stderr
    assert not (tmp_path / "a.sqlite3").exists()


def test_the_archive_module_refuses_a_damaged_file_before_writing(tmp_path: Path) -> None:
    from checker.errors import InputError
    from checker.reuse.archive import Archive

    db = tmp_path / "a.sqlite3"
    with Archive(db) as archive:
        archive.db.execute("CREATE TABLE filler (x TEXT)")
        archive.db.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    data = bytearray(db.read_bytes())
    data[4096 * 3:4096 * 5] = b"\x5a" * 8192
    db.write_bytes(bytes(data))
    with pytest.raises(InputError, match="recover"):
        Archive(db)
    assert db.read_bytes() == bytes(data)
    with pytest.raises(sqlite3.DatabaseError):  # the file is really damaged, not refused on a whim
        sqlite3.connect(db).execute("PRAGMA quick_check").fetchall()
