"""Result types: plain dataclasses with NumPy arrays and pandas DataFrames.

Units are in the field names as in the command-line tool's JSON: ``_muB`` Bohr magnetons,
``_keV`` kilo-electronvolts, ``_1e-22_muB2`` → ``_1e22_muB2`` (μν² in units of 10⁻²² μB²);
counts are events per bin. Every result keeps the engine's full answer in ``raw``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd


def _pair(x: Any) -> tuple[float, float]:
    return (float(x[0]), float(x[1]))


@dataclass
class FitResult:
    """One fit (what ``nmmfit fit`` reports).

    Attributes:
        datasets: the datasets (channels) fitted.
        mu_nu_best_muB: best-fit μν (μB).
        mu_nu_error_low_muB, mu_nu_error_high_muB: asymmetric 68.27 % errors of μν (μB).
        mu_nu_squared_best_1e22_muB2, mu_nu_squared_error_1e22_muB2: best-fit μν² and its Hessian
            error in units of 10⁻²² μB².
        interval_muB: the confidence interval (lower, upper) in μB; lower = 0 for an upper limit.
        interval_kind: "two_sided" or "upper_limit".
        cl: confidence level (0–1).
        interval_method: "asymptotic-unified" or "wilks".
        interval_wilks_muB: the Wilks interval (μB), for comparison.
        expected_limit_muB: median expected upper limit (μB; Asimov background-only data), or None.
        q0, z_asymptotic, p_value_asymptotic: discovery test of μν > 0 (z in σ).
        nll_best, nll_background_only: −ln L including Σ ln n_i! (dimensionless).
        gof_baker_cousins_chi2: Baker–Cousins χ² of the best fit, for ``bins`` bins.
        converged: whether the best and the background-only fit converged.
        parameters: DataFrame (name, unit, value, error, error_low, error_high, background_only_value).
        channels: per channel a DataFrame with columns E_low_keV, E_high_keV, observed, one column
            per fitted sample (expected events per bin at the best fit), total_best_fit,
            total_background_only.
        per_dataset: for a combination, each dataset fitted alone (DataFrame), else None.
        compatibility: for a combination, the compatibility test (dict), else None.
        raw: the engine's full answer (the same keys as ``nmmfit fit --json``).
    """

    datasets: list[str]
    mu_nu_best_muB: float
    mu_nu_error_low_muB: float
    mu_nu_error_high_muB: float
    mu_nu_squared_best_1e22_muB2: float
    mu_nu_squared_error_1e22_muB2: float
    interval_muB: tuple[float, float]
    interval_kind: str
    cl: float
    interval_method: str
    interval_wilks_muB: tuple[float, float]
    expected_limit_muB: float | None
    q0: float
    z_asymptotic: float
    p_value_asymptotic: float
    nll_best: float
    nll_background_only: float
    gof_baker_cousins_chi2: float
    bins: int
    converged: bool
    parameters: pd.DataFrame
    channels: dict[str, pd.DataFrame]
    per_dataset: pd.DataFrame | None
    compatibility: dict | None
    raw: dict = field(repr=False)

    @property
    def is_upper_limit(self) -> bool:
        """Whether the interval is an upper limit (its lower end is μν = 0)."""
        return self.interval_muB[0] <= 0

    @classmethod
    def from_json(cls, r: dict) -> "FitResult":
        channels = {}
        for ch in r["channels"]:
            e = np.asarray(ch["bin_edges_keV"], dtype=float)
            df = pd.DataFrame({"E_low_keV": e[:-1], "E_high_keV": e[1:], "observed": ch["observed"]})
            for name in sorted(ch["best_fit"]):
                df[name] = ch["best_fit"][name]
            df["total_best_fit"] = ch["total_best_fit"]
            df["total_background_only"] = ch["total_background_only"]
            channels[ch["name"]] = df
        per = r.get("per_dataset")
        return cls(
            datasets=list(r["datasets"]),
            mu_nu_best_muB=r["mu_nu_best_muB"],
            mu_nu_error_low_muB=r["mu_nu_error_low_muB"],
            mu_nu_error_high_muB=r["mu_nu_error_high_muB"],
            mu_nu_squared_best_1e22_muB2=r["mu_nu_squared_best_1e-22_muB2"],
            mu_nu_squared_error_1e22_muB2=r["mu_nu_squared_error_1e-22_muB2"],
            interval_muB=_pair(r["interval_muB"]),
            interval_kind=r["interval_kind"],
            cl=r["cl"],
            interval_method=r["interval_method"],
            interval_wilks_muB=_pair(r["interval_wilks_muB"]),
            expected_limit_muB=r.get("expected_limit_asimov_median_muB"),
            q0=r["q0"],
            z_asymptotic=r["z_asymptotic"],
            p_value_asymptotic=r["p_value_asymptotic"],
            nll_best=r["nll_best"],
            nll_background_only=r["nll_background_only"],
            gof_baker_cousins_chi2=r["gof_baker_cousins_chi2"],
            bins=r["bins"],
            converged=r["converged"],
            parameters=pd.DataFrame(r["parameters"]),
            channels=channels,
            per_dataset=pd.DataFrame(per) if per else None,
            compatibility=r.get("compatibility"),
            raw=r,
        )


@dataclass
class ScanResult:
    """The profile likelihood on a grid: ``points`` has columns mu_nu_muB (μB),
    minus_two_delta_lnL (t̃ = −2Δ ln L, dimensionless) and converged; ``critical_values`` (when
    asked for with ``cl``) the threshold t̃ must stay below at each point for the interval."""

    mu_nu_best_muB: float
    nll_best: float
    points: pd.DataFrame
    critical_values: np.ndarray | None = None

    @property
    def mu_nu_muB(self) -> np.ndarray:
        return self.points["mu_nu_muB"].to_numpy()

    @property
    def minus_two_delta_lnL(self) -> np.ndarray:
        return self.points["minus_two_delta_lnL"].to_numpy()


@dataclass
class IntervalResult:
    """A confidence interval on μν: ``interval_muB`` (lower, upper) in μB, its ``cl`` and
    ``method``; for Feldman–Cousins the construction (``feldman_cousins``: points, the ends' toy
    and grid errors in μB)."""

    mu_nu_best_muB: float
    interval_muB: tuple[float, float]
    cl: float
    method: str
    feldman_cousins: dict | None = None
    raw: dict = field(default_factory=dict, repr=False)


@dataclass
class SignificanceResult:
    """The discovery test of μν > 0: q0, Z (σ) and p asymptotically; with toys (local or from a
    toys file), the toy p-value: ``toys`` (dict: ``toys``, ``failedToys``, ``exceeding``,
    ``pValue``, ``pValueError``, ``significance``, ``zLowerBound``, ``q0Observed``) and the same
    numbers under the CLI's names — ``p_value_toys`` (0–1) and its binomial
    ``p_value_toys_error``, ``z_toys`` (σ; None when no toy reached the data's q0, then
    ``z_toys_lower_bound``), ``toys_exceeding``, ``failed_toys``, ``n_toys``. ``raw["output"]``
    holds the keys of ``nmmfit significance --json``."""

    mu_nu_best_muB: float
    q0: float
    z_asymptotic: float
    p_value_asymptotic: float
    toys: dict | None = None
    n_toys: int = 0
    failed_toys: int | None = None
    toys_exceeding: int | None = None
    p_value_toys: float | None = None
    p_value_toys_error: float | None = None
    z_toys: float | None = None
    z_toys_lower_bound: float | None = None
    raw: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, r: dict) -> "SignificanceResult":
        o = r.get("output", {})
        return cls(r["mu_nu_best_muB"], r["q0"], r["z_asymptotic"], r["p_value_asymptotic"], r.get("toys"),
                   n_toys=o.get("toys", 0), failed_toys=o.get("failed_toys"), toys_exceeding=o.get("toys_exceeding"),
                   p_value_toys=o.get("p_value_toys"), p_value_toys_error=o.get("p_value_toys_error"),
                   z_toys=o.get("z_toys"), z_toys_lower_bound=o.get("z_toys_lower_bound"), raw=r)


@dataclass
class ToysResult:
    """Toys fitted in process: ``records`` (one row per toy: toy, mu_nu_hat_muB, s_hat (μν² in
    10⁻²² μB²), s_hat_error, statistic, nll_free, nll_constrained, converged, failed), the
    study's ``header`` (seed, μν true in μB, statistic, model digest: the same as a toys file's)
    and the wall time ``seconds`` on ``threads`` threads."""

    records: pd.DataFrame
    header: dict
    seconds: float
    threads: int

    @property
    def toys_per_second(self) -> float:
        return len(self.records) / self.seconds if self.seconds > 0 else float("nan")

    @property
    def statistic(self) -> np.ndarray:
        return self.records["statistic"].to_numpy()


@dataclass
class SensitivityResult:
    """Expected upper limits (μB): the Asimov median, the toy band (−2σ, −1σ, median, +1σ, +2σ)
    when toys were run, and the observed limit; ``figure`` is the data of the "Brazil" figure
    (with toys; draw it with :func:`nmmfit.plotting.plot_sensitivity`), else None."""

    cl: float
    method: str
    asimov_median_muB: float
    observed_muB: float
    band_muB: np.ndarray
    toys: int
    figure: dict | None = field(repr=False)
    raw: dict = field(repr=False)


@dataclass
class SpectrumResult:
    """dR/dT of solar-ν electron recoils in xenon (events/(t·y·keV)) at true recoil energies
    ``table.T_keV``: columns weak, magnetic, total, and per source ``weak_<source>`` and
    ``magnetic_<source>``; μν in μB."""

    mu_nu_muB: float
    atomic: str
    solar_model: str
    table: pd.DataFrame
    figure: dict = field(repr=False)
