"""The Python package against the engine, in process (no child process, no CLI)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import cli_path

import nmmfit
from nmmfit import NMMFitError

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def model():
    with nmmfit.Model() as m:
        yield m


def test_fit_default_is_the_xenon1t_interval_of_the_readme():
    r = nmmfit.fit()
    assert r.datasets == ["xenon1t_sr1"]
    # README "make fit": 90 % CL [1.601, 3.047] × 10⁻¹¹ μB, best fit 2.400, 3.07σ
    assert r.interval_muB == pytest.approx((1.601e-11, 3.047e-11), abs=0.002e-11)
    assert r.mu_nu_best_muB == pytest.approx(2.400e-11, abs=0.002e-11)
    assert r.z_asymptotic == pytest.approx(3.07, abs=0.01)
    assert r.expected_limit_muB == pytest.approx(1.738e-11, abs=0.002e-11)
    ch = r.channels["xenon1t_sr1"]
    assert list(ch["observed"]) == [26, 61, 55, 47, 49, 47]
    assert ch["E_low_keV"].iloc[0] == 1 and ch["E_high_keV"].iloc[-1] == 7
    assert set(r.parameters["name"]) >= {"mu_nu", "solar_nu_flux"}


def test_the_bar_command_runs_in_process_without_a_child_process():
    # a fresh interpreter: after the fit, no child process was ever waited for (RUSAGE_CHILDREN
    # stays zero) and none is alive; Python's own ways to start one are disabled
    code = (
        "import os, resource, subprocess\n"
        "def no(*a, **k): raise AssertionError('a child process was started')\n"
        "subprocess.Popen = no; os.fork = no; os.system = no; os.posix_spawn = no; os.posix_spawnp = no\n"
        "import nmmfit; r = nmmfit.fit(); print(r.interval_muB)\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "kids = open(f'/proc/self/task/{os.getpid()}/children').read().split() if os.path.exists('/proc/self/task') else []\n"
        "print('children', u.ru_maxrss, u.ru_utime + u.ru_stime, len(kids))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO / "python"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    lo, hi = eval(lines[0])
    assert lo == pytest.approx(1.601e-11, abs=0.002e-11) and hi == pytest.approx(3.047e-11, abs=0.002e-11)
    assert lines[1] == "children 0 0.0 0"


def test_bad_input_is_an_exception_and_the_interpreter_survives():
    with pytest.raises(NMMFitError, match="no_such_dataset"):
        nmmfit.fit("no_such_dataset")
    with pytest.raises(NMMFitError, match="cl"):
        nmmfit.fit(cl=1.5)
    with pytest.raises(NMMFitError, match="unknown command"):
        nmmfit.call("no_such_command")
    with pytest.raises(NMMFitError, match="handle"):
        nmmfit.call("scan", handle=987654, mu_nu_muB=[1e-11])
    with pytest.raises(NMMFitError, match="emin_keV"):
        nmmfit.fit(emin_keV=-1)
    with pytest.raises(TypeError):
        nmmfit.fit(no_such_option=1)
    # a malformed request is an answer, not a crash
    from nmmfit import _engine
    lib = _engine._load()
    import ctypes
    p = lib.nmmfit_call(b"{not json")
    answer = json.loads(ctypes.string_at(p).decode())
    lib.nmmfit_free(p)
    assert answer["ok"] is False and answer["error"]["message"]
    assert nmmfit.version()["version"]


def test_scan_on_a_model_matches_the_fit(model):
    r = model.fit()
    lo, hi = r.interval_muB
    s = model.scan([0.0, lo, r.mu_nu_best_muB, hi], cl=0.9)
    assert isinstance(s.points, pd.DataFrame)
    t = s.minus_two_delta_lnL
    assert t[2] == pytest.approx(0, abs=1e-6)
    # the interval's ends are where t̃ meets the critical value (README: curve and threshold cross at the limit)
    assert t[1] == pytest.approx(s.critical_values[1], abs=2e-3)
    assert t[3] == pytest.approx(s.critical_values[3], abs=2e-3)
    # t̃(0) is the discovery statistic q0 (best fit above 0)
    assert t[0] == pytest.approx(r.q0, rel=1e-4)
    assert model.t(hi) == pytest.approx(t[3], abs=1e-9)


def test_toys_are_the_cli_study_slice_by_slice(model):
    a = model.toys(40, mu_nu_muB=0, seed=3, threads=2)
    b = model.toys(20, mu_nu_muB=0, seed=3, threads=1, first=20)
    assert list(a.records["toy"]) == list(range(40))
    cols = ["mu_nu_hat_muB", "statistic", "nll_free"]
    np.testing.assert_array_equal(a.records[cols].iloc[20:].to_numpy(), b.records[cols].to_numpy())
    assert a.header["seed"] == 3 and a.header["statistic_name"] == "q0"
    assert (a.records["statistic"] >= 0).all() and a.toys_per_second > 0


def test_toys_equal_the_cli_toys_file(model, tmp_path):
    cli = cli_path()
    out = tmp_path / "t.jsonl"
    subprocess.run([str(cli), "toys", "-n", "12", "--seed", "5", "--mu", "2e-11", "-o", str(out), "--quiet"], check=True, timeout=600)
    lines = out.read_text().splitlines()
    header, records = json.loads(lines[0]), [json.loads(x) for x in lines[1:]]
    py = model.toys(12, mu_nu_muB=2e-11, seed=5)
    assert py.header["model_digest"] == header["model_digest"]
    np.testing.assert_allclose(py.records["statistic"], [r["statistic"] for r in records], rtol=0, atol=0)


def test_intervals_and_significance(model):
    w = model.interval(method="wilks")
    u = model.interval()
    assert u.method == "asymptotic-unified" and w.method == "wilks"
    assert w.interval_muB[0] < w.interval_muB[1]
    sig = model.significance()
    assert sig.z_asymptotic == pytest.approx(np.sqrt(sig.q0))


def test_datasets_and_dataset_show():
    d = nmmfit.datasets()
    assert {"xenon1t_sr1", "xenonnt_sr0"} <= set(d["name"])
    assert (d["exposure_tonne_year"] > 0).all()
    s = nmmfit.dataset("xenon1t_sr1")
    assert s["dataset"]["name"] == "xenon1t_sr1"


def test_spectrum_and_models():
    sp = nmmfit.spectrum(mu_nu_muB=2e-11, energies_keV=[1, 2, 5])
    t = sp.table
    assert list(t["T_keV"]) == [1, 2, 5]
    np.testing.assert_allclose(t["total"], t["weak"] + t["magnetic"], rtol=1e-12)
    # the magnetic rate scales as μν² (exact in the engine)
    sp1 = nmmfit.spectrum(mu_nu_muB=1e-11, energies_keV=[1, 2, 5])
    np.testing.assert_allclose(t["magnetic"], 4 * sp1.table["magnetic"], rtol=1e-12)
    # SM Dirac moment is linear in the mass
    assert nmmfit.models.sm_dirac(0.2) == pytest.approx(2 * nmmfit.models.sm_dirac(0.1), rel=1e-12)
    h = nmmfit.models.horizontal(100, 1000, 0.1, mu_nu_muB=2e-11)
    assert h["ffprime_required"] * abs(h["mu_per_ffprime_muB"]) == pytest.approx(2e-11, rel=1e-12)


COMMANDS = ["version", "datasets", "dataset_show", "model_build", "model_info", "model_release", "fit", "scan", "interval",
            "significance", "toys", "sensitivity", "compare", "spectrum", "model_sm_dirac", "model_mass_moment",
            "model_horizontal", "model_horizontal_region", "figure_data", "gof", "coverage", "merge", "export", "fit_element",
            "model_sm_transition", "model_lr_mixing", "model_g2_data", "model_g2_scalar", "model_g2_horizontal", "model_joint",
            "model_solar_fluxes", "model_effective"]
JUNK = [
    {"handle": -1}, {"handle": "x"}, {"datasets": 3}, {"datasets": ["../../etc"]}, {"cl": "high"}, {"cl": 0.1},
    {"mu_nu_muB": [-1e-11]}, {"mu_nu_muB": "a"}, {"mu_nu_muB": []}, {"n": -5}, {"n": 1e30}, {"toys": -1},
    {"first": -3, "n": 2}, {"first": 9e15, "n": 2}, {"threads": 0}, {"threads": 10**6}, {"emin_keV": 5, "emax_keV": 2},
    {"windows": {"xenon1t_sr1": [3]}}, {"set": ["nonsense"]}, {"sources": []}, {"sources": ["pp", "X"]},
    {"method": "nope"}, {"statistic": "z"}, {"energies_keV": [0]}, {"step_keV": 0}, {"mass_eV": -1},
    {"scale_GeV": 0, "mu_nu_muB": 1e-11}, {"m_h_plus_GeV": 100, "m_H_plus_GeV": 100, "sin2alpha": 2},
    {"spec": "/nonexistent.json"}, {"atomic": "/nonexistent.csv"}, {"refine": 10**9, "method": "feldman-cousins", "toys": 10},
]


DATA_JUNK = ("datasets", "windows", "set", "sources", "emin_keV", "spec", "atomic")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_answers_bad_input_with_an_error_not_a_crash(command, model):
    # a crash (precondition, fatalError, exit) would end this process; an answer is an error or a result.
    # Valid requests stay short: few toys, and the module's model where a command takes a handle
    # (bad data options are sent to the commands that build a model).
    cheap = {"toys": 0, "n": 2, "compatibility_toys": 0, "energies_keV": [1.0], "expected_limit": False}
    takes_handle = command in {"scan", "interval", "significance", "toys", "sensitivity", "figure_data", "model_info"}
    if takes_handle:
        cheap["handle"] = model.handle
    for junk in JUNK:
        if takes_handle and any(k in junk for k in DATA_JUNK):
            continue
        if command in {"compare", "model_build", "fit", "gof", "export"} and not any(k in junk for k in DATA_JUNK + ("toys", "cl", "method")):
            continue  # keys these commands ignore: each would be one more full fit
        args = {**cheap, **junk}
        try:
            nmmfit.call(command, **args)
        except NMMFitError as e:
            assert str(e)


def test_the_benchmark_script_runs_in_short_form():
    cli = cli_path()
    from nmmfit import bench
    t = bench.bench_toys(str(cli), 30, 1)
    assert t["toys"] == 30 and t["python_toys_per_s"] > 0 and t["cli_toys_per_s"] > 0
    s = bench.bench_scan(str(cli), 3)
    # the in-process scan and the CLI's agree point by point
    assert s["points"] == 3 and s["max_abs_difference_minus_two_delta_lnL"] < 1e-9


def test_coverage_toys_in_shards_merge_and_read_back(tmp_path):
    # as `coverage --write-toys --shard i --nshards 2`, `merge`, `coverage --from-toys`
    shards = [str(tmp_path / f"c{i}.jsonl") for i in range(2)]
    for i, f in enumerate(shards):
        w = nmmfit.write_coverage_toys(f, 1e-11, toys=12, shard=i, nshards=2, seed=3, threads=1)
        assert w["shard"] == i and w["written"] == 6 and w["first_toy"] == 6 * i
    # a shard already complete is resumed, not recomputed
    assert nmmfit.write_coverage_toys(shards[0], 1e-11, toys=12, shard=0, nshards=2, seed=3, threads=1)["written"] == 0
    merged = str(tmp_path / "c.jsonl")
    assert nmmfit.merge_toys(shards, merged)["toys"] == 12
    whole = str(tmp_path / "whole.jsonl")
    nmmfit.write_coverage_toys(whole, 1e-11, toys=12, seed=3, threads=1)
    assert Path(merged).read_bytes() == Path(whole).read_bytes()
    df = nmmfit.coverage(from_toys=merged, methods="wilks")
    assert list(df["interval_method"]) == ["wilks"] and df["toys"].iloc[0] == 12
    cli = cli_path()
    out = subprocess.run([str(cli), "coverage", "--from-toys", merged, "--method", "wilks", "--json"], capture_output=True,
                         text=True, check=True, timeout=600)
    assert json.loads(out.stdout)["points"][0]["coverage"] == df["coverage"].iloc[0]


def test_fit_and_compare_save_toys_resume(tmp_path):
    # the compatibility toys of a combination kept in a file: a second call reads them back
    f = str(tmp_path / "compat.jsonl")
    kw = dict(datasets=["xenon1t_sr1", "xenonnt_sr0"], compatibility_toys=20, seed=2)
    a = nmmfit.fit(save_toys=f, **kw)
    lines = Path(f).read_text().splitlines()
    assert len(lines) == 21  # header + 20 toys
    b = nmmfit.fit(save_toys=f, **kw)
    assert a.raw["compatibility"] == b.raw["compatibility"] and Path(f).read_text().splitlines() == lines
    g = str(tmp_path / "compare.jsonl")
    c1 = nmmfit.compare("mu_nu", toys=10, seed=4, threads=1, save_toys=g)
    assert len(Path(g).read_text().splitlines()) == 11
    c2 = nmmfit.compare("mu_nu", toys=10, seed=4, threads=1, save_toys=g)
    assert c1["p_value_toys"] == c2["p_value_toys"]
