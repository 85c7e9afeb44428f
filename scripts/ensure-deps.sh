#!/usr/bin/env bash
# Installs the system packages nmmfit needs (GSL headers/library and pkg-config) when they
# are missing, and for the tests Python's jsonschema (the JSON-schema tests run
# scripts/validate-json.py). Debian/Ubuntu; uses sudo only when not already root.
set -euo pipefail
if ! python3 -c "import jsonschema" 2>/dev/null; then
    echo "nmmfit: installing python3-jsonschema (apt-get) for the schema tests..." >&2
    S=""
    if [ "$(id -u)" -ne 0 ]; then S="sudo"; fi
    DEBIAN_FRONTEND=noninteractive $S apt-get install -y -qq python3-jsonschema >/dev/null 2>&1 \
        || { $S apt-get update -qq && DEBIAN_FRONTEND=noninteractive $S apt-get install -y -qq python3-jsonschema >/dev/null; } \
        || python3 -m pip install --user jsonschema \
        || echo "nmmfit: could not install jsonschema; the schema tests will fail (pip install jsonschema)" >&2
fi
if pkg-config --exists gsl 2>/dev/null; then
    exit 0
fi
echo "nmmfit: installing libgsl-dev and pkg-config (apt-get)..." >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libgsl-dev pkg-config >/dev/null
pkg-config --exists gsl || { echo "nmmfit: libgsl-dev install failed" >&2; exit 1; }
