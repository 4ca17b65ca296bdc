#!/bin/sh
# Transfer benchmark: publish and download of one large file (default 1 GiB, a .hyper data source)
# against tsc-emulator on loopback, by libtsc (benches/transfer_client.c, through the C API), by
# curl with the same requests (an upload session of 64 MiB appends, each body the same multipart
# bytes, sent with `curl -T`; the download with `curl -o`), and by the Python client
# (tableauserverclient 0.42, its defaults: 50 MB chunks). Reports the median time of TSC_BENCH_RUNS
# runs (default 3), the throughput, and each client's peak resident memory (/usr/bin/time's maximum
# resident set size for every client; the libtsc client also prints its own VmHWM). Dirty pages are
# flushed (`sync`) before every timed transfer, so one client's writeback does not slow the next.
# The client's CPU time (user + system, from /usr/bin/time) is given too: it depends far less on
# what else the machine is doing than the wall-clock time. Every download is compared with the file.
#
#   benches/run_transfers.sh            (TSC_BENCH_MB=1024 TSC_BENCH_RUNS=3 by default)
#
# TSC_BENCH_DIR (default target/bench-transfers) holds the file, the emulator's data and the
# downloads: on a tmpfs such as /dev/shm the disk drops out and the clients themselves are compared.
# Needs gcc, curl, python3 (venv), bc, /usr/bin/time.
set -eu
cd "$(dirname "$0")/.."
MB=${TSC_BENCH_MB:-1024}
RUNS=${TSC_BENCH_RUNS:-3}
W=${TSC_BENCH_DIR:-target/bench-transfers}
REL=target/release
CHUNK=$((64 * 1024 * 1024))
VENV=${TSC_CONFORMANCE_VENV:-target/conformance-venv}

cargo build --release -q -p tsc -p tsc-emulator
rm -rf "$W"
mkdir -p "$W/samples" "$W/data"
gcc -std=c99 -O2 -Wall -Wextra -Werror -Iinclude benches/transfer_client.c -o "$W/transfer_client" \
    -L"$REL" -ltsc -Wl,-rpath,"$(pwd)/$REL"
if ! "$VENV/bin/python" -c 'import tableauserverclient' 2>/dev/null; then
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "tableauserverclient==0.42"
fi

BYTES=$((MB * 1024 * 1024))
"$REL/tsc-emulator" samples --out "$W/samples" --hyper-bytes "$BYTES" >/dev/null
FILE="$W/samples/Big.hyper"

. tools/start-emulator.sh
trap 'stop_emulator; sleep 0.2; rm -rf "$W"' EXIT INT TERM
start_emulator "$W" --data-dir "$W/data"
export TSC_SERVER="$URL" TSC_USER=admin TSC_PASSWORD=admin
A="$URL/api/3.25"

# sign in for curl
SIGNIN=$(curl -s -X POST "$A/auth/signin" -H 'Content-Type: application/xml' \
    -d '<tsRequest><credentials name="admin" password="admin"><site contentUrl=""/></credentials></tsRequest>')
TOKEN=$(echo "$SIGNIN" | sed -n 's/.*token="\([^"]*\)".*/\1/p')
SITE=$(echo "$SIGNIN" | sed -n 's/.*<site id="\([^"]*\)".*/\1/p')
S="$A/sites/$SITE"

# curl's request bodies, built once (not timed): the same multipart shape libtsc sends
mkdir -p "$W/curl"
B=0123456789abcdef0123456789abcdef
split -b "$CHUNK" -d -a 3 "$FILE" "$W/curl/chunk."
NCHUNKS=0
for c in "$W"/curl/chunk.*; do
    { printf -- '--%s\r\nContent-Disposition: form-data; name="request_payload"; filename=""\r\nContent-Type: text/xml\r\n\r\n\r\n--%s\r\nContent-Disposition: form-data; name="tableau_file"; filename="file"\r\nContent-Type: application/octet-stream\r\n\r\n' $B $B
      cat "$c"; printf -- '\r\n--%s--\r\n' $B; } >"$c.body"
    rm "$c"
    NCHUNKS=$((NCHUNKS + 1))
done
printf -- '--%s\r\nContent-Disposition: form-data; name="request_payload"; filename=""\r\nContent-Type: text/xml\r\n\r\n<tsRequest><datasource name="bench-curl"/></tsRequest>\r\n--%s--\r\n' $B $B >"$W/curl/commit.body"

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
maxrss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }
# cpu TIME_FILE: user + system seconds of the process /usr/bin/time measured
cpu() { awk -F': ' '/User time|System time/ {t += $2} END {printf "%.3f\n", t}' "$1"; }

curl_publish() {
    sync
    t0=$(now)
    SESSION=$(curl -s -X POST -H "X-Tableau-Auth: $TOKEN" -H 'Content-Type: application/xml' -d '' "$S/fileUploads" |
        sed -n 's/.*uploadSessionId="\([^"]*\)".*/\1/p')
    set --
    first=1
    for b in "$W"/curl/chunk.*.body; do
        [ $first = 1 ] || set -- "$@" --next
        first=0
        set -- "$@" -s -o /dev/null -X PUT -H "X-Tableau-Auth: $TOKEN" -H "Content-Type: multipart/mixed; boundary=$B" \
            -T "$b" "$S/fileUploads/$SESSION"
    done
    /usr/bin/time -v -o "$W/curl.time" curl "$@"
    curl -s -o /dev/null -w '%{http_code}' -X POST -H "X-Tableau-Auth: $TOKEN" \
        -H "Content-Type: multipart/mixed; boundary=$B" --data-binary @"$W/curl/commit.body" \
        "$S/datasources?datasourceType=hyper&overwrite=true&uploadSessionId=$SESSION" >"$W/curl.code"
    t1=$(now)
    [ "$(cat "$W/curl.code")" = 201 ] || { echo "curl commit failed: $(cat "$W/curl.code")" >&2; exit 1; }
    echo "$t1 - $t0" | bc
}

: >"$W/lib-pub64" ; : >"$W/lib-pub8"; : >"$W/curl-pub"; : >"$W/lib-down"; : >"$W/curl-down"
: >"$W/lib-pub64.rss"; : >"$W/lib-pub8.rss"; : >"$W/lib-down.rss"; : >"$W/curl-pub.rss"; : >"$W/curl-down.rss"
: >"$W/lib-pub64.cpu"; : >"$W/lib-pub8.cpu"; : >"$W/lib-down.cpu"; : >"$W/curl-pub.cpu"; : >"$W/curl-down.cpu"
ID=""
# libtsc_run NAME ARGS...: runs the libtsc client under /usr/bin/time, records seconds and peak RSS
libtsc_run() {
    name=$1; shift
    sync
    out=$(/usr/bin/time -v -o "$W/lib.time" "$W/transfer_client" "$@")
    echo "$out" | field seconds >>"$W/$name"
    maxrss "$W/lib.time" >>"$W/$name.rss"
    cpu "$W/lib.time" >>"$W/$name.cpu"
    echo "$out"
}
lib_publish() { # CHUNK_BYTES NAME RESULT_FILE LABEL
    out=$(libtsc_run "$3" publish "$FILE" "$2" "$1")
    echo "  libtsc publish ($4): $out"
    [ "$1" = $CHUNK ] && ID=$(echo "$out" | field id)
    return 0
}
curl_pub() {
    secs=$(curl_publish)
    [ -n "$secs" ] || exit 1
    echo "  curl publish (64 MiB chunks):   seconds=$secs"
    echo "$secs" >>"$W/curl-pub"; maxrss "$W/curl.time" >>"$W/curl-pub.rss"; cpu "$W/curl.time" >>"$W/curl-pub.cpu"
}
lib_down() {
    rm -rf "$W/down-lib" && mkdir -p "$W/down-lib"
    out=$(libtsc_run lib-down download "$ID" "$W/down-lib")
    echo "  libtsc download: $out"
    cmp -s "$FILE" "$(echo "$out" | field path)" || { echo "libtsc download differs" >&2; exit 1; }
    rm -rf "$W/down-lib"
}
curl_down() {
    rm -rf "$W/down-curl" && mkdir -p "$W/down-curl"
    sync
    t0=$(now)
    /usr/bin/time -v -o "$W/curl.time" curl -s -H "X-Tableau-Auth: $TOKEN" -o "$W/down-curl/Big.hyper" "$S/datasources/$ID/content"
    t1=$(now)
    secs=$(echo "$t1 - $t0" | bc)
    echo "  curl download:   seconds=$secs"
    cmp -s "$FILE" "$W/down-curl/Big.hyper" || { echo "curl download differs" >&2; exit 1; }
    echo "$secs" >>"$W/curl-down"; maxrss "$W/curl.time" >>"$W/curl-down.rss"; cpu "$W/curl.time" >>"$W/curl-down.cpu"
    rm -rf "$W/down-curl"
}
# odd runs measure libtsc first, even runs curl first (so neither always follows the other)
r=1
while [ $r -le "$RUNS" ]; do
    echo "run $r of $RUNS"
    if [ $((r % 2)) = 1 ]; then
        lib_publish $CHUNK bench-libtsc lib-pub64 "64 MiB chunks"
        lib_publish $((8 * 1024 * 1024)) bench-libtsc-8 lib-pub8 "8 MiB chunks"
        curl_pub
        lib_down
        curl_down
    else
        curl_pub
        lib_publish $((8 * 1024 * 1024)) bench-libtsc-8 lib-pub8 "8 MiB chunks"
        lib_publish $CHUNK bench-libtsc lib-pub64 "64 MiB chunks"
        curl_down
        lib_down
    fi
    r=$((r + 1))
done

echo "Python client (tableauserverclient 0.42), one run"
sync
PY=$(/usr/bin/time -v -o "$W/py.time" "$VENV/bin/python" benches/tsc_python_transfer.py "$URL" publish "$FILE" bench-python)
echo "  python publish: $PY"
PYPUB=$(echo "$PY" | field seconds); PYPUBRSS=$(maxrss "$W/py.time"); PYPUBCPU=$(cpu "$W/py.time")
PYID=$(echo "$PY" | field id)
mkdir -p "$W/down-py"
sync
PY=$(/usr/bin/time -v -o "$W/py.time" "$VENV/bin/python" benches/tsc_python_transfer.py "$URL" download "$PYID" "$W/down-py")
echo "  python download: $PY"
PYDOWN=$(echo "$PY" | field seconds); PYDOWNRSS=$(maxrss "$W/py.time"); PYDOWNCPU=$(cpu "$W/py.time")
cmp -s "$FILE" "$(echo "$PY" | field path)" || { echo "python download differs" >&2; exit 1; }
rm -rf "$W/down-py"

row() { # name, results prefix: PREFIX (seconds), PREFIX.rss (KiB), PREFIX.cpu (seconds)
    m=$(median <"$2"); b=$(sort -n "$2" | head -n 1); k=$(sort -n "$2.rss" | tail -n 1); c=$(median <"$2.cpu")
    printf '| %s | %.2f | %.0f | %.2f | %.0f | %.2f | %.1f |\n' "$1" "$m" "$(echo "$MB / $m" | bc -l)" "$b" \
        "$(echo "$MB / $b" | bc -l)" "$c" "$(echo "$k / 1024" | bc -l)"
}
best() { sort -n "$1" | head -n 1; }
echo
echo "$MB MiB in $W ($(df -PT "$W" | awk 'NR==2 {print $2}')), $RUNS runs; $(nproc) CPUs: $(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -n 1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| client, operation | median s | median MiB/s | best s | best MiB/s | client CPU s (median) | peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
row "libtsc publish, upload session, 64 MiB chunks" "$W/lib-pub64"
row "libtsc publish, upload session, 8 MiB chunks (default)" "$W/lib-pub8"
row "curl, same requests (64 MiB appends, -T)" "$W/curl-pub"
echo "$PYPUB" >"$W/py1"; echo "$PYPUBRSS" >"$W/py1.rss"; echo "$PYPUBCPU" >"$W/py1.cpu"
row "Python TSC 0.42 publish (50 MB chunks; 1 run)" "$W/py1"
row "libtsc download to a directory" "$W/lib-down"
row "curl -o" "$W/curl-down"
echo "$PYDOWN" >"$W/py2"; echo "$PYDOWNRSS" >"$W/py2.rss"; echo "$PYDOWNCPU" >"$W/py2.cpu"
row "Python TSC 0.42 download (1 run)" "$W/py2"
pct() { printf '%.0f%%' "$(echo "$1 / $2 * 100" | bc -l)"; }
echo
echo "libtsc (64 MiB chunks) / curl throughput: publish $(pct "$(median <"$W/curl-pub")" "$(median <"$W/lib-pub64")") median, $(pct "$(best "$W/curl-pub")" "$(best "$W/lib-pub64")") best;" \
    "download $(pct "$(median <"$W/curl-down")" "$(median <"$W/lib-down")") median, $(pct "$(best "$W/curl-down")" "$(best "$W/lib-down")") best"
