"""The memory-mapped feature table: exact look-ups, rebuilt when the model changes, built lazily once.

A tiny model written here (same file formats as pkuseg's) keeps these fast; the real model's segmentation
is compared with stock spacy-pkuseg in test_segmentation_identical.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import srsly

from checker.text import feature_table

FEATURES = {"$$": 0, "c.法": 1, "c1.治": 2, "cc1.法.治": 3, "w1.法治": 4, "ww.l.**noWord***noWord": 5, "c.ｘ": 6}
WORDS = ["", "法治", "政府", "法治政府"]
TAGS = {"B": 0, "B_single": 1, "I": 2, "I_end": 3, "I_first": 4}


def write_model(path: Path, features: dict[str, int] = FEATURES) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    data = {"unigram": WORDS, "bigram": [], "feature_to_idx": features, "tag_to_idx": TAGS}
    srsly.write_msgpack(path / "features.msgpack", data)
    n_tag, n_feature = len(TAGS), len(features)
    w = np.arange(n_tag * (n_feature + n_tag), dtype=np.float64)
    np.savez(path / "weights.npz", sizes=np.array([n_tag, n_feature]), w=w)
    return path


def test_every_feature_is_found_with_its_id_and_nothing_else(tmp_path: Path) -> None:
    table = feature_table.FeatureTable(feature_table.ensure(write_model(tmp_path / "m")))
    assert len(table) == len(FEATURES)
    absent = ["c.治", "c1.法", "cc1.治.法", "w1.法", "", "c.法\x00", "ww.l.**noWord*法治", "c.x"]
    assert table.feature_ids(list(FEATURES) + absent) == FEATURES
    assert table.words == set(WORDS)
    assert table.meta["tag_to_idx"] == TAGS and table.meta["n_feature"] == len(FEATURES)


def test_hashes_do_not_depend_on_the_batch(tmp_path: Path) -> None:
    alone = [feature_table.hash_strings([s]) for s in ("c.法", "ww.r.法治政府*法治", "")]
    together = feature_table.hash_strings(["c.法", "ww.r.法治政府*法治", ""])
    assert [int(h[0][0]) for h in alone] == together[0].tolist()
    assert [int(h[1][0]) for h in alone] == together[1].tolist()
    assert len(set(together[0].tolist())) == 3


def test_a_changed_model_file_gets_a_new_table(tmp_path: Path) -> None:
    model = write_model(tmp_path / "m")
    first = feature_table.ensure(model)
    assert feature_table.ensure(model) == first, "an unchanged model reuses its table"
    changed = dict(FEATURES, **{"c2.府": 7})
    write_model(model, changed)  # new files: new size, mtime and inode
    second = feature_table.ensure(model)
    assert second != first and not first.exists(), "the stale table is removed"
    assert feature_table.FeatureTable(second).feature_ids(["c2.府"]) == {"c2.府": 7}


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


def test_a_build_that_fails_leaves_nothing_behind(tmp_path: Path) -> None:
    model = write_model(tmp_path / "m", {"c.法": 1, "c.\x00": 2})
    with pytest.raises(feature_table.TableError):
        feature_table.ensure(model)
    assert list((model / "compact").iterdir()) == []


def test_a_changed_hash_function_gets_a_new_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = write_model(tmp_path / "m")
    first = feature_table.ensure(model)
    monkeypatch.setattr(feature_table, "_SALTS", (feature_table._SALTS[1], feature_table._SALTS[0]))
    second = feature_table.ensure(model)
    assert second != first
    assert feature_table.FeatureTable(second).feature_ids(["c.法"]) == {"c.法": 1}


def test_the_feature_count_answers_like_pkusegs_dict(tmp_path: Path) -> None:
    from checker.text.table_features import TableFeatures

    features = TableFeatures(feature_table.FeatureTable(feature_table.ensure(write_model(tmp_path / "m"))))
    ids = features.feature_to_idx
    assert len(ids) == len(FEATURES) and ids["cc1.法.治"] == 3 and ids.get("c.治") is None
    assert "w1.法治" in ids and "w1.政府" not in ids
    with pytest.raises(KeyError):
        ids["c.治"]
    assert features.weights.slots([0, 6, 3]) == [0, 2, 1], "new rows numbered after the last, by id"
    assert features.weights.model.w[10:15].tolist() == [30.0, 31.0, 32.0, 33.0, 34.0], "row 6 read from the file"
