"""matplotlib figures from the figure data (in process, and from the files the CLI writes)."""
import subprocess
from pathlib import Path

import pytest

from conftest import cli_path

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import nmmfit
from nmmfit import plotting

REPO = Path(__file__).resolve().parents[2]


def test_fit_figures_from_a_model(tmp_path):
    with nmmfit.Model() as m:
        d = m.figure_data()
    fig, axes = plotting.plot_spectrum(d["spectra"][0])
    assert len(axes) == 2 and axes[0].get_xlabel() == "" and "keV" in axes[1].get_xlabel()
    fig.savefig(tmp_path / "spectrum.png", dpi=100)
    fig, (ax,) = plotting.plot_scan(d["profile_scan"])
    assert "μB" in ax.get_xlabel()
    lines = [l for l in ax.get_lines() if l.get_label() == "profile likelihood"]
    assert lines and len(lines[0].get_xdata()) == 121
    fig.savefig(tmp_path / "scan.png", dpi=100)


def test_sensitivity_and_recoil_figures():
    s = nmmfit.sensitivity(toys=20)
    assert len(s.band_muB) == 5 and s.asimov_median_muB > 0
    fig, axes = plotting.plot_sensitivity(s.figure)
    # the panel title goes above the legend (as in the SVG, where the legend sits above the plot)
    assert fig.get_suptitle().startswith("Expected sensitivity")
    sp = nmmfit.spectrum(mu_nu_muB=2e-11, emin_keV=1, emax_keV=10, step_keV=1)
    fig, (ax,) = plotting.plot_recoil(sp.figure)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"


def test_report_folder_figures_have_their_data(tmp_path):
    cli = cli_path()
    subprocess.run([str(cli), "fit", "--plot", str(tmp_path), "--quiet"], check=True, timeout=600, capture_output=True)
    import pandas as pd
    for name in ["spectrum_xenon1t_sr1", "profile_scan", "limits_comparison"]:
        assert (tmp_path / f"{name}.svg").is_file()
        # the CSV starts with '#' lines: the provenance of the run that drew the figure
        csv = pd.read_csv(tmp_path / f"{name}.data.csv", comment="#")
        assert len(csv) > 0
        fig, axes = plotting.plot_figure(tmp_path / f"{name}.data.json")
        assert plotting.load(tmp_path / f"{name}.svg") == plotting.load(tmp_path / f"{name}.data.json")
        assert axes
    csv = pd.read_csv(tmp_path / "spectrum_xenon1t_sr1.data.csv", comment="#")
    assert "Reconstructed energy [keV]" in csv.columns
    data = csv[csv["label"] == "data"]
    assert list(data["Events / bin"]) == [26, 61, 55, 47, 49, 47]


def test_model_figures_in_process(tmp_path):
    # the horizontal-region and joint figures (the joint one with its mass panel: naive m_ν, the
    # KATRIN line and the naturalness bound) from the engine's answers, as the CLI's --svg data
    _, region = nmmfit.models.horizontal_region(1.4e-11, 2.9e-11, 1.0, (100, 1000), (200, 5000), steps=3)
    fig, axes = plotting.plot_horizontal_region(region)
    assert axes and any(ax.get_lines() or ax.collections for ax in axes)
    fig.savefig(tmp_path / "region.png", dpi=80)
    _, joint = nmmfit.models.joint(mu_ranges=[(1.4e-11, 2.9e-11)], steps=5)
    assert joint["figure"]["panels"] and joint["mass_side"]
    fig, axes = plotting.plot_horizontal_joint(joint["figure"])
    assert len(axes) == len(joint["figure"]["panels"])
    fig.savefig(tmp_path / "joint.png", dpi=80)


def test_joint_figure_data_equals_the_cli_svg_data(tmp_path):
    cli = cli_path()
    svg = tmp_path / "joint.svg"
    subprocess.run([str(cli), "model", "joint", "--mu-range", "1.4e-11,2.9e-11", "--steps", "5", "--svg", str(svg), "--quiet"],
                   check=True, timeout=600, capture_output=True)
    _, joint = nmmfit.models.joint(mu_ranges=[(1.4e-11, 2.9e-11)], steps=5)
    # the file adds the provenance of the CLI run (as every --json output) to the same figure
    provenance = {"tool_version", "commit", "command", "data_digests", "seed", "spec_overrides", "digitised_datasets"}
    written = plotting.load(tmp_path / "joint.data.json")
    assert {"tool_version", "commit", "command", "data_digests"} <= set(written)
    assert {k: v for k, v in written.items() if k not in provenance} == plotting.load(joint["figure"])


def test_window_study_figure_from_in_process_fits(tmp_path):
    # rows as data/tools/window_study.py writes them (--json), here from fits in process
    rows = []
    for lo, hi in [(1, 7), (1, 10), (2, 10)]:
        r = nmmfit.fit("xenonnt_sr0", windows={"xenonnt_sr0": (lo, hi)})
        rows.append({"dataset": "xenonnt_sr0", "lo_keV": lo, "hi_keV": hi,
                     "interval_1e-11_muB": [x / 1e-11 for x in r.interval_muB],
                     "expected_1e-11_muB": r.raw["expected_limit_asimov_median_muB"] / 1e-11, "converged": True})
    fig, (ax,) = plotting.plot_window_study(rows)
    limit = [l for l in ax.get_lines() if l.get_label() == "xenonnt_sr0"][0]
    assert list(limit.get_xdata()) == [7, 10] and list(limit.get_ydata()) == [rows[0]["interval_1e-11_muB"][1], rows[1]["interval_1e-11_muB"][1]]
    fig.savefig(tmp_path / "window_study.png", dpi=60)
