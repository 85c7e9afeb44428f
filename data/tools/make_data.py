#!/usr/bin/env python3
"""Regenerate the CSV files under data/ from the read-only source copies in ../shared.

Usage:  python3 data/tools/make_data.py [--shared /path/to/shared/data/external] [--check-only]

The package itself never reads ../shared at runtime; this script only documents and
reproduces how each CSV in data/ was made (and re-runs the consistency checks quoted in the
READMEs). Requires python3 + numpy. The READMEs are hand-written and are not regenerated.
"""
import argparse
import math
import os
import sys
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1]            # .../main/data
DEFAULT_SHARED = DATA.parents[1] / "shared" / "data" / "external"   # .../work/shared/data/external

XENON1T_EXPOSURE = 0.647309514   # t*y, implied by the Zenodo release (see README)
XENONNT_EXPOSURE = 1.16          # t*y, PRL 129 161805


def read_rows(path, delim=None):
    """Return list of token lists for non-comment, non-empty lines (tokens kept as strings)."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            toks = [t.strip() for t in (s.split(delim) if delim else s.split())]
            rows.append(toks)
    return rows


def fmt(x):
    """Shortest round-trip decimal for a float."""
    return repr(float(x))


def write_csv(path, comments, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for c in comments:
            fh.write("# " + c + "\n")
        fh.write(header + "\n")
        for r in rows:
            fh.write(",".join(str(v) for v in r) + "\n")
    print(f"wrote {path.relative_to(DATA.parent)} ({len(rows)} rows)")


def check(cond, msg):
    print(("  OK   " if cond else "  FAIL ") + msg)
    if not cond:
        check.failed = True


check.failed = False


# --------------------------------------------------------------------------- XENON1T SR1
def xenon1t(shared, write):
    g = read_rows(shared / "xenon1t_sr1_gambit" / "xenon1t_sr1_binned_counts.csv", ",")
    assert g[0][0] == "E_lo_keV"
    g = g[1:]
    z = read_rows(shared / "xenon1t_sr1_zenodo" / "data_below_30kev.txt", ",")
    check(len(g) == 29 and len(z) == 29, "XENON1T: 29 bins in GAMBIT and Zenodo files")
    rows = []
    for gi, zi in zip(g, z):
        lo, hi, obs, b0, tr = gi
        centre = float(zi[0])
        n_from_rate = float(zi[1]) * XENON1T_EXPOSURE
        if abs(centre - 0.5 * (float(lo) + float(hi))) > 1e-9 or round(n_from_rate) != int(obs) \
                or abs(n_from_rate - round(n_from_rate)) > 1e-6:
            check(False, f"XENON1T bin {lo}-{hi}: observed {obs} vs rate*exposure {n_from_rate}")
        rows.append([lo, hi, int(obs), b0, tr])
    check(True, "XENON1T: observed_counts == round(rate*0.647309514) in every bin "
                "(max |rate*exp - integer| = %.1e)" %
          max(abs(float(zi[1]) * XENON1T_EXPOSURE - round(float(zi[1]) * XENON1T_EXPOSURE)) for zi in z))
    obs = np.array([r[2] for r in rows], float)
    b0 = np.array([float(r[3]) for r in rows])
    tr = np.array([float(r[4]) for r in rows])
    print(f"  XENON1T sums 1-30 keV: observed {obs.sum():.0f}, B0 {b0.sum():.4f}, 3H(ref) {tr.sum():.4f}")
    print(f"  XENON1T sums 1-7 keV:  observed {obs[:6].sum():.0f}, B0 {b0[:6].sum():.4f}, 3H(ref) {tr[:6].sum():.4f}")
    check(obs[:6].sum() == 285 and abs(b0[:6].sum() - 231.58) < 0.01, "XENON1T 1-7 keV: 285 observed, 231.58 B0")
    dev = 2 * np.sum(b0 - obs + obs * np.log(obs / b0))
    print(f"  XENON1T Poisson deviance B0 only = {dev:.2f}; B0+1.0*3H = "
          f"{2*np.sum(b0+tr-obs+obs*np.log(obs/(b0+tr))):.2f}")
    if write:
        write_csv(DATA / "xenon1t_sr1" / "binned.csv", [
            "XENON1T SR1 low-energy ER spectrum, 29 bins of 1 keV, 1-30 keV reconstructed energy.",
            "Source: GAMBIT DarkBit/src/Axions.cpp (commit 08563b3193aa3638f9797ed18c286d8fe708e779), arrays",
            "observed / bkg_other / bkg_tritium; cross-checked against the XENON Zenodo release of arXiv:2006.09721 Fig. 4.",
            "Units: E_lo_keV, E_hi_keV in keV (reconstructed); all *_counts are events per bin for exposure 0.647309514 t*y.",
            "observed_counts: integers (= Zenodo rate [events/(t y keV)] * 0.647309514 t*y * 1 keV, exact).",
            "b0_counts: best-fit B0 background WITHOUT tritium (includes SM solar-nu ER), after efficiency + resolution.",
            "tritium_counts: 3H template for x_3H = 6.2e-25 mol/mol (scale linearly), after efficiency + resolution.",
            "See README.md in this folder.",
        ], "E_lo_keV,E_hi_keV,observed_counts,b0_counts,tritium_counts", rows)

    e = read_rows(shared / "xenon1t_sr1_zenodo" / "efficiency.txt", ",")
    check(len(e) == 1000, f"XENON1T efficiency: {len(e)} rows (expect 1000)")
    arr = np.array(e, float)
    check(np.abs(arr[:, 3] - arr[:, 1] * arr[:, 2]).max() < 1e-12, "XENON1T efficiency: col4 == col2*col3")
    neg = np.where(arr[:, 3] - arr[:, 5] < 0)[0]
    print(f"  XENON1T efficiency: rows where eff - sigma_down < 0: {[float(arr[i,0]) for i in neg]}")
    for E in (1.05, 2.1, 4.0, 20.0, 30.0):
        print(f"  XENON1T eff({E} keV) = {np.interp(E, arr[:,0], arr[:,3]):.4f}")
    if write:
        write_csv(DATA / "xenon1t_sr1" / "efficiency.csv", [
            "XENON1T SR1 total efficiency (detection x selection), arXiv:2006.09721 Fig. 2, XENON Zenodo release",
            "(file efficiency.txt, copy in github.com/athompson-tamu/pyCEvNS @ e300ee3373f74ba7dd709615c91013416a36b7fd,",
            "path XENON1T/reprod/efficiency.txt). Columns 1,4,5,6 of that file, values verbatim.",
            "energy_keV: energy in keV (applied to TRUE energy before smearing, as in the paper); efficiency: dimensionless;",
            "sigma_up / sigma_down: absolute +1 sigma / -1 sigma uncertainties on the efficiency (dimensionless).",
            "1000 rows, 0-210 keV, step 0.2102 keV.",
        ], "energy_keV,efficiency,sigma_up,sigma_down", [[r[0], r[3], r[4], r[5]] for r in e])


# --------------------------------------------------------------------------- XENONnT SR0
def xenonnt(shared, write):
    src = shared / "xenonnt_sr0_er"
    ev = np.sort(np.loadtxt(src / "data_unbinned_1to30kev.txt"))
    check(len(ev) == 433, f"XENONnT: {len(ev)} events (expect 433)")
    check(ev.min() > 1 and ev.max() < 30, f"XENONnT events in (1,30) keV: min {ev.min():.4f}, max {ev.max():.4f}")
    print(f"  XENONnT events in (1,7) keV: {int(((ev > 1) & (ev < 7)).sum())}")
    if write:
        write_csv(DATA / "xenonnt_sr0" / "events.csv", [
            "XENONnT SR0 ER events passing all cuts, reconstructed energy in keV, (1,30) keV, 433 events, sorted ascending.",
            "Source: XENON collaboration release for PRL 129 161805 (2022), arXiv:2207.11330 (Fig. 5), file",
            "data_unbinned_1to30kev.txt (copy in github.com/yuanguanwen/Chameleon_Detection @ 8394853ccd62014c514ba8aa117675b6376b0845, XENONnT/).",
            "Exposure 1.16 t*y. Values are the released float values (shortest round-trip decimal).",
        ], "energy_keV", [[fmt(x)] for x in ev])

    b = np.loadtxt(src / "bkg_model.txt")
    check(b.shape == (300, 2), f"XENONnT B0: shape {b.shape} (expect 300x2)")
    check(np.allclose(np.diff(b[:, 0]), 0.1), "XENONnT B0: 0.1 keV spacing")
    rows = [[fmt(round(c - 0.05, 6)), fmt(round(c + 0.05, 6)), fmt(r)] for c, r in b]
    m = b[:, 0] > 1
    m7 = m & (b[:, 0] < 7)
    n30 = b[m, 1].sum() * 0.1 * XENONNT_EXPOSURE
    n7 = b[m7, 1].sum() * 0.1 * XENONNT_EXPOSURE
    print(f"  XENONnT expected B0 counts: (1,30) keV {n30:.2f}, (1,7) keV {n7:.2f}; "
          f"mean rate 1-30 keV {b[m,1].mean():.3f} /(t y keV) (after efficiency)")
    if write:
        write_csv(DATA / "xenonnt_sr0" / "b0_rate.csv", [
            "XENONnT SR0 best-fit background model B0, arXiv:2207.11330 Fig. 5; XENON release file bkg_model.txt",
            "(copy in github.com/yuanguanwen/Chameleon_Detection @ 8394853ccd62014c514ba8aa117675b6376b0845, XENONnT/).",
            "Bins of 0.1 keV in RECONSTRUCTED energy (released bin centres +- 0.05 keV), 0-30 keV, 300 rows.",
            "rate_per_t_y_keV: events/(t y keV), ALREADY includes efficiency and energy resolution and the SM solar-nu ER",
            "component; zero below 1 keV. Expected counts in a bin = rate * 0.1 keV * 1.16 t*y.",
        ], "E_lo_keV,E_hi_keV,rate_per_t_y_keV", rows)

    ef = np.loadtxt(src / "efficiency.txt")
    check(ef.shape == (787, 2), f"XENONnT efficiency: shape {ef.shape} (expect 787x2)")
    check(bool((np.diff(ef[:, 0]) > 0).all()), "XENONnT efficiency: energies strictly increasing")
    print(f"  XENONnT efficiency range {ef[0,0]:.4f}-{ef[-1,0]:.4f} keV; eff(1)={np.interp(1,ef[:,0],ef[:,1]):.4f}, "
          f"eff(2)={np.interp(2,ef[:,0],ef[:,1]):.4f}, eff(10)={np.interp(10,ef[:,0],ef[:,1]):.4f}, last={ef[-1,1]:.4f}")
    if write:
        write_csv(DATA / "xenonnt_sr0" / "efficiency.csv", [
            "XENONnT SR0 total efficiency, arXiv:2207.11330 Fig. 1; XENON release file efficiency.txt",
            "(copy in github.com/yuanguanwen/Chameleon_Detection @ 8394853ccd62014c514ba8aa117675b6376b0845, XENONnT/).",
            "energy_keV: RECONSTRUCTED recoil energy in keV (per the collaboration readme), log-spaced 0.1-29.877 keV, 787 rows;",
            "efficiency: total efficiency (dimensionless). No uncertainty band is provided. Last point is at 29.877 keV.",
        ], "energy_keV,efficiency", [[fmt(x), fmt(y)] for x, y in ef])


# --------------------------------------------------------------------------- LZ (digitised)
def lz(shared, write):
    src = shared / "lz_er_2025"
    commit = "11622ded104994959a649d85e263c2d9f933ea74"
    exposure = {"WS2022": 0.9, "WS2024": 3.3}
    for ws in ("WS2024", "WS2022"):
        d = np.loadtxt(src / f"{ws}_data_hist_data.txt")
        b = np.loadtxt(src / f"BKG_FIT_{ws}.csv", delimiter=",", comments="#")
        check(d.shape == (20, 2) and b.shape == (20, 2), f"LZ {ws}: 20 data and 20 background points")
        check(np.abs(b[:, 0] - d[:, 0]).max() < 0.05, f"LZ {ws}: background x within 0.05 keV of bin centres "
              f"(max offset {np.abs(b[:,0]-d[:,0]).max():.4f})")
        check(np.abs(d[:, 1] - np.round(d[:, 1])).max() == 0, f"LZ {ws}: observed counts are integers")
        rows = []
        for (c, n), (_, bb) in zip(d, b):
            if c < 1:
                continue  # 0-1 keV bin: 0 observed, ~0 background, ~0 efficiency -> dropped
            rows.append([fmt(c - 0.5), fmt(c + 0.5), int(round(n)), fmt(bb)])
        obs = np.array([r[2] for r in rows], float)
        bk = np.array([float(r[3]) for r in rows])
        dev = 2 * np.sum(bk - obs + obs * np.log(obs / bk))
        print(f"  LZ {ws}: 1-20 keV observed {obs.sum():.0f}, bkg {bk.sum():.2f}; 1-7 keV observed {obs[:6].sum():.0f}, "
              f"bkg {bk[:6].sum():.2f}; deviance {dev:.2f} for {len(obs)} bins")
        e = read_rows(src / f"{ws}_1DROI_eff_data.txt")
        folder = DATA / ("lz_ws2024" if ws == "WS2024" else "lz_ws2022")
        if write:
            write_csv(folder / "binned.csv", [
                f"LZ {ws} low-energy ER spectrum, 1-keV bins 1-20 keV (reconstructed keVee). DIGITISED, NOT an official LZ release.",
                "Paper: LZ Collaboration, arXiv:2511.17350 (2025). Digitised by the SNuDD authors: github.com/SNuDD/SNuDD @ "
                f"{commit},",
                f"snudd/data/exps/LZ2025/{ws}_data_hist_data.txt and BKG_FIT_{ws}.csv.",
                f"observed_counts: events per 1-keV bin (integers in the digitisation); b0_counts: best-fit background, counts per bin",
                "(digitised 'counts per keV' x 1 keV; includes 37Ar etc.; component breakdown and solar-nu content NOT given).",
                f"Exposure (SNuDD notebook, not verified against the paper): {exposure[ws]} t*y. 0-1 keV bin dropped (0 observed).",
            ], "E_lo_keV,E_hi_keV,observed_counts,b0_counts", rows)
            write_csv(folder / "efficiency.csv", [
                f"LZ {ws} 1D-ROI ER efficiency vs energy, DIGITISED (SNuDD authors), NOT an official LZ release.",
                f"Source: github.com/SNuDD/SNuDD @ {commit}, snudd/data/exps/LZ2025/{ws}_1DROI_eff_data.txt (cites arXiv:2511.17350).",
                "energy_keV: keV (true vs reconstructed not stated); efficiency: dimensionless; 0.25 keV steps 0-20 keV.",
            ], "energy_keV,efficiency", [[fmt(float(a)), fmt(float(b_))] for a, b_ in e])
    e2 = read_rows(src / "WS2024_2DROI_eff_data.txt")
    if write:
        write_csv(DATA / "lz_ws2024" / "efficiency_ws2024_2droi.csv", [
            "LZ WS2024 2D-ROI ER efficiency (falls off above 10 keV), DIGITISED (SNuDD authors), NOT an official LZ release.",
            f"Source: github.com/SNuDD/SNuDD @ {commit}, snudd/data/exps/LZ2025/WS2024_2DROI_eff_data.txt (cites arXiv:2511.17350).",
            "Provided for completeness only; which ROI the WS2024 histogram corresponds to is not stated in the source files.",
        ], "energy_keV,efficiency", [[fmt(float(a)), fmt(float(b_))] for a, b_ in e2])


# --------------------------------------------------------------------------- PandaX-4T (digitised)
def pandax(shared, write):
    src = shared / "pandax4t_er_2024"
    commit = "11622ded104994959a649d85e263c2d9f933ea74"
    e = np.loadtxt(src / "run1_evts.csv", delimiter=",", comments="#")
    b = np.loadtxt(src / "run1_bkg.csv", delimiter=",", comments="#")
    check(e.shape == (30, 2) and b.shape == (30, 2) and np.allclose(e[:, 0], b[:, 0]), "PandaX: 30 matching bins")
    rows = [[fmt(c - 0.5), fmt(c + 0.5), fmt(n), fmt(bb)] for (c, n), (_, bb) in zip(e, b) if c > 1]
    obs = np.array([float(r[2]) for r in rows])
    bk = np.array([float(r[3]) for r in rows])
    print(f"  PandaX Run1 1-30 keV: observed {obs.sum():.3f} (nearest-integer sum {np.round(obs).sum():.0f}), "
          f"bkg {bk.sum():.3f}; 1-7 keV observed {obs[:6].sum():.3f}, bkg {bk[:6].sum():.3f}; "
          f"max |obs - nint| {np.abs(obs-np.round(obs)).max():.4f}; deviance {2*np.sum(bk-obs+obs*np.log(obs/bk)):.2f}")
    ef = read_rows(src / "efficiency_ER_run1.csv", ",")
    assert ef[0][0].startswith("ER")
    ef = ef[1:]
    if write:
        write_csv(DATA / "pandax4t_run1" / "binned.csv", [
            "PandaX-4T Run1 low-energy ER spectrum, 1-keV bins 1-30 keV (keVee). DIGITISED, NOT an official PandaX release.",
            "Paper: PandaX Collaboration, arXiv:2408.07641 (2024). Digitised by the SNuDD authors: github.com/SNuDD/SNuDD @ "
            f"{commit},",
            "snudd/data/exps/pandaX/ER2024/run1_evts.csv and run1_bkg.csv ('counts per keV' x 1 keV = counts per bin).",
            "observed_counts: NON-INTEGER because digitised (within 0.1 of integers); kept as floats, round before Poisson use if wanted.",
            "b0_counts: best-fit background counts per bin (solar-nu content not stated). Exposure ~363.3 t*day (SNuDD; see README).",
            "0-1 keV bin dropped (0 observed).",
        ], "E_lo_keV,E_hi_keV,observed_counts,b0_counts", rows)
        write_csv(DATA / "pandax4t_run1" / "efficiency.csv", [
            "PandaX-4T Run1 ER efficiency vs energy, DIGITISED (SNuDD authors), NOT an official PandaX release.",
            f"Source: github.com/SNuDD/SNuDD @ {commit}, snudd/data/exps/pandaX/ER2024/efficiency_ER_run1.csv (arXiv:2408.07641).",
            "energy_keV: keVee (as labelled in the source); efficiency: dimensionless; 157 irregular points 0.15-39.9 keV.",
        ], "energy_keV,efficiency", [[fmt(float(a)), fmt(float(b_))] for a, b_ in ef])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("NMMFIT_SHARED", str(DEFAULT_SHARED)))
    ap.add_argument("--check-only", action="store_true")
    a = ap.parse_args()
    shared = Path(a.shared)
    if not shared.is_dir():
        sys.exit(f"source folder not found: {shared}")
    for f in (xenon1t, xenonnt, lz, pandax):
        print(f"== {f.__name__}")
        f(shared, not a.check_only)
    print("ALL CHECKS PASSED" if not check.failed else "SOME CHECKS FAILED")
    sys.exit(1 if check.failed else 0)


if __name__ == "__main__":
    main()
