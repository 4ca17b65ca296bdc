#!/bin/sh
# Emulator benchmark (on demand, not in `make test`): how fast tsc-emulator answers a 1000-item
# page, and how fast it streams content in and out on loopback, measured with curl.
#
#   benches/emulator_bench.sh            # release build, 1 GiB file, 200 page requests
#   BENCH_BYTES=268435456 BENCH_PAGES=50 benches/emulator_bench.sh
#
# What it does: starts the release emulator (port 0, data dir under target/), signs in, creates
# 1000 workbooks (real .twb files, 3 views each) and 1000 users through the bulk control
# endpoints, then
#   1. GETs the 1000-item pages (workbooks, users, views) BENCH_PAGES times each over one
#      keep-alive connection; reports min / median / p95 of curl's time_total;
#   2. uploads a BENCH_BYTES .hyper through an upload session in 64 MiB appends (each append
#      streamed by curl from a pipe, chunked transfer encoding) and commits it;
#   3. downloads it 3 times to /dev/null (curl's speed_download), and once to a file that is
#      compared byte for byte with the original.
set -eu
cd "$(dirname "$0")/.."
BYTES=${BENCH_BYTES:-1073741824}
PAGES=${BENCH_PAGES:-200}
CHUNK=$((64 * 1024 * 1024))
EMU=target/release/tsc-emulator

cargo build --release -q -p tsc-emulator
WORK=$(mktemp -d "$PWD/target/emulator-bench.XXXXXX")
EMU_PID=
cleanup() {
    [ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null && wait "$EMU_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

mkfifo "$WORK/out"
"$EMU" --listen 127.0.0.1:0 --data-dir "$WORK/data" >"$WORK/out" 2>/dev/null &
EMU_PID=$!
read -r LINE <"$WORK/out"
BASE=${LINE#listening on }
API=$BASE/api/3.25

SIGNIN=$(curl -sf -X POST "$API/auth/signin" \
    -d '<tsRequest><credentials name="admin" password="admin"><site contentUrl=""/></credentials></tsRequest>')
TOKEN=$(printf '%s' "$SIGNIN" | sed 's/.*token="\([^"]*\)".*/\1/')
SITE=$(printf '%s' "$SIGNIN" | sed 's/.*<site id="\([^"]*\)".*/\1/')
H="X-Tableau-Auth: $TOKEN"
S=$API/sites/$SITE

echo "machine: $(nproc) CPU, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), $(uname -sr)"
echo "emulator: $("$EMU" --version), release build"
curl -sf -X POST "$BASE/_emulator/bulk/workbooks?site=&count=1000&prefix=wb&sheets=2" >/dev/null
curl -sf -X POST "$BASE/_emulator/bulk/users?site=&count=1000&prefix=u" >/dev/null

# 1. 1000-item pages.
page() { # name path
    urls=
    i=0
    while [ $i -lt "$PAGES" ]; do urls="$urls -o /dev/null $S/$2"; i=$((i + 1)); done
    # shellcheck disable=SC2086 # one word per argument
    curl -s -H "$H" -w '%{time_total} %{size_download}\n' $urls >"$WORK/t"
    sort -n "$WORK/t" | awk -v n="$1" '
        { t[NR] = $1 * 1000; b = $2 }
        END { printf "page %-9s 1000 items, %6d bytes: min %.2f ms, median %.2f ms, p95 %.2f ms (%d requests, one connection)\n",
              n, b, t[1], t[int((NR + 1) / 2)], t[int(NR * 0.95)], NR }'
}
page workbooks "workbooks?pageSize=1000"
page users "users?pageSize=1000&fields=_all_"
page views "views?pageSize=1000"

# 2. Upload through a session.
"$EMU" samples --out "$WORK/files" --hyper-bytes "$BYTES" >/dev/null
BIG=$WORK/files/Big.hyper
SESSION=$(curl -sf -X POST -H "$H" -H 'Content-Type: text/xml' "$S/fileUploads" |
    sed 's/.*uploadSessionId="\([^"]*\)".*/\1/')
B=bench6691a87289ac461bab2c945741f136e6
START=$(date +%s.%N)
OFF=0
while [ "$OFF" -lt "$BYTES" ]; do
    {
        printf -- '--%s\r\nContent-Disposition: name="request_payload"\r\nContent-Type: text/xml\r\n\r\n\r\n' "$B"
        printf -- '--%s\r\nContent-Disposition: name="tableau_file"; filename="file"\r\nContent-Type: application/octet-stream\r\n\r\n' "$B"
        dd if="$BIG" bs=1M skip=$((OFF / 1048576)) count=$((CHUNK / 1048576)) status=none
        printf -- '\r\n--%s--\r\n' "$B"
    } | curl -sf -X PUT -T - -H "$H" -H "Content-Type: multipart/mixed; boundary=$B" \
        "$S/fileUploads/$SESSION" >/dev/null
    OFF=$((OFF + CHUNK))
done
PAYLOAD='<tsRequest><datasource name="Bench"/></tsRequest>'
BODY=$(printf -- '--%s\r\nContent-Disposition: name="request_payload"\r\nContent-Type: text/xml\r\n\r\n%s\r\n--%s--\r\n' "$B" "$PAYLOAD" "$B")
DS=$(printf '%s' "$BODY" | curl -sf -X POST --data-binary @- -H "$H" \
    -H "Content-Type: multipart/mixed; boundary=$B" \
    "$S/datasources?uploadSessionId=$SESSION&datasourceType=hyper" |
    sed 's/.*<datasource id="\([^"]*\)".*/\1/')
END=$(date +%s.%N)
awk -v b="$BYTES" -v s="$START" -v e="$END" 'BEGIN {
    printf "upload   %d MiB through an upload session (64 MiB appends) and commit: %.2f s, %.0f MB/s\n",
        b / 1048576, e - s, b / (e - s) / 1e6 }'

# 3. Downloads.
for i in 1 2 3; do
    curl -s -H "$H" -o /dev/null -w '%{speed_download} %{time_total} %{size_download}\n' "$S/datasources/$DS/content"
done | awk '{ printf "download %d MiB to /dev/null: %.2f s, %.0f MB/s (%.2f GB/s)\n", $3 / 1048576, $2, $1 / 1e6, $1 / 1e9 }'
curl -s -H "$H" -o "$WORK/dl.hyper" "$S/datasources/$DS/content"
cmp "$BIG" "$WORK/dl.hyper" && echo "download is byte-identical to the uploaded file"
