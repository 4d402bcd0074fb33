#!/usr/bin/env bash
# Installs what the benchmark (scripts/bench.sh) needs besides the build, when it is missing. Sourced by bench.sh.
#   hugo       Debian's Hugo, the generator sitegen is compared with (bench/hugo/ holds its minimal site)
#   cmark-gfm  Debian's cmark-gfm command line tool, the Markdown-to-HTML floor
#   time       GNU time (/usr/bin/time -v) for peak RSS
#   python3    runs bench/generate_corpus.py
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"

ensure_bench_dependencies() {
  ensure_build_dependencies
  ensure_debian_packages hugo cmark-gfm time python3
}

# The generated corpus of N transcripts with seed S in .bench/corpus-N-sS-<hash>/ (git-ignored), made by
# bench/generate_corpus.py unless it is there already; the hash is of the generator and the reference transcript, so a
# changed generator makes a new corpus. Prints the corpus folder.
ensure_bench_corpus() {
  local count="$1" seed="${2:-1}" hash corpus
  hash=$(cat bench/generate_corpus.py Content/calx-q3-2012.txt | sha256sum | cut -c1-10)
  corpus=".bench/corpus-$count-s$seed-$hash"
  if [ ! -f "$corpus/manifest.json" ]; then
    echo "bench: generating $count transcripts into $corpus" >&2
    rm -rf "$corpus" "$corpus.partial"
    mkdir -p .bench
    python3 bench/generate_corpus.py "$count" "$corpus.partial/Content" --seed "$seed" >&2
    mv "$corpus.partial" "$corpus"
  else
    echo "bench: reusing $corpus" >&2
  fi
  echo "$corpus"
}

# Optional: `perf record -g` for profiling a build (see docs/BENCHMARK.md). Debian's package is linux-perf.
ensure_profile_dependencies() {
  command -v perf >/dev/null 2>&1 || ensure_debian_packages linux-perf
}
