#!/usr/bin/env python3
"""Writes data/<dataset>/components.csv for LZ WS2022, LZ WS2024 and PandaX-4T Run1: the
digitised total best-fit background split into the components the collaborations fitted, each
normalised to the collaboration's published fit result, and checks that they sum to the total.

Usage:  python3 data/tools/make_components.py [--nmmfit PATH] [--check]
  --nmmfit PATH  the nmmfit binary (default .build/release/nmmfit, else .build/debug/nmmfit);
                 used once per dataset (`nmmfit export`) for the shape of the SM solar-nu term
                 folded with the detector, exactly as the fit computes it.
  --check        write nothing; recompute and compare with the committed components.csv
                 (exit 1 on a difference > 1e-6 relative or a failed check). CI runs this.

Method (every number's source is in COMPONENTS below and in the dataset READMEs):
  * Peaked/shaped components get an analytic true-energy shape, folded with the dataset's own
    resolution (spec `resolution`) and efficiency (spec `efficiency`, applied in reconstructed
    energy as the spec says), integrated over 1-keV bins of the paper's region of interest and
    normalised there to the paper's fitted count:
      - 3H: allowed beta spectrum, endpoint 18.575 keV, Fermi function with Z = 2 and the
        relativistic factor (A - B*beta) of D.H. Wilkinson, Nucl. Phys. A 526 (1991) 131, as
        used for KATRIN by Kleesiek et al., EPJC 79 (2019) 204 (constants transcribed from
        github.com/muffinfan/tristanexercise, which cites both).
      - 37Ar: K-shell EC line at 2.8 keV (Boulton et al., JINST 12 (2017) P08004,
        arXiv:1705.08958: "0.27 keV ... and 2.8 keV"); the 0.27 keV L line lies below every
        threshold here (efficiency 0) and contributes nothing.
      - 127Xe (+125Xe) EC: the 5.2 keV L-shell line (LZ, arXiv:2503.05679 abstract:
        "1.1 keV M-shell, 5.2 keV L-shell, 33.2 keV K-shell"). The 1.1 keV M-shell line is
        left out: its intensity relative to L is not in the sources read (ASSUMPTION).
      - SM solar-nu ER: nmmfit's own weak term folded with this detector (nmmfit export),
        rescaled to the collaboration's count.
  * `rest` = digitised total - the components above, bin by bin: the collaboration's own
    fitted shape of everything else (214Pb, 85Kr, materials, 136Xe 2nu-beta-beta, 124Xe DEC,
    accidentals, ...), which their fit found nearly flat. Its normalisation is checked against
    the sum of those components' published counts.
The components therefore sum to the digitised total in every bin (exactly, unless `rest` had
to be clipped at 0, which is checked).
"""
import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1]
ROOT = DATA.parent
SNUDD = "github.com/SNuDD/SNuDD, notebooks/{nb}.ipynb at commit 4bf19b1 (deleted in de00fe9)"

# Published fit results (central value, 1 sigma) in the paper's region of interest, as
# transcribed by the SNuDD authors. 'paper' says which result table they come from.
COMPONENTS = {
    "lz_ws2022": {
        "paper": "LZ Collaboration, arXiv:2511.17350 (2025), WS2022 1D fit results; transcribed in "
                 + SNUDD.format(nb="LZ_ER2025") + " (dict ws2022)",
        "roi_keV": (0.0, 20.0),
        "solar_nu": (38.1, 2.3),
        "shaped": {"ar37": (47.6, 9.4), "xe127": (9.3, 0.8)},
        "rest": {"beta decays + detector gamma": (336, 20), "136Xe 2nu-beta-beta": (27.8, 4.3),
                 "124Xe DEC": (5.0, 1.4), "accidental coincidences": (1.2, 0.3)},
    },
    "lz_ws2024": {
        "paper": "LZ Collaboration, arXiv:2511.17350 (2025), WS2024 1D fit results; transcribed in "
                 + SNUDD.format(nb="LZ_ER2025") + " (dict ws2024)",
        "roi_keV": (0.0, 20.0),
        "solar_nu": (151.0, 9.0),
        "shaped": {"h3_c14": (62.9, 3.4), "xe127": (2.8, 0.6)},
        "rest": {"214Pb beta": (1096, 46), "85Kr + 39Ar betas + detector gammas": (236, 31),
                 "136Xe 2nu-beta-beta": (108, 16), "218Po + 212Pb betas": (93.1, 10.9),
                 "124Xe DEC": (19.8, 4.0), "Rn beta tagging": (0.62, 0.02)},
    },
    "pandax4t_run1": {
        "paper": "PandaX Collaboration, arXiv:2408.07641 (2024), Run1 fit results; transcribed in "
                 + SNUDD.format(nb="PandaX_ER2024") + " (dict bkg_run1; 127Xe = 0 there)",
        "roi_keV": (0.0, 30.0),
        "solar_nu": (72.6, 8.1),
        "shaped": {"h3": (118.4, 31.1)},
        "rest": {"214Pb": (700.3, 45.3), "212Pb": (96.5, 23.8), "85Kr": (272.2, 58.9),
                 "material": (105.9, 7.8), "136Xe": (62.3, 4.6), "124Xe": (3.9, 1.1),
                 "accidental": (7.0, 1.9)},
    },
}

M_E_KEV = 510.99895          # electron mass (keV), as in the tristanexercise transcription (eV there)
ALPHA = 7.2973525698e-3      # fine-structure constant, same source
H3_ENDPOINT_KEV = 18.575     # same source (ENDPOINT = 18575 eV)
H3_A, H3_B = 1.002037, 0.001427   # Wilkinson (1991) relativistic Fermi-function factor, same source
AR37_K_KEV = 2.8             # arXiv:1705.08958 abstract
XE127_L_KEV = 5.2            # arXiv:2503.05679 abstract


def h3_spectrum(t):
    """dN/dT (arbitrary units) of the 3H beta decay at kinetic energy t (keV)."""
    t = np.asarray(t, float)
    out = np.zeros_like(t)
    m = (t > 0) & (t < H3_ENDPOINT_KEV)
    e = t[m] + M_E_KEV
    p = np.sqrt(e * e - M_E_KEV * M_E_KEV)
    beta = p / e
    eta = ALPHA * 2 / beta
    fermi = 2 * math.pi * eta / (1 - np.exp(-2 * math.pi * eta)) * (H3_A - H3_B * beta)
    out[m] = fermi * p * e * (H3_ENDPOINT_KEV - t[m]) ** 2
    return out


def read_table(path):
    lines = [l for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]
    head = lines[0].strip().split(",")
    cols = {h: [] for h in head}
    for l in lines[1:]:
        for h, v in zip(head, l.strip().split(",")):
            cols[h].append(float(v))
    return {h: np.array(v) for h, v in cols.items()}


def folded(spec, folder, true_grid, density, edges):
    """Expected counts per reconstructed-energy bin (arbitrary normalisation) of a true-energy
    density on true_grid, smeared with the spec's resolution and weighted by its efficiency."""
    a, b = spec["resolution"]["a"], spec["resolution"]["b"]
    eff = read_table(folder / spec["efficiency"]["file"])
    ee, ev = eff[spec["efficiency"].get("energy_column", "energy_keV")], eff[spec["efficiency"]["value_column"]]
    reco = np.linspace(0, edges[-1] + 5, 4001)
    dr = reco[1] - reco[0]
    sig = np.maximum(a * np.sqrt(np.maximum(true_grid, 1e-9)) + b * true_grid, 1e-3)
    w = density * np.gradient(true_grid)
    smeared = np.zeros_like(reco)
    for t, s, wi in zip(true_grid, sig, w):
        if wi > 0:
            smeared += wi * np.exp(-0.5 * ((reco - t) / s) ** 2) / (s * math.sqrt(2 * math.pi))
    eff_at = np.interp(reco, ee, ev, left=0.0, right=ev[-1])
    if spec["efficiency"]["energy"] == "true":
        raise SystemExit(f"{spec['name']}: efficiency in true energy is not handled by this tool")
    y = smeared * eff_at * dr
    return np.array([y[(reco >= lo) & (reco < hi)].sum() for lo, hi in zip(edges[:-1], edges[1:])])


def line(e0):
    grid = np.linspace(max(e0 - 1e-3, 1e-3), e0 + 1e-3, 3)
    return grid, np.array([0.0, 1.0 / 1e-3, 0.0])


def nmmfit_solar(binary, name):
    """nmmfit's SM solar-nu weak counts per analysis bin for this dataset (frozen-total model
    with the SM term added by nmmfit)."""
    spec = json.load(open(DATA / name / "dataset.json"))
    b0 = next(b for b in spec["backgrounds"] if b["name"] == "B0")
    b0 = dict(b0, includes_solar_weak=False, enabled_by_default=True)
    cmd = [str(binary), "export", "--dataset", name, "--format", "spec", "-q",
           "--set", f"{name}.backgrounds={json.dumps([b0])}"]
    out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    ch = next(c for c in out["channels"] if c["name"] == name)
    s = next(s for s in ch["samples"] if s["name"] == "solar_nu_weak")
    return np.array(ch["bin_edges_keV"]), np.array(s["counts"])


def build(name, binary):
    c = COMPONENTS[name]
    folder = DATA / name
    spec = json.load(open(folder / "dataset.json"))
    tab = read_table(folder / "binned.csv")
    lo, hi = tab["E_lo_keV"], tab["E_hi_keV"]
    total = tab["b0_counts"]
    r0, r1 = c["roi_keV"]
    roi_edges = np.arange(r0, r1 + 0.5, 1.0)
    keep = slice(int(lo[0] - r0), int(hi[-1] - r0))      # analysis bins inside the ROI binning
    cols = {}
    # SM solar nu: nmmfit's folded shape, scaled to the collaboration's count over the analysis bins
    edges, sm = nmmfit_solar(binary, name)
    if not (np.allclose(edges[:-1], lo) and np.allclose(edges[1:], hi)):
        raise SystemExit(f"{name}: nmmfit's bins do not match binned.csv")
    cols["solar_nu"] = sm / sm.sum() * c["solar_nu"][0]
    nmmfit_sm_count = sm.sum()
    for comp, (n, _) in c["shaped"].items():
        if comp.startswith("h3"):
            g = np.linspace(1e-3, H3_ENDPOINT_KEV, 3000)
            shape = folded(spec, folder, g, h3_spectrum(g), roi_edges)
        elif comp == "ar37":
            shape = folded(spec, folder, *line(AR37_K_KEV), roi_edges)
        elif comp == "xe127":
            shape = folded(spec, folder, *line(XE127_L_KEV), roi_edges)
        else:
            raise SystemExit(f"no shape for {comp}")
        cols[comp] = (shape / shape.sum() * n)[keep]
    shaped_sum = sum(cols.values())
    rest = total - shaped_sum
    clipped = float(-rest[rest < 0].sum())
    cols["rest"] = np.maximum(rest, 0.0)
    # Alternative shape (not a component; for the systematics row): the paper merges 3H and 14C
    # without their shares, and 14C's beta endpoint lies far above the window, so a 14C-like
    # spectrum is approximated by the shape of `rest` (itself beta decays with endpoints far above
    # the window, folded with the same efficiency), normalised like h3_c14.
    alt = {}
    if "h3_c14" in cols:
        alt["c14_like"] = cols["rest"] / cols["rest"].sum() * cols["h3_c14"].sum()
        alt["rest_if_c14"] = cols["rest"] + cols["h3_c14"] - alt["c14_like"]   # keeps the sum = total
    return cols, alt, nmmfit_sm_count, clipped, lo, hi, total


def relsig(items):
    v = sum(x for x, _ in items)
    return v, math.sqrt(sum(e * e for _, e in items)) / v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nmmfit")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    binary = Path(a.nmmfit) if a.nmmfit else next(
        (p for p in (ROOT / ".build/release/nmmfit", ROOT / ".build/debug/nmmfit") if p.exists()), None)
    if binary is None or not binary.exists():
        sys.exit("nmmfit binary not found: build it (swift build) or pass --nmmfit PATH")
    failed = False
    for name, c in COMPONENTS.items():
        cols, alt, sm_count, clipped, lo, hi, total = build(name, binary)
        s = sum(cols.values())
        rest_paper, rest_rel = relsig(c["rest"].values())
        table_sum = sum(n for n, _ in c["shaped"].values()) + rest_paper + c["solar_nu"][0]
        dev_bin = np.max(np.abs(s / total - 1))
        dev_int = s.sum() / total.sum() - 1
        print(f"== {name}: nmmfit SM solar-nu count in the window {sm_count:.2f} vs collaboration {c['solar_nu'][0]} "
              f"({sm_count / c['solar_nu'][0] - 1:+.1%})")
        print(f"   published components + solar nu = {table_sum:.1f}; digitised total in the window = {total.sum():.1f} "
              f"({total.sum() / table_sum - 1:+.2%})")
        print(f"   rest: {cols['rest'].sum():.1f} here vs {rest_paper:.1f} +- {rest_rel:.1%} published; "
              f"clipped at 0: {clipped:.3f} events; min per bin {cols['rest'].min():.2f}")
        print(f"   sum of components / digitised total: integral {dev_int:+.4%}, worst bin {dev_bin:.4%}")
        ok = abs(dev_int) < 0.01 and dev_bin < 0.01 and clipped < 1e-9
        failed |= not ok
        cols_out = dict(cols, **alt)
        names = list(cols_out)
        rows = [[f"{l:g}", f"{h:g}"] + [f"{cols_out[n][i]:.6f}" for n in names] for i, (l, h) in enumerate(zip(lo, hi))]
        header = "E_lo_keV,E_hi_keV," + ",".join(names)
        out = DATA / name / "components.csv"
        comments = [
            f"{name}: background components, expected counts per bin (reconstructed energy), written by data/tools/make_components.py.",
            "Normalisations (counts in the paper's region of interest): " + c["paper"] + ".",
            "solar_nu: nmmfit's SM nu-e weak term folded with this detector (nmmfit export), scaled to the collaboration's count "
            f"{c['solar_nu'][0]} +- {c['solar_nu'][1]} (nmmfit's own count here: {sm_count:.2f}).",
            "h3/h3_c14: 3H beta shape (endpoint 18.575 keV, Fermi function Z=2; Wilkinson NPA 526 (1991) 131) folded with the spec's "
            "resolution and efficiency; 14C merged by the paper, shape taken as 3H (ASSUMPTION).",
            "ar37: 2.8 keV K-shell EC line (arXiv:1705.08958); xe127: 5.2 keV L-shell EC line (arXiv:2503.05679), M-shell line omitted "
            "(ASSUMPTION); both folded with the spec's resolution and efficiency.",
            "rest: digitised total (binned.csv b0_counts) minus the columns before it: " + ", ".join(c["rest"]) + ".",
            "The component columns sum to binned.csv b0_counts in every bin.",
        ] + (["c14_like (NOT a component; systematics only): the 14C share of h3_c14 is not given, and 14C's endpoint lies far above the window:",
              "the shape of `rest` normalised like h3_c14; rest_if_c14 = rest + h3_c14 - c14_like keeps the sum equal to the total",
              "(--set lz_ws2024.backgrounds.h3_c14.column=c14_like --set lz_ws2024.backgrounds.rest.column=rest_if_c14)."] if alt else [])
        if a.check:
            old = read_table(out)
            for n in names:
                if n not in old or not np.allclose(old[n], cols_out[n], rtol=1e-6, atol=1e-6):
                    print(f"   FAIL {out.relative_to(ROOT)}: column {n} differs from a fresh computation")
                    failed = True
        else:
            with open(out, "w", encoding="utf-8", newline="\n") as f:
                for cm in comments:
                    f.write("# " + cm + "\n")
                f.write(header + "\n")
                for r in rows:
                    f.write(",".join(r) + "\n")
            print(f"   wrote {out.relative_to(ROOT)}")
        print("   constraints (relative 1 sigma): solar_nu %.4f, " % (c["solar_nu"][1] / c["solar_nu"][0])
              + ", ".join(f"{k} {e / n:.4f}" for k, (n, e) in c["shaped"].items()) + f", rest {rest_rel:.4f}")
    print("ALL CHECKS PASSED" if not failed else "SOME CHECKS FAILED")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
