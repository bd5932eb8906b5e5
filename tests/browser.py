"""Drive Debian's headless Chromium for the HTML tests: the DOM after load, and screenshots.

The command line is enough (no WebDriver): ``--dump-dom`` prints the DOM once the page has loaded and
its scripts, if any could run, have run, so a payload that fired leaves its mark in what is printed.
Chromium runs with a fresh profile and without background networking (this machine has no network
but the package registries, and Chromium would otherwise keep trying Google's hosts).

Chromium is a system package (``scripts/install-test-tools.sh``, run by ``make dev``). When it is
missing the browser tests fail, so that a CI without it cannot pass by silence, unless
``CHECKER_SKIP_BROWSER=1`` says that skipping is meant.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHECKER_CHROMIUM", "/usr/bin/chromium"))
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1", "--mute-audio",
)
TIMEOUT = 90


def require() -> None:
    """Fail (or skip, with CHECKER_SKIP_BROWSER=1) when there is no Chromium to drive."""
    if os.environ.get("CHECKER_SKIP_BROWSER") == "1":
        pytest.skip("CHECKER_SKIP_BROWSER=1: browser tests skipped")
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make dev` (scripts/install-test-tools.sh installs it), "
                    "or set CHECKER_SKIP_BROWSER=1 to skip the browser tests", pytrace=False)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="checker-chromium-") as profile:
        cmd = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    if done.returncode != 0:
        raise AssertionError(f"chromium exited with {done.returncode}: {done.stderr[-2000:]}")
    return done


def dump_dom(page: Path) -> str:
    """The serialised DOM of a local page after it has loaded."""
    return _run("--dump-dom", page.resolve().as_uri()).stdout


def screenshot(page: Path, png: Path, width: int = 1280, height: int = 2000) -> Path:
    """A PNG of the top ``width`` × ``height`` pixels of a local page."""
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)
    _run(f"--screenshot={png.resolve()}", f"--window-size={width},{height}", page.resolve().as_uri())
    return png
