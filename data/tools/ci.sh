#!/usr/bin/env bash
# Every script under data/tools/, in a short form, as CI runs it (.ci/run): a renamed JSON key, a
# changed data file or a broken tool fails the build instead of silently staling a table.
# Usage: bash data/tools/ci.sh [path/to/nmmfit]   (default .build/debug/nmmfit; build it first)
#   make_components.py --check   components.csv equal to a fresh computation, sums checked
#   systematics.sh --short       two fits per digitised dataset through the JSON keys it reads
#   window_study.py --short      two windows per dataset through the JSON keys it reads
#   solar_counts.py              the SM solar-nu counts of the README's validation table
#   collab_results.py --check --self-test
#                                the collaborations' mu_nu results and SM solar-nu counts of that
#                                table: every number with its source and a quote containing it, or
#                                the places searched; and broken copies of the file are refused
#   make_data.py --check-only, make_atomic_table.py --check
#                                need the public source copies (NMMFIT_SHARED, default
#                                ../shared/data/external next to the checkout); without them
#                                they are reported as not run (exit status unaffected)
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${1:-.build/debug/nmmfit}
[ -x "$B" ] || { echo "data/tools/ci.sh: nmmfit binary not found at $B (swift build first)" >&2; exit 2; }
echo "== make_components.py --check"
python3 data/tools/make_components.py --nmmfit "$B" --check
echo "== systematics.sh --short"
sh data/tools/systematics.sh --short "$B"
echo "== solar_counts.py"
python3 data/tools/solar_counts.py --nmmfit "$B"
echo "== collab_results.py --check --self-test"
python3 data/tools/collab_results.py --check --self-test
echo "== window_study.py --short"
python3 data/tools/window_study.py --nmmfit "$B" --short
SHARED=${NMMFIT_SHARED:-$PWD/../shared/data/external}
if [ -d "$SHARED" ]; then
    echo "== make_data.py --check-only"
    python3 data/tools/make_data.py --shared "$SHARED" --check-only
    echo "== make_atomic_table.py --check"
    python3 data/tools/make_atomic_table.py --check "$SHARED/xenon_atomic_binding/binding_xenon.csv"
else
    echo "data/tools/ci.sh: NOT RUN: make_data.py, make_atomic_table.py (public source copies not found at $SHARED; set NMMFIT_SHARED)" >&2
fi
echo "data/tools: all checks passed"
