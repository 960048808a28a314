#!/bin/sh
# Runs the benchmarks against the release build.
set -eu
cd "$(dirname "$0")/.."
bin="$(swift build -c release --show-bin-path)"
echo "== thread benchmarks (10,000 generated posts)"
"$bin/anvil-bench"
echo "== terminal benchmarks"
exec python3 scripts/bench.py "$bin/anvil" "$@"
