#!/usr/bin/env bash
# Installs the system packages nmmfit needs (GSL headers/library and pkg-config) when they
# are missing. Debian/Ubuntu; uses sudo only when not already root.
set -euo pipefail
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
