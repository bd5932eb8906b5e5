"""Benchmarks of the checker, run by ``make bench`` (``python -m bench``); figures go to results.md/json."""
