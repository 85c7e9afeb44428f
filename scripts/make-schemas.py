#!/usr/bin/env python3
"""Drafts schemas/<name>.schema.json (JSON Schema draft 2020-12) from the outputs of the example
commands in schemas/examples.json: every key seen becomes a property (required when present in
every example), objects are closed (additionalProperties: false) so a renamed key fails
validation, and each property gets the unit description of its name (DESCRIPTIONS and the unit
suffixes below). The drafts were then checked by hand; re-run only to start a new output version:

    python3 scripts/make-schemas.py .build/debug/nmmfit [name ...]

Hand-written schemas (model-spec, dataset-spec, defs, bench) are never overwritten.
"""
import json, os, subprocess, sys, tempfile

HAND_WRITTEN = {"bench"}

# Properties that are whole documents of another schema.
REFS = {("fit-element", "fit"): "fit.schema.json", ("datasets-show", "dataset"): "dataset-spec.schema.json"}
BASE = "https://nmmfit.invalid/schemas/v2/"  # .invalid (RFC 2606): an identifier, not a download address

# Objects whose keys are data (dataset, sample or source names), not fixed key names.
MAPS = {"best_fit", "weak_by_source", "magnetic_by_source", "separate_mu_nu_best_muB"}
ENUMS = {"interval_kind": ["upper_limit", "two_sided"], "provenance": ["official", "digitised"],
         "interval_method": ["asymptotic-unified", "wilks", "feldman-cousins"], "statistic_name": ["q0", "t"]}
PAIRS = {"interval_muB", "interval_wilks_muB", "window_keV", "default_window_keV"}  # [lo, hi]
INTEGER = {"bins", "ndof", "dof", "toys", "failed_toys", "iterations", "row", "column", "steps", "toys_exceeding",
           "non_converged_toys", "refinement_points", "seed", "covered", "toy", "total_toys", "shard", "nshards", "ntoys",
           "nmmfit_toys"}

SUFFIX_UNITS = [
    ("_1e-22_muB2", "in units of 10⁻²² μB² = (10⁻¹¹ μB)²"),
    ("_muB2", "in μB² (Bohr magnetons squared)"),
    ("_muB", "in μB (Bohr magnetons)"),
    ("_keV", "in keV"),
    ("_GeV", "in GeV"),
    ("_eV", "in eV"),
    ("_per_GeV2", "in GeV⁻²"),
    ("_per_GeV", "in GeV⁻¹"),
    ("_tonne_year", "in tonne × year"),
    ("_per_cm2_per_s", "in cm⁻² s⁻¹"),
]

DESCRIPTIONS = {
    "nmmfit_output": "Output format version (3: snake_case keys with units in their names and one −ln L convention, fit_status.nll included; README, Machine-readable output).",
    "cl": "Confidence level, a fraction (0.9 = 90 %).",
    "interval_method": "Interval construction: asymptotic-unified (boundary-aware, CCGV 2011 Eq. 47) or wilks.",
    "interval_kind": "upper_limit when the interval's lower end is the boundary μν = 0, else two_sided.",
    "q0": "Discovery test statistic q0 = −2 ln λ(0) (dimensionless).",
    "z_asymptotic": "Significance Z = Φ⁻¹(1 − p) from the asymptotic p-value, in standard deviations (σ).",
    "p_value_asymptotic": "p-value from the asymptotic distribution of the statistic (dimensionless).",
    "p_value_toys": "p-value from toys: the fraction of toys with a statistic at least the data's.",
    "p_value_toys_error": "Binomial standard error of p_value_toys.",
    "z_toys": "Z = Φ⁻¹(1 − p_value_toys) in σ, when 0 < p_value_toys < 1.",
    "nll_best": "−ln L at the best fit (dimensionless); in fit including Σ ln n_i!.",
    "nll_background_only": "−ln L of the background-only fit (μν = 0), including Σ ln n_i!.",
    "nll": "−ln L at the minimum, without the data constant Σ ln n_i! (dimensionless).",
    "nll_common": "−ln L of the fit with one common μν (without Σ ln n_i!).",
    "nll_separate": "−ln L of the fit with one μν per dataset (without Σ ln n_i!).",
    "minus_two_delta_lnL": "−2 Δ ln L between the two hypotheses (dimensionless).",
    "gof_baker_cousins_chi2": "Baker–Cousins χ² of the best fit (dimensionless).",
    "chi2": "Baker–Cousins χ² (dimensionless).",
    "bins": "Number of bins.",
    "ndof": "Degrees of freedom.",
    "dof": "Degrees of freedom.",
    "observed": "Observed events per bin.",
    "total_best_fit": "Expected events per bin at the best fit.",
    "total_background_only": "Expected events per bin of the background-only fit.",
    "best_fit": "Expected events per bin of each sample at the best fit (sample name → counts).",
    "internal_values": "Best-fit values in internal units: mu_nu as s = (μν / 10⁻¹¹ μB)², the others dimensionless (relative normalisations, or shape nuisances in units of their σ).",
    "errors": "Hessian errors of internal_values, same units (0 for fixed parameters or at a bound).",
    "edm": "Estimated distance to minimum ½ gᵀH⁻¹g (dimensionless; −1 when the Hessian is singular).",
    "at_bound": "Per parameter: the fit ended on its bound.",
    "fixed": "Per parameter: held fixed.",
    "unit": "Unit of value, error, error_low, error_high, background_only_value: muB (Bohr magnetons) for mu_nu, 1 (dimensionless: a relative normalisation, or a shape nuisance in units of its σ) otherwise.",
    "value": "Best-fit value, in the parameter's unit.",
    "error": "Hessian error, in the parameter's unit (not given for mu_nu).",
    "error_low": "mu_nu only: best fit minus the lower end of the 68.27 % profile-likelihood interval, in μB.",
    "error_high": "mu_nu only: upper end of the 68.27 % profile-likelihood interval minus the best fit, in μB.",
    "background_only_value": "Value in the background-only fit, in the parameter's unit.",
    "units": "The unit of weak, magnetic, total and the per-source rates.",
    "weak": "Weak (SM) rate dR/dT in events/(t·y·keV).",
    "magnetic": "Magnetic-moment rate dR/dT in events/(t·y·keV).",
    "total": "weak + magnetic in events/(t·y·keV).",
    "weak_by_source": "Weak rate per solar source in events/(t·y·keV).",
    "magnetic_by_source": "Magnetic rate per solar source in events/(t·y·keV).",
    "sensitivity": "⟨μ_eff²⟩ / |element|² (dimensionless).",
    "delta_amu": "Δa_μ (dimensionless).",
    "value_1e-11": "In units of 10⁻¹¹.",
    "toys": "Toys asked for.",
    "failed_toys": "Toys whose fit failed (left out).",
    "converged": "Whether the fit(s) converged.",
    "datasets": "Dataset names (ids) of the fit, in channel order.",
    "digitised_datasets": "Datasets of the fit digitised from published figures (not official releases).",
    "spec_overrides": "Command-line changes (--set NAME.KEY=VALUE) to the dataset specs.",
    "per_dataset": "A combination only: each dataset fitted on its own (same options).",
    "compatibility": "A combination only: one common μν against one μν per dataset (likelihood ratio, χ² with n−1 dof).",
    "provenance": "official (released by the collaboration) or digitised (read off a figure by a third party).",
    "fit_status": "The best fit's minimiser result (values in internal units).",
    "null_fit": "The fit under the null hypothesis (tested components at 0), internal units.",
    "alternative_fit": "The fit under the alternative hypothesis, internal units.",
    "tested": "Parameters set to 0 under the null hypothesis.",
    "excluded": "Parameters held at 0 in both hypotheses.",
    "names": "Parameter names, in model order.",
    "method": "Minimiser that produced the minimum (newton, bfgs2, simplex).",
    "iterations": "Minimiser iterations (summed over restarts).",
    "notes": "Notes of the minimiser (fallbacks, disagreeing starts).",
    "parameters": "Every parameter of the model with its unit and errors.",
    "channels": "Per dataset (channel): binned data and the fitted expectations.",
    "points": "The scan: μν (μB), −2ΔlnL and whether the conditional fit converged.",
    "band": "Quantiles of the background-only toys' upper limits, each in μB.",
    "background_only": "Goodness of fit of the background-only fit (μν = 0).",
    "rows": "One row per grid point, source or energy.",
    "counts": "Expected events per bin of the sample at its nominal parameters.",
    "init": "Initial value in the parameter's internal unit (mu_nu in μB; others dimensionless).",
    "lower": "Lower bound, in the parameter's internal unit (mu_nu in μB).",
    "upper": "Upper bound, in the parameter's internal unit (mu_nu in μB).",
    "mean": "Mean of the Gaussian constraint (dimensionless).",
    "sigma": "Width of the Gaussian constraint (dimensionless, relative).",
    "relative_sigma": "Relative width of the Gaussian constraint (dimensionless).",
    "relative_constraint": "Relative Gaussian constraint of the efficiency (dimensionless).",
    "relative_uncertainty": "Relative 1σ uncertainty (dimensionless).",
    "a": "Resolution σ(E) = a √E + b E: a in √keV.",
    "b": "Resolution σ(E) = a √E + b E: b dimensionless.",
    "ffprime": "Yukawa product f f′ (dimensionless).",
    "ffprime_min": "Smallest |f f′| (dimensionless).",
    "ffprime_max": "Largest |f f′| (dimensionless).",
    "ffprime_for_target": "|f f′| giving --target-mu (dimensionless).",
    "sin2alpha": "sin 2α of the charged-scalar mixing (dimensionless).",
    "sin2xi": "sin 2ξ of the left–right mixing (dimensionless).",
    "kappa": "κ in y_L y_R = κ |f f′| (dimensionless).",
    "y_left": "Left-handed coupling y_L (dimensionless).",
    "y_right": "Right-handed coupling y_R (dimensionless).",
    "delta_amu_per_ffprime": "Δa_μ per unit f f′ (dimensionless).",
    "delta_amu_chirality_flipping": "Chirality-flipping part of Δa_μ (dimensionless).",
    "delta_amu_chirality_conserving": "Chirality-conserving part of Δa_μ (dimensionless).",
    "delta_amu_heavy_scalar_limit": "Δa_μ in the heavy-scalar limit (dimensionless).",
    "pull_sigma": "(prediction − measurement) / σ, in standard deviations.",
    "g2_sigmas": "Number of σ of the g−2 agreement band.",
    "mu_nu": "Per μν band: the allowed |f f′| range (dimensionless), empty when none.",
    "p_ee": "⟨P_ee⟩, the weighted νe survival probability (dimensionless).",
    "p_emu": "⟨P_eμ⟩ (dimensionless).",
    "p_etau": "⟨P_eτ⟩ (dimensionless).",
    "perturbative": "|f f′|_min ≤ 4π.",
    "exposure_tonne_year": "Exposure in tonne × year.",
    "toys_exceeding": "Toys (of those fitted) with q0 ≥ the data's q0.",
    "z_toys_lower_bound": "When no toy reaches the data's q0: Z > Φ⁻¹(1 − 1/N) in σ (N fitted toys).",
    "feldman_cousins": "Feldman–Cousins only: each end's errors and the tested points (the interval itself is interval_muB).",
    "toy_error_muB": "Monte-Carlo error of the end from the toys' quantiles, in μB.",
    "grid_error_muB": "Interpolation error of the end from the grid spacing, in μB.",
    "at_boundary": "The end is the boundary μν = 0 (no crossing, errors 0).",
    "t_observed": "t̃(μν) of the data (dimensionless).",
    "critical_value": "The CL quantile of t̃(μν) over the toys at that μν (dimensionless).",
    "critical_value_error": "Standard error of critical_value (order-statistic interval of the quantile).",
    "non_converged_toys": "Toys whose fits did not converge (kept).",
    "accepted": "t_observed ≤ critical_value: μν is inside the interval.",
    "refinement_points": "Points the refinement added near the ends.",
    "toy_files": "The toys files the points come from (--from-toys).",
    "seed": "Random seed of the toys.",
    "covered": "Toys whose interval contains the true μν.",
    "coverage": "covered / fitted toys (a fraction).",
    "coverage_error": "Binomial standard error of coverage.",
    "nmmfit_toys": "Toys-file format version (2: no header key shares a name with a record key).",
    "statistic_name": "q0 (discovery test) or t (t̃ at tested_mu_nu_muB).",
    "total_toys": "Toys in the whole study.",
    "shard": "This file's shard index (0 in a merged file).",
    "nshards": "Shards the study is split into (1 in a merged file).",
    "model": "Channel (dataset) names joined by +.",
    "model_digest": "FNV-1a 64-bit digest of the model spec and the true parameters: files with the same digest are one study.",
    "toy": "Toy index k (RNG stream k of the seed).",
    "statistic": "The toy's test statistic, q0 or t̃ (dimensionless; −1 when the fit failed).",
    "s_hat": "Best-fit s = (μν / 10⁻¹¹ μB)², i.e. μν² in units of 10⁻²² μB².",
    "s_hat_error": "Hessian error of s_hat, same units.",
    "nll_free": "−ln L of the free fit (without Σ ln n_i!).",
    "nll_constrained": "−ln L of the fit at the tested μν (without Σ ln n_i!).",
    "failed": "A fit threw; statistic is −1 then.",
    "ntoys": "Toys in the whole study.",
    "toy_arguments": "The options after -- passed to every nmmfit toys task.",
}


TITLES = {"model-spec": "nmmfit model spec (nmmfit_model 2; 1 is still read): the binned likelihood model and, from version 2, the analysis of the run that wrote it, as written by --save-spec and export --format spec",
          "dataset-spec": "nmmfit dataset spec (nmmfit_dataset 1): docs/datasets.md"}


def describe(key):
    if key in DESCRIPTIONS:
        return DESCRIPTIONS[key]
    if key.endswith("_1e-11"):
        return "In units of 10⁻¹¹."
    for suffix, text in SUFFIX_UNITS:
        if key.endswith(suffix) or key.startswith(suffix.strip("_") + "_"):
            return text[0].upper() + text[1:] + "."
    return None


def infer(values, key=None):
    """A schema for all `values` (the same key across examples)."""
    types = {type(v).__name__ for v in values}
    if key == "nmmfit_output":
        return {"const": 3}
    if key == "nmmfit_model":
        return {"const": 2}
    if key == "nmmfit_dataset":
        return {"const": 1}
    if key == "nmmfit_toys":
        return {"const": 2}
    if types <= {"dict"}:
        if key in MAPS:
            inner = [x for v in values for x in v.values()]
            return {"type": "object", "additionalProperties": infer(inner) if inner else {}}
        keys = sorted({k for v in values for k in v})
        props = {}
        for k in keys:
            s = infer([v[k] for v in values if k in v], k)
            d = describe(k)
            if d and "description" not in s:
                s = {"description": d, **s}
            props[k] = s
        req = [k for k in keys if all(k in v for v in values)]
        return {"type": "object", "properties": props, "required": req, "additionalProperties": False}
    if types <= {"list"}:
        inner = [x for v in values for x in v]
        out = {"type": "array", "items": infer(inner, key) if inner else {}}
        if key in PAIRS:
            out.update(minItems=2, maxItems=2)
        return out
    if types <= {"bool"}:
        return {"type": "boolean"}
    if types <= {"int", "float"}:
        return {"type": "integer" if key in INTEGER and types == {"int"} else "number"}
    if types <= {"str"}:
        return {"type": "string", "enum": ENUMS[key]} if key in ENUMS else {"type": "string"}
    return {}


SECTIONS = {"Top level": "", "`resolution`": "resolution", "`efficiency`": "efficiency", "`observed`": "observed",
            "`backgrounds[]`": "backgrounds[]"}


def node(schema, path):
    for part in [p for p in path.split(".") if p]:
        key = part[:-2] if part.endswith("[]") else part
        schema = schema["properties"][key]
        if part.endswith("[]"):
            schema = schema["items"]
    return schema


def apply_dataset_docs(schema, root):
    """Required keys, units and meanings of the dataset spec from the tables of docs/datasets.md
    (the spec's documentation), so the schema says what the docs say, not what the examples hold."""
    section = None
    for line in open(os.path.join(root, "docs", "datasets.md")):
        if line.startswith("### "):
            section = SECTIONS.get(line[4:].strip())
            continue
        if section is None or not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        keys = [k.strip().strip("`") for k in cells[0].split(",")]
        typ, unit, default, meaning = cells[1], cells[2], cells[3], " ".join(cells[4:])
        obj = node(schema, section)
        for k in keys:
            prop = obj["properties"].setdefault(k, {"type": "number"} if "number" in typ else {"type": "string"})
            unit_text = "" if unit in ("—", "") else "Unit: %s. " % unit
            prop["description"] = (unit_text + meaning.replace("`", "")).strip()
            req = set(obj["required"])
            if "required" in default:
                req.add(k)
            else:
                req.discard(k)
            obj["required"] = sorted(req)


def main():
    binary = sys.argv[1]
    only = set(sys.argv[2:])
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    cfg = json.load(open(os.path.join(root, "schemas", "examples.json")))
    tmp = tempfile.mkdtemp()
    sub = lambda a: [x.replace("{tmp}", tmp) for x in a]
    for a in cfg["setup"]:
        subprocess.run([binary] + sub(a), check=True, capture_output=True)
    docs = {}
    for ex in cfg["examples"]:
        for a in ex.get("pre", []):
            subprocess.run([binary] + sub(a), check=True, capture_output=True)
        out = subprocess.run([binary] + sub(ex["args"]), check=True, capture_output=True, text=True).stdout if ex.get("args") else ""
        if "file" in ex and not os.path.isabs(ex["file"]) and "{tmp}" not in ex["file"]:
            ex = {**ex, "file": os.path.join(root, ex["file"])}
        if ex.get("lines"):  # a JSON-lines file (toys): its header line, or its records
            rows = [json.loads(l) for l in open(sub([ex["file"]])[0])]
            docs.setdefault(ex["schema"], []).extend(rows[:1] if ex["lines"] == "header" else rows[1:])
            continue
        doc = json.load(open(sub([ex["file"]])[0])) if "file" in ex else json.loads(out)
        docs.setdefault(ex["schema"], []).append(doc)
    for name, values in docs.items():
        if name in HAND_WRITTEN or (only and name not in only):
            continue
        body = infer(values)
        if name == "dataset-spec":
            apply_dataset_docs(body, root)
        if name == "model-spec":
            params = node(body, "parameters[]")
            params["properties"].setdefault("upper", {"type": "number"})
            params["properties"]["upper"]["description"] = DESCRIPTIONS["upper"]
        for (sname, prop), ref in REFS.items():
            if sname == name:
                body["properties"][prop] = {"$ref": ref}
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE + name + ".schema.json",
                  "title": TITLES.get(name, "nmmfit " + name.replace("-", " ") + " output (nmmfit_output 3)"), **body}
        with open(os.path.join(root, "schemas", name + ".schema.json"), "w") as f:
            json.dump(schema, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print("wrote schemas/%s.schema.json from %d example(s)" % (name, len(values)))


if __name__ == "__main__":
    main()
