# The one entry point. `make demo` sets up what a user needs and runs the checker on examples/;
# `make test` sets up what a developer needs and runs the test suite (so CI cannot hide a missing step).
#
# What each target installs:
#   setup  .venv with the checker and its runtime dependencies only (`pip install -e .`), and the pkuseg
#          model in the user's cache (~/.cache/checker, once). Nothing system-wide.
#   dev    setup + the dev extras (pytest, ruff, mypy, pre-commit …) in .venv, a local wheelhouse of every
#          dependency (.venv/wheelhouse, for the install tests, which then run offline), and the test-only
#          components, system-wide via apt-get: headless Chromium, a CJK font and LibreOffice Writer.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-stamp
DEV := $(VENV)/.dev-stamp
WHEELHOUSE := $(VENV)/wheelhouse

.PHONY: setup dev model test-tools demo test lint type bench check fuzz clean golden

setup: $(RUNTIME) model

dev: $(DEV) model test-tools

$(RUNTIME): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(DEV): $(RUNTIME)
	$(BIN)/python -m pip install -q -e '.[dev]'
	$(BIN)/python -m pip download -q -d $(WHEELHOUSE) . 'setuptools>=77' wheel
	rm -f $(WHEELHOUSE)/checker-*
	touch $@

# Fetches the pkuseg model from the `pkuseg` source distribution into the user's cache (once).
model: $(RUNTIME)
	$(BIN)/python -m checker.setup_model

# Test-only components (Debian packages; idempotent): headless Chromium, a CJK font, LibreOffice Writer.
test-tools:
	sh scripts/install-test-tools.sh

# The example report is written to show every kind of finding, so the gate fails on it (exit 1):
# that is the expected outcome; anything else (2 = bad input, 3 = internal error) fails the demo.
demo: setup
	$(BIN)/checker check examples/福田区示例服务局2024年法治政府建设年度报告.txt --checklist shenzhen; \
	  rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 1 ]
	$(BIN)/checker check examples/福田区示例服务局2024年法治政府建设年度报告.txt --format json > /dev/null; \
	  rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 1 ]

test: dev
	$(BIN)/python -m pytest

lint: $(DEV)
	$(BIN)/ruff check checker tests bench

type: $(DEV)
	$(BIN)/mypy

# Cold check vs the spaCy+pkuseg load floor (issue 13), reuse look-up vs brute force vs copydetect at
# 1,000/10,000/100,000 archived reports (~25 min), batch at the segmenter's rate; figures in bench/results.md. Not part of the test run.
bench: dev
	$(BIN)/python -m bench.cold_start
	$(BIN)/python -m bench
	$(BIN)/python -m bench.batch_speed
	$(BIN)/python -m bench.serve_speed

check: lint type test

# ≥ 10,000 generated inputs over readers, normaliser, outline and checklist loader; figures in bench/results.md
fuzz: dev
	$(BIN)/python -m bench.fuzz

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Rewrite tests/golden/ from the current output; review `git diff tests/golden` before committing.
golden: dev
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py tests/test_render_ci.py tests/test_html.py
