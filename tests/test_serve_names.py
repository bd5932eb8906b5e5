"""An upload is read from a file with a generated name; the user's name is display text only."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import InputError
from checker.readers import read_path


def test_read_path_names_the_file_by_its_display_name(tmp_path: Path) -> None:
    stored = tmp_path / "upload-3f2a"
    stored.write_text("2024年法治政府建设年度报告\n一、主要举措\n", encoding="utf-8")
    extracted = read_path(str(stored), name="机关报告.txt")
    assert extracted.display_path == "机关报告.txt"


def test_errors_of_an_upload_name_the_display_name_not_the_stored_file(tmp_path: Path) -> None:
    stored = tmp_path / "upload-9c1e"
    stored.write_bytes(b"")
    with pytest.raises(InputError) as caught:
        read_path(str(stored), name="空报告.docx")
    assert caught.value.render("zh") == "空报告.docx：文件为空"
    assert "upload-9c1e" not in caught.value.render("en")


def test_check_files_reports_uploads_and_their_history_under_their_names(tmp_path: Path, seeds_dir: Path) -> None:
    from checker.pipeline import check_files
    from checker.rules import checklist

    stored, earlier = tmp_path / "u1", tmp_path / "u2"
    stored.write_bytes((seeds_dir / "000_d1a56e1b80764147.txt").read_bytes())
    earlier.write_bytes((seeds_dir / "000_d1a56e1b80764147.txt").read_bytes())
    names = {str(stored): "罗湖区民政局2024.txt", str(earlier): "往年.txt"}
    [result] = check_files([str(stored)], checklist.load("national"), history=[str(earlier)], names=names)
    assert result.path == "罗湖区民政局2024.txt"
    assert result.reuse is not None and [s.path for s in result.reuse.sources] == ["往年.txt"]
