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

# Optional: `perf record -g` for profiling a build (see docs/BENCHMARK.md). Debian's package is linux-perf.
ensure_profile_dependencies() {
  command -v perf >/dev/null 2>&1 || ensure_debian_packages linux-perf
}
