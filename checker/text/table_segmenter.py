"""pkuseg's segmentation of many pieces of text at once: its features found with numpy, its Viterbi pass.

Stock spacy-pkuseg builds ~70 feature strings per character, looks each up in a 2.64-million-entry dict
and sums their weights, one piece of text at a time. Here the same features come from the integer tables of
:mod:`checker.text.feature_table`, for every character of every piece handed over together, as one
``(characters × 69)`` matrix of feature ids: column by column in pkuseg's own order, -1 where pkuseg finds
no feature. The weights are summed column by column in that order (so every sum is the same float, bit for
bit), and each piece gets pkuseg's own Cython Viterbi pass. pkuseg's user dictionary and post-processing
run unchanged around it. The words are identical to stock spacy-pkuseg's (tests/test_segmentation_identical).

Per character, for character ``i`` of a piece of ``n`` (pkuseg's ``__get_node_features_idx``):

* the start feature (id 0);
* ``c.`` i, ``c-1.`` i-1, ``c-1c.`` (i-1, i), ``c1.`` i+1, ``cc1.`` (i, i+1), ``c-2.`` i-2,
  ``c-2c-1.`` (i-2, i-1), ``c2.`` i+2 — those that fall inside the piece;
* for lengths 6 … 2, the dictionary word ending at i (``w-1.``), then those starting at i (``w1.``);
* every pair (word ending at i-1, word starting at i) for ``ww.l.`` and (ending at i, starting at i+1) for
  ``ww.r.``, 25 each, "no word" where a slice is not in the dictionary and the empty word where it runs
  past the piece (pkuseg's dictionary holds "", and an out-of-range slice reads as "").
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import numpy as np
import spacy_pkuseg
from spacy_pkuseg.inference import run_viterbi

from checker.text.feature_table import WORD_HASH, WORD_MAX, WORD_MIN, FeatureTable

COLUMNS = 1 + 8 + 2 * (WORD_MAX - WORD_MIN + 1) + 2 * (WORD_MAX - WORD_MIN + 1) ** 2
_LENGTHS = range(WORD_MAX, WORD_MIN - 1, -1)  # pkuseg's order: longest slice first
# Characters whose features are found together: the matrices are ~2.5 KB per character.
_BLOCK = 20_000


def _find(keys: np.ndarray, ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The id (or row of ids) beside each wanted key in the sorted ``keys``, -1 where it is not there."""
    if not len(keys):
        return np.full((len(wanted), *ids.shape[1:]), -1, dtype=np.int32)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    hit = (keys[at] == wanted).reshape(-1, *[1] * (ids.ndim - 1))  # ids may hold a row per key
    return np.where(hit, ids[at], -1)


class TableSegmenter:
    """Tags for pieces of text (pkuseg's ``_cut`` before words are formed), from one :class:`FeatureTable`."""

    def __init__(self, table: FeatureTable) -> None:
        self.table = table
        self.n_tag = table.n_tag
        self.weights = Weights(table)
        # pkuseg's getLogYY: edge[s_pre, s] = 1 + w[transition s, s_pre]
        transitions = np.array(table.weights[table.n_feature * self.n_tag :]).reshape(self.n_tag, self.n_tag)
        self.edge = np.ascontiguousarray(1.0 + transitions.T)
        meta = table.meta
        self.stride, self.empty, self.no_word = int(meta["stride"]), int(meta["empty"]), int(meta["no_word"])
        nothing = self.no_word * self.stride + self.no_word
        self._nothing = nothing  # "no word * no word": most word pairs, found once here
        self._nothing_ids = [int(_find(k, i, np.array([nothing], dtype=np.int64))[0]) for k, i in table.ww]
        tag_to_idx: dict[str, int] = meta["tag_to_idx"]
        self.starts_word = np.zeros(self.n_tag, dtype=bool)
        for tag, idx in tag_to_idx.items():
            self.starts_word[idx] = "B" in tag  # pkuseg: a "B…" tag begins a word

    def nodes(self, text: str) -> np.ndarray:
        """The node index of each character (pkuseg's ``normalize_text``, as table indices)."""
        raw = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        nodes = self.table.alphabet[raw & 0xFFFF]
        beyond = np.flatnonzero(raw >= 0x10000)
        if len(beyond):
            get = self.table.beyond_bmp.get
            nodes[beyond] = [get(int(c), 0) for c in raw[beyond]]
        return nodes

    def features(self, pieces: list[str]) -> np.ndarray:
        """Feature ids, one row per character of the pieces (in turn), one column per pkuseg feature."""
        table = self.table
        nodes = self.nodes("".join(pieces))
        n = len(nodes)
        lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
        pos = np.arange(n) - np.repeat(np.cumsum(lengths) - lengths, lengths)  # index within its piece
        after = np.repeat(lengths, lengths) - 1 - pos  # characters after it in its piece
        padded = np.concatenate([nodes, np.zeros(WORD_MAX + 2, dtype=nodes.dtype)])
        out = np.full((n, COLUMNS), -1, dtype=np.int32)
        out[:, 0] = 0

        # characters and pairs of characters; pair j is (j, j+1)
        uni = table.uni
        pairs = np.full((n, 3), -1, dtype=np.int32)
        inside = np.flatnonzero(after >= 1)
        if len(inside):
            keys = nodes[inside].astype(np.int64) * len(uni) + padded[inside + 1]
            pairs[inside] = _find(table.pair_keys, table.pair_ids, keys)
        has1, has2, next1, next2 = pos >= 1, pos >= 2, after >= 1, after >= 2
        out[:, 1] = uni[nodes, 0]
        out[1:, 2] = np.where(has1[1:], uni[nodes[:-1], 1], -1)
        out[1:, 3] = np.where(has1[1:], pairs[:-1, 0], -1)
        out[:-1, 4] = np.where(next1[:-1], uni[nodes[1:], 2], -1)
        out[:, 5] = np.where(next1, pairs[:, 1], -1)
        out[2:, 6] = np.where(has2[2:], uni[nodes[:-2], 3], -1)
        out[2:, 7] = np.where(has2[2:], pairs[:-2, 2], -1)
        out[:-2, 8] = np.where(next2[:-2], uni[nodes[2:], 4], -1)

        # starting[L][j]: the dictionary word of L nodes starting at j, "no word", or the empty word when
        # the slice runs past the piece
        starting = {}
        windows = np.lib.stride_tricks.sliding_window_view(padded, WORD_MAX)
        with np.errstate(over="ignore"):
            h = padded[:n].astype(np.uint64) + np.uint64(1)
            for length in range(2, WORD_MAX + 1):
                h = h * WORD_HASH + padded[length - 1 : n + length - 1].astype(np.uint64) + np.uint64(1)
                if length < WORD_MIN:
                    continue
                word = np.full(n, self.empty, dtype=np.int64)
                fits = np.flatnonzero(after >= length - 1)
                word[fits] = self.no_word
                hashes, ids = table.words[length]
                found = _find(hashes, ids, h[fits])
                hit = found >= 0
                fits, found = fits[hit], found[hit]
                same = (table.word_nodes[found, :length] == windows[fits, :length]).all(axis=1)
                word[fits[same]] = found[same]
                starting[length] = word

        empty = self.empty
        ends_at, starts_at, ends_before, starts_after = [], [], [], []
        for length in _LENGTHS:
            word = starting[length]
            a = np.full(n, empty, dtype=np.int64)  # ends at i: starts at i - length + 1
            if n >= length:
                a[length - 1 :] = word[: n - length + 1]
                a[pos < length - 1] = empty
            ends_at.append(a)
            starts_at.append(word)
            b = np.full(n, empty, dtype=np.int64)  # ends at i - 1
            if n > length:
                b[length:] = word[: n - length]
                b[pos < length] = empty
            ends_before.append(b)
            c = np.full(n, empty, dtype=np.int64)  # starts at i + 1
            c[:-1] = word[1:]
            c[after < 1] = empty
            starts_after.append(c)
        col = 9
        for side, words in enumerate((ends_at, starts_at)):
            for word in words:
                out[:, col] = table.word_features[word, side]
                col += 1
        span = len(_LENGTHS) ** 2
        for side, (before, later) in enumerate(((ends_before, starts_at), (ends_at, starts_after))):
            keys = np.empty((n, span), dtype=np.int64)
            k = 0
            for pre in before:
                for post in later:
                    np.add(pre * self.stride, post, out=keys[:, k])
                    k += 1
            flat = keys.ravel()
            ids = np.full(flat.shape, self._nothing_ids[side], dtype=np.int32)
            some = np.flatnonzero(flat != self._nothing)
            ids[some] = _find(*table.ww[side], flat[some])
            out[:, col : col + span] = ids.reshape(n, span)
            col += span
        return out

    def scores(self, pieces: list[str]) -> np.ndarray:
        """pkuseg's node scores: per character, the weights of its features summed in pkuseg's order."""
        features = self.features(pieces)
        n = features.shape[0]
        node = np.zeros((n, self.n_tag))
        rows, features = self.weights.rows(features)
        for k in range(COLUMNS):
            ids = features[:, k]
            present = np.flatnonzero(ids >= 0)
            if len(present) == n:
                node += rows[ids]
            elif len(present):
                node[present] += rows[ids[present]]
        return node

    def tags(self, pieces: list[str]) -> list[np.ndarray]:
        """pkuseg's tag indices for each piece (no whitespace), scored a block of pieces at a time."""
        out: list[np.ndarray] = []
        for block in _blocks(pieces):
            node = self.scores(block)
            at = 0
            for piece in block:
                # pkuseg's Viterbi pass needs one character at least
                out.append(run_viterbi(node[at : at + len(piece)], self.edge)[1] if piece else np.zeros(0, np.int32))
                at += len(piece)
        return out

    def words(self, pieces: list[str]) -> list[list[str]]:
        """Each piece cut into words where its tags begin one (pkuseg's ``_cut``)."""
        out: list[list[str]] = []
        for piece, tags in zip(pieces, self.tags(pieces), strict=True):
            if not piece:
                out.append([])
                continue
            starts = np.flatnonzero(self.starts_word[tags[1:]]) + 1
            bounds = [0, *starts.tolist(), len(piece)]
            out.append([piece[a:b] for a, b in zip(bounds, bounds[1:])])  # noqa: B905
        return out


def _blocks(pieces: list[str]) -> Iterator[list[str]]:
    """The pieces in order, in runs of at most ``_BLOCK`` characters (a longer piece is a run alone)."""
    block: list[str] = []
    size = 0
    for piece in pieces:
        if block and size + len(piece) > _BLOCK:
            yield block
            block, size = [], 0
        block.append(piece)
        size += len(piece)
    if block:
        yield block


class Weights:
    """The weight rows of features, as few of them in this process's memory as will do.

    Gathering rows straight from the memory-mapped 105 MB file maps nearly all of it even for one report
    (the kernel maps 64 KB around each page touched, and rare features are spread over the whole file).
    So while a process has met few features — a check — each new row is read with ``pread`` (neighbouring
    rows in one read) into a small array, and features are renumbered into it. Once it has read
    :attr:`READ_LIMIT` rows — a batch worker, or a very long report — the file is mapped instead: its pages
    are then shared with every other worker, and reading row by row would only cost time.
    """

    READ_LIMIT = 200_000
    _GAP = 64  # rows: ids closer than this are read together

    def __init__(self, table: FeatureTable) -> None:
        self.n_tag = table.n_tag
        self._mapped = table.weights[: table.n_feature * self.n_tag].reshape(table.n_feature, self.n_tag)
        self._path = table.path / "weights.npy"
        self._offset = int(np.load(self._path, mmap_mode="r").offset)  # the header only; no data page is read
        # 1 + the row's place in _local, 0 for a row not read (np.zeros: untouched pages cost no memory)
        self._slot: np.ndarray = np.zeros(table.n_feature, dtype=np.int32)
        self._local: np.ndarray = np.zeros((1024, self.n_tag))
        self._used = 0
        self.reading = True

    def rows(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """An array of rows and the features renumbered into it (-1 stays -1)."""
        if not self.reading:
            return self._mapped, features
        present = features >= 0
        slots = self._slot[np.where(present, features, 0)]
        missing = np.unique(features[present & (slots == 0)])
        if len(missing):
            if self._used + len(missing) > self.READ_LIMIT:
                self.reading = False
                self._slot = self._local = np.zeros(0)  # given back: the mapping serves from now on
                return self._mapped, features
            self._read(missing)
            slots = self._slot[np.where(present, features, 0)]
        return self._local, np.where(present, slots - 1, -1)

    def _read(self, ids: np.ndarray) -> None:
        need = self._used + len(ids)
        if need > len(self._local):
            grown = np.zeros((max(need, 2 * len(self._local)), self.n_tag))
            grown[: self._used] = self._local[: self._used]
            self._local = grown
        row = self.n_tag * 8
        cut = np.flatnonzero(np.diff(ids) > self._GAP) + 1
        with open(self._path, "rb", buffering=0) as f:
            fd = f.fileno()
            for group in np.split(ids, cut):
                first, last = int(group[0]), int(group[-1])
                data = os.pread(fd, (last - first + 1) * row, self._offset + first * row)
                if len(data) != (last - first + 1) * row:
                    raise ValueError(f"{self._path}: shorter than its header says")
                block = np.frombuffer(data, dtype=np.float64).reshape(-1, self.n_tag)
                self._local[self._used : self._used + len(group)] = block[group - first]
                self._used += len(group)
        self._slot[ids] = np.arange(need - len(ids) + 1, need + 1, dtype=np.int32)


class TablePkuseg(spacy_pkuseg.pkuseg):  # type: ignore[misc]
    """spacy-pkuseg's segmenter with its features from the table; ``cut`` answers as pkuseg's does, and
    ``cut_many`` cuts many texts with one pass over all their pieces."""

    def __init__(self, model_name: str, user_dict: str = "default", postag: bool = False, *,
                 table: FeatureTable) -> None:
        self.segmenter = TableSegmenter(table)
        # pkuseg's constructor sets up the user dictionary and post-processing; its feature dict and weights
        # are not loaded: it is handed stand-ins that only say how many features there are.
        stand_in = SimpleNamespace(tag_to_idx=dict(table.meta["tag_to_idx"]), feature_to_idx=range(len(table)),
                                   save=_unsupported)
        model = SimpleNamespace(n_tag=table.n_tag, n_feature=table.n_feature, save=_unsupported)
        saved = spacy_pkuseg.FeatureExtractor, spacy_pkuseg.Model
        spacy_pkuseg.FeatureExtractor = SimpleNamespace(load=lambda *_a, **_k: stand_in)
        spacy_pkuseg.Model = SimpleNamespace(load=lambda *_a, **_k: model)
        try:
            super().__init__(model_name, user_dict, postag)
        finally:
            spacy_pkuseg.FeatureExtractor, spacy_pkuseg.Model = saved

    def _cut(self, text: str) -> list[str]:
        return self.segmenter.words([text])[0]

    def cut_many(self, texts: list[str]) -> list[list[str]]:
        """``[self.cut(t) for t in texts]``, with the pieces of all texts segmented together.

        The steps are pkuseg's ``cut``: strip, split at whitespace, cut out the user dictionary's words
        (``preprocesser.solve``), segment the rest, post-process each segmented piece.
        """
        plans: list[list[tuple[str, bool]]] = []
        pieces: list[str] = []
        for text in texts:
            plan: list[tuple[str, bool]] = []
            for chunk in text.strip().split():
                parts, is_word, _ = self.preprocesser.solve(chunk)
                plan.extend(zip(parts, is_word, strict=True))
                pieces.extend(p for p, w in zip(parts, is_word, strict=True) if not w)
            plans.append(plan)
        cut = iter(self.segmenter.words(pieces))
        out = []
        for plan in plans:
            words: list[str] = []
            for part, is_word in plan:
                if is_word:
                    words.append(part)
                else:
                    words.extend(self.postprocesser(next(cut)))
            out.append(words)
        return out


def _unsupported(*_args: Any, **_kwargs: Any) -> None:
    raise NotImplementedError("the table keeps integer keys, not the feature strings; save the original model")


@contextlib.contextmanager
def loading_from(table: FeatureTable) -> Iterator[None]:
    """While active, ``spacy_pkuseg.pkuseg(...)`` (as spaCy's Chinese tokenizer calls it) is a
    :class:`TablePkuseg` reading ``table``."""
    saved = spacy_pkuseg.pkuseg
    spacy_pkuseg.pkuseg = functools.partial(TablePkuseg, table=table)
    try:
        yield
    finally:
        spacy_pkuseg.pkuseg = saved
