#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need if missing, then `swift test` and the browser tests
# (Tests/browser: pytest + Selenium, headless Chromium against `sitegen serve`). Fails if either fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ensure_test_dependencies
ensure_browser_test_dependencies
swift build --build-tests
status=0
swift test --skip-build "$@" || status=$?
SITEGEN_BIN="$PWD/.build/debug/sitegen" PYTHONDONTWRITEBYTECODE=1 python3 -m pytest -q -p no:cacheprovider Tests/browser || status=$?

# The README's build command, run on the sample archive into a scratch folder (strict: any parse error fails),
# then the built site checked for broken links, anchors, titles and alt text.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
SITEGEN_CONFIGURATION=debug scripts/build-site.sh --strict --output "$scratch/Public"
.build/debug/sitegen check --output "$scratch/Public"
exit "$status"
