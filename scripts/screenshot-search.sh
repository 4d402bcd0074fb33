#!/usr/bin/env bash
# Writes docs/screenshots/search.png: the search page showing the results for "USF reform" on the sample site, taken
# by the browser test test_results_page_screenshot (headless Chromium against `sitegen serve`).
# SITEGEN_BIN=path uses that sitegen instead of building one (debug).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ensure_build_dependencies
ensure_browser_test_dependencies
binary="${SITEGEN_BIN:-}"
if [ -z "$binary" ]; then
  swift build --product sitegen >/dev/null
  binary="$PWD/.build/debug/sitegen"
fi
SITEGEN_BIN="$binary" SITEGEN_SCREENSHOT="$PWD/docs/screenshots/search.png" PYTHONDONTWRITEBYTECODE=1 \
  python3 -m pytest -q -p no:cacheprovider Tests/browser -k test_results_page_screenshot
echo "wrote docs/screenshots/search.png"
