"""Each kind of format is declared once: a reader and a renderer registered here, through the registries
alone, are used by ``checker check`` and ``checker batch`` with no edit anywhere else."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from checker.model import Extracted, Result
from checker.readers import read_path
from checker.readers import registry as inputs
from checker.render import registry as outputs
from tests.cli_run import run_cli
from tests.conftest import ROOT

EXAMPLE = next((ROOT / "examples").glob("*服务局*.txt"))
MAGIC = b"ZZZ-REPORT\n"  # what the made-up format's files start with


def read_zzz(data: bytes, path: str | None) -> Extracted:
    return Extracted(path=path, format="made-up", text=data[len(MAGIC):].decode("utf-8"))


def write_tally(results: Sequence[Result], target: Path | None, ctx: outputs.RenderContext) -> None:
    """One line per report and per unreadable file: enough to see what reached the renderer."""
    lines = [f"report\t{Path(r.path).name}\t{r.score.value}" for r in results]
    lines += [f"unreadable\t{Path(path).name}\t{reason}" for path, reason in ctx.unreadable]
    outputs.write_text("\n".join(lines) + "\n", target)


@pytest.fixture()
def made_up_formats() -> Iterator[None]:
    inputs.register(inputs.InputFormat("zzz", (".zzz",), read_zzz, sniff=lambda data, ext: data.startswith(MAGIC),
                                       invalid=("不是有效的 .zzz 文件", "not a valid .zzz file")))
    outputs.register(outputs.OutputFormat("tally", (".tally",), write_tally))
    try:
        yield
    finally:
        inputs.unregister("zzz")
        outputs.unregister("tally")


def _zzz(path: Path) -> Path:
    path.write_bytes(MAGIC + EXAMPLE.read_bytes())
    return path


def _tally(text: str) -> dict[str, list[str]]:
    return {line.split("\t")[1]: line.split("\t") for line in text.splitlines()}


def test_a_registered_reader_is_sniffed_and_names_the_format(made_up_formats: None, tmp_path: Path) -> None:
    report = _zzz(tmp_path / "report.zzz")
    assert read_path(str(report)).format == "zzz"  # the table names it, not the reader
    renamed = _zzz(tmp_path / "report.txt")
    assert read_path(str(renamed)).format == "zzz"  # from the bytes, as every format is


def test_check_uses_a_registered_reader_and_renderer(made_up_formats: None, tmp_path: Path) -> None:
    report, target, reference = _zzz(tmp_path / "report.zzz"), tmp_path / "out.tally", tmp_path / "out.json"
    # the suffix selects the renderer, beside a built-in one
    code, _, err = run_cli("check", str(report), "-o", str(target), "-o", str(reference))
    assert code == 1, err
    score = json.loads(reference.read_text(encoding="utf-8"))["reports"][0]["score"]
    assert _tally(target.read_text(encoding="utf-8")) == {"report.zzz": ["report", "report.zzz", str(score)]}
    code, out, err = run_cli("check", str(report), "-f", "tally")  # and --format names it, to stdout
    assert out == f"report\treport.zzz\t{score}\n", err


def test_batch_finds_reads_and_renders_with_registered_formats(made_up_formats: None, tmp_path: Path) -> None:
    folder = tmp_path / "submissions"
    folder.mkdir()
    _zzz(folder / "a.zzz")
    (folder / "b.zzz").write_bytes(b"not the magic")
    (folder / "c.qqq").write_bytes(MAGIC)  # no format claims .qqq: not a submission
    target = tmp_path / "batch.tally"
    code, out, err = run_cli("batch", str(folder), "-o", str(target), "--jobs", "1", "--no-same-body")
    assert code == 1, err
    rows = _tally(target.read_text(encoding="utf-8"))
    assert set(rows) == {"a.zzz", "b.zzz"}
    assert rows["a.zzz"][0] == "report" and rows["b.zzz"][0] == "unreadable"
    assert rows["b.zzz"][2] == "不是有效的 .zzz 文件"  # the row's own words for a file misnamed .zzz
    assert "共2份" in out


def test_an_unknown_format_name_is_a_usage_error_naming_the_registered_ones(made_up_formats: None) -> None:
    code, _, err = run_cli("check", str(EXAMPLE), "-f", "taly")
    assert code == 2 and "tally" in err and "您是不是要找 tally？" in err, err
