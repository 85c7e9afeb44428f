#!/usr/bin/env python3
"""The collaborations' own mu_nu results and SM solar-nu counts (data/limits/collaboration_results.json)
against nmmfit's limit for the same dataset: the "collaboration's mu_nu result" column of the
README's validation table (the count columns come from solar_counts.py).

Usage:  python3 data/tools/collab_results.py [--check] [--self-test] [--nmmfit PATH]
  --check        only check the file (no fits): every shipped dataset (a data/*/dataset.json) has
                 an entry; every number comes with a source and a quote that contains it; every
                 entry without a number lists the places searched; every dataset's SM solar-nu
                 count is either transcribed (count and its 1 sigma inside the quote, and equal to
                 the count make_components.py fits with) or derived (with its method)
  --self-test    also check that the checker refuses broken copies of the file (a number not in
                 its quote, a count that differs from make_components.py, a missing entry, ...)
  --nmmfit PATH  nmmfit binary for the fits (default .build/release/nmmfit, else .build/debug/nmmfit)

Without --check it also runs `nmmfit fit --dataset NAME --json` (default window and model) per
dataset and prints a Markdown table: nmmfit's 90 % CL interval and the collaboration's result,
both in 1e-11 mu_B, and their ratio where the collaboration's number was read (per candidate
where it is unverified).
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "data" / "limits" / "collaboration_results.json"
STATUSES = {"read", "unverified", "not_found"}
SM_STATUSES = {"transcribed", "derived"}


def mantissa(x):
    """'1.4' for 1.4e-11: the digits a quote must contain for the number to be read from it."""
    m = f"{x:.1e}".split("e")[0]
    return m[:-2] if m.endswith(".0") else m


def fail(msg):
    print(f"{FILE.relative_to(ROOT)}: {msg}", file=sys.stderr)
    sys.exit(1)


def check_number(where, entry, keys):
    for k in ("source", "quote"):
        if not str(entry.get(k, "")).strip():
            fail(f"{where}: a number without '{k}'")
    for k in keys:
        v = entry.get(k)
        if v is None:
            continue
        if not isinstance(v, (int, float)) or not 0 < v < 1e-8:
            fail(f"{where}: '{k}' = {v!r} is not a magnetic moment in mu_B")
        if mantissa(v) not in entry["quote"]:
            fail(f"{where}: '{k}' = {v:g} does not appear in its quote ({mantissa(v)!r} not found)")


def number_text(x):
    """'151' for 151.0, '38.1' for 38.1: how a count is written in its quote."""
    return f"{x:g}"


def check_sm_count(where, sm, components):
    """The collaboration's SM solar-nu count of one dataset; components: make_components.COMPONENTS."""
    name = where.split("'")[1]
    status = sm.get("status")
    if status not in SM_STATUSES:
        fail(f"{where}: sm_solar_nu status {status!r} is not one of {sorted(SM_STATUSES)}")
    win = sm.get("window_keV")
    if not (isinstance(win, list) and len(win) == 2 and all(isinstance(v, (int, float)) for v in win)
            and win[0] < win[1]):
        fail(f"{where}: sm_solar_nu window_keV = {win!r} is not [low, high] in keV")
    if status == "derived":
        if not str(sm.get("method", "")).strip():
            fail(f"{where}: a derived sm_solar_nu without 'method'")
        if "count_events" in sm:
            fail(f"{where}: a derived sm_solar_nu gives a count (solar_counts.py computes it)")
        if name in components:
            fail(f"{where}: sm_solar_nu is 'derived' but make_components.py fits with a published count")
        return
    for k in ("source", "quote"):
        if not str(sm.get(k, "")).strip():
            fail(f"{where}: sm_solar_nu count without '{k}'")
    n, s = sm.get("count_events"), sm.get("sigma_events")
    for k, v in (("count_events", n), ("sigma_events", s)):
        if not isinstance(v, (int, float)) or not v > 0:
            fail(f"{where}: sm_solar_nu {k} = {v!r} is not a positive number of events")
        if number_text(v) not in sm["quote"]:
            fail(f"{where}: sm_solar_nu {k} = {v:g} does not appear in its quote")
    c = components.get(name)
    if c is None:
        fail(f"{where}: sm_solar_nu is transcribed but make_components.py has no entry for it")
    if (n, s) != tuple(c["solar_nu"]) or tuple(win) != tuple(c["roi_keV"]):
        fail(f"{where}: sm_solar_nu {n} +- {s} in {win} keV differs from make_components.py "
             f"({c['solar_nu'][0]} +- {c['solar_nu'][1]} in {list(c['roi_keV'])} keV)")


def check(doc):
    if doc.get("nmmfit_collaboration_results") != 1:
        fail("not an nmmfit_collaboration_results: 1 file")
    rows = doc.get("datasets", [])
    names = [r.get("dataset") for r in rows]
    shipped = sorted(p.parent.name for p in (ROOT / "data").glob("*/dataset.json"))
    missing = [n for n in shipped if n not in names]
    if missing:
        fail(f"no entry for the shipped dataset(s) {', '.join(missing)}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_components import COMPONENTS  # the counts the component fits use
    for r in rows:
        where = f"dataset {r.get('dataset')!r}"
        if "sm_solar_nu" not in r:
            fail(f"{where}: no sm_solar_nu entry (the collaboration's SM solar-nu count, or how it is derived)")
        check_sm_count(where, r["sm_solar_nu"], COMPONENTS)
        mu = r.get("mu_nu", {})
        status = mu.get("status")
        if status not in STATUSES:
            fail(f"{where}: status {status!r} is not one of {sorted(STATUSES)}")
        if status == "read":
            if mu.get("upper_muB") is None:
                fail(f"{where}: status 'read' without upper_muB")
            check_number(where, mu, ("lower_muB", "upper_muB"))
        elif status == "unverified":
            cands = mu.get("candidates", [])
            if not cands:
                fail(f"{where}: status 'unverified' without candidates")
            for i, c in enumerate(cands):
                check_number(f"{where}, candidate {i}", c, ("upper_muB",))
        else:
            if any(k in mu for k in ("lower_muB", "upper_muB", "candidates")):
                fail(f"{where}: status 'not_found' but a number is given")
        if status != "read" and not mu.get("searched"):
            fail(f"{where}: status {status!r} without the list of places searched")
    return rows


def self_test(doc):
    """Each broken copy of the file must be refused by check(); exits 1 if one is accepted."""
    import contextlib
    import copy
    import io

    def entry(d, name):
        return next(r for r in d["datasets"] if r["dataset"] == name)

    cases = {
        "a mu_nu number not in its quote": lambda d: entry(d, "xenon1t_sr1")["mu_nu"].update(upper_muB=3.1e-11),
        "an unverified candidate without a quote": lambda d: entry(d, "xenonnt_sr0")["mu_nu"]["candidates"][0].pop("quote"),
        "not_found with a number": lambda d: entry(d, "lz_ws2022")["mu_nu"].update(upper_muB=1e-11),
        "not_found without the places searched": lambda d: entry(d, "lz_ws2024")["mu_nu"].pop("searched"),
        "a count not in its quote": lambda d: entry(d, "lz_ws2024")["sm_solar_nu"].update(count_events=152),
        "a count in another window than the fit's": lambda d: entry(d, "pandax4t_run1")["sm_solar_nu"].update(window_keV=[1, 30]),
        "a dataset without its SM count": lambda d: entry(d, "xenonnt_sr0").pop("sm_solar_nu"),
        "a derived count with a number": lambda d: entry(d, "xenonnt_sr0")["sm_solar_nu"].update(count_events=78.6),
        "a derived count where the fit uses a published one":
            lambda d: entry(d, "lz_ws2022").update(sm_solar_nu={"status": "derived", "window_keV": [0, 20], "method": "m"}),
    }
    for label, mutate in cases.items():
        broken = copy.deepcopy(doc)
        mutate(broken)
        try:
            with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
                check(broken)
        except SystemExit:
            continue
        fail(f"self-test: the checker accepted a copy with {label}")
    print(f"collab_results.py --self-test: {len(cases)} broken copies refused")


def fit(binary, name):
    out = subprocess.run([str(binary), "fit", "--dataset", name, "--json", "-q"], check=True,
                         capture_output=True, text=True).stdout
    d = json.loads(out)
    return d["interval_muB"], d["mu_nu_best_muB"]


def collab_text(mu):
    s = mu["status"]
    if s == "read":
        lo, hi = mu.get("lower_muB"), mu["upper_muB"]
        v = f"({lo / 1e-11:.2g}, {hi / 1e-11:.2g})" if lo else f"< {hi / 1e-11:.2g}"
        return f"{v} (read: {mu['source']})"
    if s == "unverified":
        c = "; ".join(f"< {x['upper_muB'] / 1e-11:.2g} ({x['source'].split(',')[0]})" for x in mu["candidates"])
        return f"UNVERIFIED: {c}"
    return "not found (places searched: data/limits/collaboration_results.json)"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--nmmfit")
    a = ap.parse_args()
    try:
        doc = json.load(open(FILE))
    except (OSError, json.JSONDecodeError) as e:
        fail(f"cannot be read: {e}")
    rows = check(doc)
    if a.self_test:
        self_test(doc)
    print(f"{FILE.relative_to(ROOT)}: {len(rows)} datasets, "
          + ", ".join(f"{r['dataset']} {r['mu_nu']['status']} (SM count {r['sm_solar_nu']['status']})"
                      for r in rows))
    if a.check:
        return
    binary = Path(a.nmmfit) if a.nmmfit else next(
        (p for p in (ROOT / ".build/release/nmmfit", ROOT / ".build/debug/nmmfit") if p.exists()), None)
    if binary is None or not binary.exists():
        fail("nmmfit binary not found (swift build first, or --nmmfit PATH)")
    print("\n| data | nmmfit 90 % CL [1e-11 muB] | collaboration's mu_nu [1e-11 muB] | nmmfit / collaboration "
          "| collaboration's SM solar-nu count [events] |")
    print("|---|---|---|---|---|")
    for r in rows:
        (lo, hi), _ = fit(binary, r["dataset"])
        mine = f"[{lo / 1e-11:.3f}, {hi / 1e-11:.3f}]" if lo > 0 else f"< {hi / 1e-11:.3f}"
        mu = r["mu_nu"]
        if mu["status"] == "read":
            ratio = f"{hi / mu['upper_muB']:.2f} (upper ends)"
        elif mu["status"] == "unverified":
            ratio = " / ".join(f"{hi / c['upper_muB']:.2f}" for c in mu["candidates"]) + " (per candidate)"
        else:
            ratio = "—"
        sm = r["sm_solar_nu"]
        lo_w, hi_w = sm["window_keV"]
        count = (f"{sm['count_events']:g} ± {sm['sigma_events']:g} in {lo_w:g}–{hi_w:g} keV (transcribed: "
                 f"{sm['source'].split(',')[0]})" if sm["status"] == "transcribed"
                 else f"derived in {lo_w:g}–{hi_w:g} keV (solar_counts.py)")
        print(f"| {r['experiment']} | {mine} | {collab_text(mu)} | {ratio} | {count} |")


if __name__ == "__main__":
    main()
