# The one entry point. `make demo` sets everything up and runs the checker on examples/;
# `make test` runs the test suite (and sets up first when needed, so CI cannot hide a missing step).
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup model browser demo test lint type bench check fuzz clean golden

setup: $(STAMP) model browser

# Headless Chromium and a CJK font for the HTML report's browser tests (Debian packages; idempotent).
browser:
	sh scripts/install-browser.sh

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# Fetches the pkuseg model from the `pkuseg` source distribution into the user's cache (once).
model: $(STAMP)
	$(BIN)/python -m checker.setup_model

# The example report is written to show every kind of finding, so the gate fails on it (exit 1):
# that is the expected outcome; anything else (2 = bad input, 3 = internal error) fails the demo.
demo: setup
	$(BIN)/checker check examples/福田区示例服务局2024年法治政府建设年度报告.txt --ruleset shenzhen; \
	  rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 1 ]
	$(BIN)/checker check examples/福田区示例服务局2024年法治政府建设年度报告.txt --format json > /dev/null; \
	  rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 1 ]

test: setup
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check checker tests bench

type: $(STAMP)
	$(BIN)/mypy

# Reuse look-up vs brute force vs copydetect at 100/1,000/10,000 archived reports, and batch vs check-per-file;
# figures in bench/results.md. Not part of the test run.
bench: setup
	$(BIN)/python -m bench
	$(BIN)/python -m bench.batch_speed

check: lint type test

# ≥ 10,000 generated inputs over readers, normaliser, outline and checklist loader; figures in bench/results.md
fuzz: setup
	$(BIN)/python -m bench.fuzz

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Rewrite tests/golden/ from the current output; review `git diff tests/golden` before committing.
golden: setup
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py tests/test_render_ci.py tests/test_html.py
