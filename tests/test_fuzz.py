"""A short fuzz run in every test run; `make fuzz` runs the same targets on ≥ 10,000 inputs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from tests.fuzz_targets import SETTINGS, TARGETS


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_target(name: str) -> None:
    strategy, target = TARGETS[name]

    @settings(SETTINGS, max_examples=100)
    @given(strategy)
    def run(value: object) -> None:
        target(value)

    run()
