#!/usr/bin/env python3
"""
Cross-check of `nmmfit export --format pyhf` with pyhf (optional; needs `pip install pyhf`,
which brings numpy and scipy). Not used by the Swift tests.

Run (from the repository root, /work/main):
    nmmfit export --format pyhf -o /tmp/x1t_pyhf.json          # XENON1T SR1, 1-7 keV default
    python3 validation/pyhf_crosscheck.py /tmp/x1t_pyhf.json
and compare with `nmmfit fit`: the POI mu_nu_squared is (mu_nu / mu_ref)^2, i.e. mu_nu^2 in
units of mu_ref^2 = 1e-22 mu_B^2 (README: mu_nu^2 = 5.760 x 1e-22, q0 = 9.415).

What it does
------------
1. Validates the workspace with pyhf's own JSON schema (pyhf.Workspace(spec) validates
   against workspace.json, version 1.0.0).
2. Builds the model with the interpolation that matches nmmfit: histosys code0 (piecewise
   linear, as nmmfit; pyhf's default is code4p), normsys code4 (pyhf's default) and, for
   comparison, code1. nmmfit's Gaussian normalisations theta ~ N(1, sigma) are linear; pyhf's
   normsys with hi/lo = 1 +- sigma is not (a <~ sigma^2/8 difference for |alpha| <= 1), so the
   numbers agree closely, not to the last digit.
3. Fits (pyhf.infer.mle.fit, scipy optimizer, float64 numpy backend) with the POI free and
   at zero, and prints the best-fit mu_nu_squared, its Hessian error, twice the NLL difference
   q0 (= -2 ln lambda(0), the discovery statistic for a best fit >= 0) and Z = sqrt(q0).
"""

import argparse
import json
import math
import sys

try:
    import numpy as np
    import pyhf
except ImportError as e:  # pragma: no cover
    sys.exit(f"this cross-check needs pyhf (pip install pyhf): {e}")


def fit(model, data, poi_fixed_to=None):
    """Returns (parameters, twice the NLL) of an unconditional or POI-fixed fit."""
    init = model.config.suggested_init()
    bounds = model.config.suggested_bounds()
    fixed = model.config.suggested_fixed()
    if poi_fixed_to is None:
        pars, twice_nll = pyhf.infer.mle.fit(data, model, init_pars=init, par_bounds=bounds,
                                             fixed_params=fixed, return_fitted_val=True)
    else:
        pars, twice_nll = pyhf.infer.mle.fixed_poi_fit(poi_fixed_to, data, model, init_pars=init,
                                                       par_bounds=bounds, fixed_params=fixed,
                                                       return_fitted_val=True)
    return np.asarray(pars), float(twice_nll)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workspace", help="pyhf JSON workspace written by `nmmfit export --format pyhf`")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()

    with open(args.workspace) as f:
        spec = json.load(f)
    pyhf.set_backend("numpy", pyhf.optimize.scipy_optimizer(tolerance=1e-10))
    # Validates against pyhf's workspace schema (raises pyhf.exceptions.InvalidSpecification).
    ws = pyhf.Workspace(spec)
    pyhf.schema.validate(spec, "workspace.json")
    print(f"pyhf {pyhf.__version__}: '{args.workspace}' is a valid workspace "
          f"({len(ws.channels)} channel(s), {sum(len(o['data']) for o in spec['observations'])} bins, "
          f"measurement '{ws.get_measurement()['name']}', POI '{ws.get_measurement()['config']['poi']}')")

    results = {}
    for normsys in ("code4", "code1"):
        settings = {"normsys": {"interpcode": normsys}, "histosys": {"interpcode": "code0"}}
        model = ws.model(modifier_settings=settings)
        data = ws.data(model)
        poi = model.config.poi_index
        best, twice_nll_best = fit(model, data)
        _, twice_nll_bkg = fit(model, data, poi_fixed_to=0.0)
        q0 = max(twice_nll_bkg - twice_nll_best, 0.0) if best[poi] > 0 else 0.0
        # Hessian error of the POI (pyhf's minuit would give it directly; scipy does not).
        err = poi_error(model, data, best)
        names = [n for n in model.config.par_order]
        results[normsys] = {
            "mu_nu_squared": float(best[poi]),
            "mu_nu_squared_error": err,
            "mu_nu_over_mu_ref": math.sqrt(max(best[poi], 0.0)),
            "q0": q0,
            "Z": math.sqrt(q0),
            "nll_best": twice_nll_best / 2,
            "nll_background_only": twice_nll_bkg / 2,
            "parameters": {n: pars_of(model, best, n) for n in names},
        }
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
        return
    for normsys, r in results.items():
        print(f"\nnormsys {normsys}, histosys code0:")
        print(f"  best-fit mu_nu_squared = {r['mu_nu_squared']:.4f} +- {r['mu_nu_squared_error']:.4f}"
              f"  (x mu_ref^2; mu_nu = {r['mu_nu_over_mu_ref']:.4f} x mu_ref)")
        print(f"  q0 = {r['q0']:.4f}   Z = {r['Z']:.3f} sigma")
        print(f"  -lnL (pyhf, incl. ln n! and constraint normalisation) best / bkg = "
              f"{r['nll_best']:.4f} / {r['nll_background_only']:.4f}")
        for n, v in r["parameters"].items():
            print(f"    {n:28s} {v}")


def pars_of(model, pars, name):
    sl = model.config.par_slice(name)
    v = [float(x) for x in pars[sl]]
    return v[0] if len(v) == 1 else v


def poi_error(model, data, best):
    """sqrt((H^-1)_poi,poi) of twice the NLL / 2, by central finite differences over the
    free parameters."""
    fixed = model.config.suggested_fixed()
    free = [i for i in range(len(best)) if not fixed[i]]

    def nll(p):
        return -float(model.logpdf(p, data)[0])

    n = len(free)
    h = [1e-4 * max(1.0, abs(best[i])) for i in free]
    H = np.zeros((n, n))
    for a in range(n):
        for b in range(a, n):
            def at(da, db):
                p = np.array(best, dtype=float)
                p[free[a]] += da
                p[free[b]] += db
                return nll(p)
            ha, hb = h[a], h[b]
            H[a, b] = H[b, a] = (at(ha, hb) - at(ha, -hb) - at(-ha, hb) + at(-ha, -hb)) / (4 * ha * hb)
    cov = np.linalg.inv(H)
    k = free.index(model.config.poi_index)
    return float(math.sqrt(cov[k, k]))


if __name__ == "__main__":
    main()
