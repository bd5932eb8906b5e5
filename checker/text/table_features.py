"""pkuseg's feature extractor, fed from the memory-mapped table instead of the 2.64-million-entry dict.

pkuseg asks, for every character, for the ids of ~70 feature strings (the character and its neighbours,
dictionary words ending or starting there, and pairs of those). Its Cython extractor insists on a real
``dict`` (and a real ``set`` of words), so it cannot read a table directly. Instead, for each piece of text
it is given, :class:`TableFeatures` first lists every feature string that piece can ask for (a superset is
fine: unused entries change nothing), looks them all up in the table in one numpy pass, and hands pkuseg's
own extractor that small dict. The extraction, its order and the Viterbi pass are pkuseg's, unchanged, so
segmentation is identical token for token; only the storage differs.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import numpy as np
from spacy_pkuseg import feature_extractor as _stock
from spacy_pkuseg.config import config

from checker.text.feature_table import FeatureTable

_NO_WORD = "**noWord"  # pkuseg's marker for "no dictionary word here"
# Strings remembered (~18 MB) before the look-up caches start again. A batch worker segments millions of
# characters: a larger cache only grows (to ~200 MB at 2 million strings, ~30 MB at 300,000) and hardly
# segments faster (measured over 1M characters: 2 million or 300,000 strings the same, 100,000 ~3 %
# slower), as looking up the new strings of a piece costs little beside the piece's own work.
_CACHE_LIMIT = 150_000
_extract = getattr(_stock, "__get_node_features_idx")  # the module-level Cython function pkuseg itself calls


def _pair(a: str, b: str) -> str:
    return a + "." + b


class FeatureCount:
    """Stands in for ``feature_to_idx`` where pkuseg only asks how many features there are."""

    def __init__(self, table: FeatureTable) -> None:
        self._table = table

    def __len__(self) -> int:
        return len(self._table)

    def get(self, feature: str, default: int | None = None) -> int | None:
        return self._table.feature_ids([feature]).get(feature, default)

    def __contains__(self, feature: object) -> bool:
        return isinstance(feature, str) and self.get(feature) is not None

    def __getitem__(self, feature: str) -> int:
        found = self.get(feature)
        if found is None:
            raise KeyError(feature)
        return found


class TableFeatures(_stock.FeatureExtractor):  # type: ignore[misc]
    """A FeatureExtractor whose lookups go to the table; pkuseg's ``_cut`` calls it as it calls its own."""

    def __init__(self, table: FeatureTable) -> None:  # the stock __init__ would build empty dicts
        self.table = table
        self.feature_to_idx = FeatureCount(table)
        self.tag_to_idx = dict(table.meta["tag_to_idx"])
        self.unigram = table.words  # a real set, as pkuseg's Cython extractor requires
        self.bigram: set[str] = set()
        self._nodes: list[str] | None = None
        # What has been looked up so far. Handing pkuseg every feature found so far (not just this piece's)
        # is exact: each entry is a true feature with its true id, and every string this piece can ask for
        # has been looked up. Cleared when it grows past _CACHE_LIMIT.
        self.weights = LocalWeights(table)
        self._ids: dict[str, int] = {}  # feature → its slot in self.weights
        self._absent: set[str] = set()
        self._seen: set[str] = set()  # characters, "a.b" pairs and "w:"-words whose features are looked up
        # pkuseg's dictionary holds "", and an out-of-range slice is "": near an edge "" is a word.
        self._edge = "" in table.words

    def save(self, model_dir: Any = None) -> None:
        raise NotImplementedError("the table keeps hashes, not the feature strings; save the original model")

    def get_node_features_idx(self, idx: int, nodes: list[str]) -> list[int]:
        # pkuseg's _cut builds one list of nodes per piece and asks for every index of it in turn.
        if nodes is not self._nodes:
            self.prepare(nodes)
            self._nodes = nodes
        return _extract(config, idx, nodes, self._ids, self.unigram)  # type: ignore[no-any-return]

    def prepare(self, nodes: list[str]) -> None:
        """Look up the dictionary words among the slices of ``nodes`` and every feature they may need."""
        if len(self._ids) + len(self._absent) + len(self._seen) > _CACHE_LIMIT:
            self._ids, self._absent, self._seen = {}, set(), set()
            self.weights.reset()
        n, wmin, wmax = len(nodes), config.wordMin, config.wordMax
        # Every slice pkuseg tests against its dictionary: wordMin..wordMax nodes, joined. Nodes are mostly
        # one character ("**Num" and "**Letter" are not), so slices are cut from the joined text by offsets.
        joined = "".join(nodes)
        at = range(n + 1) if len(joined) == n else list(itertools.accumulate(map(len, nodes), initial=0))
        sizes = range(wmin, wmax + 1)
        slices = [[joined[at[s] : at[s + size]] for s in range(n - size + 1)] for size in sizes]
        is_word = self.table.words.__contains__
        starts: dict[int, list[str]] = {}
        ends: dict[int, list[str]] = {}
        found: set[str] = {""} if self._edge else set()
        for size, row in zip(sizes, slices, strict=True):
            for s in itertools.compress(range(len(row)), map(is_word, row)):
                text = row[s]
                found.add(text)
                starts.setdefault(s, []).append(text)
                ends.setdefault(s + size - 1, []).append(text)

        # Character, pair and word features depend on the character, pair or word alone: each is listed
        # once, the first time it is met.
        wanted: set[str] = set()
        seen = self._seen
        chars = {c for c in nodes if c not in seen}
        for prefix in ("c.", "c-1.", "c1.", "c-2.", "c2."):
            wanted.update(prefix + c for c in chars)
        pairs = {p for p in map(_pair, nodes, nodes[1:]) if p not in seen}
        for prefix in ("c-1c.", "cc1.", "c-2c-1."):
            wanted.update(prefix + p for p in pairs)
        words = {w for w in found if "w:" + w not in seen}
        for word in words:
            wanted.add("w-1." + word)
            wanted.add("w1." + word)
        seen.update(chars)
        seen.update(pairs)
        seen.update("w:" + w for w in words)
        # Word-pair features: a word (or none) ending before/at i with a word (or none) starting at/after i.
        # "No word" is always added: a superset of what pkuseg will ask for, never less.
        wanted.add(f"ww.l.{_NO_WORD}*{_NO_WORD}")
        wanted.add(f"ww.r.{_NO_WORD}*{_NO_WORD}")
        # Only positions next to a word, or within wordMax of an end (where a slice falls outside the text
        # and reads as "", which pkuseg's dictionary holds), have pairs besides "no word * no word".
        near = {i for s in starts for i in (s - 1, s)} | {i for e in ends for i in (e, e + 1)}
        if self._edge:
            near.update(range(min(wmax, n)), range(max(n - wmax - 1, 0), n))
        none: list[str] = []
        edge = [""] if self._edge else []
        for i in sorted(near):
            if not 0 <= i < n:
                continue
            before, at_start = ends.get(i - 1, none), starts.get(i, none)
            at_end, after = ends.get(i, none), starts.get(i + 1, none)
            if edge and (i < wmax or i >= n - wmax - 1):
                before, at_start, at_end, after = before + edge, at_start + edge, at_end + edge, after + edge
            if before or at_start:
                for pre in (*before, _NO_WORD):
                    for post in (*at_start, _NO_WORD):
                        wanted.add(f"ww.l.{pre}*{post}")
            if at_end or after:
                for pre in (*at_end, _NO_WORD):
                    for post in (*after, _NO_WORD):
                        wanted.add(f"ww.r.{pre}*{post}")
        fresh = [f for f in wanted if f not in self._ids and f not in self._absent]
        if fresh:
            ids = self.table.feature_ids(fresh)
            self._ids.update(zip(ids, self.weights.slots(list(ids.values())), strict=True))
            self._absent.update(f for f in fresh if f not in ids)


class LocalWeights:
    """pkuseg's ``Model`` holding only the weight rows of the features met so far, renumbered 0, 1, 2 …

    The full weight vector is 105 MB; a check of 40,000 characters uses ~30,000 of its 2.64 million rows.
    Mapping the file would put most of it into the process's memory (the kernel maps 64 KB around each
    page touched), so each new row is read with ``pread`` (40 bytes) into a small array that grows by
    doubling. The tag-transition weights follow the last slot, where pkuseg's Viterbi pass looks for
    them (at ``n_feature * n_tag``). Slot 0 is feature 0, the start feature pkuseg adds itself.
    """

    def __init__(self, table: FeatureTable) -> None:
        from spacy_pkuseg.model import Model

        self.n_tag = int(table.meta["n_tag"])
        self._n_global = int(table.meta["n_feature"])
        path = table.path / "weights.npy"
        header = np.load(path, mmap_mode="r")  # only to read the header: no data page is touched
        if header.shape != (self.n_tag * (self._n_global + self.n_tag),) or header.dtype != np.float64:
            raise ValueError(f"{path}: weights of shape {header.shape}, dtype {header.dtype}")
        self._base = int(header.offset)
        del header
        self._fd = os.open(path, os.O_RDONLY)
        self._row = self.n_tag * 8
        self._transitions = self._read(self._n_global, self.n_tag)
        self.model = Model.__new__(Model)
        self.model.n_tag = self.n_tag
        self._slots: dict[int, int] = {}
        self.reset()

    def _read(self, first_row: int, rows: int) -> np.ndarray:
        data = os.pread(self._fd, rows * self._row, self._base + first_row * self._row)
        if len(data) != rows * self._row:
            raise ValueError("weights.npy is shorter than its header says")
        return np.frombuffer(data, dtype=np.float64)

    def reset(self) -> None:
        self._slots = {}
        self._resize(1024)
        self.slots([0])

    def _resize(self, capacity: int) -> None:
        n_tag, used = self.n_tag, len(self._slots)
        w = np.zeros(capacity * n_tag + n_tag * n_tag, dtype=np.float64)
        if used:
            w[: used * n_tag] = self.model.w[: used * n_tag]
        w[capacity * n_tag :] = self._transitions
        self.model.w, self.model.n_feature = w, capacity
        self.model.n_transition_feature = n_tag * (capacity + n_tag)

    def slots(self, ids: list[int]) -> list[int]:
        """The local slot of each global feature id, reading the rows of ids not seen before."""
        new = sorted({g for g in ids if g not in self._slots})
        if new:
            need = len(self._slots) + len(new)
            if need > self.model.n_feature:
                self._resize(max(need, 2 * self.model.n_feature))
            n_tag, w = self.n_tag, self.model.w
            for g in new:
                slot = len(self._slots)
                w[slot * n_tag : (slot + 1) * n_tag] = self._read(g, 1)
                self._slots[g] = slot
        return [self._slots[g] for g in ids]


@contextlib.contextmanager
def loading_from(table: FeatureTable) -> Iterator[None]:
    """While active, ``spacy_pkuseg.pkuseg(...)`` takes its features and weights from ``table``.

    pkuseg's constructor calls ``FeatureExtractor.load()`` and ``Model.load()`` by the names in its own
    module; everything else it sets up (user dictionary, post-processing) stays its own.
    """
    import spacy_pkuseg

    saved = spacy_pkuseg.FeatureExtractor, spacy_pkuseg.Model
    features = TableFeatures(table)
    model = features.weights.model
    spacy_pkuseg.FeatureExtractor = SimpleNamespace(load=lambda *_a, **_k: features)
    spacy_pkuseg.Model = SimpleNamespace(load=lambda *_a, **_k: model)
    try:
        yield
    finally:
        spacy_pkuseg.FeatureExtractor, spacy_pkuseg.Model = saved
