# Sourced by the scripts that run something against a fresh tsc-emulator (benches/, examples/):
#
#   . tools/start-emulator.sh
#   start_emulator DIR [EMULATOR FLAGS...]
#
# starts target/release/tsc-emulator (or $TSC_EMULATOR) on a free loopback port with its output in
# DIR, waits until it listens (10 s at most), and sets URL and EMU_PID. The caller's EXIT trap
# should `stop_emulator`.
start_emulator() {
    _dir=$1
    shift
    "${TSC_EMULATOR:-target/release/tsc-emulator}" --listen 127.0.0.1:0 "$@" \
        >"$_dir/emulator.out" 2>"$_dir/emulator.err" &
    EMU_PID=$!
    _i=0
    while ! grep -q '^listening on ' "$_dir/emulator.out" 2>/dev/null; do
        _i=$((_i + 1))
        if [ $_i -gt 100 ]; then
            echo "the emulator did not start:" >&2
            cat "$_dir/emulator.err" >&2
            return 1
        fi
        sleep 0.1
    done
    URL=$(sed -n 's/^listening on //p' "$_dir/emulator.out" | head -n 1)
}

stop_emulator() {
    if [ -n "${EMU_PID:-}" ]; then kill "$EMU_PID" 2>/dev/null || true; fi
}

# For the demos: unless TSC_SERVER names a real server, starts an emulator seeded with demo
# content and exports TSC_SERVER, TSC_USER, TSC_PASSWORD and TSC_SITE for it.
demo_server() {
    if [ -z "${TSC_SERVER:-}" ]; then
        start_emulator "$1" --seed demo
        TSC_SERVER=$URL
        TSC_USER=admin
        TSC_PASSWORD=admin
        TSC_SITE=""
        export TSC_SERVER TSC_USER TSC_PASSWORD TSC_SITE
        echo "== tsc-emulator running at $TSC_SERVER"
    fi
}
