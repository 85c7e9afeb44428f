"""Each command of the C interface against the CLI's JSON for the same request: the numbers are equal.

The CLI runs in a child process here only to produce the reference; the package itself never
starts one (test_engine.py checks that)."""
import json
import math
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import cli_path

import nmmfit
from nmmfit import NMMFitError

REPO = Path(__file__).resolve().parents[2]
MOMENTS = str(REPO / "data" / "models" / "su2h_e_mu_majorana.json")
# what only the CLI's documents carry (this run, not the result)
RUN_KEYS = {"tool_version", "commit", "data_digests", "command", "provenance", "nmmfit_version", "nmmfit_commit", "seed",
            "spec_overrides", "created", "host", "nmmfit_output", "digitised_datasets"}


def cli_json(*args: str) -> dict:
    out = subprocess.run([str(cli_path()), *args, "--json"], capture_output=True, text=True, timeout=1200, cwd=REPO)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def same(cli, py, path="$", compared=None):
    """Every key of the CLI's answer that the engine's answer has too is equal: numbers exactly
    (NaN = NaN), strings and flags equal; returns how many numbers were compared."""
    compared = compared if compared is not None else [0]
    if isinstance(cli, dict):
        assert isinstance(py, dict), path
        common = [k for k in cli if k in py and k not in RUN_KEYS]
        assert common or not cli, f"{path}: no key in common ({sorted(cli)} vs {sorted(py)})"
        for k in common:
            same(cli[k], py[k], f"{path}.{k}", compared)
    elif isinstance(cli, list):
        assert isinstance(py, list) and len(cli) == len(py), f"{path}: lengths {len(cli)} vs {len(py) if isinstance(py, list) else py}"
        for i, (a, b) in enumerate(zip(cli, py)):
            same(a, b, f"{path}[{i}]", compared)
    elif isinstance(cli, bool) or cli is None:
        assert cli == py, f"{path}: {cli} vs {py}"
    elif isinstance(cli, (int, float)) or cli in ("NaN", "Infinity", "-Infinity"):
        a = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}.get(cli, cli)
        b = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}.get(py, py)
        assert (math.isnan(a) and math.isnan(b)) or a == b, f"{path}: CLI {a!r} vs Python {b!r}"
        compared[0] += 1
    else:
        assert cli == py, f"{path}: {cli!r} vs {py!r}"
    return compared[0]


def test_goodness_of_fit_equals_the_cli():
    assert same(cli_json("gof"), nmmfit.goodness_of_fit()) >= 6


def test_the_comparison_is_strict():
    assert same({"a": [1.0, "NaN"], "b": "x"}, {"a": [1.0, math.nan], "b": "x", "extra": 2}) == 2
    for cli, py in (({"a": 1.0}, {"a": 1.0000000001}), ({"a": [1, 2]}, {"a": [1]}), ({"a": "x"}, {"a": "y"}), ({"a": 1}, {"b": 1})):
        with pytest.raises(AssertionError):
            same(cli, py)


def test_compare_equals_the_cli():
    cli, py = cli_json("compare", "--test", "tritium"), nmmfit.compare("tritium")
    assert same(cli, py) >= 4
    # the ³H amplitudes are those the dataset declares (role: tritium), as in the CLI
    assert py["tested"] == cli["tested"] and len(py["tested"]) == 1


def test_compare_with_toys_and_threads_equals_the_cli():
    cli = cli_json("compare", "--test", "mu_nu", "--toys", "20", "--seed", "4", "--threads", "1")
    py = nmmfit.compare("mu_nu", toys=20, seed=4, threads=2)
    assert py["toys"] == 20 and same(cli, py) >= 6


def test_coverage_equals_the_cli():
    cli = cli_json("coverage", "--mu", "1e-11", "--method", "wilks", "--method", "asymptotic-unified", "--toys", "20",
                   "--seed", "3", "--threads", "2")
    py = nmmfit.coverage(1e-11, ["wilks", "asymptotic-unified"], toys=20, seed=3, threads=1)
    assert isinstance(py, pd.DataFrame) and list(py["toys"]) == [20, 20]
    assert same(cli["points"], py.attrs["raw"]["points"]) >= 8


def test_merge_equals_the_cli(tmp_path):
    cli = cli_path()
    shards = []
    for i in range(2):
        p = tmp_path / f"s{i}.jsonl"
        subprocess.run([str(cli), "toys", "-n", "6", "--seed", "2", "--shard", str(i), "--nshards", "2", "-o", str(p), "--quiet"],
                       check=True, timeout=600, cwd=REPO)
        shards.append(str(p))
    subprocess.run([str(cli), "merge", "-o", str(tmp_path / "cli.jsonl"), "--quiet", *shards], check=True, timeout=600, capture_output=True)
    r = nmmfit.merge_toys(shards, str(tmp_path / "py.jsonl"))
    assert r["toys"] == 6 and r["files"] == 2 and r["missing"] == 0
    assert (tmp_path / "py.jsonl").read_bytes() == (tmp_path / "cli.jsonl").read_bytes()
    with pytest.raises(NMMFitError):
        nmmfit.merge_toys(shards, str(tmp_path / "py.jsonl"))  # exists, no force


def test_export_pyhf_and_spec_equal_the_cli(tmp_path):
    out = subprocess.run([str(cli_path()), "export", "--format", "pyhf", "-o", str(tmp_path / "ws.json"), "-q"],
                         capture_output=True, text=True, timeout=600, cwd=REPO)
    assert out.returncode == 0, out.stderr
    ws, meta = nmmfit.export_pyhf()
    assert same(json.loads((tmp_path / "ws.json").read_text()), ws) > 20
    cli_meta = json.loads((tmp_path / "ws.metadata.json").read_text())
    assert meta["poi"] == cli_meta["poi"] == "mu_nu_squared"
    assert same({k: v for k, v in cli_meta.items() if k != "workspace"}, meta) >= 2
    spec = subprocess.run([str(cli_path()), "export", "--format", "spec"], capture_output=True, text=True, timeout=600, cwd=REPO)
    assert same(json.loads(spec.stdout), nmmfit.export_spec()) > 20


def test_export_hepdata_equals_the_cli(tmp_path):
    subprocess.run([str(cli_path()), "export", "--format", "hepdata", "-o", str(tmp_path / "cli"), "-q", "--scan-points", "5"],
                   check=True, timeout=600, cwd=REPO)
    r = nmmfit.export_hepdata(str(tmp_path / "py"), scan_points=5)
    assert r["tables"] >= 3
    cli_files = sorted(p.name for p in (tmp_path / "cli").iterdir())
    assert sorted(Path(f).name for f in r["files"]) == cli_files
    for name in cli_files:
        if name not in ("submission.yaml", "provenance.json"):  # they name the command that wrote them
            assert (tmp_path / "py" / name).read_text() == (tmp_path / "cli" / name).read_text(), name


def test_fit_element_equals_the_cli():
    cli = cli_json("fit", "--moments", MOMENTS, "--element", "e-mu")
    py = nmmfit.fit_element(MOMENTS, "e-mu")
    assert py["parameter_of_interest"]["unit"] == "muB"
    assert same(cli, py) > 20


def test_spectrum_equals_the_cli():
    cli = cli_json_format("spectrum", "--per-source", "--emin", "1", "--emax", "5", "--step", "1", "--mu", "2e-11")
    py = nmmfit.spectrum(2e-11, energies_keV=[1, 2, 3, 4, 5]).table
    rows = cli["rows"]
    for col in ("weak", "magnetic", "total"):
        assert list(py[col]) == [r[col] for r in rows], col
    for s in rows[0]["magnetic_by_source"]:
        assert list(py[f"magnetic_{s}"]) == [r["magnetic_by_source"][s] for r in rows], s


def cli_json_format(*args: str) -> dict:
    out = subprocess.run([str(cli_path()), *args, "--format", "json"], capture_output=True, text=True, timeout=600, cwd=REPO)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


MODEL_CASES = [
    (["model", "sm-dirac", "--mass-ev", "0.1"], lambda: nmmfit.models.sm_dirac_result(0.1)),
    (["model", "sm-dirac", "--mu", "3e-20"], lambda: nmmfit.models.sm_dirac_result(mu_nu_muB=3e-20)),
    # the naturalness verdicts (Bell et al.) of μν made at Λ, as the CLI's
    (["model", "mass-moment", "--mu", "3e-11", "--scale-gev", "1000"], lambda: nmmfit.models.mass_moment_result(3e-11, 1000)),
    (["model", "mass-moment", "--mu", "3e-11", "--mass-ev", "0.1"], lambda: nmmfit.models.mass_moment_result(3e-11, mass_eV=0.1)),
    (["model", "horizontal", "--mh", "100", "--mH", "1000", "--target-mu", "2e-11"],
     lambda: nmmfit.models.horizontal(100, 1000, 1.0, mu_nu_muB=2e-11)),
    (["model", "horizontal-region", "--mu-lo", "1.4e-11", "--mu-hi", "2.9e-11", "--steps", "3"],
     lambda: nmmfit.models.horizontal_region(1.4e-11, 2.9e-11, 1.0, (100, 1000), (200, 5000), steps=3)[0].attrs["raw"]),
    (["model", "sm-transition", "--masses-ev", "0,0.0086,0.0502"], lambda: nmmfit.models.sm_transition([0, 0.0086, 0.0502])),
    (["model", "sm-transition", "--masses-ev", "0.01,0.02,0.05", "--pmns", "nufit51"],
     lambda: nmmfit.models.sm_transition([0.01, 0.02, 0.05], pmns="nufit51")),
    (["model", "lr-mixing", "--sin2xi", "0.001"], lambda: nmmfit.models.lr_mixing(sin2xi=0.001)),
    (["model", "lr-mixing", "--mu", "2e-11", "--mw2-gev", "2000", "--lepton", "tau"],
     lambda: nmmfit.models.lr_mixing("tau", mu_nu_muB=2e-11, mw2_GeV=2000)),
    (["model", "g2-data"], lambda: nmmfit.call("model_g2_data")),
    (["model", "g2-scalar", "--mass-gev", "200", "--y-left", "0.01", "--y-right", "0.02", "--g2", "all"],
     lambda: nmmfit.models.g2_scalar(200, 0.01, 0.02, g2="all")),
    (["model", "g2-horizontal", "--m-neutral-gev", "200", "--mH", "1000", "--ffprime", "0.01", "--splitting-gev", "10"],
     lambda: nmmfit.models.g2_horizontal(200, 1000, 0.01, splitting_GeV=10)),
    (["model", "joint", "--mu-range", "1.4e-11,2.9e-11", "--steps", "5"],
     lambda: nmmfit.models.joint(mu_ranges=[(1.4e-11, 2.9e-11)], steps=5)[1]),
    (["model", "solar-fluxes"], lambda: nmmfit.call("model_solar_fluxes")),
    (["model", "effective", "--moments", MOMENTS], lambda: nmmfit.models.effective(MOMENTS)),
    (["model", "effective", "--moments", MOMENTS, "--element", "e-mu", "--mu-hi", "6.3e-12", "--recoil-kev", "2"],
     lambda: nmmfit.models.effective(MOMENTS, element="e-mu", mu_hi_muB=6.3e-12, recoil_keV=2)),
]


@pytest.mark.parametrize("args,call", MODEL_CASES, ids=[" ".join(c[0][1:3]) for c in MODEL_CASES])
def test_model_calculators_equal_the_cli(args, call):
    cli, py = cli_json(*args), call()
    # the same band label for the joint view's μν range (the CLI prints the text it was given)
    if "bands" in cli:
        for b in py["bands"]:
            b.pop("label", None)
        for b in cli["bands"]:
            b.pop("label", None)
        for s in cli.get("summary", []) + py.get("summary", []):
            s.pop("band", None)
    assert same(cli, py) >= 2


def test_model_tables_are_dataframes():
    g = nmmfit.models.g2_data()
    assert len(g) == len(nmmfit.call("model_g2_data")["measurements"]) and "id" in g.columns
    f = nmmfit.models.solar_fluxes()
    assert len(f) == len(nmmfit.call("model_solar_fluxes")["rows"]) > 0


BAD = [
    ("gof", {"windows": {"xenon1t_sr1": [5, 2]}}), ("gof", {"windows": {"xenon1t_sr1": [1.5, 3]}}), ("gof", {"emin_keV": 100}),
    ("gof", {"bin_width_keV": 1e-9}), ("gof", {"set": ["xenon1t_sr1.backgrounds=[]"]}), ("gof", {"datasets": ["nope"]}),
    ("coverage", {"toys": 5}), ("coverage", {"methods": ["nope"]}), ("coverage", {"mu_nu_muB": [-1]}), ("coverage", {"methods": []}),
    ("coverage", {"critical_toys": 1, "toys": 10}), ("coverage", {"from_toys": ["/nonexistent"], "methods": ["wilks"]}),
    ("merge", {"inputs": []}), ("merge", {"inputs": ["/dev/null"], "output": "/tmp/x"}), ("merge", {"inputs": ["/tmp"], "output": "/tmp/x"}),
    ("export", {"format": "nope"}), ("export", {"format": "hepdata"}), ("export", {"format": "hepdata", "output": "/dev/null"}),
    ("export", {"format": "pyhf", "poi_upper": -1}),
    ("fit_element", {}), ("fit_element", {"moments": "/nonexistent"}), ("fit_element", {"moments": MOMENTS, "element": "zz"}),
    ("fit_element", {"moments": MOMENTS, "element": "e-e"}),
    ("interval", {"method": "feldman-cousins", "toys": 10, "grid_points": 2}),
    ("interval", {"method": "feldman-cousins", "toys": 10, "grid_points": 3, "grid_max_muB": 0}),
    ("spectrum", {"energies_keV": [1e30]}), ("spectrum", {"step_keV": 1e-12}), ("spectrum", {"emin_keV": 5, "emax_keV": 2}),
    ("spectrum", {"moments": "/nonexistent", "energies_keV": [1]}),
    ("model_sm_dirac", {"mass_eV": 1e300}), ("model_mass_moment", {"mu_nu_muB": 1e-11, "scale_GeV": 1e300}),
    ("model_horizontal", {"m_h_plus_GeV": 0, "m_H_plus_GeV": 0, "sin2alpha": 0}),
    ("model_horizontal", {"m_h_plus_GeV": 500, "m_H_plus_GeV": 100, "sin2alpha": 0.5}),
    ("model_horizontal_region", {"mu_lower_muB": 1e-11, "mu_upper_muB": 2e-11, "sin2alpha": 0.5, "m_h_plus_GeV": [100, 200],
                                 "m_H_plus_GeV": [300, 400], "steps": 0}),
    ("model_sm_transition", {"masses_eV": [0, 1]}), ("model_sm_transition", {"masses_eV": [0, -1, 2]}),
    ("model_lr_mixing", {}), ("model_lr_mixing", {"sin2xi": 2}), ("model_lr_mixing", {"sin2xi": 0.1, "mw2_GeV": 1}),
    ("model_g2_scalar", {"mass_GeV": 1e-9, "y_left": 1, "y_right": 1}), ("model_g2_scalar", {"mass_GeV": 100}),
    ("model_g2_scalar", {"mass_GeV": 100, "y_left": 1, "y_right": 1, "g2": ["nope"]}),
    ("model_g2_scalar", {"mass_GeV": 100, "y_left": 1, "y_right": 1, "delta_amu_1e11": 5}),
    ("model_g2_horizontal", {"m_neutral_GeV": 1, "m_H_plus_GeV": 1, "ffprime": 0}),
    ("model_g2_horizontal", {"m_neutral_GeV": 100, "m_H_plus_GeV": 1000, "ffprime": 1, "splitting_GeV": -200}),
    ("model_joint", {}), ("model_joint", {"mu_ranges": [[2e-11, 1e-11]]}), ("model_joint", {"mu_ranges": "x"}),
    ("model_joint", {"mu_ranges": [[1e-11, 2e-11]], "steps": 0}), ("model_joint", {"mu_ranges": [[1e-11, 2e-11]], "sin2alpha": 0}),
    ("gof", {"datasets": ["lz_ws2024"], "tritium": "free"}), ("compare", {"datasets": ["lz_ws2024"], "test": ["tritium"]}),
    ("fit", {"datasets": ["lz_ws2024"], "efficiency_shape": True}),
    ("model_effective", {}), ("model_effective", {"moments": "/nonexistent"}),
    ("model_effective", {"moments": MOMENTS, "element": "e-mu"}), ("model_effective", {"moments": MOMENTS, "recoil_keV": -1}),
]


@pytest.mark.parametrize("command,args", BAD, ids=[f"{c}-{i}" for i, (c, _) in enumerate(BAD)])
def test_bad_requests_of_the_new_commands_are_exceptions_not_crashes(command, args):
    # a precondition or fatalError in the engine would end this interpreter; each is an error message
    with pytest.raises(NMMFitError) as e:
        nmmfit.call(command, **args)
    assert str(e.value)


def test_non_finite_and_malformed_numbers_are_exceptions():
    # json.dumps writes NaN and Infinity as bare tokens, which are not JSON: refused as a request
    for bad in (math.nan, math.inf):
        with pytest.raises(NMMFitError):
            nmmfit.call("scan", mu_nu_muB=[bad])
        with pytest.raises(NMMFitError):
            nmmfit.call("model_sm_dirac", mass_eV=bad)
    with pytest.raises(NMMFitError, match="whole number"):
        nmmfit.call("toys", n=1.5)


def test_provenance_equals_the_cli():
    # every answer carries what a --json output of the CLI carries: build, command, data digests
    args = ["fit", "--dataset", "xenon1t_sr1", "--dataset", "lz_ws2024", "--window", "lz_ws2024=2:15",
            "--set", "lz_ws2024.resolution.a=0.35", "--compatibility-toys", "0"]
    cli = cli_json(*args)
    py = nmmfit.fit(["xenon1t_sr1", "lz_ws2024"], windows={"lz_ws2024": (2, 15)}, overrides=["lz_ws2024.resolution.a=0.35"],
                    compatibility_toys=0).raw["provenance"]
    assert py["data_digests"] == cli["data_digests"] and len(py["data_digests"]) >= 6
    assert py["spec_overrides"] == cli["spec_overrides"] == ["lz_ws2024.resolution.a=0.35"]
    # the library's own build (the CLI beside it may be another build of the tree)
    assert py["tool_version"] == cli["tool_version"] and py["commit"] == nmmfit.version()["commit"]
    assert py["command"].startswith("nmmfit (Python package): fit ") and "lz_ws2024.resolution.a=0.35" in py["command"]
    with nmmfit.Model("xenon1t_sr1") as m:  # answers on a model handle: the digests of its build
        assert nmmfit.call("scan", handle=m.handle, mu_nu_muB=[1e-11])["provenance"]["data_digests"] == cli_json("scan")["data_digests"]
