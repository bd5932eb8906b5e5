"""Earlier reports prepared once: a ``--history`` file's normalised text, outline, located sections and
canonical text with its sentence ends (what the comparison reads of a source), kept in the user's cache under the hash of everything they were made from.

Preparing an earlier report (read, normalise, segment, outline, locate) costs as much as checking it;
the same files are named again run after run. The key covers the file's bytes, the checklist's items
(``locate`` reads them), the segmentation model and user dictionary, the checker's own code and the
reading limits, so any change among them is a miss and the report is prepared afresh. An entry is a
pickle written atomically into the cache directory and read only from there (never from a path a user
gives); one that cannot be read is ignored and written again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from checker.model import Analysed
from checker.reuse.analyse import SourceText, source_text
from checker.text import feature_table, nlp

FORMAT = 2  # bump when the stored form changes in a way the code hash would not show


@dataclass(frozen=True)
class Prepared:
    """An earlier report ready to be compared with: ``prepare``'s output and its ``SourceText``."""

    analysed: Analysed
    text: SourceText

    @classmethod
    def of(cls, analysed: Analysed) -> Prepared:
        return cls(analysed, source_text(analysed.doc.norm))


def cache_dir() -> Path:
    """``$CHECKER_CACHE_DIR/prepared``, else the XDG cache directory's ``checker/prepared``."""
    override = os.environ.get("CHECKER_CACHE_DIR")
    if override:
        return Path(override).expanduser() / "prepared"
    cache = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(cache) if cache and os.path.isabs(cache) else Path.home() / ".cache"
    return base / "checker" / "prepared"


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """The checker's own source: a changed normaliser or outline builder prepares differently, and a
    development checkout changes without a version number changing."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def model_version() -> str:
    """The segmenter that found the word boundaries: pkuseg's version, its model files (as the feature
    table fingerprints them) and the user dictionary."""
    parts = [nlp.PKUSEG_VERSION]
    model = nlp.model_dir()
    parts.append(feature_table.fingerprint(model) if nlp.model_ready(model) else "no-model")
    parts.append(hashlib.sha256(nlp.USER_DICT.read_bytes()).hexdigest() if nlp.USER_DICT.is_file() else "")
    return "|".join(parts)


def key(data: bytes, items: object, *, shown: str, limits: object) -> str:
    """The entry's name: everything the prepared form depends on. ``items`` are the checklist's items
    (their repr is their content); ``shown``'s extension breaks format ties, so it counts, its name not."""
    digest = hashlib.sha256()
    for part in (f"v{FORMAT}", code_version(), model_version(), repr(items), Path(shown).suffix.lower(),
                 repr(limits)):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def load_or_prepare(path: str, items: object, make: Callable[[], Analysed], *, shown: str | None = None,
                    limits: object = None, directory: Path | None = None) -> Prepared:
    """The prepared form of the file at ``path``: from the cache when the same file was prepared the
    same way before, else ``make()`` (stored for next time). ``shown`` as ``read_path``'s ``name``."""
    shown = shown or path
    try:
        data = Path(path).read_bytes() if path != "-" and Path(path).is_file() else None
    except OSError:
        data = None
    if data is None:
        return Prepared.of(make())  # standard input, a missing file: ``make`` reads it and says what is wrong
    return _cached(key(data, items, shown=shown, limits=limits), make, shown, directory)


def for_archived(text: str, items: object, make: Callable[[], Analysed], *, shown: str,
                 directory: Path | None = None) -> Prepared:
    """The prepared form of an archived report's ``text`` (``make`` prepares it as plain text). Kept in
    the user's cache, not in the archive: an archive may be shared or handed over, and a pickle read
    from it could run anyone's code."""
    return _cached(key(text.encode("utf-8"), items, shown=".archived", limits="archived"), make, shown, directory)


def _cached(name: str, make: Callable[[], Analysed], shown: str, directory: Path | None) -> Prepared:
    entry = (directory or cache_dir()) / f"{name}.pickle"
    found = _load(entry)
    if found is not None:
        return _renamed(found, shown)
    fresh = Prepared.of(make())
    _store(entry, fresh)
    return fresh


def _load(entry: Path) -> Prepared | None:
    try:
        with entry.open("rb") as f:
            found = pickle.load(f)  # noqa: S301 - only our own cache directory is ever read
    except FileNotFoundError:
        return None
    except Exception:  # a truncated or foreign entry: prepared afresh and written over
        return None
    return found if isinstance(found, Prepared) else None


def _store(entry: Path, prepared: Prepared) -> None:
    """Write atomically (a reader sees the whole entry or none); a cache that cannot be written is no
    reason to fail a check."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(prepared, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        pass


def _renamed(prepared: Prepared, shown: str) -> Prepared:
    """The same content under the name given this time (messages and the result show it)."""
    analysed = prepared.analysed
    source = analysed.doc.source
    if source.path == shown:
        return prepared
    doc = replace(analysed.doc, source=replace(source, path=shown))
    return replace(prepared, analysed=replace(analysed, doc=doc))

