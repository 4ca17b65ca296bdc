#!/bin/sh
# Runs the C++ example (built by `make demo-cpp` into target/release/examples-cpp) against
# $TSC_SERVER, or, when it is not set, against a fresh tsc-emulator started here on a free
# loopback port and stopped afterwards.
set -eu
cd "$(dirname "$0")/.."
REL=target/release
. "$(pwd)/tools/start-emulator.sh"
cleanup() { stop_emulator; [ -n "${TMP:-}" ] && rm -rf "$TMP"; }
trap cleanup EXIT INT TERM
TMP=$(mktemp -d)

demo_server "$TMP"

for ex in "$REL"/examples-cpp/*; do
    [ -x "$ex" ] || continue
    echo
    echo "== examples/cpp/$(basename "$ex").cpp"
    (cd "$TMP" && "$OLDPWD/$ex")
done
