"""The pkuseg segmentation: model set-up, user dictionary, exact offsets, lazy import, clear errors.

``make test`` installs the model first, so a missing model fails these tests; set CHECKER_ALLOW_NO_MODEL=1
to skip them on a machine that deliberately has none.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker import setup_model
from checker.errors import SetupError
from checker.text import nlp

USER_TERMS = (
    "双随机、一公开",
    "行政执法三项制度",
    "证明事项告知承诺制",
    "习近平法治思想",
    "年终述法",
    "放管服",
)


@pytest.fixture(scope="module")
def segmenter() -> object:
    """Load the pipeline once for the module (pipeline() itself is cached for the process)."""
    if not nlp.model_ready(nlp.model_dir()):
        if os.environ.get("CHECKER_ALLOW_NO_MODEL") == "1":
            pytest.skip(f"pkuseg model absent at {nlp.model_dir()} and CHECKER_ALLOW_NO_MODEL=1")
        pytest.fail(f"pkuseg model missing at {nlp.model_dir()}: run `make setup`")
    return nlp.pipeline()


def _words(text: str) -> list[str]:
    return [text[s:e] for s, e in nlp.tokens(text)]


def test_model_comes_from_the_cache_in_msgpack_form(segmenter: object) -> None:
    path = nlp.ensure_model()
    assert path == nlp.model_dir()
    assert (path / "features.msgpack").is_file() and (path / "weights.npz").is_file()
    assert not (path / "features.pkl").exists(), "setup converts the pickle and removes it"
    assert _words("法治政府建设年度报告") != []


@pytest.mark.parametrize("term", USER_TERMS)
def test_user_dictionary_terms_stay_whole(segmenter: object, term: str) -> None:
    text = f"今年我局严格落实{term}工作要求。"
    assert term in _words(text)


def test_user_dictionary_file_is_substantial() -> None:
    terms = [t for t in nlp.USER_DICT.read_text(encoding="utf-8").splitlines() if t.strip()]
    assert len(terms) >= 80 and len(set(terms)) == len(terms)
    assert all(t == t.strip() and " " not in t for t in terms)


def test_place_name_is_its_own_word(segmenter: object) -> None:
    assert _words("结合龙岗民政工作实际") == ["结合", "龙岗", "民政", "工作", "实际"]


@pytest.mark.parametrize(
    "text",
    [
        "一、主要举措\n\n（一）深化放管服改革。全年办理行政复议案件3件。\n",
        "  首行缩进的段落\r\n第二行\u3000全角空格后\t制表符\n\n\n末行没有换行",
        "第一段。\n" + "依法行政，建设法治政府。" * 400,  # one line longer than a chunk
    ],
    ids=["outline", "whitespace", "long-line"],
)
def test_offsets_map_exactly_into_the_input(segmenter: object, text: str) -> None:
    spans = nlp.tokens(text)
    assert spans == sorted(spans)
    assert all(s < e for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    covered = "".join(text[s:e] for s, e in spans)
    assert covered == "".join(text.split()), "every non-space character in exactly one word"
    assert not any(text[s:e].strip() != text[s:e] for s, e in spans)
    assert nlp.token_bounds(text) == frozenset(b for span in spans for b in span)


def test_importing_nlp_does_not_import_spacy() -> None:
    code = "import sys, checker.text.nlp; print('spacy' in sys.modules, 'spacy_pkuseg' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False False"


def test_missing_model_tells_the_user_to_run_setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_MODEL_DIR", str(tmp_path))
    with pytest.raises(SetupError) as err:
        nlp.ensure_model()
    message = err.value.render("zh")
    command = f"{sys.executable} -m checker.setup_model"  # this interpreter's, wherever it is installed
    assert "未找到 pkuseg 分词模型" in message and command in message
    assert str(tmp_path) in message
    assert command in err.value.render("en")


def test_model_dir_follows_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHECKER_MODEL_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert nlp.model_dir() == tmp_path / "checker" / f"pkuseg-{nlp.PKUSEG_VERSION}" / "default"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # invalid per the XDG spec: ignored
    assert nlp.model_dir() == Path.home() / ".cache" / "checker" / f"pkuseg-{nlp.PKUSEG_VERSION}" / "default"


def test_setup_is_idempotent_when_the_model_is_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in nlp.MODEL_FILES:
        (tmp_path / name).write_bytes(b"x")
    monkeypatch.setenv("CHECKER_MODEL_DIR", str(tmp_path))
    monkeypatch.setattr(setup_model, "install", lambda *a: pytest.fail("must not reinstall"))
    monkeypatch.setattr(setup_model, "build_table", lambda path: path)  # these model files are stand-ins
    assert setup_model.main([]) == 0
    assert "已就绪" in capsys.readouterr().out


def test_setup_rejects_an_archive_with_the_wrong_checksum(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cache" / "default"
    monkeypatch.setenv("CHECKER_MODEL_DIR", str(target))
    fake = tmp_path / setup_model.SDIST_NAME
    fake.write_bytes(b"not the pkuseg archive")
    assert setup_model.main(["--sdist", str(fake)]) == 2
    assert "sha256 校验失败" in capsys.readouterr().err
    assert not target.exists() and list((tmp_path / "cache").iterdir()) == [], "no half model left behind"


def test_setup_reports_a_pip_failure_with_the_retry_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHECKER_MODEL_DIR", str(tmp_path / "default"))

    def failing_pip(cmd: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        assert cmd[:4] == [sys.executable, "-m", "pip", "download"] and "--no-binary" in cmd
        return subprocess.CompletedProcess(cmd, 1, "", "ERROR: network is unreachable")

    monkeypatch.setattr(setup_model.subprocess, "run", failing_pip)
    assert setup_model.main(["--force"]) == 2
    err = capsys.readouterr().err
    assert "pip 下载" in err and "失败" in err and f"{sys.executable} -m checker.setup_model" in err and "network is unreachable" in err


def test_setup_adds_the_feature_table_to_a_cache_that_lacks_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from checker.text import feature_table
    from tests.test_feature_table import write_model

    model = write_model(tmp_path / "default")
    monkeypatch.setenv("CHECKER_MODEL_DIR", str(model))
    monkeypatch.setattr(setup_model, "install", lambda *a: pytest.fail("must not reinstall"))
    assert not feature_table.table_dir(model).exists()
    assert setup_model.main([]) == 0
    assert (feature_table.table_dir(model) / "meta.json").is_file()


def test_setup_reports_model_files_it_cannot_turn_into_a_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in nlp.MODEL_FILES:
        (tmp_path / name).write_bytes(b"x")
    monkeypatch.setenv("CHECKER_MODEL_DIR", str(tmp_path))
    assert setup_model.main([]) == 2
    err = capsys.readouterr().err
    assert "无法由模型文件生成分词特征表" in err and "Traceback" not in err


def test_the_pipeline_loads_without_spacys_command_line_or_pkusegs_download() -> None:
    code = (
        # through word boundaries, as a check asks for them (not only pipeline(): a spaCy module imported
        # before it would run ``import spacy`` with its command line)
        "import sys; from checker.text import nlp; nlp.token_bounds('一、总体情况');"
        "print(sorted(m for m in ('spacy.cli', 'weasel', 'httpx', 'jinja2', 'requests', 'spacy_pkuseg.download')"
        " if m in sys.modules));"
        "import spacy, spacy.cli; print(callable(spacy.info), hasattr(spacy.cli, 'download'));"
        "import spacy_pkuseg.download as d; print(d.__file__.endswith('download.py'), 'requests' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:3] == ["[]", "True True", "True True"], "later imports get the real modules"


def test_bounds_near_a_few_offsets_segment_only_their_lines_and_agree_with_the_whole(segmenter: object) -> None:
    text = "一、总体情况\n全年办理行政复议案件3件。\r\n\n二、存在的不足和原因\n原因在于学习不够深入，依法行政意识有待加强。\n末行"
    whole = nlp.token_bounds(text)
    line = text.index("原因在于")
    nlp.clear_caches()
    near = nlp.token_bounds(text, [line, line + 4])
    assert list(nlp._line_cache) == [text[line : text.index("\n", line) + 1]], "only that line is segmented"
    assert line in near and line + 4 in near and near <= whole
    assert {b for b in whole if line <= b <= text.index("\n", line)} == near
    for p in range(len(text) + 1):
        assert (p in nlp.token_bounds(text, [p])) == (p in whole), p


def test_line_words_are_the_spacy_tokenizers_words(segmenter: object) -> None:
    """The words of a line are placed as spaCy's tokenizer places them in its Doc (the checker reads the
    offsets without building the Doc): checked on the seeds and on lines with every kind of whitespace."""
    from tests.conftest import SEEDS

    tokenizer = nlp.pipeline().tokenizer
    lines = [line for p in sorted(SEEDS.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines(True)]
    lines += [" 一、 总体情况 \n", "全年办理\u3000行政复议案件 3 件。\t共 12 次\r\n", "  ", "ＡＢＣ  法治 政府\n", "末行"]
    for line in lines:
        expected = []
        for offset, chunk in nlp._line_chunks(line):
            for tok in tokenizer(chunk):
                if not tok.text.isspace():
                    lead = len(tok.text) - len(tok.text.lstrip())
                    expected.append((offset + tok.idx + lead, offset + tok.idx + lead + len(tok.text.strip())))
        assert list(nlp._pairs(nlp._lines_spans([line])[0])) == expected, line
