#!/usr/bin/env bash
# Shows that parsing time grows linearly with input size: builds sitegen (release), makes transcripts of
# 5, 10, 20 and 40 MB by repeating the reference call's Q&A, and times `sitegen parse` on each (median of 3).
# Usage: scripts/bench-parse.sh [sizes in MB...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ensure_build_dependencies
swift build -c release --product sitegen >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(5 10 20 40)
printf '%8s %10s %10s %10s\n' "MB" "turns" "seconds" "MB/s"
for mb in "${sizes[@]}"; do
  file="$work/big-$mb.txt"
  python3 - "$mb" "$file" <<'PY'
import sys
mb, out = int(sys.argv[1]), sys.argv[2]
text = open("Content/calx-q3-2012.txt", encoding="utf-8").read()
head, rest = text.split("QUESTIONS AND ANSWERS", 1)
qa = rest.split("DISCLAIMER", 1)[0]
with open(out, "w", encoding="utf-8") as f:
    f.write(head + "QUESTIONS AND ANSWERS")
    while f.tell() < mb * 1024 * 1024:
        f.write(qa)
PY
  python3 - "$mb" "$file" <<'PY'
import re, statistics, subprocess, sys, time
mb, path = sys.argv[1], sys.argv[2]
runs = []
for _ in range(3):
    start = time.perf_counter()
    out = subprocess.run([".build/release/sitegen", "parse", path], capture_output=True, text=True).stdout
    runs.append(time.perf_counter() - start)
turns = re.search(r"Questions and Answers \((\d+) turns\)", out)
median = statistics.median(runs)
print(f"{mb:>8} {turns.group(1) if turns else '?':>10} {median:>10.2f} {int(mb) / median:>10.1f}")
PY
done
