#!/bin/sh
# Bounded fuzzing (`make fuzz`): runs every target of fuzz/fuzz_targets (or those named as
# arguments) for $FUZZ_SECONDS seconds each (default 60) with cargo-fuzz on nightly, niced.
# New inputs go to target/fuzz-corpus/<target> (the committed fuzz/corpus/<target> is read as
# seeds, never written); crashes to fuzz/artifacts/<target>/. Each run's log is
# target/fuzz-logs/<target>.log; a summary line per target (runs, exec/s, result) is printed at
# the end; $FUZZ_ARGS goes to libFuzzer as well. Exits non-zero if any target found something.
# See docs/fuzzing.md.
set -u
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz || exit 1
targets=${*:-$(ls fuzz/fuzz_targets | sed 's/\.rs$//')}
mkdir -p target/fuzz-logs
(cd fuzz && nice -n 10 cargo +nightly fuzz build) || exit 1
summary="" failed=0
for t in $targets; do
    mkdir -p "target/fuzz-corpus/$t"
    log="target/fuzz-logs/$t.log"
    (cd fuzz && nice -n 10 cargo +nightly fuzz run "$t" "../target/fuzz-corpus/$t" "corpus/$t" -- \
        -max_total_time="$seconds" -print_final_stats=1 ${FUZZ_ARGS:-}) >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    if [ $rc -eq 0 ]; then result="no findings"; else result="FINDING (see $log, fuzz/artifacts/$t/)"; failed=1; fi
    summary="$summary$(printf '%-20s %10s runs %8s exec/s  %s' "$t" "${runs:-?}" "${speed:-?}" "$result")
"
done
printf '\nfuzz: %s s per target on %s, %s\n%s' "$seconds" "$(nproc) cores" "$(cargo +nightly --version)" "$summary"
exit $failed
