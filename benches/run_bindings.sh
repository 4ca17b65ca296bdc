#!/bin/sh
# Bindings benchmark: starts tsc-emulator with 10,000 workbooks on the Default site, then lists
# them all with the pager (pages of 1000) from C (benches/pager_workbooks.c) and from each
# binding whose benchmark is present, side by side in one run against the same emulator. Every
# program prints `<name> <items> <median ms> <peak RSS KiB>`; this script adds the ratio to C.
#
#   benches/run_bindings.sh [RUNS] [WORKBOOKS]      (defaults: 7 and 10000)
#
# A binding plugs in with an executable benches/bindings/<name>.sh taking `URL RUNS` that builds
# (if needed) and runs its benchmark, printing that one line last.
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-7}
COUNT=${2:-10000}
REL=target/release
TMP=$(mktemp -d)
. tools/start-emulator.sh
cleanup() { stop_emulator; rm -rf "$TMP"; }
trap cleanup EXIT INT TERM

cargo build --release -q -p tsc -p tsc-emulator
ln -sf libtsc.so "$REL/libtsc.so.0.1"
gcc -std=c99 -O2 -Wall -Wextra -Werror -Iinclude benches/pager_workbooks.c -o "$TMP/pager_workbooks" \
    -L"$REL" -ltsc -Wl,-rpath,"$PWD/$REL"

start_emulator "$TMP"
curl -fsS -X POST "$URL/_emulator/bulk/workbooks?site=&count=$COUNT&sheets=1" >/dev/null

echo "== machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "== tsc-emulator at $URL, $COUNT workbooks, median of $RUNS runs"
printf '%-8s %8s %10s %12s %8s\n' binding items "median ms" "peak RSS KiB" "vs C"
C_LINE=$("$TMP/pager_workbooks" "$URL" "$RUNS" | tail -n 1)
C_MS=$(echo "$C_LINE" | awk '{print $3}')
echo "$C_LINE" | awk '{printf "%-8s %8s %10s %12s %8s\n", $1, $2, $3, $4, "1.00"}'
for b in benches/bindings/*.sh; do
    [ -x "$b" ] || continue
    LINE=$("$b" "$URL" "$RUNS" | tail -n 1)
    echo "$LINE" | awk -v c="$C_MS" '{printf "%-8s %8s %10s %12s %8.2f\n", $1, $2, $3, $4, $3 / c}'
done
