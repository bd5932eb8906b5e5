"""The table-fed segmenter gives the same words as stock spacy-pkuseg, token for token.

Compared on the seed reports, the examples and a generated corpus of over 200,000 characters (seed
sentences shuffled and spliced, with figures, Latin letters, full-width forms, pkuseg's keyword characters,
rare characters and whitespace mixed in). The stock run happens in a child process with
``CHECKER_STOCK_PKUSEG=1`` (it loads the whole msgpack dict, ~3 s and ~900 MB); its result is kept in
pytest's cache, keyed by the corpus, the model files and the spacy-pkuseg version, so later runs only
segment with the table.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from checker.text import feature_table, nlp

ROOT = Path(__file__).resolve().parent.parent
CORPUS_CHARS = 200_000
_STOCK = """
import json, sys
from checker.text import nlp
texts = json.load(open(sys.argv[1], encoding="utf-8"))
json.dump([nlp.tokens(t) for t in texts], open(sys.argv[2], "w"))
"""


def generated_corpus(sources: list[str], size: int = CORPUS_CHARS, seed: int = 13) -> list[str]:
    rng = random.Random(seed)
    sentences = [s for text in sources for s in re.split(r"(?<=[。；！？\n])", text) if s.strip()]
    extras = [
        "2024年", "3.5%", "１２３", "ＡＢＣ", "ｘｙｚ", "PDF", "e-mail", "a.b,c|d/e*f:g", "_-_", "…", "——",
        "\u3000", " ", "\t", "龘", "𠀀", "（一）", "1.", "一是", "二〇二四年", "5G", "12345热线", "·",
    ]  # fmt: skip
    texts, total = [], 0
    while total < size:
        parts = []
        for _ in range(rng.randint(5, 40)):
            s = rng.choice(sentences)
            if rng.random() < 0.3:  # splice: a sentence cut at a random point joined to another
                cut = rng.randrange(len(s) + 1)
                s = s[:cut] + rng.choice(extras) + rng.choice(sentences)[cut:]
            parts.append(s)
        text = "".join(parts)
        texts.append(text)
        total += len(text)
    return texts


@pytest.fixture(scope="module")
def texts(seeds_dir: Path) -> list[str]:
    if not nlp.model_ready(nlp.model_dir()):
        pytest.fail(f"pkuseg model missing at {nlp.model_dir()}: run `make setup`")
    reports = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    reports += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    assert len(reports) >= 7
    corpus = generated_corpus(reports)
    assert sum(map(len, corpus)) >= CORPUS_CHARS
    return reports + corpus


def stock_tokens(texts: list[str], cache: pytest.Cache, tmp_path: Path) -> list[list[list[int]]]:
    model = nlp.model_dir()
    key = hashlib.sha256(
        json.dumps([texts, feature_table.fingerprint(model), version("spacy-pkuseg")]).encode()
    ).hexdigest()[:20]
    cached = cache.get(f"checker/stock-pkuseg/{key}", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    src, out = tmp_path / "texts.json", tmp_path / "stock.json"
    src.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, CHECKER_STOCK_PKUSEG="1", PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-c", _STOCK, str(src), str(out)], env=env, check=True, cwd=ROOT)
    result = json.loads(out.read_text())
    cache.set(f"checker/stock-pkuseg/{key}", result)
    return result  # type: ignore[no-any-return]


def test_words_are_identical_to_stock_pkuseg(
    texts: list[str], request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    seg = nlp.pipeline().tokenizer.pkuseg_seg  # type: ignore[union-attr]
    assert type(seg).__name__ == "TablePkuseg", "the pipeline reads the integer tables"
    expected = stock_tokens(texts, request.config.cache, tmp_path)
    assert len(expected) == len(texts)
    nlp.clear_caches()  # every line through the tables, none from an earlier test
    for i, text in enumerate(texts):
        got = [list(span) for span in nlp.tokens(text)]
        if got != expected[i]:
            first = next(j for j, (a, b) in enumerate(zip(got, expected[i], strict=False)) if a != b)
            s, e = expected[i][first]
            pytest.fail(f"text {i}: word {first} differs near {text[max(0, s - 10) : e + 10]!r}")


def test_words_do_not_depend_on_what_is_segmented_together(
    texts: list[str], request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line's words are the same whether it is cut alone, with its whole text, or with every text at once
    in blocks cut short (the block boundary falls inside texts and between pieces)."""
    from checker.text import table_segmenter

    seg = nlp.pipeline().tokenizer.pkuseg_seg  # type: ignore[union-attr]
    expected = stock_tokens(texts, request.config.cache, tmp_path)
    monkeypatch.setattr(table_segmenter, "_BLOCK", 997)
    some = texts[:12] + texts[-12:]
    lines = [line for text in some for line in text.splitlines(keepends=True) if line.strip()]
    together = seg.cut_many(lines)
    alone = [seg.cut(line) for line in lines]
    assert together == alone and sum(map(len, together)) > 10_000
    nlp.clear_caches()
    assert [[list(span) for span in nlp.tokens(t)] for t in some] == expected[:12] + expected[-12:]
