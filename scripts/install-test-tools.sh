#!/bin/sh
# Installs the test-only components from Debian's packages (used by `make dev`, never by `make demo`):
#   chromium                 headless browser for the HTML report's browser tests (tests/test_html.py)
#   fonts-wqy-microhei       a small CJK font, so that screenshots of Chinese pages show characters
#   libreoffice-writer-nogui converts .doc/.wps fixtures and reads them (tests/test_formats.py, test_office_formats.py),
#                            and renders the commented .docx output to PDF (tests/test_word.py)
#   poppler-utils            pdftotext/pdftoppm: reads back the --format pdf output (tests/test_reuse_card.py) and
#                            renders PDFs to PNG to look at them (tests/test_word.py)
# Idempotent: installs only what is missing. It never fails the build itself: where apt-get is missing or
# the install fails it says so, and the tests that need the component then fail with a message pointing here.
CHROMIUM=/usr/bin/chromium
FONT_PKG=fonts-wqy-microhei

missing=""
[ -x "$CHROMIUM" ] || missing="chromium"
dpkg -s "$FONT_PKG" >/dev/null 2>&1 || fc-list :lang=zh 2>/dev/null | grep -q . || missing="$missing $FONT_PKG"
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer-nogui"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
missing=$(echo $missing)

if [ -z "$missing" ]; then
  echo "install-test-tools: nothing to do ($("$CHROMIUM" --version 2>/dev/null || echo chromium); a CJK font; $(soffice --version 2>/dev/null | head -n 1))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-tools: apt-get not found, NOT installed: $missing" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-test-tools: not root and no sudo, NOT installed: $missing" >&2
    echo "  As root: apt-get install -y --no-install-recommends $missing" >&2
    exit 0
  fi
fi
echo "install-test-tools: missing $missing; running apt-get update and apt-get install $missing"
# shellcheck disable=SC2086  # $missing is a list of package names
if $SUDO apt-get update -q && \
   DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing; then
  echo "install-test-tools: installed $missing"
else
  echo "install-test-tools: apt-get failed, NOT installed: $missing" >&2
fi
exit 0
