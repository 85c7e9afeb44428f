#!/bin/sh
# Systematics tables of the digitised datasets (data/*/README.md): the 90 % CL upper limit and the
# median expected limit (Asimov) of each dataset alone under alternative assumptions.
# Usage: sh data/tools/systematics.sh [--short] [path/to/nmmfit]   (default .build/release/nmmfit)
#   --short   two rows per dataset (nominal, frozen total): the CI run, which checks that every
#             key this script reads is still written by `nmmfit fit --json`.
# A row whose fit fails, or whose JSON lacks a key, stops the script with a non-zero exit.
set -eu
SHORT=0
if [ "${1:-}" = "--short" ]; then SHORT=1; shift; fi
B=${1:-.build/release/nmmfit}
[ -x "$B" ] || { echo "systematics.sh: nmmfit binary not found at $B" >&2; exit 2; }
row() { # dataset label options...
    d=$1; l=$2; shift 2
    out=$("$B" fit --dataset "$d" --json -q "$@") || { echo "systematics.sh: fit failed: $d $l" >&2; exit 1; }
    printf '%s' "$out" | python3 -c "
import json, sys
r = json.load(sys.stdin)
lim = r['interval_muB'][1] / 1e-11
exp = r['expected_limit_asimov_median_muB'] / 1e-11
print(f\"| $l | {lim:.3f} | {exp:.3f} | {'yes' if r['converged'] else 'NO'} |\")"
}
for d in lz_ws2022 lz_ws2024 pandax4t_run1; do
    spec=data/$d/dataset.json
    # --set options that switch from the component model to the frozen total B0 (one free normalisation)
    frozen=$(python3 -c "
import json
s = json.load(open('$spec'))
print(' '.join(['--set $d.backgrounds.B0.enabled_by_default=true'] +
               [f'--set $d.backgrounds.{b[\"name\"]}.enabled_by_default=false' for b in s['backgrounds'] if b['name'] != 'B0']))")
    comps=$(python3 -c "
import json
print(' '.join(b['name'] for b in json.load(open('$spec'))['backgrounds'] if b['name'] not in ('B0', 'solar_nu', 'rest')))")
    echo "### $d"; echo
    echo "| variation | 90 % CL limit [10⁻¹¹ μB] | expected [10⁻¹¹ μB] | converged |"
    echo "|---|---|---|---|"
    row $d "nominal (spec as shipped: components)"
    # shellcheck disable=SC2086
    row $d "frozen total B0, normalisation free (the former default)" $frozen
    if [ $SHORT = 1 ]; then echo; continue; fi
    for c in $comps; do
        row $d "$c free (no constraint)" --set "$d.backgrounds.$c.constraint={\"type\":\"free\"}"
    done
    if head -12 data/$d/components.csv | grep -q "c14_like"; then
        c14="--set $d.backgrounds.h3_c14.column=c14_like --set $d.backgrounds.rest.column=rest_if_c14"
        # shellcheck disable=SC2086
        row $d "h3_c14 all ¹⁴C (shape c14_like; rest keeps the sum)" $c14
        # shellcheck disable=SC2086
        row $d "h3_c14 all ¹⁴C, free" $c14 --set "$d.backgrounds.h3_c14.constraint={\"type\":\"free\"}"
    fi
    row $d "rest free (no constraint)" --set "$d.backgrounds.rest.constraint={\"type\":\"free\"}"
    row $d "all components free" $(for c in $comps rest solar_nu; do printf ' --set %s.backgrounds.%s.constraint={"type":"free"}' $d $c; done)
    row $d "solar ν: nmmfit's own SM count instead of the collaboration's" --set $d.backgrounds.solar_nu.enabled_by_default=false
    ratio=$(python3 -c "
import re
t = open('data/$d/components.csv').read()
m = re.search(r'scaled to the collaboration.s count ([0-9.]+) \+- [0-9.]+ \(nmmfit.s own count here: ([0-9.]+)\)', t)
print(float(m.group(1)) / float(m.group(2)))")
    ex=$(python3 -c "import json; print(json.load(open('$spec'))['exposure_tonne_year'])")
    ex2=$(python3 -c "print(round($ex * $ratio, 5))")
    row $d "signal scaled to the collaboration's SM count (exposure × $(python3 -c "print(round($ratio, 4))"))" --set $d.exposure_tonne_year=$ex2
    a=$(python3 -c "import json; print(json.load(open('$spec'))['resolution']['a'])")
    lo=$(python3 -c "print(round($a*0.8, 4))"); hi=$(python3 -c "print(round($a*1.2, 4))")
    row $d "resolution a × 0.8 (a = $lo; signal only)" --set $d.resolution.a=$lo
    row $d "resolution a × 1.2 (a = $hi; signal only)" --set $d.resolution.a=$hi
    row $d "efficiency in true energy (signal only)" --set $d.efficiency.energy=true
    row $d "efficiency energy scale × 0.9 (signal only)" --set $d.efficiency.energy_scale=0.9 --set $d.efficiency.extend_to_keV=40
    row $d "efficiency energy scale × 1.1 (signal only)" --set $d.efficiency.energy_scale=1.1
    row $d "atomic: free electrons" --atomic free
    row $d "atomic: RRPA stepping table" --atomic data/atomic/stepping_rrpa_binding.csv
    echo
done
