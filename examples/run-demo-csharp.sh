#!/bin/sh
# Builds the C# binding and examples/csharp/ with mono's mcs, then runs the C# tour and
# publish-and-download against $TSC_SERVER, or, when it is not set, against a fresh tsc-emulator
# started here on a free loopback port and stopped afterwards (as examples/run-demo.sh does for C).
# Needs `make lib emulator` first (`make demo-csharp` does both) and mono (apt-get install -y mono-complete).
set -eu
cd "$(dirname "$0")/.."
REL=target/release
OUT=$REL/examples/csharp
. "$(pwd)/tools/start-emulator.sh"
cleanup() { stop_emulator; [ -n "${TMP:-}" ] && rm -rf "$TMP"; }
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

demo_server "$TMP"

for ex in Tour PublishAndDownload; do
    echo
    echo "== examples/csharp/$ex.cs"
    (cd "$TMP" && mono "$OLDPWD/$OUT/$ex.exe")
done
