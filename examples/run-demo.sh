#!/bin/sh
# Runs the C examples (built by `make examples`) against $TSC_SERVER, or, when it is not set,
# against a fresh tsc-emulator started here on a free loopback port and stopped afterwards.
set -eu
cd "$(dirname "$0")/.."
REL=target/release
. tools/start-emulator.sh
cleanup() { stop_emulator; [ -n "${TMP:-}" ] && rm -rf "$TMP"; }
trap cleanup EXIT INT TERM
TMP=$(mktemp -d)

demo_server "$TMP"

# the emulator's jobs take 3 s, so that refresh_and_wait has progress to show
if [ -n "${EMU_PID:-}" ]; then
    curl -fsS -X POST "$TSC_SERVER/_emulator/settings?jobDelayMs=3000" >/dev/null
fi

for ex in tour publish_and_download users_and_groups copy_default_permissions refresh_and_wait export_views; do
    if [ -x "$REL/examples/$ex" ]; then
        echo
        echo "== examples/c/$ex.c"
        (cd "$TMP" && "$OLDPWD/$REL/examples/$ex")
    fi
done
