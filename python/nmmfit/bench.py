"""Benchmarks of the in-process engine against the command-line tool, side by side.

    python -m nmmfit.bench [--toys 4000] [--threads N] [--points 100] [--dataset NAME ...] [--cli PATH] [--json]

1. Toys/s: ``Model.toys(N)`` from Python against ``nmmfit toys -n N`` (the same model, seed,
   statistic and threads), for each model asked for with ``--dataset`` (repeat it; a model of
   several datasets is ``--dataset a+b`` or ``--dataset all``, the combination of every shipped
   dataset; default: XENON1T SR1 and ``all``). The CLI's rate is given both from its whole wall time and with its
   start-up (process start, data load, model build, best fit: a 1-toy run) subtracted; the
   Python rate counts only the toys, its model having been built once before.
2. A 100-point profile-likelihood scan in a Python loop (``Model.t(μν)`` per point, the model
   built once) against 100 CLI calls (``nmmfit scan --min μ --max μ' --points 2`` per point,
   each a process start, a data load and a model build).

Wall-clock times on this machine; run with the release library and CLI (``make python``).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

import nmmfit


def _cli_default() -> str:
    root = Path(__file__).resolve().parents[2]
    return str(root / ".build" / "release" / "nmmfit")


def _run(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _datasets(model: str | None) -> list[str] | None:
    """``"a+b"`` → ``["a", "b"]``; None: the CLI's default dataset."""
    return None if model is None else [d for d in model.split("+") if d]


def bench_toys(cli: str, n: int, threads: int, seed: int = 1, model: str | None = None) -> dict:
    """Toys/s of ``nmmfit toys`` and of ``Model.toys`` on the model of ``model`` (datasets
    joined by "+", or "all"; None: the default, XENON1T SR1)."""
    names = _datasets(model)
    data = [a for d in names or [] for a in ("--dataset", d)]
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "t.jsonl")
        base = [cli, "toys", *data, "--seed", str(seed), "--threads", str(threads), "--quiet", "--force", "-o", out]
        startup = min(_run(base + ["-n", "1"]) for _ in range(3))
        wall = _run(base + ["-n", str(n)])
    t0 = time.perf_counter()
    m = nmmfit.Model(names)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    r = m.toys(n, seed=seed, threads=threads)
    py = time.perf_counter() - t0
    m.close()
    cli_rate = n / wall
    cli_rate_net = n / max(wall - startup, 1e-9)
    py_rate = n / py
    return {
        "model": model or "xenon1t_sr1", "channels": len(r.header.get("model", "").split("+")), "toys": n, "threads": threads,
        "cli_wall_s": wall, "cli_startup_s": startup, "cli_toys_per_s": cli_rate, "cli_toys_per_s_without_startup": cli_rate_net,
        "python_model_build_s": build, "python_toys_s": py, "python_toys_per_s": py_rate,
        "python_toys_per_s_engine_timer": r.toys_per_second,
        "ratio_python_to_cli": py_rate / cli_rate, "ratio_python_to_cli_without_startup": py_rate / cli_rate_net,
    }


def bench_scan(cli: str, points: int) -> dict:
    grid = np.linspace(0.05e-11, 4e-11, points)
    t0 = time.perf_counter()
    m = nmmfit.Model()
    values = [m.t(mu) for mu in grid]
    py = time.perf_counter() - t0
    m.close()
    t0 = time.perf_counter()
    cli_values = []
    for mu in grid:
        out = subprocess.run([cli, "scan", "--min", repr(float(mu)), "--max", repr(float(mu) * (1 + 1e-9)), "--points", "2",
                              "--json", "--quiet"], check=True, capture_output=True, text=True)
        cli_values.append(json.loads(out.stdout)["points"][0]["minus_two_delta_lnL"])
    cli_s = time.perf_counter() - t0
    diff = float(np.max(np.abs(np.asarray(values) - np.asarray(cli_values))))
    return {"points": points, "python_loop_s": py, "cli_calls_s": cli_s, "speedup": cli_s / py,
            "max_abs_difference_minus_two_delta_lnL": diff}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--toys", type=int, default=4000, help="toys per run (default 4000)")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="threads for the toys (default: all cores)")
    ap.add_argument("--points", type=int, default=100, help="scan points (default 100)")
    ap.add_argument("--dataset", action="append", dest="models", metavar="NAME",
                    help="a model for the toys benchmark: a dataset, datasets joined by '+', or 'all'; repeat for "
                         "several (default: xenon1t_sr1 and all)")
    ap.add_argument("--cli", default=_cli_default(), help="the nmmfit executable (default .build/release/nmmfit)")
    ap.add_argument("--json", action="store_true", help="print JSON")
    a = ap.parse_args(argv)
    if not Path(a.cli).is_file():
        ap.error(f"no nmmfit executable at {a.cli}; build it (swift build -c release) or pass --cli")
    res = {"library": str(nmmfit.library_path()), "engine": nmmfit.version(),
           "toys_by_model": [bench_toys(a.cli, a.toys, a.threads, model=m) for m in a.models or ["xenon1t_sr1", "all"]],
           "scan": bench_scan(a.cli, a.points)}
    res["toys"] = res["toys_by_model"][0]  # the first model's, under the key of earlier versions
    if a.json:
        print(json.dumps(res, indent=2))
        return 0
    s = res["scan"]
    print(f"library: {res['library']}")
    for t in res["toys_by_model"]:
        print(f"toys ({t['model']}, {t['channels']} channel(s), q0, {t['toys']} toys, {t['threads']} threads):")
        print(f"  CLI `nmmfit toys`:  {t['cli_toys_per_s']:.0f} toys/s  ({t['cli_wall_s']:.2f} s wall; "
              f"{t['cli_toys_per_s_without_startup']:.0f} toys/s without its {t['cli_startup_s']:.2f} s start-up)")
        print(f"  Python Model.toys:  {t['python_toys_per_s']:.0f} toys/s  ({t['python_toys_s']:.2f} s; model built once in "
              f"{t['python_model_build_s']:.2f} s)")
        print(f"  ratio Python/CLI:   {t['ratio_python_to_cli']:.2f} (whole CLI run), "
              f"{t['ratio_python_to_cli_without_startup']:.2f} (CLI without start-up)")
    print(f"scan ({s['points']} points of −2ΔlnL(μν)):")
    print(f"  Python loop on one Model: {s['python_loop_s']:.2f} s")
    print(f"  {s['points']} CLI calls:            {s['cli_calls_s']:.2f} s")
    print(f"  speed-up: {s['speedup']:.1f}×   (largest difference of the values: {s['max_abs_difference_minus_two_delta_lnL']:.2g})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
