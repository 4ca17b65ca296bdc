#!/bin/sh
# Builds the Go example (examples/go, through the binding in bindings/go) against the release
# libtsc.so and runs it against $TSC_SERVER or, when it is not set, a fresh tsc-emulator started
# here on a free loopback port and stopped afterwards. Go's caches stay under target/go.
# Needs Debian's golang-go (Go 1.19). `make demo-go` builds the library and the emulator first.
set -eu
cd "$(dirname "$0")/.."
ROOT=$PWD
REL=$ROOT/target/release
EMU_PID=""
cleanup() { [ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null; [ -n "${TMP:-}" ] && rm -rf "$TMP"; }
trap cleanup EXIT INT TERM
TMP=$(mktemp -d)

command -v go >/dev/null 2>&1 || { echo "the Go toolchain is missing: apt-get install -y golang-go" >&2; exit 1; }
ln -sf libtsc.so "$REL/libtsc.so.0.1"
export GOCACHE="$ROOT/target/go/cache" GOPATH="$ROOT/target/go/path" GOFLAGS=-mod=mod GOPROXY=off
export CGO_LDFLAGS="-L$REL -Wl,-rpath,$REL"
(cd examples/go && go build -o "$TMP/tour-go" .)

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

echo
echo "== examples/go"
(cd "$TMP" && ./tour-go)
