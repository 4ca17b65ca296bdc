#!/bin/sh
# Job-wait benchmark: 100 extract refresh jobs at once (durations 1 to 12 s, the same pseudo-random
# list for both clients), waited on by a pool of 8 threads, with libtsc (benches/job_wait.c) and
# with the Python client's jobs.wait_for_job (tableauserverclient 0.42;
# benches/job_wait_python.py), against one tsc-emulator. Prints, for each client, the number of
# job status requests (GET …/jobs/{id} and GET …/jobs listings, counted in the emulator's request
# log) and how long after each job's end the client learnt it.
#
#   benches/run_jobs.sh [JOBS] [THREADS]      (defaults: 100 and 8)
#
# Builds the release library and emulator first; the Python client goes into target/bench-venv.
# JOBS_KEEP=DIR keeps the emulator's request log and each client's per-job output there.
set -eu
cd "$(dirname "$0")/.."
JOBS=${1:-100}
THREADS=${2:-8}
REL=target/release
TMP=$(mktemp -d)
. tools/start-emulator.sh
cleanup() {
    stop_emulator
    if [ -n "${JOBS_KEEP:-}" ]; then mkdir -p "$JOBS_KEEP" && cp "$TMP"/*.log "$TMP"/*.out "$JOBS_KEEP"/; fi
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

cargo build --release -q -p tsc -p tsc-emulator
MINOR=$(sed -n 's/^version = "0\.\([0-9]*\)\..*/\1/p' Cargo.toml | head -n 1)
ln -sf libtsc.so "$REL/libtsc.so.0.$MINOR"
gcc -std=c99 -O2 -Wall -Wextra -Werror -pthread -Iinclude benches/job_wait.c -o "$TMP/job_wait" \
    -L"$REL" -ltsc -Wl,-rpath,"$PWD/$REL"

VENV=target/bench-venv
if ! "$VENV/bin/python" -c 'import tableauserverclient' 2>/dev/null; then
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "tableauserverclient==0.42"
fi

LOG="$TMP/requests.log"
start_emulator "$TMP" --log-requests "$LOG"
curl -fsS -X POST "$URL/_emulator/bulk/datasources?site=&count=$JOBS&prefix=jobs-libtsc-" >/dev/null
curl -fsS -X POST "$URL/_emulator/bulk/datasources?site=&count=$JOBS&prefix=jobs-python-" >/dev/null
# durations from 1 to 12 s (a linear congruential sequence, the same every run)
DELAYS=$(awk -v n="$JOBS" 'BEGIN { x = 12345; for (i = 0; i < n; i++) { x = (x * 1103515245 + 12345) % 2147483648; printf "%d ", 1000 + x % 11000 } }')

echo "== machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "== tsc-emulator at $URL, $JOBS jobs of 1 to 12 s, $THREADS threads"
# job status requests: GET …/jobs/{id}, and GET …/jobs listings (libtsc's shared look at queued jobs)
by_id() { grep -c "GET /api/[^ ]*/jobs/[0-9a-f-]* " "$LOG" || true; }
listings() { grep -cE "GET /api/[^ ]*/jobs(\?[^ ]*)? " "$LOG" || true; }
status_requests() { echo $(($(by_id) + $(listings))); }

run() { # NAME COMMAND...
    name=$1
    shift
    # every job ends at END0 + its duration, END0 being 4 s from now (after the refreshes)
    end0=$(($(date +%s%3N) + 4000))
    for d in $DELAYS; do
        curl -fsS -X POST "$URL/_emulator/jobOutcomes?finishCode=0&endAtMs=$((end0 + d))" >/dev/null
    done
    before=$(status_requests)
    lists_before=$(listings)
    "$@" "$end0" $DELAYS >"$TMP/$name.out"
    after=$(status_requests)
    lists=$(($(listings) - lists_before))
    echo
    tail -n 1 "$TMP/$name.out"
    echo "  status requests: $((after - before)) ($(awk -v r=$((after - before)) -v n="$JOBS" 'BEGIN { printf "%.2f", r / n }') per job; $lists of them listings)"
}
run libtsc "$TMP/job_wait" "$URL" jobs-libtsc- "$THREADS"
run python "$VENV/bin/python" benches/job_wait_python.py "$URL" jobs-python- "$THREADS"
# per job: who learnt its end first
paste "$TMP/libtsc.out" "$TMP/python.out" | awk '$1 == "lateness_ms" {
    n++; if ($3 <= $6 + 20) ok++; else later = later sprintf(" %d (%.0f ms)", $2, $3 - $6)
    d = $6 - $3; if (d > maxd) maxd = d }
    END { printf "\nlibtsc learnt the end no later (within 20 ms) for %d of %d jobs; at most %.0f ms sooner\n", ok, n, maxd
          if (later != "") printf "later for job:%s\n", later }'
