#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need if missing, then `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ensure_test_dependencies
swift build --build-tests
swift test --skip-build "$@"

# The README's build command, run on the sample archive into a scratch folder (strict: any parse error fails),
# then the built site checked for broken links, anchors, titles and alt text.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
SITEGEN_CONFIGURATION=debug scripts/build-site.sh --strict --output "$scratch/Public"
.build/debug/sitegen check --output "$scratch/Public"
