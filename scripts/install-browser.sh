#!/bin/sh
# Installs Debian's headless Chromium for the HTML output's browser tests (tests/test_html.py), and a
# small CJK font (WenQuanYi Micro Hei) so that screenshots of the Chinese pages show characters, not boxes.
# Idempotent: installs only what is missing. Never fails the build: where apt-get is missing or the
# install fails it says so, and the browser tests then fail with a message pointing here (or are skipped
# with CHECKER_SKIP_BROWSER=1).
CHROMIUM=/usr/bin/chromium
FONT_PKG=fonts-wqy-microhei

missing=""
[ -x "$CHROMIUM" ] || missing="chromium"
dpkg -s "$FONT_PKG" >/dev/null 2>&1 || fc-list :lang=zh 2>/dev/null | grep -q . || missing="$missing $FONT_PKG"
missing=$(echo $missing)

if [ -z "$missing" ]; then
  echo "install-browser: nothing to do ($("$CHROMIUM" --version 2>/dev/null || echo chromium); a CJK font is installed)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: apt-get not found, NOT installed: $missing" >&2
  echo "  Install Chromium so that $CHROMIUM exists, or set CHECKER_SKIP_BROWSER=1 to skip the browser tests." >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-browser: not root and no sudo, NOT installed: $missing" >&2
    echo "  As root: apt-get install -y --no-install-recommends $missing (or set CHECKER_SKIP_BROWSER=1)." >&2
    exit 0
  fi
fi
echo "install-browser: missing $missing; running apt-get update and apt-get install $missing"
# shellcheck disable=SC2086  # $missing is a list of package names
if $SUDO apt-get update -q && \
   DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing; then
  echo "install-browser: installed $missing ($("$CHROMIUM" --version 2>/dev/null || echo 'chromium not found'))"
else
  echo "install-browser: apt-get failed, NOT installed: $missing" >&2
  echo "  The browser tests in tests/test_html.py will fail until Chromium is there (or set CHECKER_SKIP_BROWSER=1)." >&2
fi
exit 0
