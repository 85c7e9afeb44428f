"""Model calculators (as ``nmmfit model ...``), computed by the engine in process."""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from ._engine import call


def sm_dirac(mass_eV: float) -> float:
    """The Standard-Model Dirac magnetic moment (μB) of a neutrino of mass ``mass_eV`` (eV)."""
    return float(call("model_sm_dirac", mass_eV=mass_eV)["mu_nu_muB"])


def sm_dirac_result(mass_eV: float | None = None, mu_nu_muB: float | None = None) -> dict:
    """``nmmfit model sm-dirac --json``: give ``mass_eV`` (eV) for its SM Dirac moment, or
    ``mu_nu_muB`` (μB) for the mass that would give it; keys ``m_nu_eV``, ``mu_nu_muB``, ``formula``."""
    return call("model_sm_dirac", mass_eV=mass_eV, mu_nu_muB=mu_nu_muB)


def mass_moment(mu_nu_muB: float, scale_GeV: float) -> float:
    """The neutrino mass (eV) the naive relation gives for a moment μν (μB) generated at the
    scale Λ (GeV), as ``nmmfit model mass-moment`` (the whole answer: :func:`mass_moment_result`)."""
    return float(call("model_mass_moment", mu_nu_muB=mu_nu_muB, scale_GeV=scale_GeV)["mass_eV"])


def mass_moment_result(mu_nu_muB: float | None = None, scale_GeV: float | None = None, mass_eV: float | None = None) -> dict:
    """``nmmfit model mass-moment --json``: give two of μν (μB), Λ (GeV) and m_ν (eV) for the
    third by the naive relation m_ν ≈ Λ² μν / (2 m_e μB) (Bell et al., PRL 95 (2005) 151802),
    with the SM Dirac moment of that mass (``sm_dirac_moment_muB``) and, where μν and Λ are
    known, Bell et al.'s naturalness verdicts (``naturalness``: the Dirac and Majorana bounds)."""
    return call("model_mass_moment", mu_nu_muB=mu_nu_muB, scale_GeV=scale_GeV, mass_eV=mass_eV)


def horizontal(m_h_plus_GeV: float, m_H_plus_GeV: float, sin2alpha: float, mu_nu_muB: float | None = None,
               loop: str = "exact") -> dict:
    """SU(2)_H (Babu, Jana & Lindner): the transition moment per unit |f f′| (``mu_per_ffprime_muB``,
    μB) for charged-scalar masses m_h⁺, m_H⁺ (GeV) and mixing sin 2α; with ``mu_nu_muB`` also the
    |f f′| that gives it (``ffprime_required``). Also every key of ``nmmfit model horizontal
    --json`` at f f′ = 1 (``mass_side``: the naive m_ν and the naturalness bounds at Λ = m_h⁺)."""
    return call("model_horizontal", m_h_plus_GeV=m_h_plus_GeV, m_H_plus_GeV=m_H_plus_GeV, sin2alpha=sin2alpha,
                mu_nu_muB=mu_nu_muB, loop=loop)


def horizontal_region(mu_lower_muB: float, mu_upper_muB: float, sin2alpha: float, m_h_plus_GeV: Sequence[float],
                      m_H_plus_GeV: Sequence[float], steps: int = 40, loop: str = "exact") -> tuple[pd.DataFrame, dict]:
    """The SU(2)_H region: for a grid of m_h⁺ and m_H⁺ (GeV ranges [low, high]) the |f f′| range that
    puts |μν| in [mu_lower, mu_upper] (μB). Returns the table and the figure's data
    (draw it with :func:`nmmfit.plotting.plot_horizontal_region`); the whole answer, as
    ``nmmfit model horizontal-region --json`` (with ``mass_side``: naive m_ν and naturalness
    bounds), is the table's ``attrs["raw"]``."""
    r = call("model_horizontal_region", mu_lower_muB=mu_lower_muB, mu_upper_muB=mu_upper_muB, sin2alpha=sin2alpha,
             m_h_plus_GeV=list(m_h_plus_GeV), m_H_plus_GeV=list(m_H_plus_GeV), steps=steps, loop=loop)
    df = pd.DataFrame(r["rows"])
    df.attrs["raw"] = r
    return df, r["figure"]


def sm_transition(masses_eV: Sequence[float], pmns: str = "standard") -> dict:
    """Standard-Model Dirac transition moments μ_ij and diagonal moments μ_ii (μB) for neutrino
    masses m1, m2, m3 (eV), as ``nmmfit model sm-transition --json``; ``pmns``: "standard" (the
    solar angles of the recoil spectrum's P_ee) or "nufit51"."""
    return call("model_sm_transition", masses_eV=[float(m) for m in masses_eV], pmns=pmns)


def lr_mixing(lepton: str = "e", *, sin2xi: float | None = None, mu_nu_muB: float | None = None,
              mw2_GeV: float | None = None, mass_eV: float = 0.0) -> dict:
    """Left–right-symmetric moment μν (μB) from W_L–W_R mixing sin 2ξ (dimensionless), or — with
    ``mu_nu_muB`` — the sin 2ξ that gives it, as ``nmmfit model lr-mixing --json``. ``mw2_GeV``:
    the heavier W (GeV; None: infinitely heavy); ``mass_eV``: the neutrino mass (eV)."""
    return call("model_lr_mixing", lepton=lepton, sin2xi=sin2xi, mu_nu_muB=mu_nu_muB, mw2_GeV=mw2_GeV, mass_eV=mass_eV)


def g2_data() -> pd.DataFrame:
    """The measured Δa_μ = a_μ(exp) − a_μ(SM) values (units of 1e-11) the g−2 calculators can
    compare with, with sources, as ``nmmfit model g2-data --json``."""
    return pd.DataFrame(call("model_g2_data")["measurements"])


def _g2(g2: str | Sequence[str] | None, delta_amu_1e11: float | None, delta_amu_sigma_1e11: float | None) -> dict:
    return {"g2": [g2] if isinstance(g2, str) else (list(g2) if g2 is not None else None),
            "delta_amu_1e11": delta_amu_1e11, "delta_amu_sigma_1e11": delta_amu_sigma_1e11}


def g2_scalar(mass_GeV: float, y_left: float, y_right: float, lepton: str = "tau", *, g2: str | Sequence[str] | None = None,
              delta_amu_1e11: float | None = None, delta_amu_sigma_1e11: float | None = None) -> dict:
    """One-loop Δa_μ (units of 1e-11 in the ``_1e11`` keys) of a neutral scalar of mass
    ``mass_GeV`` (GeV) coupling μ to ``lepton`` with y_L, y_R, compared with measured Δa_μ
    (``g2`` ids or "all", or a user value ± σ in units of 1e-11), as ``nmmfit model g2-scalar --json``."""
    return call("model_g2_scalar", mass_GeV=mass_GeV, y_left=y_left, y_right=y_right, lepton=lepton,
                **_g2(g2, delta_amu_1e11, delta_amu_sigma_1e11))


def g2_horizontal(m_neutral_GeV: float, m_H_plus_GeV: float, ffprime: float, *, sin2alpha: float = 1.0,
                  splitting_GeV: float = 0.0, kappa: float = 1.0, pseudoscalar_GeV: float | None = None,
                  g2: str | Sequence[str] | None = None, delta_amu_1e11: float | None = None,
                  delta_amu_sigma_1e11: float | None = None) -> dict:
    """SU(2)_H: Δa_μ from the neutral scalar (mass ``m_neutral_GeV``, GeV) and μν (μB) from its
    charged partner for one |f f′|, as ``nmmfit model g2-horizontal --json`` (the μν–g−2 link is
    an assumption, unverified against arXiv:2104.03291)."""
    return call("model_g2_horizontal", m_neutral_GeV=m_neutral_GeV, m_H_plus_GeV=m_H_plus_GeV, ffprime=ffprime,
                sin2alpha=sin2alpha, splitting_GeV=splitting_GeV, kappa=kappa, pseudoscalar_GeV=pseudoscalar_GeV,
                **_g2(g2, delta_amu_1e11, delta_amu_sigma_1e11))


def joint(fits: str | Sequence[str] | None = None, mu_ranges: Sequence[Sequence[float]] | None = None, *,
          m0_min_GeV: float = 50.0, m0_max_GeV: float = 800.0, steps: int = 40, m_H_plus_GeV: float = 1000.0,
          sin2alpha: float = 1.0, splitting_GeV: float = 0.0, kappa: float = 1.0, pseudoscalar_GeV: float | None = None,
          loop: str = "exact", g2: str | Sequence[str] | None = None, profile: str | None = None, cl: float = 0.9,
          delta_amu_1e11: float | None = None, delta_amu_sigma_1e11: float | None = None) -> tuple[pd.DataFrame, dict]:
    """SU(2)_H joint view, as ``nmmfit model joint --json``: over neutral-scalar masses m_H0
    (GeV, log grid of ``steps``) the |f f′| ranges where |μ_eμ| lies in each μν band (element-fit
    files ``fits``, or ``mu_ranges`` [lower, upper] in μB) and Δa_μ agrees with g−2 at 2σ.
    Returns the rows as a DataFrame and the whole answer (with ``mass_side``, ``naturalness``,
    ``collider`` as the CLI's, and ``figure``: the data of ``model joint --svg``'s figure, drawn
    by :func:`nmmfit.plotting.plot_horizontal_joint`)."""
    r = call("model_joint", fits=[fits] if isinstance(fits, str) else (list(fits) if fits is not None else None),
             mu_ranges=None if mu_ranges is None else [[float(a), float(b)] for a, b in mu_ranges],
             m0_min_GeV=m0_min_GeV, m0_max_GeV=m0_max_GeV, steps=steps, m_H_plus_GeV=m_H_plus_GeV, sin2alpha=sin2alpha,
             splitting_GeV=splitting_GeV, kappa=kappa, pseudoscalar_GeV=pseudoscalar_GeV, loop=loop, profile=profile, cl=cl,
             **_g2(g2, delta_amu_1e11, delta_amu_sigma_1e11))
    return pd.DataFrame(r["rows"]), r


def solar_fluxes() -> pd.DataFrame:
    """The solar-ν fluxes (cm⁻² s⁻¹) the recoil spectrum uses, per source and Standard Solar
    Model, with how each was checked, as ``nmmfit model solar-fluxes --json``."""
    r = call("model_solar_fluxes")
    df = pd.DataFrame(r["rows"])
    df.attrs.update({k: v for k, v in r.items() if k != "rows"})
    return df


def effective(moments: str, *, pmns: str = "standard", recoil_keV: float | None = None, element: str | None = None,
              mu_lo_muB: float | None = None, mu_hi_muB: float | None = None, emin_keV: float | None = None,
              emax_keV: float | None = None, atomic: str | None = None, solar_model: str | None = None,
              sources: str | Sequence[str] | None = None, constant_pee: float | None = None) -> dict:
    """Effective μν (μB) of a moment matrix (JSON file, elements in 1e-11 μB) for each solar
    source at the detector, as ``nmmfit model effective --json``; with ``element`` and
    ``mu_hi_muB`` the fitted universal interval [mu_lo, mu_hi] (μB) turned into an interval on
    that element over the recoil window ``emin_keV``…``emax_keV`` (keV)."""
    if isinstance(sources, str):
        sources = [s.strip() for s in sources.split(",") if s.strip()]
    return call("model_effective", moments=moments, pmns=pmns, recoil_keV=recoil_keV, element=element, mu_lo_muB=mu_lo_muB,
                mu_hi_muB=mu_hi_muB, emin_keV=emin_keV, emax_keV=emax_keV, atomic=atomic, solar_model=solar_model,
                sources=sources, constant_pee=constant_pee)
