#!/bin/sh
# Conformance: drives the real Python client, tableauserverclient 0.42 from PyPI, against
# tsc-emulator. The virtual environment lives under target/ (rebuilt when missing).
set -eu
cd "$(dirname "$0")/../.."
VENV=${TSC_CONFORMANCE_VENV:-target/conformance-venv}
if ! "$VENV/bin/python" -c 'import tableauserverclient' 2>/dev/null; then
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "tableauserverclient==0.42"
fi
exec "$VENV/bin/python" tests/conformance/conformance.py --emulator target/release/tsc-emulator "$@"
