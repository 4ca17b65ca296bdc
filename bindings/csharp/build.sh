#!/bin/sh
# Builds the C# binding: OUTDIR/Tsc.dll (+ Tsc.xml docs) from src/ and generated/, with mono's
# mcs (Debian: apt-get install -y mono-complete). Usage: bindings/csharp/build.sh OUTDIR
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:?usage: build.sh OUTDIR}
mkdir -p "$OUT"
command -v mcs >/dev/null 2>&1 || { echo "mcs not found: apt-get install -y mono-complete" >&2; exit 1; }
mcs -nologo -target:library -unsafe -optimize+ -warnaserror+ -nowarn:1591 -langversion:7 \
    -doc:"$OUT/Tsc.xml" -out:"$OUT/Tsc.dll" "$HERE"/src/*.cs "$HERE"/generated/*.cs
cp "$HERE/generated/Tsc.dll.config" "$OUT/Tsc.dll.config"
