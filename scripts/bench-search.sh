#!/usr/bin/env bash
# Size check of the search index: takes the benchmark corpus of N transcripts (bench/generate_corpus.py, the one
# scripts/bench.sh uses, cached in .bench/), builds it with sitegen (release), and prints the build time and peak
# memory, the index size and its largest files, and the bytes one-word queries download in a real browser
# (scripts/bench-search.py). Target: under 500 KB per query.
# Usage: scripts/bench-search.sh [N]   (default 2000)
# SITEGEN_BIN=path uses that sitegen instead of building one; SITEGEN_BENCH_DIR=dir keeps the generated site there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-deps.sh
ensure_build_dependencies
ensure_browser_test_dependencies
count="${1:-2000}"
binary="${SITEGEN_BIN:-}"
if [ -z "$binary" ]; then
  swift build -c release --product sitegen >/dev/null
  binary=.build/release/sitegen
fi
if [ -n "${SITEGEN_BENCH_DIR:-}" ]; then
  work="$SITEGEN_BENCH_DIR"
  rm -rf "$work/Content" "$work/Public" "$work/.sitegen-cache"
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
corpus=$(ensure_bench_corpus "$count" 1)
cp -al "$corpus/Content" "$work/Content" 2>/dev/null || cp -R "$corpus/Content" "$work/Content"
cp "$corpus/sitegen.yml" "$work/sitegen.yml"
rm -rf "$work/Themes"
cp -R Themes "$work/Themes"
echo "building with $binary ($(nproc) cores)"
/usr/bin/time -f "build: %e s wall, %M KB peak memory" "$binary" build --site "$work" 2>&1 | grep -v "^  " || true
python3 scripts/bench-search.py "$work/Public"
