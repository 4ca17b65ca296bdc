#!/bin/sh
# Runs every benchmark: parsing, then the transfer, pager and emulator benchmarks when present.
set -eu
cd "$(dirname "$0")/.."
cargo bench --bench parse
for b in benches/run_*.sh benches/emulator_bench.sh; do
    [ -x "$b" ] && { echo; echo "== $b"; "$b"; }
done
exit 0
