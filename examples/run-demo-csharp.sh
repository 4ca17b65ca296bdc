#!/bin/sh
# Builds the C# binding and examples/csharp/ with mono's mcs, then runs the C# tour and
# publish-and-download against $TSC_SERVER, or, when it is not set, against a fresh tsc-emulator
# started here on a free loopback port and stopped afterwards (as examples/run-demo.sh does for C).
# Needs `make lib emulator` first (`make demo-csharp` does both) and mono (apt-get install -y mono-complete).
set -eu
cd "$(dirname "$0")/.."
REL=target/release
OUT=$REL/examples/csharp
EMU_PID=""
cleanup() { [ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null; [ -n "${TMP:-}" ] && rm -rf "$TMP"; }
trap cleanup EXIT INT TERM
TMP=$(mktemp -d)

command -v mono >/dev/null 2>&1 || { echo "mono not found: apt-get install -y mono-complete" >&2; exit 1; }
bindings/csharp/build.sh "$OUT"
# Tour.cs holds the credentials helper PublishAndDownload.cs uses, so both programs take it.
mcs -nologo -r:"$OUT/Tsc.dll" -out:"$OUT/Tour.exe" examples/csharp/Tour.cs
mcs -nologo -r:"$OUT/Tsc.dll" -main:PublishAndDownload -out:"$OUT/PublishAndDownload.exe" \
    examples/csharp/PublishAndDownload.cs examples/csharp/Tour.cs
LD_LIBRARY_PATH="$PWD/$REL${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH

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

for ex in Tour PublishAndDownload; do
    echo
    echo "== examples/csharp/$ex.cs"
    (cd "$TMP" && mono "$OLDPWD/$OUT/$ex.exe")
done
