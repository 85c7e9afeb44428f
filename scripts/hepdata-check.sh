#!/usr/bin/env bash
# Exports the default fit as a HEPData submission and validates it with HEPData's own
# validator (the hepdata-validator package, installed with pip when missing).
# Usage: bash scripts/hepdata-check.sh [path/to/nmmfit]   (default .build/debug/nmmfit)
set -euo pipefail
cd "$(dirname "$0")/.."
NMMFIT="${1:-.build/debug/nmmfit}"
if ! python3 -c "import hepdata_validator" 2>/dev/null; then
    echo "hepdata-check: installing hepdata-validator (pip)..." >&2
    python3 -m pip install -q hepdata-validator >/dev/null 2>&1 || python3 -m pip install -q --user hepdata-validator >/dev/null
fi
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
"$NMMFIT" export --format hepdata -o "$dir/submission" --quiet
python3 - "$dir/submission" <<'PY'
import sys
from hepdata_validator.full_submission_validator import FullSubmissionValidator
v = FullSubmissionValidator()
ok = v.validate(directory=sys.argv[1])
for f, msgs in v.get_messages().items():
    for m in msgs:
        print(f"{f}: {m.message}", file=sys.stderr)
print(f"hepdata-check: {'valid' if ok else 'INVALID'} ({sum(len(x) for x in v.valid_files.values())} files checked)")
sys.exit(0 if ok else 1)
PY
