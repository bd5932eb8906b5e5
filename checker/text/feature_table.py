"""pkuseg's features as integer tables, built once beside the model and memory-mapped.

Why: spacy-pkuseg unpacks its 2.64 million feature strings from msgpack into a Python dict on every start
(2–4 s and ~900 MB, most of a cold check), then builds ~70 strings per character and looks each one up.
Every one of those strings is a template over one of three things — a character (``c.法``), two
neighbouring characters (``cc1.法.治``), or dictionary words (``w1.法治``, ``ww.l.依法*治国``) — so each
feature is kept here under integer keys instead: a character as its index in the table's alphabet, a word
as its index in the dictionary. :mod:`checker.text.table_segmenter` then finds every feature of many pieces
of text at once with a few numpy operations, with the same ids pkuseg's own extractor finds.

What the table holds (``.npy`` files, opened with ``mmap_mode="r"`` so a start reads a few pages and
batch workers share them):

* ``alphabet``: every raw BMP character → the index of the node pkuseg makes of it (after its renaming of
  ``-._,|/*:`` and its ``**Num``/``**Letter`` classes); 0 for characters in no feature and no word;
* ``uni``: per node, the ids of its five single-character features (``c.``, ``c-1.``, ``c1.``, ``c-2.``,
  ``c2.``), -1 where pkuseg has none;
* ``pair_keys``/``pair_ids``: node pairs (sorted keys) → the ids of ``c-1c.``, ``cc1.`` and ``c-2c-1.``;
* ``word_nodes`` and ``words<L>_hash``/``_ids``: the dictionary words of 2–6 nodes, as node indices, and a
  hash of each per length (a hit is confirmed against the nodes, so a hash collision cannot mislead);
* ``word_features``: per word, its ``w-1.`` and ``w1.`` ids;
* ``wwl_keys``/``wwr_keys`` with ids: word pairs (either may be "no word" or the empty word) → ids;
* ``weights.npy``: the model's weights, as pkuseg holds them.

A feature string that no piece of text can ever ask for (a template over a character pkuseg renames, a word
of one node or of seven) is left out: it could never be found. The table lives in
``<model>/compact/v<version>-<fingerprint>/``; the fingerprint covers the size, mtime and inode of both
model files and the word hash, so a changed model file gets a new table and the old one is never read. It
is built in a temporary directory beside its place and renamed in, so a concurrent run sees all or none.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

TABLE_VERSION = 3
SOURCE_FILES = ("features.msgpack", "weights.npz")
WORD_MIN, WORD_MAX = 2, 6  # pkuseg's config.wordMin and wordMax: the slices it looks up in its dictionary
NO_WORD = "**noWord"
UNI = ("c.", "c-1.", "c1.", "c-2.", "c2.")
PAIR = ("c-1c.", "cc1.", "c-2c-1.")
# A node is one character or one of pkuseg's classes; "**noWord" appears only in word-pair features.
_TOKEN = re.compile(r"\*\*Num|\*\*Letter|\*\*noWord|.", re.S)
WORD_HASH = np.uint64(0x9E3779B97F4A7C15)


class TableError(Exception):
    """The model files cannot be turned into a table (the message says why)."""


def window_hash(nodes: np.ndarray) -> np.ndarray:
    """A uint64 per row of node indices (all rows of one length): the key a dictionary word is found by."""
    h = np.zeros(nodes.shape[0], dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(nodes.shape[1]):
            h = h * WORD_HASH + nodes[:, j].astype(np.uint64) + np.uint64(1)
    return h


def fingerprint(model: Path) -> str:
    """What the table was built from: size, mtime and inode of each model file, and the table format."""
    # The hash of a probe word too: a changed hash function can never read a table built with another.
    probe = int(window_hash(np.array([[3, 1, 4, 1, 5, 9]]))[0])
    parts = [f"v{TABLE_VERSION}", f"{probe:x}"]
    for name in SOURCE_FILES:
        st = (model / name).stat()
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def table_dir(model: Path) -> Path:
    return model / "compact" / f"v{TABLE_VERSION}-{fingerprint(model)}"


class _Builder:
    """Sorts pkuseg's feature strings into the integer tables (see the module's docstring)."""

    def __init__(self, features: dict[str, int], words: list[str]) -> None:
        self.nodes: dict[str, int] = {"": 0}  # 0: a node in no feature and no word
        self.word_ids: dict[str, int] = {}
        word_nodes: list[list[int]] = []
        for word in sorted(w for w in words if w):
            tokens = _TOKEN.findall(word)
            # pkuseg renames "*" in the text, so a word holding a literal star can never be a slice
            if WORD_MIN <= len(tokens) <= WORD_MAX and "*" not in tokens and NO_WORD not in tokens:
                self.word_ids[word] = len(word_nodes)
                word_nodes.append([self.node(t) for t in tokens])
        n = len(word_nodes)
        self.no_word = n + 1
        self.empty = n if "" in words else self.no_word  # an out-of-range slice reads as "", a word of pkuseg's
        if "" in words:
            self.word_ids[""] = n
        self.word_ids[NO_WORD] = self.no_word
        self.stride = n + 2
        self.word_nodes = np.zeros((n, WORD_MAX), dtype=np.int32)
        for i, row in enumerate(word_nodes):
            self.word_nodes[i, : len(row)] = row
        self.word_lengths = np.array([len(row) for row in word_nodes], dtype=np.int8)
        self.word_features = np.full((self.stride, 2), -1, dtype=np.int32)
        self.uni: dict[int, list[int]] = {}
        self.pairs: dict[tuple[int, int], list[int]] = {}
        self.ww: tuple[dict[int, int], dict[int, int]] = ({}, {})
        for name, fid in features.items():
            self.add(name, fid)

    def node(self, token: str) -> int:
        found = self.nodes.get(token)
        if found is None:
            found = self.nodes[token] = len(self.nodes)
        return found

    def add(self, name: str, fid: int) -> None:
        if name.startswith("ww."):
            tokens = _TOKEN.findall(name[5:])
            stars = [i for i, t in enumerate(tokens) if t == "*"]
            if len(stars) == 1 and name[3] in "lr":
                pre = self.word_ids.get("".join(tokens[: stars[0]]))
                post = self.word_ids.get("".join(tokens[stars[0] + 1 :]))
                if pre is not None and post is not None:
                    self.ww[name[3] == "r"][pre * self.stride + post] = fid
            return
        for col, prefix in enumerate(("w-1.", "w1.")):
            if name.startswith(prefix):
                word = self.word_ids.get(name[len(prefix) :])
                if word is not None and word != self.no_word:
                    self.word_features[word, col] = fid
                return
        for col, prefix in enumerate(PAIR):
            if name.startswith(prefix):
                tokens = _TOKEN.findall(name[len(prefix) :])
                if len(tokens) == 3 and tokens[1] == "." and "." not in (tokens[0], tokens[2]):
                    key = (self.node(tokens[0]), self.node(tokens[2]))
                    self.pairs.setdefault(key, [-1, -1, -1])[col] = fid
                return
        for col, prefix in enumerate(UNI):
            if name.startswith(prefix):
                tokens = _TOKEN.findall(name[len(prefix) :])
                if len(tokens) == 1:
                    self.uni.setdefault(self.node(tokens[0]), [-1] * len(UNI))[col] = fid
                return

    def save(self, dest: Path) -> dict[str, Any]:
        size = len(self.nodes)
        uni = np.full((size, len(UNI)), -1, dtype=np.int32)
        for node, ids in self.uni.items():
            uni[node] = ids
        np.save(dest / "uni.npy", uni)
        keys = np.array([a * size + b for a, b in self.pairs], dtype=np.int64)
        order = np.argsort(keys)
        np.save(dest / "pair_keys.npy", keys[order])
        np.save(dest / "pair_ids.npy", np.array(list(self.pairs.values()), dtype=np.int32).reshape(-1, 3)[order])
        for side, table in zip("lr", self.ww, strict=True):
            keys = np.fromiter(table.keys(), dtype=np.int64, count=len(table))
            order = np.argsort(keys)
            np.save(dest / f"ww{side}_keys.npy", keys[order])
            np.save(dest / f"ww{side}_ids.npy", np.fromiter(table.values(), dtype=np.int32, count=len(table))[order])
        np.save(dest / "word_nodes.npy", self.word_nodes)
        np.save(dest / "word_features.npy", self.word_features)
        for length in range(WORD_MIN, WORD_MAX + 1):
            rows = np.flatnonzero(self.word_lengths == length)
            hashes = window_hash(self.word_nodes[rows, :length])
            order = np.argsort(hashes)
            if len(rows) > 1 and bool((hashes[order][1:] == hashes[order][:-1]).any()):
                raise TableError(f"{length} 字词的哈希出现碰撞，无法建立特征表")
            np.save(dest / f"words{length}_hash.npy", hashes[order])
            np.save(dest / f"words{length}_ids.npy", rows[order].astype(np.int32))
        # the node pkuseg makes of each character of text (``FeatureExtractor.normalize_text``)
        from spacy_pkuseg.feature_extractor import FeatureExtractor as Stock

        alphabet = np.zeros(0x10000, dtype=np.int32)
        for code in range(0x10000):
            node = Stock._num_letter_normalize_char(Stock.keyword_rename(chr(code)))
            alphabet[code] = self.nodes.get(node, 0)
        np.save(dest / "alphabet.npy", alphabet)
        beyond = {ord(t): i for t, i in self.nodes.items() if len(t) == 1 and ord(t) >= 0x10000}
        return {"nodes": size, "stride": self.stride, "empty": self.empty, "no_word": self.no_word,
                "beyond_bmp": {str(k): v for k, v in sorted(beyond.items())}}


def build(model: Path, dest: Path) -> None:
    """Write the table files for ``model`` into the (existing, empty) directory ``dest``."""
    import srsly  # spaCy's msgpack reader; only needed while building

    data = srsly.read_msgpack(model / "features.msgpack")
    features: dict[str, int] = data["feature_to_idx"]
    if features and (min(features.values()) < 0 or max(features.values()) >= 2**31):
        raise TableError("特征编号超出范围")
    with np.load(model / "weights.npz") as npz:
        sizes = npz["sizes"]
        weights = np.ascontiguousarray(npz["w"], dtype=np.float64)
    n_tag, n_feature = int(sizes[0]), int(sizes[1])
    if weights.shape != (n_tag * (n_feature + n_tag),) or len(features) > n_feature:
        raise TableError("weights.npz 与特征表不匹配")
    meta = _Builder(features, list(data["unigram"])).save(dest)
    np.save(dest / "weights.npy", weights)
    meta.update(version=TABLE_VERSION, n_tag=n_tag, n_feature=n_feature, n_entries=len(features),
                tag_to_idx=data["tag_to_idx"])
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
    """The memory-mapped tables of one model (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.meta: dict[str, Any] = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        if self.meta.get("version") != TABLE_VERSION:
            raise TableError(f"{path}: 特征表版本不符")
        # np.memmap's own indexing costs ~30 µs a call; a plain ndarray over the same mapping does not
        load = lambda name: np.load(path / f"{name}.npy", mmap_mode="r").view(np.ndarray)  # noqa: E731
        self.alphabet = np.load(path / "alphabet.npy")  # 256 KB, read whole: every text touches most of it
        self.beyond_bmp = {int(k): int(v) for k, v in self.meta["beyond_bmp"].items()}
        self.uni, self.pair_keys, self.pair_ids = load("uni"), load("pair_keys"), load("pair_ids")
        self.word_nodes, self.word_features = load("word_nodes"), load("word_features")
        self.words = {n: (load(f"words{n}_hash"), load(f"words{n}_ids")) for n in range(WORD_MIN, WORD_MAX + 1)}
        self.ww = ((load("wwl_keys"), load("wwl_ids")), (load("wwr_keys"), load("wwr_ids")))
        self.n_tag, self.n_feature = int(self.meta["n_tag"]), int(self.meta["n_feature"])
        weights = load("weights")
        if weights.shape != (self.n_tag * (self.n_feature + self.n_tag),) or weights.dtype != np.float64:
            raise TableError(f"{path}: weights.npy 的形状或类型不符")
        self.weights = weights

    def __len__(self) -> int:
        return int(self.meta["n_entries"])
