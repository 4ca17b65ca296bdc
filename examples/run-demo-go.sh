#!/bin/sh
# Builds the Go example (examples/go, through the binding in bindings/go) against the release
# libtsc.so and runs it against $TSC_SERVER or, when it is not set, a fresh tsc-emulator started
# here on a free loopback port and stopped afterwards. Go's caches stay under target/go.
# Needs Debian's golang-go (Go 1.19). `make demo-go` builds the library and the emulator first.
set -eu
cd "$(dirname "$0")/.."
ROOT=$PWD
REL=$ROOT/target/release
. "$(pwd)/tools/start-emulator.sh"
cleanup() { stop_emulator; [ -n "${TMP:-}" ] && rm -rf "$TMP"; }
trap cleanup EXIT INT TERM
TMP=$(mktemp -d)

command -v go >/dev/null 2>&1 || { echo "the Go toolchain is missing: apt-get install -y golang-go" >&2; exit 1; }
ln -sf libtsc.so "$REL/libtsc.so.0.1"
export GOCACHE="$ROOT/target/go/cache" GOPATH="$ROOT/target/go/path" GOFLAGS=-mod=mod GOPROXY=off
export CGO_LDFLAGS="-L$REL -Wl,-rpath,$REL"
(cd examples/go && go build -o "$TMP/tour-go" .)

demo_server "$TMP"

echo
echo "== examples/go"
(cd "$TMP" && ./tour-go)
