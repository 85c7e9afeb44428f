#!/usr/bin/env bash
# Checks the HTCondor files of `nmmfit batch --system htcondor` with HTCondor's own DAG and submit-file
# parser (the Python bindings from PyPI, `htcondor`; its daemons and condor_dagman are not in
# Debian's archive, so nothing is submitted), then runs the shard and merge scripts the way the
# execute machines would and compares the merged file with a local single run.
#   bash scripts/htcondor-check.sh [path/to/nmmfit]
set -euo pipefail
cd "$(dirname "$0")/.."
nmmfit="${1:-.build/debug/nmmfit}"
if [ ! -x "$nmmfit" ]; then swift build --product nmmfit; fi
if ! python3 -c 'import htcondor2' 2>/dev/null; then
    echo "htcondor-check: installing the HTCondor Python bindings (pip install htcondor)"
    python3 -m pip install --quiet htcondor 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages htcondor 2>/dev/null \
        || { apt-get install -y -qq python3-pip >/dev/null && python3 -m pip install --quiet --break-system-packages htcondor; }
fi
python3 scripts/htcondor_check.py "$(readlink -f "$nmmfit")"
