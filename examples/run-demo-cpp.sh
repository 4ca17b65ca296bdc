#!/bin/sh
# Runs the C++ example (built by `make demo-cpp` into target/release/examples-cpp) against
# $TSC_SERVER, or, when it is not set, against a fresh tsc-emulator started here on a free
# loopback port and stopped afterwards.
set -eu
cd "$(dirname "$0")/.."
REL=target/release
EMU_PID=""
cleanup() { [ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null; [ -n "${TMP:-}" ] && rm -rf "$TMP"; }
trap cleanup EXIT INT TERM
TMP=$(mktemp -d)

if [ -z "${TSC_SERVER:-}" ]; then
    "$REL/tsc-emulator" --listen 127.0.0.1:0 --seed demo >"$TMP/emulator.out" 2>"$TMP/emulator.err" &
    EMU_PID=$!
    i=0
    while ! grep -q '^listening on ' "$TMP/emulator.out" 2>/dev/null; do
        i=$((i + 1))
        if [ $i -gt 100 ]; then echo "the emulator did not start:" >&2; cat "$TMP/emulator.err" >&2; exit 1; fi
        sleep 0.1
    done
    TSC_SERVER=$(sed -n 's/^listening on //p' "$TMP/emulator.out" | head -n 1)
    TSC_USER=admin
    TSC_PASSWORD=admin
    TSC_SITE=""
    export TSC_SERVER TSC_USER TSC_PASSWORD TSC_SITE
    echo "== tsc-emulator running at $TSC_SERVER"
fi

for ex in "$REL"/examples-cpp/*; do
    [ -x "$ex" ] || continue
    echo
    echo "== examples/cpp/$(basename "$ex").cpp"
    (cd "$TMP" && "$OLDPWD/$ex")
done
