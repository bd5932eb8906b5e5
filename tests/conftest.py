"""Shared fixtures: the five published seed reports and their reviewer labels, kept in ``tests/data/seeds``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("CHECKER_SEEDS", ROOT / "tests" / "data" / "seeds"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not (SEEDS / "expected.yaml").exists():
        pytest.fail(f"seed reports not found at {SEEDS} (set CHECKER_SEEDS to their folder)")
    return SEEDS


@pytest.fixture(scope="session", autouse=True)
def _prepared_cache(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The suite's prepared ``--history`` reports go to a temporary cache, not the user's (the CLI tests'
    subprocesses inherit the variable)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHECKER_CACHE_DIR", str(tmp_path_factory.mktemp("checker-cache")))
        yield
