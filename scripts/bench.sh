#!/bin/sh
# Runs the benchmarks against the release build (`make bench` builds it first). `--quick` takes
# fewer runs a figure.
set -eu
cd "$(dirname "$0")/.."
sh scripts/bench-setup.sh
bin="$(swift build -c release --static-swift-stdlib --disable-local-rpath --show-bin-path)"
echo "== thread model (10,000 generated posts, in process)"
"$bin/anvil-bench"
echo "== against less, neomutt and tig, same run"
exec python3 scripts/bench.py "$bin/anvil" "$bin/anvil-bench" "$@"
