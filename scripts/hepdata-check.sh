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
# the record says what made it: provenance.json (an additional resource) and the comment
import json, yaml
first = next(yaml.safe_load_all(open(sys.argv[1] + "/submission.yaml", encoding="utf-8")))
prov = json.load(open(sys.argv[1] + "/provenance.json", encoding="utf-8"))
listed = [r["location"] for r in first.get("additional_resources", [])]
missing = [k for k in ("tool_version", "commit", "command", "data_digests") if k not in prov]
in_comment = all(f"data_digests: {h}  {p}" in first["comment"] for p, h in prov.get("data_digests", {}).items())
prov_ok = listed == ["provenance.json"] and not missing and prov["data_digests"] and in_comment
print(f"hepdata-check: provenance {'recorded' if prov_ok else 'MISSING'} ({len(prov.get('data_digests', {}))} data digests; missing keys: {missing or 'none'})")
sys.exit(0 if ok and prov_ok else 1)
PY
