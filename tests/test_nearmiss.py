"""The near-miss index skips places anchored by too few of a phrase's grams; the formulas it finds must be
exactly those an exhaustive comparison at every anchored place finds (seeds, examples, and every phrase of
the formula table under a random edit of each kind)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from checker.rules.kinds import formula
from checker.text import nearmiss

ROOT = Path(__file__).resolve().parent.parent


def _exhaustive(index: nearmiss.PhraseIndex, text: str) -> list[nearmiss.NearMiss]:
    """Every place any gram anchors, compared: what ``near`` did before it counted its anchors."""
    anchors = {(i, pos - offset) for k, table in index._grams.items()
               for pos in range(len(text) - k + 1) for i, offset in table.get(text[pos : pos + k], ())}
    found: dict[tuple[int, int], nearmiss.NearMiss] = {}
    for i, s in sorted(anchors):
        miss = index._at(text, i, s)
        if miss is not None:
            found.setdefault((i, miss.start), miss)
    return sorted(found.values(), key=lambda m: (m.start, m.end, m.phrase))


def _edited(rng: random.Random, phrase: str, alphabet: str) -> str:
    j = rng.randrange(len(phrase) - 1)
    return rng.choice([
        phrase[:j] + phrase[j + 1:],                                 # a character missing
        phrase[:j] + rng.choice(alphabet) + phrase[j:],              # one extra
        phrase[:j] + rng.choice(alphabet) + phrase[j + 1:],          # one wrong
        phrase[:j] + phrase[j + 1] + phrase[j] + phrase[j + 2:],     # two swapped
    ])


def _texts() -> list[str]:
    table = formula.load_table(str(formula.BUILTIN))
    phrases = [f.key for f in table.formulas]
    alphabet = "".join(sorted(set("".join(phrases))))
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "seeds").glob("0*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    texts += [f"我局坚持{_edited(rng, rng.choice(phrases), alphabet)},推进工作。" for _ in range(600)]
    return texts


def test_counting_anchors_loses_no_formula(monkeypatch: pytest.MonkeyPatch) -> None:
    table = formula.load_table(str(formula.BUILTIN))
    index = nearmiss.PhraseIndex([f.key for f in table.formulas])
    texts = [formula.keyed(t)[0] for t in _texts()]
    fast = [[(s, e, f.text) for s, e, f in formula.near_misses(t, table, index)] for t in texts]
    monkeypatch.setattr(nearmiss.PhraseIndex, "near", _exhaustive)
    slow = [[(s, e, f.text) for s, e, f in formula.near_misses(t, table, index)] for t in texts]
    assert sum(map(bool, slow)) > 400  # the edits are found: the comparison means something
    assert fast == slow
