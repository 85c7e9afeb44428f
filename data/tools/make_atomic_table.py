#!/usr/bin/env python3
"""Writes data/atomic/stepping_rrpa_binding.csv: the stepping approximation as a user atomic
table (nmmfit --atomic FILE), with the RRPA sub-shell binding energies of J.-W. Chen et al.,
PLB 774 (2017) 656 (arXiv:1610.04177), as copied by SNuDD (binding_xenon.csv; see
../shared/data/external/xenon_atomic_binding/SOURCE.md). Factor at T = (electrons with
binding energy < T) / 54, drawn as steps 1e-6 keV wide (the table is interpolated linearly).

Usage: python3 data/tools/make_atomic_table.py [--check] [path/to/binding_xenon.csv]
  --check  write nothing; exit 1 unless the committed table equals a fresh computation (CI)."""
import csv, io, pathlib, sys

here = pathlib.Path(__file__).resolve().parent
args = [a for a in sys.argv[1:] if a != "--check"]
check = "--check" in sys.argv[1:]
src = pathlib.Path(args[0]) if args else here.parents[2] / "shared/data/external/xenon_atomic_binding/binding_xenon.csv"
shells = sorted((float(r["Binding Energy (eV)"]) / 1000, int(r["Electrons in Orbital"])) for r in csv.DictReader(open(src)))
assert sum(n for _, n in shells) == 54
rows, n = [(0.0, 0.0)], 0
for b, k in shells:
    rows.append((b - 1e-6, n / 54))
    n += k
    rows.append((b + 1e-6, n / 54))
rows.append((200.0, 1.0))
out = here.parent / "atomic" / "stepping_rrpa_binding.csv"
with io.StringIO() as f:
    f.write("# Xenon stepping approximation as an nmmfit atomic table (--atomic FILE); factor = sigma_bound/sigma_free for\n")
    f.write("# both the weak and the magnetic term. Binding energies: RRPA, J.-W. Chen et al., PLB 774 (2017) 656 (arXiv:1610.04177),\n")
    f.write("# via SNuDD binding_xenon.csv (github.com/SNuDD/SNuDD @ 11622ded). Written by data/tools/make_atomic_table.py.\n")
    f.write("# T_keV: true recoil energy (keV); factor: dimensionless (electrons with binding energy < T) / 54.\n")
    f.write("T_keV,factor\n")
    for t, v in rows:
        f.write(f"{t:.7f},{v:.9f}\n")
    text = f.getvalue()
if check:
    same = out.read_text() == text
    print(f"{out}: {'matches' if same else 'DIFFERS FROM'} a fresh computation from {src}")
    sys.exit(0 if same else 1)
out.write_text(text)
print(f"wrote {out} ({len(rows)} rows)")
