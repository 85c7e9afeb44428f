#!/usr/bin/env bash
# Installs the system packages nmmfit needs (GSL headers/library and pkg-config) when they
# are missing, and with --tests the Python modules the tests use. Debian/Ubuntu; uses sudo only when not already root.
set -euo pipefail
# Python modules the tests use: jsonschema (scripts/validate-json.py, the schema tests) and
# pandas (a toys file must read as pandas reads JSON lines), hepdata_validator (HEPData's
# validator, for the HEPData export test); numpy, matplotlib and pytest (the Python package's
# tests, python/tests); scipy (validation/su2h_joint_check.py, in .ci/run). pip for the python3 on PATH (the
# one the tests run); apt-get's python3-* packages only serve Debian's own /usr/bin/python3.
for module in $([ "${1:-}" = --tests ] && echo jsonschema pandas hepdata_validator numpy matplotlib pytest scipy); do
    if ! python3 -c "import $module" 2>/dev/null; then
        echo "nmmfit: installing the Python module $module (pip) for the tests..." >&2
        python3 -m pip install -q "$module" >/dev/null 2>&1 || python3 -m pip install -q --user "$module" >/dev/null 2>&1 \
            || echo "nmmfit: could not install $module; tests that need it will fail (python3 -m pip install $module)" >&2
    fi
done
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
