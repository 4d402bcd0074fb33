#!/usr/bin/env bash
# Load check for `sitegen serve`: builds sitegen in release mode, serves the sample site on a free loopback port,
# runs wrk (Debian's, installed if missing) against one page, prints the figures and stops the server.
# Fails if wrk saw any socket error or any response other than 2xx/3xx.
#
# Usage: scripts/load-check.sh [SECONDS] [CONNECTIONS] [THREADS] [PATH]
#   defaults: 10 s, 64 connections, 2 threads, /companies/calx/2012-q3/ (the sample transcript page)
# Environment: SCRATCH_PATH, the SwiftPM build folder to use (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

seconds="${1:-10}"
connections="${2:-64}"
threads="${3:-2}"
page="${4:-/companies/calx/2012-q3/}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ] || [ "$seconds" -gt 60 ]; then
  echo "load-check: SECONDS must be 1 to 60" >&2
  exit 2
fi

ensure_build_dependencies
ensure_debian_packages wrk

scratch="${SCRATCH_PATH:-.build}"
swift build -c release --product sitegen --scratch-path "$scratch"
binary="$scratch/release/sitegen"

log="$(mktemp)"
"$binary" serve --site . --host 127.0.0.1 --port 0 >"$log" 2>&1 &
server=$!
stop_server() {
  if kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server"
    wait "$server" || true
  fi
  rm -f "$log"
}
trap stop_server EXIT

url=""
for _ in $(seq 1 600); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$log" | head -n 1 || true)"
  [ -n "$url" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$log" >&2
    echo "load-check: sitegen serve exited before serving" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  cat "$log" >&2
  echo "load-check: sitegen serve printed no URL within 60 s" >&2
  exit 1
fi

target="${url%/}${page}"
status="$(curl -s -o /dev/null -w '%{http_code}' "$target" 2>/dev/null || echo "?")"
echo "load-check: serving $url; $target answers $status"
echo "load-check: wrk -t$threads -c$connections -d${seconds}s --latency $target  (machine: $(nproc) cores)"
result="$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$target")"
echo "$result"

kill -TERM "$server"
wait "$server" && stopped=0 || stopped=$?
trap 'rm -f "$log"' EXIT
if [ "$stopped" -ne 0 ]; then
  cat "$log" >&2
  echo "load-check: sitegen serve exited with $stopped after SIGTERM" >&2
  exit 1
fi

if grep -qE 'Socket errors|Non-2xx or 3xx responses' <<<"$result"; then
  echo "load-check: FAILED: wrk reported errors (see above)" >&2
  exit 1
fi
echo "load-check: ok: zero errors; $(grep 'Requests/sec' <<<"$result" | tr -s ' ')"
