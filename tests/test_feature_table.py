"""The integer feature tables: the same feature ids as pkuseg's own extractor, rebuilt when the model changes.

A tiny model written here (same file formats as pkuseg's) keeps these fast and reaches every template,
pkuseg's number/letter classes and renamed characters, the empty word and pieces shorter than the widest
template; the real model's words are compared with stock spacy-pkuseg in test_segmentation_identical.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import srsly
from spacy_pkuseg import feature_extractor as stock
from spacy_pkuseg.config import config

from checker.text import feature_table
from checker.text.table_segmenter import TableSegmenter

FEATURES = {
    "$$": 0, "c.法": 1, "c1.治": 2, "cc1.法.治": 3, "w1.法治": 4, "ww.l.**noWord***noWord": 5, "c.ｘ": 6,
    "c-1.法": 7, "c-2.法": 8, "c2.府": 9, "c-1c.法.治": 10, "c-2c-1.法.治": 11, "c.**Num": 12,
    "c.**Letter": 13, "c.&": 14, "cc1.**Num.年": 15, "w-1.法治": 16, "w-1.": 17, "w1.": 18,
    "ww.r.法治**noWord": 19, "ww.r.法治***noWord": 20, "ww.l.*法治政府": 21, "ww.r.*": 22,
    "ww.l.法治*政府": 23, "w1.**Num年": 24, "ww.l.**noWord***Num年": 25, "c.𠀀": 26, "c1.𠀀": 27,
    "w-1.法治政府": 28, "c.法治": 29, "w1.法": 30, "c.五": 31, "ww.l.**noWord*法*治": 32, "w1.**": 33,
}  # fmt: skip
WORDS = ["", "法治", "政府", "法治政府", "**Num年", "法", "**", "依法治理法治政府"]
TAGS = {"B": 0, "B_single": 1, "I": 2, "I_end": 3, "I_first": 4}
TEXTS = [
    "法治政府", "法", "法治", "依法治理法治政府建设", "2024年法治政府", "ＡＢ法治ｘ", "a.b,c|d/e*f:g法治",
    "𠀀法治𠀀", "五年法治", "法治政府法治政府法治", "龘", "府法治政府政",
]  # fmt: skip


def write_model(path: Path, features: dict[str, int] = FEATURES) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    data = {"unigram": WORDS, "bigram": [], "feature_to_idx": features, "tag_to_idx": TAGS}
    srsly.write_msgpack(path / "features.msgpack", data)
    n_tag, n_feature = len(TAGS), max(features.values()) + 1
    w = np.arange(n_tag * (n_feature + n_tag), dtype=np.float64)
    np.savez(path / "weights.npz", sizes=np.array([n_tag, n_feature]), w=w)
    return path


def pkuseg_ids(text: str, features: dict[str, int] = FEATURES) -> list[list[int]]:
    """What spacy-pkuseg's own Cython extractor finds for each character of ``text``."""
    nodes = list(stock.FeatureExtractor.normalize_text(text))
    extract = getattr(stock, "__get_node_features_idx")
    return [extract(config, i, nodes, features, set(WORDS)) for i in range(len(nodes))]


@pytest.fixture
def segmenter(tmp_path: Path) -> TableSegmenter:
    return TableSegmenter(feature_table.FeatureTable(feature_table.ensure(write_model(tmp_path / "m"))))


@pytest.mark.parametrize("text", TEXTS)
def test_each_character_gets_pkusegs_feature_ids_in_pkusegs_order(segmenter: TableSegmenter, text: str) -> None:
    expected = pkuseg_ids(text)
    assert sum(map(len, expected)) > len(text), "the text meets features besides the start feature"
    got = [[int(i) for i in row if i >= 0] for row in segmenter.features([text])]
    assert got == expected


def test_pieces_handed_over_together_are_each_their_own_text(segmenter: TableSegmenter) -> None:
    together = segmenter.features(TEXTS)
    expected = [row for text in TEXTS for row in pkuseg_ids(text)]
    assert [[int(i) for i in row if i >= 0] for row in together] == expected


def test_scores_sum_pkusegs_weights_of_each_feature(segmenter: TableSegmenter) -> None:
    text = "依法治理法治政府建设"
    w = np.arange(len(TAGS) * (max(FEATURES.values()) + 1 + len(TAGS)), dtype=np.float64)
    rows = w[: len(TAGS) * (max(FEATURES.values()) + 1)].reshape(-1, len(TAGS))
    expected = np.array([rows[ids].sum(axis=0) for ids in pkuseg_ids(text)])
    assert np.array_equal(segmenter.scores([text]), expected)


def test_weights_are_read_row_by_row_until_the_limit_then_mapped(segmenter: TableSegmenter) -> None:
    weights = segmenter.weights
    n_rows = max(FEATURES.values()) + 1
    rows = np.arange(len(TAGS) * n_rows, dtype=np.float64).reshape(-1, len(TAGS))

    def expected(texts: list[str]) -> np.ndarray:
        return np.array([rows[ids].sum(axis=0) for text in texts for ids in pkuseg_ids(text)])

    assert np.array_equal(segmenter.scores(["法治"]), expected(["法治"]))
    assert weights.reading and 0 < weights._used < n_rows, "only the rows of the features met are read"
    weights.READ_LIMIT = weights._used + 1  # the next text meets more than one new feature
    assert np.array_equal(segmenter.scores(TEXTS), expected(TEXTS))
    assert not weights.reading, "past the limit the file is mapped"
    assert np.array_equal(segmenter.scores(TEXTS[::-1]), expected(TEXTS[::-1]))


def test_a_changed_model_file_gets_a_new_table(tmp_path: Path) -> None:
    model = write_model(tmp_path / "m")
    first = feature_table.ensure(model)
    assert feature_table.ensure(model) == first, "an unchanged model reuses its table"
    changed = dict(FEATURES, **{"c2.政": 40})
    write_model(model, changed)  # new files: new size, mtime and inode
    second = feature_table.ensure(model)
    assert second != first and not first.exists(), "the stale table is removed"
    table = TableSegmenter(feature_table.FeatureTable(second))
    assert [int(i) for i in table.features(["法治政府"])[0] if i >= 0] == pkuseg_ids("法治政府", changed)[0]
    assert 40 in pkuseg_ids("法治政府", changed)[0]


def test_a_rewritten_weights_file_of_the_same_size_gets_a_new_table(tmp_path: Path) -> None:
    model = write_model(tmp_path / "m")
    first = feature_table.ensure(model)
    weights = model / "weights.npz"
    st = weights.stat()
    os.utime(weights, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert feature_table.ensure(model) != first


def test_a_new_table_format_gets_a_new_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = write_model(tmp_path / "m")
    first = feature_table.ensure(model)
    monkeypatch.setattr(feature_table, "TABLE_VERSION", feature_table.TABLE_VERSION + 1)
    assert feature_table.ensure(model) != first


def test_a_changed_word_hash_gets_a_new_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = write_model(tmp_path / "m")
    first = feature_table.ensure(model)
    monkeypatch.setattr(feature_table, "WORD_HASH", np.uint64(0xD1B54A32D192ED03))
    assert feature_table.ensure(model) != first


def test_a_build_that_fails_leaves_nothing_behind(tmp_path: Path) -> None:
    model = write_model(tmp_path / "m")
    np.savez(model / "weights.npz", sizes=np.array([5, 3]), w=np.zeros(7))  # too few weights for the features
    with pytest.raises(feature_table.TableError):
        feature_table.ensure(model)
    assert list((model / "compact").iterdir()) == []


def test_a_table_of_another_format_is_refused(tmp_path: Path) -> None:
    path = feature_table.ensure(write_model(tmp_path / "m"))
    meta = path / "meta.json"
    meta.write_text(meta.read_text(encoding="utf-8").replace('"version": 3', '"version": 2'), encoding="utf-8")
    with pytest.raises(feature_table.TableError):
        feature_table.FeatureTable(path)
