#!/bin/sh
# The Go binding's pager benchmark (benches/bindings/go), run by benches/run_bindings.sh:
#   benches/bindings/go.sh URL RUNS
# Builds the program against the release libtsc.so (caches under target/go) and prints
# `go <items> <median ms> <peak RSS KiB>` last.
set -eu
cd "$(dirname "$0")/../.."
ROOT=$PWD
REL=$ROOT/target/release
command -v go >/dev/null 2>&1 || { echo "the Go toolchain is missing: apt-get install -y golang-go" >&2; exit 1; }
export GOCACHE="$ROOT/target/go/cache" GOPATH="$ROOT/target/go/path" GOFLAGS=-mod=mod GOPROXY=off
export CGO_LDFLAGS="-L$REL -Wl,-rpath,$REL"
mkdir -p "$ROOT/target/go"
(cd benches/bindings/go && go build -o "$ROOT/target/go/pager_workbooks_go" .)
"$ROOT/target/go/pager_workbooks_go" "$1" "${2:-7}"
