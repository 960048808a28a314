#!/bin/sh
# Runs the benchmarks against the release build.
set -eu
cd "$(dirname "$0")/.."
exec python3 scripts/bench.py "$(swift build -c release --show-bin-path)/anvil" "$@"
