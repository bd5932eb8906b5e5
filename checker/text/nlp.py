"""Word segmentation: spaCy's Chinese pipeline with the pkuseg segmenter, loaded from a local model.

Rules use word boundaries to tell a place name from the same characters inside an ordinary word
("和平" in "和平发展"). The model is the ``default`` model of the ``pkuseg`` source distribution, put into the
user's cache once by ``python -m checker.setup_model`` (``make setup``); nothing is downloaded here.
spaCy is imported only when the pipeline is first needed, so ``checker --help`` stays fast.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import importlib
import os
import re
import shlex
import sys
import types
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.errors import SetupError

if TYPE_CHECKING:
    from spacy.language import Language

PKUSEG_VERSION = "0.0.25"
MODEL_FILES = ("features.msgpack", "weights.npz")
USER_DICT = Path(__file__).parent.parent / "data" / "userdict.txt"

# pkuseg's Viterbi pass is linear, but very long lines (PDF text without line breaks) are cut after
# sentence ends so one call never holds a whole report in memory.
_MAX_CHUNK = 2000
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")


def model_dir() -> Path:
    """Where the model lives: ``$CHECKER_MODEL_DIR``, else the XDG cache directory."""
    override = os.environ.get("CHECKER_MODEL_DIR")
    if override:
        return Path(override).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
    base = Path(cache) if cache and os.path.isabs(cache) else Path.home() / ".cache"
    return base / "checker" / f"pkuseg-{PKUSEG_VERSION}" / "default"


def model_ready(path: Path) -> bool:
    """True when every file the segmenter loads is present (setup writes them all or none)."""
    return all((path / name).is_file() for name in MODEL_FILES)


def setup_command() -> str:
    """The command that installs the model for *this* interpreter: the project's venv, a pipx venv or a
    pre-commit hook's environment each have their own Python, and only that one has the checker."""
    return f"{shlex.quote(sys.executable)} -m checker.setup_model"


def ensure_model() -> Path:
    """The model directory, or a :class:`SetupError` telling the user how to install the model."""
    path = model_dir()
    if not model_ready(path):
        command = setup_command()
        raise SetupError(
            str(path),
            zh=f"未找到 pkuseg 分词模型（需要 features.msgpack 与 weights.npz）。请先运行一次（需联网）：{command}",
            en=f"pkuseg segmentation model not found (features.msgpack and weights.npz are needed). "
            f"Run once (needs the network): {command}",
        )
    return path


def _lazy(module: str, name: str) -> types.ModuleType:
    """A stand-in for ``module`` whose ``name`` imports the real module and calls its ``name`` when called."""
    stand_in = types.ModuleType(module)

    def call(*args: Any, **kwargs: Any) -> Any:
        sys.modules.pop(module, None)
        real = getattr(importlib.import_module(module), name)
        return real(*args, **kwargs)

    setattr(stand_in, name, call)
    return stand_in


@contextlib.contextmanager
def _standing_in(stand_ins: dict[str, types.ModuleType]) -> Iterator[None]:
    """While a package loads, modules it imports but the checker never uses are stand-ins; they are
    dropped afterwards, so a later ``import`` of any of them gets the real module."""
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def _import_chinese() -> type[Language]:
    """``spacy.lang.zh.Chinese`` and spacy-pkuseg without what the checker never uses.

    ``import spacy`` runs ``from .cli.info import info``, and ``spacy.cli`` imports every command with
    weasel, httpx and jinja2 (~0.15 s of a cold check); ``import spacy_pkuseg`` imports its model download
    with ``requests`` (~0.08 s), though the checker's model is a local path. While they load, ``spacy.cli``
    and ``spacy_pkuseg.download`` are stand-ins whose one function the package binds (``info``,
    ``download_model``) imports the real one when called.
    """
    if "spacy" not in sys.modules:
        package = types.ModuleType("spacy.cli")
        package.__path__ = []
        with _standing_in({"spacy.cli": package, "spacy.cli.info": _lazy("spacy.cli.info", "info")}):
            import spacy  # noqa: F401
    if "spacy_pkuseg" not in sys.modules:
        with _standing_in({"spacy_pkuseg.download": _lazy("spacy_pkuseg.download", "download_model")}):
            import spacy_pkuseg  # noqa: F401
    from spacy.lang.zh import Chinese

    return Chinese


@functools.lru_cache(maxsize=1)
def pipeline() -> Language:
    """spaCy's Chinese language with the pkuseg segmenter and our user dictionary, loaded once."""
    path = ensure_model()
    Chinese = _import_chinese()  # heavy: imported on first use only

    # spaCy's language object is many small objects: garbage collections while it loads only cost time,
    # and freezing them afterwards keeps every later collection from walking through them again.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        nlp = Chinese.from_config({"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
        with _from_table(path):
            nlp.tokenizer.initialize(pkuseg_model=str(path), pkuseg_user_dict=str(USER_DICT))  # type: ignore[union-attr]
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return nlp


def _from_table(path: Path) -> contextlib.AbstractContextManager[None]:
    """pkuseg finds its features in the integer tables beside the model (built on first use if the cache
    predates them; see text/table_segmenter.py); with ``CHECKER_STOCK_PKUSEG=1``, or when the tables cannot
    be built (a read-only cache), pkuseg loads its own files as it always did — slower, with the same words."""
    if os.environ.get("CHECKER_STOCK_PKUSEG") == "1":
        return contextlib.nullcontext()
    from checker.text import feature_table
    from checker.text.table_segmenter import loading_from

    try:
        table = feature_table.FeatureTable(feature_table.ensure(path))
    except (OSError, ValueError, KeyError, TypeError, feature_table.TableError):
        return contextlib.nullcontext()
    return loading_from(table)


def _line_chunks(line: str) -> list[tuple[int, str]]:
    """A line (or the sentences of an over-long line) with offsets into it; blank pieces are dropped."""
    out: list[tuple[int, str]] = []
    pieces = [line] if len(line) <= _MAX_CHUNK else _SENTENCE_END.split(line)
    at = 0
    for piece in pieces:
        # A sentence longer than the limit is cut hard; a word split there costs one boundary.
        for i in range(0, len(piece), _MAX_CHUNK):
            part = piece[i : i + _MAX_CHUNK]
            if part.strip():
                out.append((at + i, part))
        at += len(piece)
    return out


# The words of the lines of a check with its history, and of a batch's recent reports; lines seldom recur
# across bodies. An array holds a line's offsets in a tenth of the memory of pairs.
_LINE_CACHE = 4096
_line_cache: OrderedDict[str, array[int]] = OrderedDict()


def clear_caches() -> None:
    """Forget every segmented line and text (tests: make the next call segment afresh)."""
    _line_cache.clear()
    _segment.cache_clear()
    _all_bounds.cache_clear()


def _lines_spans(lines: list[str]) -> list[array[int]]:
    """The words of each line, as offsets into it, flat: start, end, start, end …

    Lines are segmented independently, so a text's words are its lines' words, and a line met again (in
    another year's report, or a rule asking again) costs a dictionary look-up. Lines not seen recently are
    segmented together, in one pass of the segmenter over all their pieces.
    """
    found: dict[str, array[int]] = {}
    for line in dict.fromkeys(lines):
        spans = _line_cache.get(line)
        if spans is not None:
            _line_cache.move_to_end(line)
            found[line] = spans
    missing = [line for line in dict.fromkeys(lines) if line not in found]
    if missing:
        segmented = dict(zip(missing, _segment_lines(missing), strict=True))
        found.update(segmented)
        _line_cache.update(segmented)
        while len(_line_cache) > _LINE_CACHE:
            _line_cache.popitem(last=False)
    return [found[line] for line in lines]


def _segment_lines(lines: list[str]) -> list[array[int]]:
    """The words of each line: pkuseg's, placed in the line by spaCy's own alignment — what spaCy's Chinese
    tokenizer does before it builds a ``Doc`` from them. The ``Doc`` itself (a vocabulary entry per word)
    is not built: only the offsets are read, and building it cost about a tenth of the segmentation time.
    """
    chunks = [(i, offset, chunk) for i, line in enumerate(lines) for offset, chunk in _line_chunks(line)]
    cuts = cut([chunk for _, _, chunk in chunks])
    # only after cut() loaded the pipeline: importing spacy.util first would run ``import spacy`` with its
    # command line
    from spacy.util import get_words_and_spaces

    out = [array("i") for _ in lines]
    for (i, offset, chunk), pieces in zip(chunks, cuts, strict=True):
        spans = out[i]
        words, spaces = get_words_and_spaces(pieces, chunk)
        at = offset  # where the Doc's token would start: each word, then one space if it has one
        for word, space in zip(words, spaces, strict=True):
            if not word.isspace():
                # A token may carry leading/trailing whitespace spaCy could not attach elsewhere.
                start = at + len(word) - len(word.lstrip())
                spans.extend((start, start + len(word.strip())))
            at += len(word) + space
    return out


def cut(texts: list[str]) -> list[list[str]]:
    """pkuseg's words of each text, all texts segmented together (stock pkuseg, with
    ``CHECKER_STOCK_PKUSEG=1``, cuts them one at a time)."""
    seg = pipeline().tokenizer.pkuseg_seg  # type: ignore[union-attr]
    cut_many = getattr(seg, "cut_many", None)
    return cut_many(texts) if cut_many is not None else [seg.cut(t) for t in texts]


def _pairs(flat: array[int]) -> Iterator[tuple[int, int]]:
    return zip(flat[::2], flat[1::2], strict=True)


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, line))
        pos += len(line)
    return out


@functools.lru_cache(maxsize=8)
def _segment(text: str) -> tuple[tuple[int, int], ...]:
    lines = _lines(text)
    spans = _lines_spans([line for _, line in lines])
    return tuple((pos + s, pos + e) for (pos, _), flat in zip(lines, spans, strict=True) for s, e in _pairs(flat))


def tokens(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the words of ``text``, whitespace excluded.

    Several rules segment the same text, so the last few results are cached.
    """
    return list(_segment(text))


def token_bounds(text: str, near: Iterable[int] | None = None) -> frozenset[int]:
    """Every offset in ``text`` where a word starts or ends.

    With ``near``, only the lines holding those offsets are segmented, and the answer is exact for them
    (and their lines): a word never crosses a line break, and the break is whitespace, so no word of
    another line starts or ends inside a line. Whoever only asks about a few places (the outline's marker
    words) need not segment a whole report.
    """
    if near is None:
        return _all_bounds(text)
    lines = _lines(text)
    starts = [pos for pos, _ in lines]
    wanted = {max(bisect.bisect_right(starts, p) - 1, 0) for p in near if 0 <= p <= len(text)}
    rows = sorted(wanted)
    spans = _lines_spans([lines[i][1] for i in rows])
    return frozenset(lines[i][0] + b for i, flat in zip(rows, spans, strict=True) for b in flat)


@functools.lru_cache(maxsize=8)
def _all_bounds(text: str) -> frozenset[int]:
    return frozenset(b for span in _segment(text) for b in span)
