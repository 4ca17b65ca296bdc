#!/bin/sh
# `make install-check` (part of `make test`): does with an installed tree what README.md's
# "Building against an installed libtsc" says a new user does, under a custom prefix.
#
#  1. installs into target/install-check/opt/tsc and checks the tree: the files the README lists,
#     the library links and soname, stripped binaries, pkg-config's flags, the CMake version
#     file, the man page (renders without warnings, names every option of `tsc-emulator --help`),
#     the HTML reference (`make docs`, which `make install-check` runs first);
#  2. builds the README's C program and the C++ tour with every warning an error, then runs the
#     shell blocks of that README section as one script, in order, with these changes only:
#     /opt/tsc is the prefix above, `make` runs in this repository, the emulator the README
#     starts on 127.0.0.1:8000 (`tsc-emulator --seed demo &`) is started on a free port instead
#     (TSC_SERVER tells the programs), and `kill %1` stops it. That builds the README program
#     with pkg-config (rpath, LD_LIBRARY_PATH, static, libtsc.a alone) and the CMake example
#     against the installed tree, runs each against the emulator and uninstalls;
#  3. checks each program was built as said and printed the demo content, and that the README's
#     `make uninstall` left no file under the prefix.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MAKE=${MAKE:-make}
CC=${CC:-cc}
CXX=${CXX:-c++}
W=$ROOT/target/install-check
P=$W/opt/tsc
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
MAJOR=$(echo "$VERSION" | cut -d. -f1)
MINOR=$(echo "$VERSION" | cut -d. -f2)
if [ "$MAJOR" = 0 ]; then SONAME=libtsc.so.0.$MINOR; else SONAME=libtsc.so.$MAJOR; fi

fail() { echo "install-check: $*" >&2; exit 1; }

rm -rf "$W"
mkdir -p "$W"
# What a user's shell may have set must not change the result.
unset TSC_SERVER TSC_USER TSC_PASSWORD TSC_SITE TSC_PAT_NAME TSC_PAT_SECRET PKG_CONFIG_PATH LD_LIBRARY_PATH || true

# 1. The installed tree.
$MAKE --no-print-directory install-debug PREFIX="$P" >"$W/install.log"
for f in lib/libtsc.so.$VERSION lib/libtsc.a lib/pkgconfig/tsc.pc lib/cmake/tsc/tscConfig.cmake \
    lib/cmake/tsc/tscConfigVersion.cmake include/tsc/tsc.h include/tsc/tsc.hpp \
    include/tsc/tsc/cpp_runtime.hpp bin/tsc-emulator share/man/man1/tsc-emulator.1 \
    share/doc/tsc/LICENSE share/doc/tsc/README.md share/doc/tsc/tsc-emulator.md \
    share/tsc/examples/c/tour.c share/tsc/examples/cpp/tour.cpp share/tsc/examples/cmake/CMakeLists.txt \
    share/doc/tsc/html/index.html share/doc/tsc/html/group__workbooks.html; do
    [ -f "$P/$f" ] || fail "not installed: $f"
done
[ "$(readlink "$P/lib/libtsc.so")" = "$SONAME" ] || fail "lib/libtsc.so is not a link to $SONAME"
[ "$(readlink "$P/lib/$SONAME")" = "libtsc.so.$VERSION" ] || fail "lib/$SONAME is not a link to libtsc.so.$VERSION"
readelf -d "$P/lib/libtsc.so.$VERSION" | grep -q "SONAME.*\[$SONAME\]" || fail "the library's soname is not $SONAME"
cmp -s LICENSE "$P/share/doc/tsc/LICENSE" || fail "LICENSE differs"
grep -q '^license = "MIT"' Cargo.toml && grep -q '^MIT License' LICENSE || fail "LICENSE does not match Cargo.toml's license"
for f in lib/libtsc.so.$VERSION bin/tsc-emulator; do
    if readelf -SW "$P/$f" | grep -Eq '\.debug_(info|line|str) '; then fail "$f is not stripped"; fi
done
if readelf -SW "$P/lib/libtsc.a" 2>/dev/null | grep -Eq '\.debug_(info|line|str) '; then fail "lib/libtsc.a has debug sections"; fi
readelf -S "$P/lib/libtsc.so.$VERSION" | grep -q '\.gnu_debuglink' || fail "no .gnu_debuglink in the library"
# install-debug: the symbols where gdb looks for the debuglink's file (the library's .debug/).
link=$(readelf -p .gnu_debuglink "$P/lib/libtsc.so.$VERSION" | sed -n 's/^ *\[ *0\] *//p')
[ "$link" = "libtsc.so.$VERSION.debug" ] || fail "the debuglink names '$link'"
readelf -SW "$P/lib/.debug/libtsc.so.$VERSION.debug" | grep -Eq '\.debug_info ' || fail "lib/.debug/libtsc.so.$VERSION.debug has no debug information"
so=$(stat -c %s "$P/lib/libtsc.so.$VERSION")
[ "$so" -lt 10000000 ] || fail "the installed library is $so bytes"
echo "install-check: installed libtsc.so.$VERSION $so bytes (built: $(stat -c %s target/release/libtsc.so)), libtsc.a $(stat -c %s "$P/lib/libtsc.a") bytes, tsc-emulator $(stat -c %s "$P/bin/tsc-emulator") bytes"
nm -D --defined-only "$P/lib/libtsc.so.$VERSION" | grep -q ' T tsc_version$' || fail "tsc_version not exported"
pc() { PKG_CONFIG_PATH=$P/lib/pkgconfig pkg-config "$@"; }
# pkg-config's answer with its spacing normalised.
# shellcheck disable=SC2046,SC2116
pcw() { echo $(pc "$@"); }
[ "$(pc --modversion tsc)" = "$VERSION" ] || fail "pkg-config --modversion tsc is not $VERSION"
[ "$(pcw --cflags tsc)" = "-I$P/include/tsc" ] || fail "pkg-config --cflags: $(pc --cflags tsc)"
[ "$(pcw --libs tsc)" = "-L$P/lib -ltsc" ] || fail "pkg-config --libs: $(pc --libs tsc)"
[ "$(pcw --static --libs tsc)" = "-L$P/lib -ltsc -lpthread -ldl -lm -lrt -lutil" ] || fail "pkg-config --static --libs: $(pc --static --libs tsc)"
# The man page: renders cleanly, names every option of --help, states this version.
warnings=$(LC_ALL=C MANWIDTH=100 man --warnings -l "$P/share/man/man1/tsc-emulator.1" 2>&1 >"$W/man.txt") || fail "man failed"
[ -z "$warnings" ] || fail "the man page has warnings: $warnings"
grep -q "libtsc $VERSION" "$W/man.txt" || fail "the man page does not say libtsc $VERSION"
"$P/bin/tsc-emulator" --help >"$W/help.txt"
for flag in $(grep -o -- '--[a-z][a-z-]*' "$W/help.txt" | sort -u); do
    grep -q -- "$flag" "$W/man.txt" || fail "the man page does not describe $flag"
done
"$P/bin/tsc-emulator" --version | grep -q "^tsc-emulator $VERSION$" || fail "tsc-emulator --version"

# 2. The README: its C program into app.c, then the section's shell blocks as one script.
awk '/^```c$/ { on = 1; next } on && /^```$/ { exit } on' README.md >"$W/app.c"
awk '/^## Building against an installed libtsc/ { on = 1; next } on && /^## / { exit }
     on && /^```sh$/ { sh = 1; next } sh && /^```$/ { sh = 0; next } sh' README.md >"$W/readme.sh"
grep -q '^make install PREFIX=/opt/tsc' "$W/readme.sh" || fail "README: no install block in 'Building against an installed libtsc'"
grep -q 'tsc-emulator --seed demo &' "$W/readme.sh" || fail "README: the install block starts no emulator"
# The README program and the C++ tour build without a warning.
# shellcheck disable=SC2046 # pkg-config's words
$CC -std=c99 -Wall -Wextra -Wpedantic -Werror "$W/app.c" -o "$W/app-strict" $(pc --cflags --libs tsc)
# shellcheck disable=SC2046
$CXX -std=c++17 -Wall -Wextra -Werror examples/cpp/tour.cpp -o "$W/tour-cpp" $(pc --cflags --libs tsc) -Wl,-rpath,"$P/lib"
{
    echo "set -eux"
    echo ". '$ROOT/tools/start-emulator.sh'"
    echo "trap stop_emulator EXIT INT TERM"
    sed -e "s|/opt/tsc|$P|g" \
        -e "s|^make |$MAKE --no-print-directory -C '$ROOT' |" \
        -e "s|^\(.*\)tsc-emulator --seed demo &.*|TSC_EMULATOR=$P/bin/tsc-emulator start_emulator '$W' --seed demo; export TSC_SERVER=\$URL|" \
        -e "s|^kill %1.*|stop_emulator|" "$W/readme.sh"
} >"$W/readme-run.sh"
echo "install-check: running README.md's commands (target/install-check/readme-run.sh)"
(cd "$W" && sh "$W/readme-run.sh") >"$W/readme-run.log" 2>&1 || {
    tail -n 40 "$W/readme-run.log" >&2
    fail "README.md's commands failed (target/install-check/readme-run.log)"
}

# 3. What they did.
for prog in app app-plain app-static app-static-tsc build/workbooks_cpp build/workbooks_static; do
    [ -x "$W/$prog" ] || fail "README.md's commands built no $prog"
done
readelf -d "$W/app" | grep -q "NEEDED.*\[$SONAME\]" || fail "app does not need $SONAME"
readelf -d "$W/app" | grep -q "R.*PATH.*\[$P/lib\]" || fail "app has no rpath $P/lib"
if readelf -d "$W/app-static-tsc" | grep -q 'NEEDED.*libtsc'; then fail "app-static-tsc needs libtsc.so"; fi
if readelf -d "$W/build/workbooks_static" | grep -q 'NEEDED.*libtsc'; then fail "workbooks_static needs libtsc.so"; fi
readelf -d "$W/build/workbooks_cpp" | grep -q "NEEDED.*\[$SONAME\]" || fail "workbooks_cpp does not need $SONAME"
# Each program ran against the emulator: the projects (README program) and workbooks (CMake).
[ "$(grep -c '^Q1 Reports$' "$W/readme-run.log")" -eq 4 ] || fail "the README program did not list the demo projects four times"
[ "$(grep -c '^Superstore$' "$W/readme-run.log")" -eq 2 ] || fail "the CMake examples did not list the demo workbooks"
# The uninstall of the README's last block left nothing behind.
left=$(find "$P" ! -type d | head -n 5)
[ -z "$left" ] || fail "make uninstall left: $left"
echo "install-check: installed tree, README commands (pkg-config, rpath, LD_LIBRARY_PATH, static), CMake find_package example, man page, uninstall OK"
