"""Model calculators (as ``nmmfit model ...``), computed by the engine in process."""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from ._engine import call


def sm_dirac(mass_eV: float) -> float:
    """The Standard-Model Dirac magnetic moment (μB) of a neutrino of mass ``mass_eV`` (eV)."""
    return float(call("model_sm_dirac", mass_eV=mass_eV)["mu_nu_muB"])


def mass_moment(mu_nu_muB: float, scale_GeV: float) -> float:
    """The neutrino mass (eV) the naive relation gives for a moment μν (μB) generated at the
    scale Λ (GeV), as ``nmmfit model mass-moment``."""
    return float(call("model_mass_moment", mu_nu_muB=mu_nu_muB, scale_GeV=scale_GeV)["mass_eV"])


def horizontal(m_h_plus_GeV: float, m_H_plus_GeV: float, sin2alpha: float, mu_nu_muB: float | None = None,
               loop: str = "exact") -> dict:
    """SU(2)_H (Babu, Jana & Lindner): the transition moment per unit |f f′| (``mu_per_ffprime_muB``,
    μB) for charged-scalar masses m_h⁺, m_H⁺ (GeV) and mixing sin 2α; with ``mu_nu_muB`` also the
    |f f′| that gives it (``ffprime_required``)."""
    return call("model_horizontal", m_h_plus_GeV=m_h_plus_GeV, m_H_plus_GeV=m_H_plus_GeV, sin2alpha=sin2alpha,
                mu_nu_muB=mu_nu_muB, loop=loop)


def horizontal_region(mu_lower_muB: float, mu_upper_muB: float, sin2alpha: float, m_h_plus_GeV: Sequence[float],
                      m_H_plus_GeV: Sequence[float], steps: int = 40, loop: str = "exact") -> tuple[pd.DataFrame, dict]:
    """The SU(2)_H region: for a grid of m_h⁺ and m_H⁺ (GeV ranges [low, high]) the |f f′| range that
    puts |μν| in [mu_lower, mu_upper] (μB). Returns the table and the figure's data
    (draw it with :func:`nmmfit.plotting.plot_figure`)."""
    r = call("model_horizontal_region", mu_lower_muB=mu_lower_muB, mu_upper_muB=mu_upper_muB, sin2alpha=sin2alpha,
             m_h_plus_GeV=list(m_h_plus_GeV), m_H_plus_GeV=list(m_H_plus_GeV), steps=steps, loop=loop)
    return pd.DataFrame(r["rows"]), r["figure"]
