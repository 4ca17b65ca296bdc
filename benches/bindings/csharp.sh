#!/bin/sh
# The C# binding's pager benchmark (see README.md here): builds bindings/csharp and
# csharp/PagerWorkbooks.cs with mono's mcs into target/release/bench-csharp, then runs it against
# the emulator at URL. Usage: benches/bindings/csharp.sh URL RUNS
set -eu
cd "$(dirname "$0")/../.."
URL=${1:?usage: csharp.sh URL RUNS}
RUNS=${2:-7}
OUT=target/release/bench-csharp
bindings/csharp/build.sh "$OUT" >&2
mcs -nologo -optimize+ -r:"$OUT/Tsc.dll" -out:"$OUT/PagerWorkbooks.exe" benches/bindings/csharp/PagerWorkbooks.cs >&2
LD_LIBRARY_PATH="$PWD/target/release${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" mono --optimize=all "$OUT/PagerWorkbooks.exe" "$URL" "$RUNS"
