"""pkuseg's feature dictionary as a compact, memory-mapped table, built once beside the model.

Why: spacy-pkuseg unpacks its 2.64 million feature strings from msgpack into a Python dict on every start
(2–4 s and ~900 MB, most of a cold check). Here each feature string is kept as two independent 64-bit
hashes: the first sorted and searched with numpy, the second checked at the hit, with the int32 id beside
it, opened with ``mmap_mode="r"`` so a start reads a few pages instead of the whole table and processes
share them. The 116k dictionary words are a plain word list (a set of them loads in ~20 ms, and a set
answers "is this slice a word?" faster than any hash search), the weights a plain .npy.

The table lives in ``<model>/compact/v<version>-<fingerprint>/``; the fingerprint covers the size, mtime and
inode of both model files, so a changed model file gets a new table and the old one is never read. It is
built in a temporary directory beside its place and renamed in, so a concurrent run sees all of it or none.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np

TABLE_VERSION = 2
SOURCE_FILES = ("features.msgpack", "weights.npz")

# Two hashes over UTF-32 code points: each code point is mixed with a salt for its position and the results
# are summed (a tabulation-style hash, a fixed handful of numpy operations whatever the batch). Both must
# agree before a string counts as found: a false hit needs a 128-bit collision.
_SALTS = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xD1B54A32D192ED03))
_MIX = (np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))
_CHUNK = 200_000  # strings hashed at a time while building (bounds the temporary code-point matrix)


class TableError(Exception):
    """The model files cannot be turned into a table (the message says why)."""


def hash_strings(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Two uint64 hashes per string, the same for a string whatever else is in the batch.

    No string may contain NUL: numpy's fixed-width strings cannot tell a trailing NUL from padding.
    """
    n = len(strings)
    if n == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint64)
    codes = np.array(strings, dtype=str)
    width = max(codes.dtype.itemsize // 4, 1)
    matrix = codes.view(np.uint32).reshape(n, -1)[:, :width].astype(np.uint64)
    live = matrix != 0  # padding past a string's end adds nothing
    position = np.arange(1, width + 1, dtype=np.uint64)
    out = []
    with np.errstate(over="ignore"):
        for which in (0, 1):
            mixed = _mix(matrix ^ (position * _SALTS[which]), which)
            out.append(_mix((mixed * live).sum(axis=1, dtype=np.uint64), 1 - which))
    return out[0], out[1]


def _mix(h: np.ndarray, which: int) -> np.ndarray:
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(33))
        h = h * _MIX[which]
        return h ^ (h >> np.uint64(29))


def fingerprint(model: Path) -> str:
    """What the table was built from: size, mtime and inode of each model file, and the table format."""
    # The hashes of a probe string too: a changed hash function can never read a table built with another.
    probe = hash_strings(["ww.l.法治*政府"])
    parts = [f"v{TABLE_VERSION}", f"{int(probe[0][0]):x}{int(probe[1][0]):x}"]
    for name in SOURCE_FILES:
        st = (model / name).stat()
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def table_dir(model: Path) -> Path:
    return model / "compact" / f"v{TABLE_VERSION}-{fingerprint(model)}"


def _hash_all(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    parts = [hash_strings(strings[i : i + _CHUNK]) for i in range(0, len(strings), _CHUNK)] or [hash_strings([])]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _sorted_keys(strings: list[str], what: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if any("\x00" in s for s in strings):
        raise TableError(f"{what} 中含有 NUL 字符，无法建立特征表")
    h1, h2 = _hash_all(strings)
    order = np.argsort(h1, kind="stable")
    h1, h2 = h1[order], h2[order]
    if len(h1) > 1 and bool((h1[1:] == h1[:-1]).any()):
        raise TableError(f"{what} 的哈希出现碰撞，无法建立特征表")
    return h1, h2, order


def build(model: Path, dest: Path) -> None:
    """Write the table files for ``model`` into the (existing, empty) directory ``dest``."""
    import srsly  # spaCy's msgpack reader; only needed while building

    data = srsly.read_msgpack(model / "features.msgpack")
    features: dict[str, int] = data["feature_to_idx"]
    words: list[str] = list(data["unigram"])
    names = list(features)
    ids = np.fromiter(features.values(), dtype=np.int64, count=len(names))
    if len(ids) and (ids.min() < 0 or ids.max() >= 2**31):
        raise TableError("特征编号超出范围")
    h1, h2, order = _sorted_keys(names, "特征表")
    np.save(dest / "feature_h1.npy", h1)
    np.save(dest / "feature_h2.npy", h2)
    np.save(dest / "feature_ids.npy", ids[order].astype(np.int32))
    del names, ids, h1, h2, order
    if any("\n" in w for w in words):
        raise TableError("词表中含有换行符，无法建立特征表")
    # "" is a word of pkuseg's dictionary (an out-of-range slice reads as ""): kept in the metadata, as a
    # line of its own cannot say it.
    (dest / "words.txt").write_text("\n".join(sorted(w for w in words if w)), encoding="utf-8")
    with np.load(model / "weights.npz") as npz:
        sizes = npz["sizes"]
        np.save(dest / "weights.npy", np.ascontiguousarray(npz["w"], dtype=np.float64))
    meta = {
        "version": TABLE_VERSION,
        "n_tag": int(sizes[0]),
        "n_feature": int(sizes[1]),
        "n_entries": len(features),
        "tag_to_idx": data["tag_to_idx"],
        "empty_word": "" in words,
    }
    (dest / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def ensure(model: Path) -> Path:
    """The table directory for ``model``, built now if it is missing (once per model file version)."""
    target = table_dir(model)
    if (target / "meta.json").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
    try:
        build(model, staging)
        staging.chmod(0o755)
        try:
            staging.rename(target)
        except OSError:
            if not (target / "meta.json").is_file():  # another run finished first: its table is as good
                raise
        for old in target.parent.iterdir():
            # Tables of earlier model files are never read again.
            if old.name.startswith("v") and old != target:
                shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


class FeatureTable:
    """The memory-mapped table: ids of feature strings and membership of dictionary words."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        load = lambda name: np.load(path / name, mmap_mode="r")  # noqa: E731
        self._f1, self._f2, self._ids = load("feature_h1.npy"), load("feature_h2.npy"), load("feature_ids.npy")
        text = (path / "words.txt").read_text(encoding="utf-8")
        self.words: set[str] = set(text.split("\n") if text else ())
        if self.meta["empty_word"]:
            self.words.add("")

    def __len__(self) -> int:
        return int(self.meta["n_entries"])

    @staticmethod
    def _find(strings: list[str], k1: np.ndarray, k2: np.ndarray) -> np.ndarray:
        """Index into the sorted keys of each string, or -1 when it is not there."""
        h1, h2 = hash_strings(strings)
        # Searching in sorted order walks the table forward, page after page, instead of at random.
        order = np.argsort(h1)
        at = np.empty(len(h1), dtype=np.intp)
        at[order] = np.searchsorted(k1, h1[order])
        at = np.minimum(at, len(k1) - 1)
        hit = (k1[at] == h1) & (k2[at] == h2)
        return np.where(hit, at, -1)

    def feature_ids(self, strings: list[str]) -> dict[str, int]:
        """The strings that are features, with their ids (strings holding NUL are never features)."""
        strings = [s for s in strings if "\x00" not in s]
        if not strings or not len(self._f1):
            return {}
        at = self._find(strings, self._f1, self._f2)
        found = np.flatnonzero(at >= 0)
        ids = self._ids[at[found]].tolist()
        return {strings[i]: ids[j] for j, i in enumerate(found.tolist())}
