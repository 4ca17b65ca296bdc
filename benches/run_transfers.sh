#!/bin/sh
# Transfer benchmark: publish and download of one large file (default 1 GiB, a .hyper data source)
# against tsc-emulator on loopback, by libtsc (benches/transfer_client.c, through the C API), by
# curl with the same requests (an upload session of 64 MiB appends, each body the same multipart
# bytes, sent with `curl -T`; the download with `curl -o`), and by the Python client
# (tableauserverclient 0.42, its defaults: 50 MB chunks). Reports the median time of TSC_BENCH_RUNS
# runs (default 3), the throughput, and each client's peak resident memory (VmHWM of the libtsc
# client, /usr/bin/time for curl, ru_maxrss for Python). Every download is compared with the file.
#
#   benches/run_transfers.sh            (TSC_BENCH_MB=1024 TSC_BENCH_RUNS=3 by default)
#
# Needs gcc, curl, python3 (venv), /usr/bin/time; writes under target/bench-transfers.
set -eu
cd "$(dirname "$0")/.."
MB=${TSC_BENCH_MB:-1024}
RUNS=${TSC_BENCH_RUNS:-3}
W=target/bench-transfers
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

"$REL/tsc-emulator" --listen 127.0.0.1:0 --data-dir "$W/data" >"$W/emulator.out" 2>"$W/emulator.err" &
EMU=$!
trap 'kill $EMU 2>/dev/null; rm -rf "$W/data" "$W/curl" "$W"/down-*' EXIT INT TERM
i=0
until grep -q '^listening on ' "$W/emulator.out" 2>/dev/null; do
    i=$((i + 1)); [ $i -gt 100 ] && { cat "$W/emulator.err"; exit 1; }; sleep 0.1
done
URL=$(sed -n 's/^listening on //p' "$W/emulator.out" | head -n 1)
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

curl_publish() {
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
ID=""
r=1
while [ $r -le "$RUNS" ]; do
    echo "run $r of $RUNS"
    out=$("$W/transfer_client" publish "$FILE" bench-libtsc $CHUNK)
    echo "  libtsc publish (64 MiB chunks): $out"
    echo "$out" | field seconds >>"$W/lib-pub64"; echo "$out" | field hwm_kib >>"$W/lib-pub64.rss"
    ID=$(echo "$out" | field id)
    out=$("$W/transfer_client" publish "$FILE" bench-libtsc-8 $((8 * 1024 * 1024)))
    echo "  libtsc publish (8 MiB chunks):  $out"
    echo "$out" | field seconds >>"$W/lib-pub8"; echo "$out" | field hwm_kib >>"$W/lib-pub8.rss"
    secs=$(curl_publish)
    echo "  curl publish (64 MiB chunks):   seconds=$secs"
    echo "$secs" >>"$W/curl-pub"; maxrss "$W/curl.time" >>"$W/curl-pub.rss"

    rm -rf "$W/down-lib" && mkdir -p "$W/down-lib"
    out=$("$W/transfer_client" download "$ID" "$W/down-lib")
    echo "  libtsc download: $out"
    cmp -s "$FILE" "$(echo "$out" | field path)" || { echo "libtsc download differs" >&2; exit 1; }
    echo "$out" | field seconds >>"$W/lib-down"; echo "$out" | field hwm_kib >>"$W/lib-down.rss"
    rm -rf "$W/down-lib"
    rm -rf "$W/down-curl" && mkdir -p "$W/down-curl"
    t0=$(now)
    /usr/bin/time -v -o "$W/curl.time" curl -s -H "X-Tableau-Auth: $TOKEN" -o "$W/down-curl/Big.hyper" "$S/datasources/$ID/content"
    t1=$(now)
    secs=$(echo "$t1 - $t0" | bc)
    echo "  curl download:   seconds=$secs"
    cmp -s "$FILE" "$W/down-curl/Big.hyper" || { echo "curl download differs" >&2; exit 1; }
    echo "$secs" >>"$W/curl-down"; maxrss "$W/curl.time" >>"$W/curl-down.rss"
    rm -rf "$W/down-curl"
    r=$((r + 1))
done

echo "Python client (tableauserverclient 0.42), one run"
PY=$(/usr/bin/time -v -o "$W/py.time" "$VENV/bin/python" benches/tsc_python_transfer.py "$URL" publish "$FILE" bench-python)
echo "  python publish: $PY"
PYPUB=$(echo "$PY" | field seconds); PYPUBRSS=$(maxrss "$W/py.time")
PYID=$(echo "$PY" | field id)
mkdir -p "$W/down-py"
PY=$(/usr/bin/time -v -o "$W/py.time" "$VENV/bin/python" benches/tsc_python_transfer.py "$URL" download "$PYID" "$W/down-py")
echo "  python download: $PY"
PYDOWN=$(echo "$PY" | field seconds); PYDOWNRSS=$(maxrss "$W/py.time")
cmp -s "$FILE" "$(echo "$PY" | field path)" || { echo "python download differs" >&2; exit 1; }
rm -rf "$W/down-py"

row() { # name, seconds file, rss file (KiB)
    s=$(median <"$2"); k=$(median <"$3")
    printf '| %s | %.2f | %.0f | %.1f |\n' "$1" "$s" "$(echo "$MB / $s" | bc -l)" "$(echo "$k / 1024" | bc -l)"
}
echo
echo "$MB MiB, median of $RUNS runs; $(nproc) CPUs: $(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -n 1)"
echo
echo "| client, operation | seconds | MiB/s | peak RSS MiB |"
echo "|---|---:|---:|---:|"
row "libtsc publish, upload session, 64 MiB chunks" "$W/lib-pub64" "$W/lib-pub64.rss"
row "libtsc publish, upload session, 8 MiB chunks (default)" "$W/lib-pub8" "$W/lib-pub8.rss"
row "curl, same requests (64 MiB appends, -T)" "$W/curl-pub" "$W/curl-pub.rss"
echo "$PYPUB" >"$W/py1"; echo "$PYPUBRSS" >"$W/py1.rss"
row "Python TSC 0.42 publish (50 MB chunks)" "$W/py1" "$W/py1.rss"
row "libtsc download to a directory" "$W/lib-down" "$W/lib-down.rss"
row "curl -o" "$W/curl-down" "$W/curl-down.rss"
echo "$PYDOWN" >"$W/py2"; echo "$PYDOWNRSS" >"$W/py2.rss"
row "Python TSC 0.42 download" "$W/py2" "$W/py2.rss"
pub=$(echo "$(median <"$W/curl-pub") / $(median <"$W/lib-pub64")" | bc -l)
down=$(echo "$(median <"$W/curl-down") / $(median <"$W/lib-down")" | bc -l)
printf '\nlibtsc / curl throughput: publish %.0f%%, download %.0f%%\n' "$(echo "$pub * 100" | bc -l)" "$(echo "$down * 100" | bc -l)"
