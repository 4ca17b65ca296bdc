#!/bin/sh
# The C++ binding's pager benchmark: builds benches/bindings/cpp/pager_workbooks.cpp against
# include/tsc.hpp and target/release/libtsc.so (-O2, like the C baseline), runs it against the
# emulator at URL and prints `cpp <items> <median ms> <peak RSS KiB>` last.
#
#   benches/bindings/cpp.sh URL RUNS
set -eu
cd "$(dirname "$0")/../.."
URL=$1
RUNS=${2:-7}
REL=target/release
OUT=$REL/bench-bindings
mkdir -p "$OUT"
${CXX:-g++} -std=c++17 -O2 -Wall -Wextra -Werror -Iinclude benches/bindings/cpp/pager_workbooks.cpp \
    -o "$OUT/pager_workbooks_cpp" -L"$REL" -ltsc -Wl,-rpath,"$PWD/$REL"
"$OUT/pager_workbooks_cpp" "$URL" "$RUNS"
