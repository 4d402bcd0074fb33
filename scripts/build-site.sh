#!/usr/bin/env bash
# Sets up a fresh machine (installs Debian's libcmark-gfm-dev if missing), builds sitegen in release mode,
# and builds the sample site from Content/ into Public/. Extra arguments go to `sitegen build`.
# SITEGEN_CONFIGURATION=debug builds sitegen in debug mode instead (the test suite uses it to run this script).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ensure_build_dependencies
configuration="${SITEGEN_CONFIGURATION:-release}"
swift build -c "$configuration" --product sitegen
exec ".build/$configuration/sitegen" build "$@"
