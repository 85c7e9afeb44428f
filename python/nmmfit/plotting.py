"""matplotlib versions of nmmfit's figures, drawn from the figure data the tool writes beside
each SVG (``NAME.data.json``: axes with units, curves, bands, points, bars — format
``nmmfit_figure: 1``), or that the engine returns in process (:meth:`nmmfit.Model.figure_data`,
``SensitivityResult.figure``, ``SpectrumResult.figure``).

Every function returns ``(fig, axes)``: ordinary matplotlib objects, to restyle as any figure
(colours, fonts, limits, legends), e.g.::

    from nmmfit import plotting
    fig, (ax,) = plotting.plot_scan("report/profile_scan.data.json")
    ax.set_xlim(0, 4); fig.savefig("scan.pdf")

Functions: :func:`plot_figure` (any figure), and by name :func:`plot_spectrum`,
:func:`plot_scan`, :func:`plot_limits`, :func:`plot_sensitivity`, :func:`plot_recoil`,
:func:`plot_horizontal_region`, :func:`plot_horizontal_joint`; and :func:`plot_window_study`
for the window-stability study of ``data/tools/window_study.py`` (its ``--json`` rows).
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np

_DASH = {"solid": "-", "dashed": "--", "dotted": ":", "dash_dot": "-."}


def load(data: str | Path | dict) -> dict:
    """A figure's data: a dict as is, or read from a ``.data.json`` file (an ``.svg`` path is
    read from the ``.data.json`` beside it)."""
    if isinstance(data, dict):
        return data
    p = Path(data)
    if p.suffix.lower() == ".svg":
        p = p.with_suffix(".data.json")
    with open(p, encoding="utf-8") as f:
        d = json.load(f)
    if d.get("nmmfit_figure") != 1:
        raise ValueError(f"{p}: not an nmmfit figure data file (nmmfit_figure: 1)")
    return d


def _arr(v: Any) -> np.ndarray:
    return np.asarray([np.nan if x is None else x for x in (v or [])], dtype=float)


def _ls(dash: str | None) -> Any:
    if dash is None:
        return "-"
    if dash in _DASH:
        return _DASH[dash]
    try:
        return (0, tuple(float(x) for x in dash.split(",")))
    except ValueError:
        return "-"


def _legend_handle(item: dict):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if item["kind"] == "line":
        return Line2D([], [], color=item["color"], lw=item.get("width") or 1, ls=_ls(item.get("dash")), label=item["label"])
    if item["kind"] == "marker":
        return Line2D([], [], color=item["color"], marker="o", ls="none", label=item["label"])
    return Patch(facecolor=item["color"], alpha=item.get("opacity") or 1, label=item["label"])


def _draw_bars(ax, e: dict, xaxis: dict, px: float = 1.0) -> None:
    rows = _arr(e["columns"]["row"])
    lower, upper, best = (_arr(e["columns"][k]) for k in ("lower", "upper", "best"))
    kinds, colors = e["text"]["kind"], e["text"]["color"]
    left = xaxis["lower"]
    for y in _arr(e["columns"].get("separator_y")):
        ax.axhline(y, color="#7f7f7f", lw=0.8 * px)
    lw = e.get("width") or 7 * px
    for i, y in enumerate(rows):
        c = colors[i]
        if kinds[i] == "interval":
            ax.hlines(y, lower[i], upper[i], color=c, lw=lw)
            if not math.isnan(best[i]):
                ax.plot([best[i]], [y], marker="|", color="black", ms=lw * 1.8, mew=1.5 * px)
        else:  # an upper limit: a line from the axis edge (μν → 0) to a cap at the limit
            ax.annotate("", xy=(left, y), xytext=(upper[i], y),
                        arrowprops=dict(arrowstyle="-|>", color=c, lw=1.6 * px, shrinkA=0, shrinkB=0))
            ax.plot([upper[i], upper[i]], [y - 0.25, y + 0.25], color=c, lw=2 * px)


def _draw_element(ax, e: dict, panel: dict, px: float = 1.0) -> None:
    """Draws one element; ``px`` is the size of one SVG px in pt (line widths, markers)."""
    kind, c = e["kind"], e.get("color")
    e = dict(e)
    if e.get("width") is not None:
        e["width"] = e["width"] * px
    col = e.get("columns", {})
    label = e.get("label")
    if kind == "line":
        x, y = _arr(col.get("x")), _arr(col.get("y"))
        if e.get("style") == "steps" and len(x) == len(y) + 1:
            ax.stairs(y, x, color=c, lw=e.get("width") or 1, ls=_ls(e.get("dash")), label=label, baseline=None)
        else:
            ax.plot(x, y, color=c, lw=e.get("width") or 1, ls=_ls(e.get("dash")), label=label)
    elif kind == "band":
        x, lo, hi = _arr(col.get("x")), _arr(col.get("lower")), _arr(col.get("upper"))
        alpha = e.get("opacity")
        outline = e.get("width")
        face = "none" if alpha == 0 else c
        if e.get("style") == "steps" and len(x) == len(lo) + 1:
            ax.stairs(hi, x, baseline=lo, fill=True, color=c, alpha=alpha, label=label, lw=0)
        else:
            ax.fill_between(x, lo, hi, facecolor=face, alpha=None if alpha == 0 else alpha, label=label,
                            edgecolor=c if outline else "none", lw=outline or 0)
    elif kind == "points":
        x, y = _arr(col.get("x")), _arr(col.get("y"))
        yerr = None
        if "error_low" in col or "error_high" in col:
            yerr = [_arr(col.get("error_low", col.get("error_high"))), _arr(col.get("error_high", col.get("error_low")))]
        xerr = _arr(col["x_error"]) if "x_error" in col else None
        ax.errorbar(x, y, yerr=yerr, xerr=xerr, fmt="o", color=c, ms=(e.get("width") or 3 * px) * 2, lw=1.2 * px,
                    capsize=0, label=label)
    elif kind == "stacked_histogram":
        edges = _arr(col["edges"])
        base = np.zeros(len(edges) - 1)
        for comp in e.get("components", []):
            v = np.nan_to_num(_arr(comp["values"]))
            ax.stairs(base + v, edges, baseline=base.copy(), fill=True, color=comp["color"], alpha=e.get("opacity") or 1,
                      label=comp["label"])
            base = base + v
        if e.get("style") == "with_total":
            ax.stairs(base, edges, color="black", lw=px)
    elif kind == "hline":
        y = _arr(col["y"])[0]
        ax.axhline(y, color=c, ls=_ls(e.get("dash")), lw=e.get("width") or 1)
        if label:
            ax.annotate(label, xy=(1, y), xycoords=("axes fraction", "data"), xytext=(-3, 2), textcoords="offset points",
                        ha="right", va="bottom", color=c, fontsize="small")
    elif kind == "vline":
        x = _arr(col["x"])[0]
        ax.axvline(x, color=c, ls=_ls(e.get("dash")), lw=e.get("width") or 1)
        if label:
            ax.annotate(label, xy=(x, 1), xycoords=("data", "axes fraction"), xytext=(2, -10), textcoords="offset points",
                        color=c, fontsize="small")
    elif kind == "bars":
        _draw_bars(ax, e, panel["x"], px)


def _log_tick_label(v: float, plain: bool) -> str:
    """A log-axis tick label as the SVG writes it: a plain decimal when every label lies in
    [10⁻³, 10⁴], else 10ᵉ or m×10ᵉ."""
    e = math.floor(math.log10(v) + 1e-9)
    m = round(v / 10 ** e, 6)
    if plain:
        return f"{v:.{max(0, -e)}f}" if m == int(m) else f"{v:g}"
    return f"$10^{{{e}}}$" if m == 1 else f"{m:g}$\\times10^{{{e}}}$"


def _log_ticks(ax, which: str, lo: float, hi: float) -> None:
    """Log-axis ticks as the SVG's (``Plot.Scale.ticks``): 1-2-5 multiples with 3…9 minor ticks
    when the range spans less than two decades, else decades; labels by :func:`_log_tick_label`."""
    from matplotlib.ticker import FixedLocator, FixedFormatter, NullFormatter

    if not (lo > 0 and hi > lo):
        return
    a, b = math.log10(lo), math.log10(hi)
    k0, k1 = math.ceil(a - 1e-9), math.floor(b + 1e-9)

    def inside(v: float) -> bool:
        return lo * (1 - 1e-9) <= v <= hi * (1 + 1e-9)

    def multiples(ks: range, ms: tuple) -> list:
        return [m * 10.0 ** k for k in ks for m in ms if inside(m * 10.0 ** k)]

    if b - a < 2:
        major = multiples(range(k0 - 1, k1 + 2), (1, 2, 5))
        if len(major) < 3:
            return
        minor = multiples(range(k0 - 1, k1 + 1), (3, 4, 6, 7, 8, 9))
    else:
        every = max(1, math.ceil((k1 - k0) / 6))  # at most about six labelled decades
        first = math.ceil(k0 / every) * every
        major = [10.0 ** k for k in range(first, k1 + 1, every)]
        minor = (multiples(range(k0 - 1, k1 + 1), (2, 3, 4, 5, 6, 7, 8, 9)) if every == 1
                 else [v for v in multiples(range(first - every, k1 + every + 1), (1,)) if v not in major])
    plain = all(1e-3 * (1 - 1e-9) <= v <= 1e4 * (1 + 1e-9) for v in major)
    axis = ax.xaxis if which == "x" else ax.yaxis
    axis.set_major_locator(FixedLocator(major))
    axis.set_major_formatter(FixedFormatter([_log_tick_label(v, plain) for v in major]))
    axis.set_minor_locator(FixedLocator(minor))
    axis.set_minor_formatter(NullFormatter())


def _legend_columns(handles: list, labels: list, width_pt: float, fontsize: float) -> int:
    """Columns of a legend above a plot area ``width_pt`` wide, as the SVG lays it out
    (``Plot.Legend.aboveLayout``): as many as the widest entry allows."""
    widest = max((len(str(l)) for l in labels), default=0) * 0.55 * fontsize + 2.5 * fontsize
    return max(1, min(len(handles), int(width_pt // max(widest, 1))))


def _axis(ax, a: dict, which: str) -> None:
    set_scale, set_lim, set_label = ((ax.set_xscale, ax.set_xlim, ax.set_xlabel) if which == "x"
                                     else (ax.set_yscale, ax.set_ylim, ax.set_ylabel))
    set_scale("log" if a.get("scale") == "log10" else "linear")
    set_lim(a["lower"], a["upper"])
    if a.get("label"):
        set_label(a["label"])
    if a.get("grid"):
        ax.grid(True, axis=which, which="major", color="#dddddd", lw=0.6)
    if a.get("scale") == "log10" and a.get("ticks") is None:
        _log_ticks(ax, which, a["lower"], a["upper"])
    if a.get("ticks") is not None:
        from matplotlib.ticker import NullLocator

        (ax.set_xticks if which == "x" else ax.set_yticks)(a["ticks"], a.get("tick_labels") or [])
        (ax.xaxis if which == "x" else ax.yaxis).set_minor_locator(NullLocator())
        if a.get("opposite_labels"):
            twin = ax.secondary_yaxis("right") if which == "y" else ax.secondary_xaxis("top")
            (twin.set_yticks if which == "y" else twin.set_xticks)(a["ticks"], a["opposite_labels"])
            twin.tick_params(labelsize="small", length=0)


def plot_figure(data: str | Path | dict, fig=None, *, fontsize: float | None = None):
    """Draws any nmmfit figure from its data (a dict or a ``.data.json``/``.svg`` path) with matplotlib.

    The size follows the SVG's printed width (one journal column, 3.4 in, or a page, 7 in) and
    its aspect ratio; text defaults to the SVG's size in print (``fontsize`` in pt to change it).
    Returns ``(fig, axes)`` with one axes per panel, top first.
    """
    import matplotlib.pyplot as plt

    d = load(data)
    width_in = d.get("print_width_inches") or d["width_px"] / 100
    px = width_in * 72 / d["width_px"]  # pt per SVG px
    if fontsize is None:
        fontsize = max(6.0, 12.5 * px)
    panels = d["panels"]
    style = {"font.size": fontsize, "legend.fontsize": fontsize * 0.88, "axes.titlesize": fontsize, "axes.labelsize": fontsize,
             "xtick.direction": "in", "ytick.direction": "in", "xtick.top": True, "ytick.right": True,
             "xtick.minor.visible": True, "ytick.minor.visible": True, "legend.frameon": True, "legend.framealpha": 0.9,
             "axes.linewidth": 0.8, "lines.linewidth": 1.2 * px}
    with plt.rc_context(style):
        if fig is None:
            fig = plt.figure(figsize=(width_in, width_in * d["height_px"] / d["width_px"]), layout="constrained")
        axes = fig.subplots(len(panels), 1, sharex=d.get("shares_x", True) and len(panels) > 1, squeeze=False,
                            gridspec_kw={"height_ratios": [p.get("relative_height", 1) for p in panels]})[:, 0]
        shared = d.get("shares_x", True) and len(panels) > 1
        for i, (ax, p) in enumerate(zip(axes, panels)):
            for k, e in enumerate(p["elements"]):
                n0 = len(ax.get_children())
                _draw_element(ax, e, p, px)
                for a in ax.get_children()[n0:]:  # drawing order as in the SVG: later elements on top
                    a.set_zorder(1 + 0.01 * k)
            _axis(ax, p["x"], "x")
            if shared and i < len(panels) - 1:
                ax.set_xlabel("")  # stacked panels: the x title on the bottom one only
            _axis(ax, p["y"], "y")
            placed = p.get("legend_placed") or ("hidden" if p.get("legend") == "hidden" else "best")
            handles = []
            if placed != "hidden":
                handles = ax.get_legend_handles_labels()[0] + [_legend_handle(it) for it in p.get("legend_extra", [])]
            if handles and placed == "above":
                # as in the SVG: the legend above the plot area (of every panel that has it there),
                # under the title; as many columns as the widest entry allows
                title = p.get("title")
                if title and i == 0 and not d.get("title"):
                    fig.suptitle(title, fontweight="bold", fontsize=fontsize)
                elif title:
                    ax.set_title(title, loc="left", fontweight="bold", fontsize=fontsize)
                labels = [h.get_label() for h in handles]
                ncols = _legend_columns(handles, labels, width_in * 72 * 0.85, fontsize * 0.88)
                ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.01), borderaxespad=0,
                          ncols=ncols, frameon=False)
            else:
                if p.get("title"):
                    ax.set_title(p["title"], loc="left", fontweight="bold", fontsize=fontsize)
                if handles:
                    ax.legend(handles=handles, loc="best" if placed == "above" else placed)
        if d.get("title"):
            fig.suptitle(d["title"], fontweight="bold")
        if d.get("footnote"):
            fig.supxlabel(d["footnote"], fontsize=fontsize * 0.8, ha="left", x=0.01, color="#333333")
    return fig, list(axes)


def plot_spectrum(data: str | Path | dict, fig=None, **kw):
    """The binned spectrum of one dataset (``spectrum_<dataset>.data.json``): data with Poisson error
    bars, stacked fitted backgrounds, the μν signal and totals (events per bin vs reconstructed
    energy in keV), and the residual panel (data − fit)/σ."""
    return plot_figure(data, fig, **kw)


def plot_scan(data: str | Path | dict, fig=None, **kw):
    """The profile likelihood −2Δ ln L(μν) (μν in 10⁻¹¹ μB; ``profile_scan.data.json`` or
    ``nmmfit scan --plot F.svg``'s ``F.data.json``) with the interval and its threshold curve."""
    return plot_figure(data, fig, **kw)


def plot_limits(data: str | Path | dict, fig=None, **kw):
    """This result beside published μν limits (``limits_comparison.data.json``; μν in μB, log axis):
    intervals as bars, upper limits as arrows from the axis edge to a cap."""
    return plot_figure(data, fig, **kw)


def plot_sensitivity(data: str | Path | dict, fig=None, **kw):
    """The expected-limit band ("Brazil" plot; ``nmmfit sensitivity --plot``, or
    ``SensitivityResult.figure``): ±1σ/±2σ, medians and the observed limit (10⁻¹¹ μB)."""
    return plot_figure(data, fig, **kw)


def plot_recoil(data: str | Path | dict, fig=None, **kw):
    """dR/dT per solar source (``nmmfit spectrum --plot``, or ``SpectrumResult.figure``):
    events/(t·y·keV) vs true recoil energy (keV), magnetic solid and weak dashed."""
    return plot_figure(data, fig, **kw)


def plot_horizontal_region(data: str | Path | dict, fig=None, **kw):
    """The SU(2)_H region in |f f′| vs m_H⁺ (GeV) (``nmmfit model horizontal-region --svg``)."""
    return plot_figure(data, fig, **kw)


def plot_horizontal_joint(data: str | Path | dict, fig=None, **kw):
    """The SU(2)_H joint view of |μ_eμ| bands and muon g−2 (``nmmfit model joint --svg``)."""
    return plot_figure(data, fig, **kw)


def plot_window_study(rows: str | Path | list, fig=None):
    """The window-stability figure of ``data/tools/window_study.py`` (``docs/window_study.svg``)
    from its rows (the list that ``--json FILE`` writes, or that file): for each dataset the
    90 % CL upper limit (solid, filled markers) and the expected limit (dashed) in 10⁻¹¹ μB
    against the upper edge of the window (keV) with lower edge 1 keV; windows from 2 and 3 keV
    as open circles and squares, drawn 0.7 keV per keV of lower edge to the right, as in the SVG.
    Returns ``(fig, [ax])``."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if not isinstance(rows, list):
        with open(rows, encoding="utf-8") as f:
            rows = json.load(f)
    colors = {"xenon1t_sr1": "#1f77b4", "xenonnt_sr0": "#d62728", "lz_ws2022": "#2ca02c", "lz_ws2024": "#9467bd",
              "pandax4t_run1": "#ff7f0e"}
    if fig is None:
        fig = plt.figure(figsize=(7, 4.3), layout="constrained")
    ax = fig.subplots()
    handles = []
    for d in dict.fromkeys(r["dataset"] for r in rows):
        c = colors.get(d)
        rs = [r for r in rows if r["dataset"] == d]
        main = sorted((r for r in rs if r["lo_keV"] == 1), key=lambda r: r["hi_keV"])
        x = [r["hi_keV"] for r in main]
        (line,) = ax.plot(x, [r["interval_1e-11_muB"][1] for r in main], "-o", color=c, ms=4, lw=2, label=d)
        ax.plot(x, [r["expected_1e-11_muB"] for r in main], "--", color=line.get_color(), lw=2)
        for lo, marker in ((2, "o"), (3, "s")):
            o = [r for r in rs if r["lo_keV"] == lo]
            ax.plot([r["hi_keV"] + 0.7 * (lo - 1) for r in o], [r["interval_1e-11_muB"][1] for r in o], marker, ls="none",
                    mfc="white", mec=line.get_color(), mew=1.5, ms=7)
        handles.append(line)
    handles += [Line2D([], [], color="k", lw=2, label="limit"), Line2D([], [], color="k", lw=2, ls="--", label="expected"),
                Line2D([], [], marker="o", ls="none", mfc="white", mec="k", label="limit, from 2 keV"),
                Line2D([], [], marker="s", ls="none", mfc="white", mec="k", label="limit, from 3 keV")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_xlim(0, max(r["hi_keV"] for r in rows) + 2)
    ax.set_ylim(0, None)
    ax.grid(True, color="#eeeeee")
    ax.set_xlabel("upper edge of the window [keV] (filled: lower edge 1 keV; ○ 2 keV, □ 3 keV)")
    ax.set_ylabel("μν [10⁻¹¹ μB]")
    ax.set_title("90 % CL upper limit on μν against the analysis window", loc="left")
    ax.text(1, 1.01, "XENON1T: upper end of its interval", transform=ax.transAxes, ha="right", va="bottom", fontsize="small")
    return fig, [ax]
