#!/usr/bin/env python3
"""Window stability: each dataset's 90 % CL upper limit on mu_nu (and the Asimov median expected
limit) against its analysis window, as a Markdown table and an SVG figure.

Usage:  python3 data/tools/window_study.py [--nmmfit PATH] [--short] [--svg FILE] [--json FILE]
  --nmmfit PATH  nmmfit binary (default .build/release/nmmfit)
  --short        two windows per dataset (the CI run: checks the keys read here still exist)
  --svg FILE     write the figure (default docs/window_study.svg; nothing with --short)
Each row is one `nmmfit fit --dataset NAME --window NAME=LO:HI --json -q`, with the dataset's
shipped spec otherwise unchanged. Upper edges beyond a dataset's data are skipped.
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Windows (keV). The upper edges bracket each dataset's default; 1 keV is every default lower edge.
WINDOWS = {
    "xenon1t_sr1": [(1, 5), (1, 7), (1, 10), (1, 15), (1, 20), (1, 30), (2, 7), (2, 30)],
    "xenonnt_sr0": [(1, 7), (1, 10), (1, 15), (1, 20), (1, 30), (2, 30)],
    "lz_ws2022": [(1, 7), (1, 10), (1, 15), (1, 20), (2, 20), (3, 20)],
    "lz_ws2024": [(1, 7), (1, 10), (1, 15), (1, 20), (2, 20), (3, 20)],
    "pandax4t_run1": [(1, 7), (1, 10), (1, 15), (1, 20), (1, 30), (2, 30)],
}
SHORT = {d: w[:1] + [w[3]] for d, w in WINDOWS.items()}
COLORS = {"xenon1t_sr1": "#1f77b4", "xenonnt_sr0": "#d62728", "lz_ws2022": "#2ca02c",
          "lz_ws2024": "#9467bd", "pandax4t_run1": "#ff7f0e"}


def fit(binary, d, lo, hi):
    cmd = [str(binary), "fit", "--dataset", d, "--window", f"{d}={lo}:{hi}", "--json", "-q"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"window_study.py: {' '.join(cmd)} failed: {p.stderr.strip()}")
    r = json.loads(p.stdout)
    return {"dataset": d, "lo_keV": lo, "hi_keV": hi,
            "interval_1e-11_muB": [x / 1e-11 for x in r["interval_muB"]],
            "interval_kind": r["interval_kind"],
            "expected_1e-11_muB": r["expected_limit_asimov_median_muB"] / 1e-11,
            "converged": r["converged"]}


def svg(rows, path):
    """Limit (solid) and expected (dashed) against the window's upper edge, lower edge 1 keV;
    lower edges 2 and 3 keV as open markers, drawn 0.7 keV per keV of lower edge to the right."""
    W, H, L, R, T, B = 760, 470, 70, 190, 40, 55
    xs = [r["hi_keV"] for r in rows]
    ys = [v for r in rows for v in (r["interval_1e-11_muB"][1], r["expected_1e-11_muB"])]
    x0, x1 = 0, max(xs) + 2
    y0, y1 = 0, (int(max(ys) * 1.1 * 2) + 1) / 2
    X = lambda x: L + (x - x0) / (x1 - x0) * (W - L - R)
    Y = lambda y: H - B - (y - y0) / (y1 - y0) * (H - T - B)
    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="13">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{L}" y="24" text-anchor="start" font-size="15">90 % CL upper limit on μν against the analysis window</text>',
         f'<text x="{W - 10}" y="24" text-anchor="end" font-size="11">XENON1T: upper end of its interval</text>']
    for i in range(0, int(x1) + 1, 5):
        o.append(f'<line x1="{X(i)}" y1="{H-B}" x2="{X(i)}" y2="{T}" stroke="#eee"/>'
                 f'<text x="{X(i)}" y="{H-B+18}" text-anchor="middle">{i}</text>')
    k = 0.0
    while k <= y1 + 1e-9:
        o.append(f'<line x1="{L}" y1="{Y(k)}" x2="{W-R}" y2="{Y(k)}" stroke="#eee"/>'
                 f'<text x="{L-8}" y="{Y(k)+4}" text-anchor="end">{k:g}</text>')
        k += 0.5
    o.append(f'<rect x="{L}" y="{T}" width="{W-L-R}" height="{H-T-B}" fill="none" stroke="black"/>')
    o.append(f'<text x="{(L + W - R)/2}" y="{H-15}" text-anchor="middle">upper edge of the window [keV] (filled: lower edge 1 keV; ○ 2 keV, □ 3 keV)</text>')
    o.append(f'<text transform="translate(20,{(T + H - B)/2}) rotate(-90)" text-anchor="middle">μν [10⁻¹¹ μB]</text>')
    ly = T + 10
    for d, c in COLORS.items():
        rs = [r for r in rows if r["dataset"] == d]
        if not rs:
            continue
        main = sorted((r for r in rs if r["lo_keV"] == 1), key=lambda r: r["hi_keV"])
        for key, dash in (("lim", ""), ("exp", ' stroke-dasharray="5,4"')):
            val = (lambda r: r["interval_1e-11_muB"][1]) if key == "lim" else (lambda r: r["expected_1e-11_muB"])
            pts = " ".join(f"{X(r['hi_keV']):.1f},{Y(val(r)):.1f}" for r in main)
            o.append(f'<polyline points="{pts}" fill="none" stroke="{c}" stroke-width="2"{dash}/>')
        for r in main:
            o.append(f'<circle cx="{X(r["hi_keV"]):.1f}" cy="{Y(r["interval_1e-11_muB"][1]):.1f}" r="3.5" fill="{c}"/>')
        for r in rs:
            x, y = X(r["hi_keV"] + 0.7 * (r["lo_keV"] - 1)), Y(r["interval_1e-11_muB"][1])
            if r["lo_keV"] == 2:
                o.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="white" stroke="{c}" stroke-width="1.5"/>')
            elif r["lo_keV"] == 3:
                o.append(f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" fill="white" stroke="{c}" stroke-width="1.5"/>')
        o.append(f'<line x1="{W-R+12}" y1="{ly}" x2="{W-R+40}" y2="{ly}" stroke="{c}" stroke-width="2"/>'
                 f'<text x="{W-R+46}" y="{ly+4}">{d}</text>')
        ly += 20
    o.append(f'<line x1="{W-R+12}" y1="{ly+8}" x2="{W-R+40}" y2="{ly+8}" stroke="black" stroke-width="2"/><text x="{W-R+46}" y="{ly+12}">limit</text>')
    o.append(f'<line x1="{W-R+12}" y1="{ly+28}" x2="{W-R+40}" y2="{ly+28}" stroke="black" stroke-width="2" stroke-dasharray="5,4"/><text x="{W-R+46}" y="{ly+32}">expected</text>')
    o.append(f'<circle cx="{W-R+26}" cy="{ly+48}" r="5" fill="white" stroke="black" stroke-width="1.5"/><text x="{W-R+46}" y="{ly+52}">limit, from 2 keV</text>')
    o.append(f'<rect x="{W-R+21.5}" y="{ly+63.5}" width="9" height="9" fill="white" stroke="black" stroke-width="1.5"/><text x="{W-R+46}" y="{ly+72}">limit, from 3 keV</text>')
    o.append("</svg>")
    Path(path).write_text("\n".join(o) + "\n", encoding="utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nmmfit", default=str(ROOT / ".build/release/nmmfit"))
    ap.add_argument("--short", action="store_true")
    ap.add_argument("--svg", default=str(ROOT / "docs/window_study.svg"))
    ap.add_argument("--json")
    a = ap.parse_args()
    if not Path(a.nmmfit).exists():
        sys.exit(f"window_study.py: nmmfit binary not found at {a.nmmfit}")
    rows = []
    print("| dataset | window [keV] | 90 % CL interval [10⁻¹¹ μB] | expected [10⁻¹¹ μB] | converged |")
    print("|---|---|---|---|---|")
    for d, ws in (SHORT if a.short else WINDOWS).items():
        for lo, hi in ws:
            r = fit(a.nmmfit, d, lo, hi)
            rows.append(r)
            i = r["interval_1e-11_muB"]
            iv = f"< {i[1]:.3f}" if r["interval_kind"] == "upper_limit" else f"[{i[0]:.3f}, {i[1]:.3f}]"
            print(f"| {d} | {lo:g}–{hi:g} | {iv} | {r['expected_1e-11_muB']:.3f} | {'yes' if r['converged'] else 'NO'} |",
                  flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps(rows, indent=1) + "\n")
    if not a.short:
        svg(rows, a.svg)
        print(f"\nwrote {a.svg}")


if __name__ == "__main__":
    main()
