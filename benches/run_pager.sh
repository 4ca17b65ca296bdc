#!/bin/sh
# Pager benchmark: starts tsc-emulator with 20 ms added to every response, seeds 10,000 users, then
# lists them all with libtsc's pager (without and with read-ahead; benches/pager_users.c) and with
# the Python client's Pager (tableauserverclient 0.42; benches/pager_python.py), and prints both.
#
#   benches/run_pager.sh [LATENCY_MS] [USERS]      (defaults: 20 and 10000)
#
# Builds the release library and emulator first; the Python client goes into target/bench-venv.
set -eu
cd "$(dirname "$0")/.."
LATENCY=${1:-20}
USERS=${2:-10000}
REL=target/release
TMP=$(mktemp -d)
. tools/start-emulator.sh
cleanup() { stop_emulator; rm -rf "$TMP"; }
trap cleanup EXIT INT TERM

cargo build --release -q -p tsc -p tsc-emulator
gcc -std=c99 -O2 -Wall -Wextra -Werror -Iinclude benches/pager_users.c -o "$TMP/pager_users" \
    -L"$REL" -ltsc -Wl,-rpath,"$PWD/$REL"

VENV=target/bench-venv
if ! "$VENV/bin/python" -c 'import tableauserverclient' 2>/dev/null; then
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "tableauserverclient==0.42"
fi

start_emulator "$TMP" --latency-ms "$LATENCY"
# The admin is a user too: add USERS - 1 so that the site holds exactly USERS users.
curl -fsS -X POST "$URL/_emulator/bulk/users?site=&count=$((USERS - 1))&prefix=bench." >/dev/null

echo "== machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "== tsc-emulator at $URL, --latency-ms $LATENCY, $USERS users"
echo
"$TMP/pager_users" "$URL" "$LATENCY" 7
echo
"$VENV/bin/python" benches/pager_python.py "$URL" 3
