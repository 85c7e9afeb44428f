"""A spec saved by ``nmmfit fit --save-spec`` read through the C interface: its saved analysis
(CL, interval method) gives the defaults of every call, an explicit choice wins with an
:class:`nmmfit.NMMFitNote` warning, and ``fit``/``fit_element`` with the spec re-run the saved
analysis with the CLI's numbers. The CLI (a child process) only writes the specs and the reference."""
import json
import subprocess
import warnings
from pathlib import Path

import pytest

from conftest import cli_path

import nmmfit
from nmmfit import NMMFitError, NMMFitNote

REPO = Path(__file__).resolve().parents[2]
MOMENTS = str(REPO / "data" / "models" / "su2h_e_mu_majorana.json")


def cli(*args: str) -> dict:
    out = subprocess.run([str(cli_path()), *args, "--json", "-q"], capture_output=True, text=True, timeout=1200, cwd=REPO)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A 95 % CL fit and its spec."""
    spec = tmp_path_factory.mktemp("spec") / "s.json"
    return str(spec), cli("fit", "--cl", "0.95", "--save-spec", str(spec))


def test_interval_uses_the_saved_cl(saved):
    spec, fit = saved
    with warnings.catch_warnings():
        warnings.simplefilter("error", NMMFitNote)  # no note when nothing replaces a saved choice
        r = nmmfit.interval(spec=spec)
    assert r.cl == 0.95 and r.method == "asymptotic-unified"
    assert list(r.interval_muB) == fit["interval_muB"]
    assert list(r.interval_muB) == cli("interval", "--spec", spec)["interval_muB"]


def test_an_explicit_cl_wins_and_says_so(saved):
    spec, _ = saved
    with pytest.warns(NMMFitNote, match=r"cl 0\.9 replaces the confidence level 0\.95 saved in the spec"):
        r = nmmfit.interval(0.9, spec=spec)
    assert r.cl == 0.9
    assert list(r.interval_muB) == cli("interval", "--spec", spec, "--cl", "0.9")["interval_muB"]
    with pytest.warns(NMMFitNote, match="method wilks replaces the interval method asymptotic-unified"):
        w = nmmfit.interval(method="wilks", spec=spec)
    assert w.cl == 0.95 and w.method == "wilks"


def test_model_handle_keeps_the_saved_analysis(saved):
    spec, fit = saved
    with nmmfit.Model(spec=spec) as m:
        assert m.fit().cl == 0.95
        assert m.interval().cl == 0.95
        assert m.sensitivity(toys=5).cl == 0.95
        assert m.sensitivity(toys=5).asimov_median_muB == fit["expected_limit_asimov_median_muB"]
    # without a spec the defaults are unchanged
    assert nmmfit.interval().cl == 0.9


def test_fit_with_a_spec_reruns_the_saved_analysis(tmp_path):
    """A combination with --set and --window, its compatibility toys and seed: fit(spec=...)
    returns the numbers of `nmmfit fit --spec`, which equal the original run's."""
    spec = tmp_path / "c.json"
    original = cli("fit", "--dataset", "xenon1t_sr1", "--dataset", "lz_ws2024", "--window", "lz_ws2024=2:15",
                   "--set", "lz_ws2024.resolution.a=0.35", "--compatibility-toys", "40", "--seed", "7",
                   "--cl", "0.95", "--save-spec", str(spec))
    r = nmmfit.fit(spec=str(spec))
    assert r.cl == 0.95
    assert list(r.interval_muB) == original["interval_muB"]
    assert r.raw["expected_limit_asimov_median_muB"] == original["expected_limit_asimov_median_muB"]
    assert r.raw["compatibility"] == original["compatibility"]
    assert [d["interval_muB"] for d in r.raw["per_dataset"]] == [d["interval_muB"] for d in original["per_dataset"]]
    with pytest.raises(NMMFitError, match="seed"):
        nmmfit.fit(spec=str(spec), seed=3)


def test_fit_element_reruns_an_element_spec(tmp_path):
    spec = tmp_path / "e.json"
    original = cli("fit", "--moments", MOMENTS, "--element", "e-mu", "--save-spec", str(spec))
    r = nmmfit.fit_element(spec=str(spec))
    assert r["element"] == original["element"]
    assert r["fit"]["interval_muB"] == original["fit"]["interval_muB"]
    with pytest.raises(NMMFitError, match="fit_element"):
        nmmfit.fit(spec=str(spec))
    with pytest.raises(NMMFitError, match="element"):
        nmmfit.fit_element(element="e-tau", spec=str(spec))


def test_an_element_spec_carries_its_atomic_table(tmp_path):
    """`fit --moments --atomic FILE --save-spec`: the spec holds the table (valid against
    schemas/model-spec.schema.json) and fit_element(spec=...) reproduces the run without the file."""
    table = tmp_path / "binding.csv"
    table.write_text("T_keV,factor\n0,1\n100,1\n")
    spec = tmp_path / "e.json"
    original = cli("fit", "--moments", MOMENTS, "--element", "e-mu", "--atomic", str(table), "--save-spec", str(spec))
    saved = json.loads(spec.read_text())
    recoil = saved["analysis"]["moment_element"]["recoil"]
    assert recoil["atomic"] == "table" and recoil["atomic_table"]["content"] == table.read_text()
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "schemas" / "model-spec.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(saved)
    table.unlink()
    assert nmmfit.fit_element(spec=str(spec))["element"] == original["element"]


def test_data_and_physics_keys_with_a_spec_are_refused(saved):
    """The spec fixes the data, windows and recoil physics: such a key would be ignored, so it is
    an error naming it (as the CLI's usage error)."""
    spec, _ = saved
    for key, value in [("atomic", "free"), ("datasets", "lz_ws2024"), ("emax_keV", 10.0), ("solar_model", "B16-AGSS09met")]:
        with pytest.raises(NMMFitError, match=key):
            nmmfit.interval(spec=spec, **{key: value})
