#!/bin/sh
# Systematics table of the digitised datasets (data/*/README.md): the 90% CL upper limit and the
# median expected limit (Asimov) of each dataset alone under alternative assumptions.
# Usage: sh data/tools/systematics.sh [path/to/nmmfit]   (default .build/release/nmmfit)
B=${1:-.build/release/nmmfit}
row() { # dataset label options...
    d=$1; l=$2; shift 2
    "$B" fit --dataset "$d" --json -q "$@" | python3 -c "
import json, sys
r = json.load(sys.stdin)
print(f\"| $l | {r['interval'][1]/1e-11:.3f} | {r['expected_limit_asimov_median']/1e-11:.3f} | {'yes' if r['converged'] else 'NO'} |\")"
}
for d in lz_ws2022 lz_ws2024 pandax4t_run1; do
    a=$(python3 -c "import json; print(json.load(open('data/$d/dataset.json'))['resolution']['a'])")
    lo=$(python3 -c "print(round($a*0.8, 4))"); hi=$(python3 -c "print(round($a*1.2, 4))")
    echo "### $d"; echo
    echo "| variation | 90 % CL limit [10⁻¹¹ μB] | expected [10⁻¹¹ μB] | converged |"
    echo "|---|---|---|---|"
    row $d "nominal (spec as shipped)"
    row $d "resolution a × 0.8 (a = $lo)" --set $d.resolution.a=$lo
    row $d "resolution a × 1.2 (a = $hi)" --set $d.resolution.a=$hi
    row $d "efficiency in true energy" --set $d.efficiency.energy=true
    row $d "efficiency energy scale × 0.9" --set $d.efficiency.energy_scale=0.9 --set $d.efficiency.extend_to_keV=40
    row $d "efficiency energy scale × 1.1" --set $d.efficiency.energy_scale=1.1
    row $d "B0 gaussian 5 %" --set "$d.backgrounds.B0.constraint={\"type\":\"gaussian\",\"relative_sigma\":0.05}"
    row $d "B0 fixed" --set $d.backgrounds.B0.constraint.type=fixed
    row $d "B0 without the SM solar-ν term (adds it)" --set $d.backgrounds.B0.includes_solar_weak=false
    row $d "atomic: free electrons" --atomic free
    row $d "atomic: RRPA stepping table" --atomic data/atomic/stepping_rrpa_binding.csv
    echo
done
