#!/usr/bin/env bash
# Sets up a fresh machine (installs Debian's libcmark-gfm-dev if missing), builds sitegen in release mode,
# and builds the sample site from Content/ into Public/. Extra arguments go to `sitegen build`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ensure_build_dependencies
swift build -c release --product sitegen
exec .build/release/sitegen build "$@"
