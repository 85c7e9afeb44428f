#!/usr/bin/env python3
"""nmmfit's SM solar-nu ER count per dataset against the collaboration's: the numbers of the
README's validation table.

Usage:  python3 data/tools/solar_counts.py [--nmmfit PATH] [--shared DIR]
  --nmmfit PATH  nmmfit binary (default .build/release/nmmfit, else .build/debug/nmmfit)
  --shared DIR   the public source copies (default $NMMFIT_SHARED, else ../shared/data/external
                 next to the checkout); needed for the XENON1T and XENONnT comparisons only

nmmfit's count: the `solar_nu_weak` sample of `nmmfit export --format spec` with the dataset's
background replaced by its total B0 marked as not containing the SM term (so nmmfit adds it),
in the window given below. The collaboration's count:
  xenon1t_sr1    XENON1T's released solar-nu template (Zenodo 4088778 `solarnu.pkl`, converted in
                 xenon1t_lower_bkg_templates/solarnu.csv: true energy, before efficiency) x the
                 released total efficiency (data/xenon1t_sr1/efficiency.csv) x 0.647309514 t*y,
                 1-30 keV in true energy (no smearing: an approximation at the window edges)
  xenonnt_sr0    the expected solar-nu curve of Fig. 5 of arXiv:2207.11330 digitised by SNuDD
                 (xenonnt_sr0_er_digitized/snudd_2022data_bkd_datasets.csv, `nu_xent_exp`,
                 events/(t*y*keV) after efficiency) x 1.16 t*y, 1-30 keV (held at its first value
                 below its first point, 1.53 keV)
  LZ, PandaX     the counts of data/tools/make_components.py (the papers' fit results)
"""
import argparse
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_components import COMPONENTS, read_table  # noqa: E402

WINDOWS = {"xenon1t_sr1": (1, 30), "xenonnt_sr0": (1, 30), "lz_ws2022": (1, 20), "lz_ws2024": (1, 20),
           "pandax4t_run1": (1, 30)}


def nmmfit_count(binary, name, lo, hi):
    spec = json.load(open(ROOT / "data" / name / "dataset.json"))
    b0 = dict(next(b for b in spec["backgrounds"] if b["name"] == "B0"), includes_solar_weak=False,
              enabled_by_default=True)
    cmd = [str(binary), "export", "--dataset", name, "--format", "spec", "-q", "--window", f"{name}={lo}:{hi}",
           "--set", f"{name}.backgrounds={json.dumps([b0])}"]
    out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    ch = next(c for c in out["channels"] if c["name"] == name)
    return sum(next(s for s in ch["samples"] if s["name"] == "solar_nu_weak")["counts"])


def xenon1t(shared):
    t = read_table(shared / "xenon1t_lower_bkg_templates/solarnu.csv")
    e = read_table(ROOT / "data/xenon1t_sr1/efficiency.csv")
    lo, hi, v = t["E_lo_keV"], t["E_hi_keV"], t["value"]
    c = 0.5 * (lo + hi)
    m = (c > 1) & (c < 30)
    return float(np.sum(v[m] * (hi[m] - lo[m]) * np.interp(c[m], e["energy_keV"], e["efficiency"])) * 0.647309514)


def xenonnt(shared):
    rows = list(csv.reader(open(shared / "xenonnt_sr0_er_digitized/snudd_2022data_bkd_datasets.csv")))[2:]
    pts = sorted((float(r[2]), float(r[3])) for r in rows if len(r) > 3 and r[2] and r[3])
    x, y = np.array([p[0] for p in pts]), np.array([p[1] for p in pts])
    g = np.linspace(1, 30, 2901)
    return float(np.trapezoid(np.interp(g, x, y), g) * 1.16)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nmmfit")
    ap.add_argument("--shared", default=os.environ.get("NMMFIT_SHARED", str(ROOT.parent / "shared/data/external")))
    a = ap.parse_args()
    binary = Path(a.nmmfit) if a.nmmfit else next(
        (p for p in (ROOT / ".build/release/nmmfit", ROOT / ".build/debug/nmmfit") if p.exists()), None)
    if binary is None or not binary.exists():
        sys.exit("solar_counts.py: nmmfit binary not found: build it or pass --nmmfit PATH")
    shared = Path(a.shared)
    print("| dataset | window [keV] | nmmfit SM solar-ν count | collaboration's | nmmfit / collaboration − 1 |")
    print("|---|---|---|---|---|")
    for name, (lo, hi) in WINDOWS.items():
        n = nmmfit_count(binary, name, lo, hi)
        if name in COMPONENTS:
            ref = COMPONENTS[name]["solar_nu"][0]
        elif shared.is_dir():
            ref = xenon1t(shared) if name == "xenon1t_sr1" else xenonnt(shared)
        else:
            print(f"| {name} | {lo}–{hi} | {n:.2f} | (sources not found at {shared}) | — |")
            continue
        print(f"| {name} | {lo}–{hi} | {n:.2f} | {ref:.2f} | {n / ref - 1:+.1%} |")


if __name__ == "__main__":
    main()
