#!/usr/bin/env bash
# Benchmark: sitegen against Hugo and the cmark-gfm floor on a generated corpus (issue 6). See docs/BENCHMARK.md.
#
# Usage: scripts/bench.sh N [--runs R] [--seed S] [--sitegen BIN] [--full-only] [--skip-hugo] [--skip-floor] [--keep]
#   N             number of generated transcripts (30-80 KB each, ~40 KB mean; ~N/25 companies, 40 quarters)
#   --runs R      runs per measurement; every figure is the median (default 3)
#   --seed S      corpus seed (default 1); the same N and seed give the same bytes
#   --sitegen BIN measure this binary instead of building one
#   --full-only   only the cold full build (no rebuild rows): the quick comparison with Hugo and the floor
#   --skip-hugo, --skip-floor   leave those rows out
#   --keep        keep the temp site, its output and Hugo's output (the path is printed)
# Environment: SCRATCH_PATH, the SwiftPM build folder (default .build).
#
# What it does:
#  1. installs Debian's hugo, cmark-gfm and time when missing (scripts/bench-deps.sh) and builds sitegen (release);
#  2. generates the corpus with bench/generate_corpus.py into .bench/corpus-N-sS-<hash>/ (git-ignored; kept and
#     reused until the generator or the reference transcript changes): raw transcripts, the same calls as Hugo
#     Markdown, the concatenated Markdown bodies for the floor, a sitegen.yml;
#  3. runs bench/run_bench.py: in a temp site (never the repo's Content/), sitegen full build from cold, rebuild with
#     no change, after one transcript changed, after one template changed; cmark-gfm alone on the same Markdown
#     bodies; Hugo on the same calls with bench/hugo/. Prints a table (pages, seconds, pages/s, MB/s, peak RSS,
#     sitegen/Hugo and sitegen/floor) and the issue's targets; the figures also go to .bench/results-N-<time>.json.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
count="$1"; shift
[[ "$count" =~ ^[0-9]+$ ]] && [ "$count" -ge 1 ] || { echo "bench: N must be a positive number" >&2; usage; }
runs=3; seed=1; binary=""; extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?}"; shift 2 ;;
    --seed) seed="${2:?}"; shift 2 ;;
    --sitegen) binary="${2:?}"; shift 2 ;;
    --full-only|--skip-hugo|--skip-floor|--keep) extra+=("$1"); shift ;;
    -h|--help) usage ;;
    *) echo "bench: unknown option $1" >&2; usage ;;
  esac
done
[[ "$runs" =~ ^[0-9]+$ ]] && [ "$runs" -ge 1 ] || { echo "bench: --runs must be a positive number" >&2; exit 2; }

source scripts/bench-deps.sh
ensure_bench_dependencies

if [ -z "$binary" ]; then
  scratch="${SCRATCH_PATH:-.build}"
  echo "bench: building sitegen (release, $scratch)" >&2
  # Another engineer saving a source file mid-build fails it ("was modified during the build"): try again, twice.
  for attempt in 1 2 3; do
    if swift build -c release --product sitegen --scratch-path "$scratch" >&2; then break; fi
    [ "$attempt" -lt 3 ] || { echo "bench: the sitegen build failed" >&2; exit 1; }
    echo "bench: build failed; trying again" >&2
  done
  binary="$scratch/release/sitegen"
fi

corpus=$(ensure_bench_corpus "$count" "$seed")

python3 bench/run_bench.py --sitegen "$binary" --corpus "$corpus" --runs "$runs" \
  --json ".bench/results-$count-$(date -u +%Y%m%dT%H%M%SZ).json" "${extra[@]}"
