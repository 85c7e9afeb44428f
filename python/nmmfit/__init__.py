"""nmmfit from Python: the neutrino magnetic moment μν from liquid-xenon electron-recoil data.

The Swift engine runs **in this process** (``libnmmfit_c``, loaded with ctypes; no command-line
tool and no child process). Quick start::

    import nmmfit
    r = nmmfit.fit()                 # XENON1T SR1, 1–7 keV, as `nmmfit fit`
    print(r.interval_muB)            # 90 % CL interval on μν in Bohr magnetons

    m = nmmfit.Model()               # build the model once ...
    s = m.scan(np.linspace(0, 4e-11, 100))   # ... then scan, fit toys, … on it
    t = m.toys(1000, seed=7)

Data options (every function that builds a model takes them as keyword arguments):
``datasets`` (a name or a list; "all"), ``emin_keV``, ``emax_keV``, ``windows``
(``{"lz_ws2024": (2, 15)}``, keV), ``overrides`` (``["lz_ws2024.resolution.a=0.35"]``, as the
CLI's ``--set``), ``bin_width_keV``, ``tritium`` ("none" | "free"), ``efficiency_shape``,
``solar_flux_nuisance``, ``atomic`` ("stepping" | "free" | a table file), ``solar_model``,
``sources``, ``constant_pee``, ``combination_policy``, ``atomic_nuisance``, ``data_dir``,
``spec`` (a model spec file written by ``--save-spec``).

A spec saved by ``nmmfit fit --save-spec`` (or ``model_spec.json`` of a report) also holds the
analysis of the run that wrote it (confidence level, interval method, datasets, …). With
``spec``, every ``cl`` and ``method`` left at ``None`` takes the saved value; one given
explicitly wins, and the engine says so with an :class:`NMMFitNote` warning. Without a spec,
``None`` means 0.9 and "asymptotic-unified".
"""
from __future__ import annotations

import base64
import os
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from ._engine import NMMFitError, NMMFitNote, call, library_path
from .results import (FitResult, IntervalResult, ScanResult, SensitivityResult, SignificanceResult,
                      SpectrumResult, ToysResult)

__all__ = [
    "NMMFitError", "NMMFitNote", "Model", "FitResult", "ScanResult", "IntervalResult", "SignificanceResult", "ToysResult",
    "SensitivityResult", "SpectrumResult", "version", "datasets", "dataset", "fit", "scan", "interval",
    "significance", "toys", "sensitivity", "compare", "spectrum", "models", "library_path",
    "goodness_of_fit", "coverage", "write_coverage_toys", "merge_toys", "export_pyhf", "export_spec", "export_hepdata", "fit_element",
]

_DATA_KEYS = {
    "datasets", "emin_keV", "emax_keV", "windows", "overrides", "bin_width_keV", "tritium", "efficiency_shape",
    "solar_flux_nuisance", "atomic", "solar_model", "sources", "constant_pee", "combination_policy",
    "atomic_nuisance", "data_dir", "spec",
}


def _data(options: dict[str, Any]) -> dict[str, Any]:
    """The engine's request keys for the data options (see the module docstring)."""
    unknown = set(options) - _DATA_KEYS
    if unknown:
        raise TypeError(f"unknown option(s) {sorted(unknown)}; data options are {sorted(_DATA_KEYS)}")
    out = dict(options)
    if "overrides" in out:
        out["set"] = list(out.pop("overrides") or [])
    if isinstance(out.get("windows"), dict):
        out["windows"] = {k: [float(v[0]), float(v[1])] for k, v in out["windows"].items()}
    if isinstance(out.get("sources"), str):
        out["sources"] = [s.strip() for s in out["sources"].split(",") if s.strip()]
    return out


def version() -> dict:
    """The engine's version and git commit (``{"version", "commit", "abi_version"}``)."""
    return call("version")


def datasets(data_dir: str | None = None) -> pd.DataFrame:
    """The datasets found: name, experiment, exposure_tonne_year (t·y), default_window_keV,
    provenance ("official" or "digitised"), reference, spec_file."""
    r = call("datasets", data_dir=data_dir)
    df = pd.DataFrame(r["datasets"])
    df.attrs["data_directory"] = r["data_directory"]
    return df


def dataset(name: str, data_dir: str | None = None) -> dict:
    """One dataset's spec (every assumption with its source), as ``nmmfit datasets show NAME --json``."""
    return call("dataset_show", name=name, data_dir=data_dir)


def fit(datasets: str | Sequence[str] | None = None, *, cl: float | None = None, method: str | None = None,
        compatibility_toys: int | None = None, seed: int | None = None, save_toys: str | None = None,
        force: bool = False, **options: Any) -> FitResult:
    """Fits μν as ``nmmfit fit`` does: best fit, interval at ``cl`` (default 0.9), expected
    limit, q0; for several datasets also each one alone and their compatibility test (calibrated
    with toys: adaptive by default, ``compatibility_toys=N`` for exactly N, 0 for none; seeded by
    ``seed``, default 1).

    ``method``: "asymptotic-unified" (default) or "wilks". Default dataset: XENON1T SR1, 1–7 keV.
    With ``spec`` (a saved spec) this is ``nmmfit fit --spec``: the saved analysis is re-run, every
    number as the run that saved it (``cl``/``method`` given replace the saved ones;
    ``compatibility_toys`` and ``seed`` are the spec's).

    ``save_toys``: a file that keeps the compatibility toys as they finish (JSON lines, as
    ``nmmfit fit --save-toys``); calling again with the same file and options resumes from the
    toys it holds, ``force=True`` starts it afresh.
    """
    if datasets is not None:
        options["datasets"] = datasets
    args = _data(options)
    return FitResult.from_json(call("fit", cl=cl, method=method, compatibility_toys=compatibility_toys, seed=seed,
                                    save_toys=save_toys, force=force if save_toys else None, **args))


class Model:
    """A model built once (data loaded, signal folded, best fit found) and kept in the engine, so
    that many scans, intervals and toy studies on it cost only their fits.

    Use as a context manager or call :meth:`close` to free it (it is also freed when collected).
    """

    def __init__(self, datasets: str | Sequence[str] | None = None, **options: Any):
        if datasets is not None:
            options["datasets"] = datasets
        info = call("model_build", **_data(options))
        self.handle: int | None = info["handle"]
        #: channel (dataset) names, parameter names, the parameter of interest
        self.channels: list[str] = info["channels"]
        self.parameters: list[str] = info["parameters"]
        self.poi: str = info["poi"]
        self.bins: int = info["bins"]
        self.bin_edges_keV: list[np.ndarray] = [np.asarray(e) for e in info["bin_edges_keV"]]
        #: best-fit μν (μB) and −ln L at the best fit (without the data constant)
        self.mu_nu_best_muB: float = info["mu_nu_best_muB"]
        self.nll_best: float = info["nll_best"]

    def _h(self) -> int:
        if self.handle is None:
            raise NMMFitError("this model was closed")
        return self.handle

    def close(self) -> None:
        """Frees the model in the engine."""
        if self.handle is not None:
            try:
                call("model_release", handle=self.handle)
            finally:
                self.handle = None

    def __enter__(self) -> "Model":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def __repr__(self) -> str:
        return f"Model(channels={self.channels}, bins={self.bins}, mu_nu_best_muB={self.mu_nu_best_muB:.4g})"

    def fit(self, cl: float | None = None, method: str | None = None, expected_limit: bool = True) -> FitResult:
        """The fit report of this model (as ``nmmfit fit`` for one dataset; for a combination
        without the per-dataset fits — use :func:`nmmfit.fit` for those)."""
        return FitResult.from_json(call("fit", handle=self._h(), cl=cl, method=method, expected_limit=expected_limit))

    def scan(self, mu_nu_muB: float | Iterable[float], cl: float | None = None,
             method: str = "asymptotic-unified") -> ScanResult:
        """t̃(μν) = −2Δ ln L on the given μν values (μB), each a conditional fit. With ``cl``,
        also the critical values of ``method`` at each point (the interval is where t̃ is below)."""
        grid = np.atleast_1d(np.asarray(mu_nu_muB, dtype=float)).tolist()
        r = call("scan", handle=self._h(), mu_nu_muB=grid, cl=cl, threshold_method=method if cl is not None else None)
        cv = r.get("critical_values")
        return ScanResult(r["mu_nu_best_muB"], r["nll_best"], pd.DataFrame(r["points"]),
                          np.asarray(cv) if cv is not None else None)

    def t(self, mu_nu_muB: float) -> float:
        """t̃ = −2Δ ln L at one μν (μB)."""
        return float(call("scan", handle=self._h(), mu_nu_muB=[float(mu_nu_muB)])["points"][0]["minus_two_delta_lnL"])

    def interval(self, cl: float | None = None, method: str | None = None, *, toys: int | None = None,
                 seed: int | None = None, threads: int | None = None, grid_points: int | None = None,
                 grid_max_muB: float | None = None, refine: int | None = None, toys_dir: str | os.PathLike | None = None,
                 from_toys: str | os.PathLike | Sequence[str | os.PathLike] | None = None) -> IntervalResult:
        """A confidence interval on μν (μB) at ``cl`` (0–1), as ``nmmfit interval``: "asymptotic-unified",
        "wilks" or "feldman-cousins". Defaults: 0.9 and "asymptotic-unified", or for a model read
        from a spec the CL and method saved in it.

        Feldman–Cousins with local toys: ``toys`` per tested μν (default 1000; ≥ 10) thrown from
        RNG streams of ``seed`` (default 1) on ``threads`` threads (default all cores), on
        ``grid_points`` points (≥ 3, default 30) from 0 to ``grid_max_muB`` (μB; default 2 × the
        asymptotic upper end), with up to ``refine`` points (default 6) added near each end.
        ``toys_dir``: a folder that keeps each tested point's toys as a toys file
        (``fc-mu<μν in μB>-n<toys>-seed<seed>.jsonl``, the JSON-lines format of ``nmmfit toys``:
        a header line, then one line per toy with its t̃), as ``nmmfit interval --toys-dir``; the
        same call again resumes a file cut short and reads the finished ones back, with exactly
        the numbers of an uninterrupted run.

        ``from_toys``: Feldman–Cousins from toys files instead of local toys, as ``nmmfit interval
        --method feldman-cousins --from-toys``: merged toys files (or folders of them, such as a
        ``toys_dir``), one study of t̃ at its true μν per tested μν (``nmmfit toys --statistic t
        --mu M``, made with the same data options); ``method`` defaults to "feldman-cousins" then,
        and the local construction's arguments do not apply. Their SHA-256 digests are in the
        result's ``raw["provenance"]["data_digests"]``.

        The result's ``raw["output"]`` holds the keys of ``nmmfit interval --json``."""
        if from_toys is not None and method is None:
            method = "feldman-cousins"
        r = call("interval", handle=self._h(), cl=cl, method=method, toys=toys, seed=seed, threads=threads,
                 grid_points=grid_points, grid_max_muB=grid_max_muB, refine=refine, toys_dir=_path(toys_dir),
                 from_toys=_paths(from_toys))
        iv = r["interval"]
        return IntervalResult(r["mu_nu_best_muB"], (iv["lower"], iv["upper"]), r["cl"], r["interval_method"],
                              r.get("feldman_cousins"), r)

    def significance(self, toys: int = 0, seed: int | None = None, threads: int | None = None, *,
                     save_toys: str | os.PathLike | None = None, force: bool = False,
                     from_toys: str | os.PathLike | Sequence[str | os.PathLike] | None = None) -> SignificanceResult:
        """The discovery test of μν > 0, as ``nmmfit significance``: q0, Z (σ) and p
        asymptotically; with ``toys`` > 0 also the toy p-value from that many background-only
        toys (μν = 0, nuisances at their background-only fit; toy k is RNG stream k of ``seed``,
        default 1) on ``threads`` threads (default all cores).

        ``save_toys``: a toys file that keeps the toys as they finish (the JSON-lines format of
        ``nmmfit toys --mu 0``: a header line naming the study, then one line per toy with its
        q0), as ``nmmfit significance --save-toys``; the same call again resumes a file cut short
        and gives exactly the uninterrupted numbers; ``force=True`` starts it afresh. A file of
        another study (seed, toys, data) is refused.

        ``from_toys``: the toy p-value from a merged background-only toys file instead (``nmmfit
        toys --mu 0`` or a ``save_toys`` file, made with the same data options; or a folder
        holding exactly one), as ``nmmfit significance --from-toys``; not with ``toys`` or
        ``seed``. Its SHA-256 digest is in ``raw["provenance"]["data_digests"]``."""
        r = call("significance", handle=self._h(), toys=toys, seed=seed, threads=threads, save_toys=_path(save_toys),
                 force=force if save_toys is not None else None, from_toys=_paths(from_toys))
        return SignificanceResult.from_json(r)

    def toys(self, n: int = 1000, mu_nu_muB: float = 0.0, *, statistic: str = "q0", test_mu_nu_muB: float | None = None,
             seed: int = 1, threads: int | None = None, first: int = 0) -> ToysResult:
        """Generates and fits ``n`` toys at true μν (μB; nuisances at their conditional fit to
        the data) as ``nmmfit toys`` does: toy k uses RNG stream k of ``seed``, so
        ``first``/``n`` slices of one study equal the whole. ``statistic``: "q0" or "t" (t̃ at
        ``test_mu_nu_muB``, default ``mu_nu_muB``). ``threads``: default all cores."""
        r = call("toys", handle=self._h(), n=n, mu_nu_muB=mu_nu_muB, statistic=statistic, test_mu_nu_muB=test_mu_nu_muB,
                 seed=seed, threads=threads, first=first, binary_columns=True)
        return ToysResult(_binary_columns(r["binary_columns"]), r["header"], r["seconds"], r["threads"])

    def sensitivity(self, cl: float | None = None, method: str | None = None, toys: int = 200, seed: int = 1, *,
                    threads: int | None = None, save_toys: str | os.PathLike | None = None,
                    force: bool = False) -> SensitivityResult:
        """Expected upper limits on μν (μB) at ``cl``, as ``nmmfit sensitivity``: the Asimov median
        and the ±1σ/±2σ band of the upper limits of ``toys`` background-only toys (toy k is RNG
        stream k of ``seed``) on ``threads`` threads (default all cores).

        ``save_toys``: a file that keeps each toy's upper limit as it finishes (a sensitivity
        toys file: JSON lines, a header naming the study — seed, toys, CL, interval method, model
        digest — then one line per toy with ``upper_limit_muB``), as ``nmmfit sensitivity
        --save-toys``; the same call again resumes a file cut short and gives exactly the
        uninterrupted band; ``force=True`` starts it afresh. A file of another study is refused."""
        return _sensitivity(call("sensitivity", handle=self._h(), cl=cl, method=method, toys=toys, seed=seed, threads=threads,
                                 save_toys=_path(save_toys), force=force if save_toys is not None else None))

    def figure_data(self, cl: float | None = None, method: str | None = None) -> dict:
        """The data of the fit figures (``spectra``: one per channel; ``profile_scan``), in the
        format of the ``.json`` files written beside each SVG; draw them with :mod:`nmmfit.plotting`."""
        return call("figure_data", handle=self._h(), cl=cl, method=method)


def _binary_columns(b: dict) -> pd.DataFrame:
    """A table sent as base64 of little-endian arrays (``rows``, ``order``, ``dtypes``, ``data``)
    as a DataFrame: no number is formatted or parsed on the way."""
    cols = {k: np.frombuffer(base64.b64decode(b["data"][k]), dtype=np.dtype(b["dtypes"][k])) for k in b["order"]}
    if any(len(v) != b["rows"] for v in cols.values()):
        raise NMMFitError("the engine's table has columns of different lengths", kind="internal")
    return pd.DataFrame(cols)


def _path(p: str | os.PathLike | None) -> str | None:
    """A file or folder argument as the engine takes it (a string)."""
    return None if p is None else os.fspath(p)


def _paths(p: str | os.PathLike | Sequence[str | os.PathLike] | None) -> list[str] | None:
    """One path or several as the engine's list of strings."""
    if p is None:
        return None
    return [os.fspath(p)] if isinstance(p, (str, os.PathLike)) else [os.fspath(x) for x in p]


def _sensitivity(r: dict) -> SensitivityResult:
    o = r["output"]
    return SensitivityResult(cl=o["cl"], method=o["interval_method"], asimov_median_muB=r["asimov_median_muB"],
                             observed_muB=r["observed_muB"], band_muB=np.asarray(r["band_muB"]), toys=o["toys"],
                             figure=r.get("figure"), raw=r)


def scan(mu_nu_muB: float | Iterable[float], cl: float | None = None, **options: Any) -> ScanResult:
    """t̃(μν) on a grid (μB) for a model built from the data options (see :class:`Model`)."""
    with Model(**options) as m:
        return m.scan(mu_nu_muB, cl=cl)


def interval(cl: float | None = None, method: str | None = None, *, toys: int | None = None, seed: int | None = None,
             threads: int | None = None, grid_points: int | None = None, grid_max_muB: float | None = None,
             refine: int | None = None, toys_dir: str | os.PathLike | None = None,
             from_toys: str | os.PathLike | Sequence[str | os.PathLike] | None = None, **options: Any) -> IntervalResult:
    """A confidence interval on μν (μB), as ``nmmfit interval`` (see :meth:`Model.interval`:
    Feldman–Cousins with ``toys_dir`` keeping each point's toys, or ``from_toys`` files)."""
    with Model(**options) as m:
        return m.interval(cl, method, toys=toys, seed=seed, threads=threads, grid_points=grid_points,
                          grid_max_muB=grid_max_muB, refine=refine, toys_dir=toys_dir, from_toys=from_toys)


def significance(toys: int = 0, seed: int | None = None, *, threads: int | None = None,
                 save_toys: str | os.PathLike | None = None, force: bool = False,
                 from_toys: str | os.PathLike | Sequence[str | os.PathLike] | None = None,
                 **options: Any) -> SignificanceResult:
    """The discovery test of μν > 0, as ``nmmfit significance`` (see :meth:`Model.significance`:
    ``save_toys`` keeps and resumes the toys, ``from_toys`` reads a background-only toys file)."""
    with Model(**options) as m:
        return m.significance(toys, seed, threads, save_toys=save_toys, force=force, from_toys=from_toys)


def toys(n: int = 1000, mu_nu_muB: float = 0.0, *, statistic: str = "q0", seed: int = 1, threads: int | None = None,
         **options: Any) -> ToysResult:
    """Toys as ``nmmfit toys`` (see :meth:`Model.toys`)."""
    with Model(**options) as m:
        return m.toys(n, mu_nu_muB, statistic=statistic, seed=seed, threads=threads)


def sensitivity(cl: float | None = None, method: str | None = None, toys: int = 200, seed: int = 1, *,
                threads: int | None = None, save_toys: str | os.PathLike | None = None, force: bool = False,
                **options: Any) -> SensitivityResult:
    """Expected limits, as ``nmmfit sensitivity`` (see :meth:`Model.sensitivity`: ``save_toys``
    keeps each toy's upper limit and resumes)."""
    with Model(**options) as m:
        return m.sensitivity(cl, method, toys, seed, threads=threads, save_toys=save_toys, force=force)


def compare(test: str | Sequence[str] = "tritium", *, keep_mu_nu: bool = False, toys: int = 0, seed: int = 1,
            threads: int | None = None, save_toys: str | None = None, force: bool = False, **options: Any) -> dict:
    """Background-hypothesis test by likelihood ratio, as ``nmmfit compare --test ...``:
    "tritium" (every ³H amplitude the datasets declare) or parameter names. Returns the CLI's
    JSON keys (minus_two_delta_lnL, p_value_asymptotic, z_asymptotic; the toy p-value with
    ``toys``, thrown on ``threads`` threads, default all cores; the two fits with −ln L
    including Σ ln n_i!). ``save_toys``: a file that keeps the toys as they finish, resumed by a
    later call with the same file and options (``force=True`` starts afresh), as
    ``nmmfit compare --save-toys``."""
    return call("compare", test=[test] if isinstance(test, str) else list(test), keep_mu_nu=keep_mu_nu, toys=toys,
                seed=seed, threads=threads, save_toys=save_toys, force=force if save_toys else None, **_data(options))


def spectrum(mu_nu_muB: float = 1e-11, energies_keV: Iterable[float] | None = None, *, emin_keV: float = 1.0,
             emax_keV: float = 30.0, step_keV: float = 0.1, atomic: str = "stepping", solar_model: str | None = None,
             sources: str | Sequence[str] | None = None, constant_pee: float | None = None,
             moments: str | None = None) -> SpectrumResult:
    """dR/dT (events/(t·y·keV)) per solar source at true recoil energies (keV), weak (SM) and
    magnetic at μν (μB), as ``nmmfit spectrum --per-source``; with ``moments`` (a moment-matrix
    file) the magnetic columns are those of its effective μν per source and energy instead."""
    if isinstance(sources, str):
        sources = [s.strip() for s in sources.split(",") if s.strip()]
    r = call("spectrum", mu_nu_muB=mu_nu_muB,
             energies_keV=None if energies_keV is None else np.asarray(energies_keV, dtype=float).tolist(),
             emin_keV=emin_keV, emax_keV=emax_keV, step_keV=step_keV, atomic=atomic, solar_model=solar_model,
             sources=sources, constant_pee=constant_pee, moments=moments)
    df = pd.DataFrame({"T_keV": r["T_keV"], "weak": r["weak"], "magnetic": r["magnetic"], "total": r["total"]})
    for s, v in r["weak_by_source"].items():
        df[f"weak_{s}"] = v
    for s, v in r["magnetic_by_source"].items():
        df[f"magnetic_{s}"] = v
    df.attrs["unit"] = r["unit"]
    return SpectrumResult(r["mu_nu_muB"], r["atomic"], r["solar_model"], df, r.get("figure"))


def goodness_of_fit(**options: Any) -> dict:
    """Saturated-model (Baker–Cousins) goodness of fit of the best fit and of the background-only
    fit, as ``nmmfit gof --json``: χ² (dimensionless), degrees of freedom, p-values (0–1), per
    channel and in total. Data options as for :class:`Model`."""
    return call("gof", **_data(options))


def coverage(mu_nu_muB: float | Iterable[float] | None = None, methods: str | Sequence[str] | None = None, *,
             cl: float | None = None, toys: int = 1000, critical_toys: int = 500, seed: int = 1, threads: int | None = None,
             from_toys: str | Sequence[str] | None = None, **options: Any) -> pd.DataFrame:
    """Coverage of interval constructions on toys, as ``nmmfit coverage --json``: one row per true
    μν (``mu_nu``, μB; default 0, 0.5e-11 and 2e-11) and method ("asymptotic-unified",
    "wilks", "feldman-cousins"; default asymptotic-unified and feldman-cousins) with the fraction
    of toys whose interval at ``cl`` covers the true value (``coverage``, 0–1) and its binomial
    ``error``. ``toys`` per point; Feldman–Cousins uses ``critical_toys`` inner toys per toy, and
    its rows also give ``expected_coverage``: the coverage that N = ``critical_toys`` inner toys
    give on average, ((N − 1)·cl + 1)/(N + 1), a little below ``cl`` (compare with it).
    With ``from_toys`` (merged toys files of t̃ at their true μν, or folders of them) the points
    come from those files instead (feldman-cousins only from files written by
    ``nmmfit coverage --method feldman-cousins --write-toys``, which hold each toy's critical value)."""
    mus = None if mu_nu_muB is None else np.atleast_1d(np.asarray(mu_nu_muB, dtype=float)).tolist()
    r = call("coverage", mu_nu_muB=mus, methods=[methods] if isinstance(methods, str) else methods, cl=cl, toys=toys,
             critical_toys=critical_toys, seed=seed, threads=threads,
             from_toys=[from_toys] if isinstance(from_toys, str) else from_toys, **_data(options))
    df = pd.DataFrame(r["points"])
    df.attrs["raw"] = r
    return df


def write_coverage_toys(output: str, mu_nu_muB: float, *, toys: int = 1000, shard: int = 0, nshards: int = 1,
                        feldman_cousins: bool = False, cl: float | None = None, critical_toys: int = 500, seed: int = 1,
                        threads: int | None = None, force: bool = False, **options: Any) -> dict:
    """One shard of a coverage study at true μν ``mu_nu_muB`` (μB) into the toys file ``output``, as
    ``nmmfit coverage --mu MU --write-toys FILE --shard i --nshards N``: toy k of the ``toys`` is
    t̃ at the true μν from RNG stream k of ``seed`` (so shards merged with :func:`merge_toys`
    equal one run); with ``feldman_cousins`` every toy also carries its critical value at ``cl``
    from ``critical_toys`` inner toys (cost ≈ 2 × toys × critical_toys fits). An existing file of
    the same study is resumed (``force=True`` starts afresh). Read the merged file with
    ``coverage(from_toys=...)``. Returns ``{"output", "shard", "nshards", "first_toy", "toys",
    "kept", "dropped", "written"}``."""
    return call("coverage", write_toys=output, mu_nu_muB=[float(mu_nu_muB)], toys=toys, shard=shard, nshards=nshards,
                methods=["feldman-cousins"] if feldman_cousins else None, cl=cl, critical_toys=critical_toys, seed=seed,
                threads=threads, force=force, **_data(options))


def merge_toys(inputs: str | Sequence[str], output: str, *, force: bool = False, allow_incomplete: bool = False,
               allow_mixed_builds: bool = False) -> dict:
    """Merges toy shards (files of ``nmmfit toys --shard i --nshards N``) into ``output``, as
    ``nmmfit merge``: checks they are one study, complete (unless ``allow_incomplete``) and
    without duplicates. Returns ``{"output", "toys", "files", "missing", "first_missing"}``."""
    return call("merge", inputs=[inputs] if isinstance(inputs, str) else list(inputs), output=output, force=force,
                allow_incomplete=allow_incomplete, allow_mixed_builds=allow_mixed_builds)


def export_pyhf(poi_upper: float | None = None, **options: Any) -> tuple[dict, dict]:
    """The likelihood model as a pyhf JSON workspace, as ``nmmfit export --format pyhf``, and its
    metadata: the POI ``mu_nu_squared`` is (μν/μ_ref)², μν² in units of μ_ref² (the metadata's
    ``mu_reference_muB``), so pyhf's CLs upper limit on it is not nmmfit's unified μν interval
    (see the metadata's ``relation_to_nmmfit_interval``). ``poi_upper``: the POI's upper bound
    (units of μ_ref²). Returns (workspace, metadata)."""
    r = call("export", format="pyhf", poi_upper=poi_upper, **_data(options))
    return r["workspace"], r["metadata"]


def export_spec(**options: Any) -> dict:
    """nmmfit's model spec of the data options (what ``nmmfit fit --spec`` reads), as
    ``nmmfit export --format spec``."""
    return call("export", format="spec", **_data(options))["spec"]


def export_hepdata(output: str, *, cl: float | None = None, method: str | None = None, scan_points: int | None = None,
                   force: bool = False, **options: Any) -> dict:
    """Fits the data and writes a HEPData submission folder ``output`` (submission.yaml, the
    limits, the −2ΔlnL scan on ``scan_points`` points, one spectrum table per dataset; μν in
    10⁻¹¹ μB, energies in keV), as ``nmmfit export --format hepdata -o DIR``. Returns
    ``{"directory", "files", "tables"}``."""
    return call("export", format="hepdata", output=output, cl=cl, method=method, scan_points=scan_points, force=force,
                **_data(options))


def fit_element(moments: str | None = None, element: str | None = None, *, cl: float | None = None,
                method: str | None = None, compatibility_toys: int | None = None, seed: int | None = None,
                **options: Any) -> dict:
    """Fits one element of a magnetic-moment matrix directly, as ``nmmfit fit --moments FILE
    --element E --json``: the element of the matrix shape in ``moments`` (a moment-matrix JSON
    file) builds its own per-source signal template. Returns the CLI's keys:
    ``parameter_of_interest`` (name, unit μB), ``fit`` (the fit report of the element, its
    ``mu_nu_*`` keys holding the element in μB), ``element`` (best, interval and the rescaled
    universal interval, μB) and ``universal_fit`` (the flavour-universal μν fit, μB).
    ``element`` defaults to "e-mu", ``cl`` to 0.9, ``method`` to "asymptotic-unified".

    With ``spec`` (saved by such a fit) and no ``moments``/``element``: the saved element fit is
    re-run, every number as the run that saved it (``cl``/``method`` given replace the saved ones)."""
    return call("fit_element", moments=moments, element=element, cl=cl, method=method,
                compatibility_toys=compatibility_toys, seed=seed, **_data(options))


from . import models  # noqa: E402  (model calculators)
