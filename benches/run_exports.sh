#!/bin/sh
# Export benchmark (issue 14): N view images (default 200) exported with THREADS threads (default 8)
# against one tsc-emulator seeded with the demo content, by libtsc (benches/export_client.c, one
# server handle shared by the threads) and by the Python client (tableauserverclient 0.42,
# views.populate_image from a ThreadPoolExecutor), side by side in one run. Reports the median
# wall time of TSC_BENCH_RUNS runs (default 3) and each client's peak resident memory (VmHWM /
# ru_maxrss). Both check every answer is a PNG.
#
#   benches/run_exports.sh        (TSC_BENCH_IMAGES=200 TSC_BENCH_THREADS=8 TSC_BENCH_RUNS=3)
set -eu
cd "$(dirname "$0")/.."
N=${TSC_BENCH_IMAGES:-200}
THREADS=${TSC_BENCH_THREADS:-8}
RUNS=${TSC_BENCH_RUNS:-3}
W=target/bench-exports
REL=target/release
VENV=${TSC_CONFORMANCE_VENV:-target/conformance-venv}

cargo build --release -q -p tsc -p tsc-emulator
rm -rf "$W"
mkdir -p "$W"
gcc -std=c99 -O2 -Wall -Wextra -Werror -pthread -Iinclude benches/export_client.c -o "$W/export_client" \
    -L"$REL" -ltsc -Wl,-rpath,"$(pwd)/$REL"
if ! "$VENV/bin/python" -c 'import tableauserverclient' 2>/dev/null; then
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "tableauserverclient==0.42"
fi

. tools/start-emulator.sh
trap 'stop_emulator; sleep 0.2; rm -rf "$W"' EXIT INT TERM
start_emulator "$W" --seed demo

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }

# The runs alternate (libtsc, Python, libtsc, ...) so both see the same machine; the client's
# CPU time (user + system, /usr/bin/time) depends far less on the machine's other load than the
# wall time, which the emulator's rendering of each image dominates.
: >"$W/libtsc.runs"
: >"$W/python.runs"
r=0
while [ $r -lt "$RUNS" ]; do
    for client in libtsc python; do
        if [ $client = libtsc ]; then
            set -- "$W/export_client" "$URL" "$N" "$THREADS"
        else
            set -- "$VENV/bin/python" benches/export_python.py "$URL" "$N" "$THREADS"
        fi
        line=$(/usr/bin/time -f 'cpu=%U+%S' -o "$W/time" "$@")
        echo "$line $(cat "$W/time")" >>"$W/$client.runs"
    done
    r=$((r + 1))
done
for client in libtsc python; do
    secs=$(field seconds <"$W/$client.runs" | median)
    cpu=$(field cpu <"$W/$client.runs" | bc -l | median)
    hwm=$(field hwm_kib <"$W/$client.runs" | sort -n | tail -n 1)
    printf '%-7s %s images, %s threads: median %s s wall (%s runs), %.1f images/s, client CPU %.2f s, peak memory %s KiB\n' \
        "$client" "$N" "$THREADS" "$secs" "$RUNS" "$(echo "$N / $secs" | bc -l)" "$cpu" "$hwm"
done
