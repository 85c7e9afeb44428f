#!/usr/bin/env python3
"""Adds the provenance keys every JSON output carries (Formats/RunProvenance.swift) to the output
schemas in schemas/ (those with an `nmmfit_output` key), and states the one −ln L convention and
the μν² label in the descriptions of the keys that use them. Idempotent: run it after adding or
redrafting a schema (scripts/make-schemas.py), e.g.

    python3 scripts/schema-provenance.py            # every output schema
    python3 scripts/schema-provenance.py fit gof    # only these

`tool_version`, `commit`, `command` and `data_digests` are required; `seed` and `spec_overrides`
appear where they apply. Schemas of outputs not written through the result encoder yet
(OPTIONAL below) get the properties without requiring them.

The toys-file headers (schemas named *toys-header) get the same keys as one `provenance` object
(Likelihood/ToyStudy/ToysProvenance.swift; their build and seed are keys of the header itself),
optional because files of older builds have none.
"""
import json, os, sys

OPTIONAL = {"bench"}

PROVENANCE = {
    "tool_version": {"description": "Release version of nmmfit that computed this result (`nmmfit --version`).", "type": "string"},
    "commit": {"description": "Git commit of the sources of that build (\"-dirty\" when they had uncommitted changes; \"unknown\" outside git).", "type": "string"},
    "command": {"description": "The full command line that produced this result, words quoted for a POSIX shell where needed.", "type": "string"},
    "data_digests": {
        "description": "SHA-256 (64 lowercase hex digits) of every data file read, keyed by its path (relative to the data directory when the file is inside it): dataset specs and their tables, a --spec, --atomic or --moments file, toys files; empty when the result reads no file.",
        "type": "object",
        "additionalProperties": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    },
    "seed": {"description": "Random seed of the toys of this result (when it used toys).", "type": "integer", "minimum": 0},
    "spec_overrides": {"description": "Command-line changes (--set NAME.KEY=VALUE) to the dataset specs, when there were any.", "type": "array", "items": {"type": "string"}},
}
REQUIRED = ["command", "commit", "data_digests", "tool_version"]

TOYS_PROVENANCE = {
    "description": "Where the toys came from, as every JSON output says it (absent in files of older builds); not part of the study: a resumed file keeps the provenance of the run that started it.",
    "type": "object",
    "properties": {
        "command": {"description": "The command line that wrote the toys, words quoted for a POSIX shell where needed (the Python package: `nmmfit (Python package): COMMAND {arguments}`). Without what differs between the files of one study while every toy stays the same: the option naming the toys file or folder itself (-o, --write-toys, --save-toys, --toys-dir) and how the process runs (--threads, -q, --force, --allow-other-build), so that a resumed file equals an uninterrupted one; in a sharded study's file (nmmfit toys, nmmfit coverage --write-toys) also without the shard options (--shard, --nshards), which differ between the shards, so that every shard, their merge and a single run carry the same line; each run records its full line (runs[].command). A merge of shards run by different command lines joins them with ' ; '.", "type": "string"},
        "data_digests": PROVENANCE["data_digests"],
        "spec_overrides": PROVENANCE["spec_overrides"],
    },
    "required": ["command", "data_digests"],
    "additionalProperties": False,
}

NLL = "−ln L = Σ_i (ν_i − n_i ln ν_i + ln n_i!) + Σ_k ½ ((θ_k − a_k)/σ_k)²: the Poisson terms including the data constant Σ ln n_i!, the Gaussian constraints without their normalisation — the one −ln L convention of every nmmfit output (dimensionless; toys files keep theirs, see toys-record)"
DESCRIPTIONS = {
    "nll": NLL + ", at this fit's minimum.",
    "nll_best": NLL + ", at the best fit.",
    "nll_background_only": NLL + ", of the background-only fit (μν = 0).",
    "nll_common": NLL + ", of the fit with one common μν.",
    "nll_separate": NLL + ", of the fit with one μν per dataset.",
    "names": "Parameter names, in model order; the parameter of interest's internal value is named mu_nu_squared_1e-22_muB2 (μν² in 10⁻²² μB²).",
    "internal_values": "Best-fit values in internal units, in the order of names: mu_nu_squared_1e-22_muB2 is μν² in units of 10⁻²² μB² = (10⁻¹¹ μB)²; the others are dimensionless (relative normalisations, or shape nuisances in units of their σ).",
}


def describe(node):
    """Rewrites the descriptions of the keys in DESCRIPTIONS anywhere in the schema."""
    if isinstance(node, dict):
        for k, v in node.get("properties", {}).items():
            if k in DESCRIPTIONS and isinstance(v, dict):
                v["description"] = DESCRIPTIONS[k]
        for v in node.values():
            describe(v)
    elif isinstance(node, list):
        for v in node:
            describe(v)


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas")
    only = set(sys.argv[1:])
    for f in sorted(os.listdir(root)):
        if not f.endswith(".schema.json"):
            continue
        name = f[: -len(".schema.json")]
        if only and name not in only:
            continue
        path = os.path.join(root, f)
        schema = json.load(open(path))
        props = schema.get("properties", {})
        if name.endswith("toys-header"):
            props["provenance"] = TOYS_PROVENANCE
        elif "nmmfit_output" not in props:
            continue
        else:
            for k, v in PROVENANCE.items():
                props.setdefault(k, v)
                if k in ("seed", "spec_overrides") and props[k] is not v:
                    props[k]["description"] = v["description"] if k == "spec_overrides" else props[k].get("description", v["description"])
        if name not in OPTIONAL and "nmmfit_output" in props:
            schema["required"] = sorted(set(schema.get("required", [])) | set(REQUIRED))
        describe(schema)
        with open(path, "w") as out:
            json.dump(schema, out, indent=2, ensure_ascii=False)
            out.write("\n")
        print("updated", f)


if __name__ == "__main__":
    main()
