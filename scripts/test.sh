#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need if missing, then `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ensure_test_dependencies
swift build --build-tests
exec swift test --skip-build "$@"
