#!/bin/sh
# The thread tests under ThreadSanitizer (`make tsan`; nightly with rust-src for -Zbuild-std,
# added with rustup if missing; clang). Not part of `make test`. Two parts, both with std and
# every crate instrumented (-Zsanitizer=thread -Zbuild-std), built into target/tsan:
#   1. Rust: the library's unit tests (the pager's read-ahead threads among them), tests/pager.rs
#      (read-ahead against the emulator, but for its timing test) and tests/threads.rs (one Server shared by 8 threads,
#      the twin of test_threads.c); the emulator runs in-process, instrumented too.
#   2. C: that build's libtsc.so, tests/c/test_threads.c, test_pagers.c and test_job_watch.c
#      (waits sharing the job watch) compiled with
#      clang -fsanitize=thread and linked with the nightly's own TSan runtime (the one rustc
#      instrumented against), run against an uninstrumented emulator process.
# Any report fails the run (TSAN_OPTIONS halt_on_error=1, exit code 66). See docs/fuzzing.md.
set -eu
cd "$(dirname "$0")/.."
triple=x86_64-unknown-linux-gnu
dir=target/tsan
rustup component list --toolchain nightly --installed | grep -q '^rust-src' ||
    rustup component add rust-src --toolchain nightly
export RUSTFLAGS="-Zsanitizer=thread"
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
cargo="nice -n 10 cargo +nightly"
zstd="-Zbuild-std --target $triple --target-dir $dir"

echo "== tsan: Rust (lib unit tests, tests/pager.rs, tests/threads.rs)"
# Skipped: a timing assertion (read-ahead at least twice as fast as sequential against a 40 ms
# emulator latency) that the instrumented in-process emulator's slowness breaks; no race test.
$cargo test $zstd -p tsc --lib --test pager --test threads -- \
    --skip read_ahead_overlaps_round_trips_and_drop_does_not_wait

echo "== tsan: C (test_threads.c, test_pagers.c, test_job_watch.c over a TSan libtsc.so)"
# The libtsc.so the test build above made (a plain `cargo build` would resolve other features
# of the shared dependencies and rebuild them all), under its soname.
lib=$dir/$triple/debug/deps
soname=$(readelf -d "$lib/libtsc.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
ln -sf libtsc.so "$lib/$soname"
RUSTFLAGS="" nice -n 10 cargo build -q -p tsc-emulator
rt=$(rustc +nightly --print sysroot)/lib/rustlib/$triple/lib/librustc-nightly_rt.tsan.a
mkdir -p "$dir/c"
. tools/start-emulator.sh
trap stop_emulator EXIT
TSC_EMULATOR=target/debug/tsc-emulator start_emulator "$dir/c"
target/debug/tsc-emulator samples --out "$dir/c/samples" >/dev/null
export TSC_TEST_SAMPLES="$PWD/$dir/c/samples"
for t in test_threads test_pagers test_job_watch; do
    clang -std=c99 -g -O1 -fsanitize=thread -Iinclude -Itests/c -c tests/c/$t.c -o "$dir/c/$t.o"
    clang "$dir/c/$t.o" -o "$dir/c/$t" -L"$lib" -ltsc -Wl,-rpath,"$PWD/$lib" \
        -rdynamic -Wl,--whole-archive "$rt" -Wl,--no-whole-archive -lpthread -ldl -lm -lrt
    TSC_TEST_URL=$URL "$dir/c/$t"
done
echo "tsan: no reports"
