#!/usr/bin/env python3
"""An nmmfit toy study through Parsl (https://parsl-project.org): the same shards as `nmmfit batch`,
one Parsl bash app per shard, retried by Parsl when it fails (a retried shard resumes its toys
file), on any mix of sites Parsl reaches (Slurm, HTCondor, PBS, Kubernetes, cloud, this machine),
then `nmmfit merge`: the merged file equals a single `nmmfit toys` run byte for byte.

    python3 scripts/parsl_toys.py --nmmfit PATH -n N --nshards K --seed S --outdir DIR --name NAME \
        [--retries R] [--config local|FILE.py] -- <nmmfit toys options, e.g. --mu 2e-11 --statistic t>

--config local (default) runs the shards on this machine (ThreadPoolExecutor, one per core);
--config FILE.py loads a Parsl `config` from FILE.py (docs/parsl-sites.py: two Slurm clusters and an
HTCondor pool; Parsl spreads the shards over every executor). Every site must see the executable,
nmmfit's data (NMMFIT_DATA) and --outdir at the same paths (a shared or synchronised filesystem).
Exits 0 when merged; otherwise names the shards that failed after their retries.
"""
import argparse
import importlib.util
import os
import shlex
import subprocess
import sys

import parsl
from parsl.app.app import bash_app
from parsl.config import Config
from parsl.executors.threads import ThreadPoolExecutor


def load_config(spec, retries, run_dir):
    if spec == "local":
        return Config(executors=[ThreadPoolExecutor(max_threads=os.cpu_count() or 1, label="local")],
                      retries=retries, run_dir=run_dir)
    loader = importlib.util.spec_from_file_location("parsl_sites", spec)
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    config = module.config
    config.retries = retries
    config.run_dir = run_dir
    return config


@bash_app
def shard(command, stdout=None, stderr=None):
    return command


def main():
    argv = sys.argv[1:]
    toys = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nmmfit", required=True, help="path of the nmmfit executable (the same on every site)")
    ap.add_argument("-n", type=int, required=True, help="toys in the whole study")
    ap.add_argument("--nshards", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--outdir", required=True)
    ap.add_argument("--name", default="toys")
    ap.add_argument("--retries", type=int, default=2, help="Parsl retries per shard (each resumes the shard's file)")
    ap.add_argument("--config", default="local", help="'local' or a Python file defining a Parsl `config`")
    a = ap.parse_args(argv)
    exe = os.path.abspath(a.nmmfit)
    outdir = os.path.abspath(a.outdir)
    os.makedirs(outdir, exist_ok=True)
    # the toys options are checked once here, by nmmfit's own parser and model, before any site runs them
    check = subprocess.run([exe, "batch", "--system", "slurm", "-n", str(a.n), "--nshards", str(a.nshards), "--seed", str(a.seed),
                            "--outdir", outdir, "--name", a.name, "--no-calibration", "--dry-run", "--", *toys],
                           capture_output=True, text=True)
    if check.returncode != 0:
        sys.exit(f"parsl_toys: {check.stderr.strip()}")
    data = os.environ.get("NMMFIT_DATA")
    parsl.load(load_config(a.config, a.retries, os.path.join(outdir, f"{a.name}.parsl-runinfo")))
    futures = {}
    for i in range(a.nshards):
        out = os.path.join(outdir, f"{a.name}-shard-{i}.jsonl")
        cmd = [exe, "toys", "-n", str(a.n), "--nshards", str(a.nshards), "--shard", str(i), "--seed", str(a.seed),
               "--threads", "1", *toys, "-o", out]
        env = f"NMMFIT_JOB_ID=parsl-{a.name}-{i}" + (f" NMMFIT_DATA={shlex.quote(data)}" if data else "")
        # each attempt appends to the shard's log, so the record of a failed attempt is kept
        futures[i] = shard(f"{env} {shlex.join(cmd)}", stdout=(out[:-6] + ".parsl.log", "a"), stderr=(out[:-6] + ".parsl.log", "a"))
    failed = []
    for i, f in futures.items():
        try:
            f.result()
        except Exception as e:  # the shard failed after its retries
            failed.append(i)
            print(f"parsl_toys: shard {i} failed after {a.retries} retries: {e}", file=sys.stderr)
    parsl.dfk().cleanup()
    if failed:
        sys.exit(f"parsl_toys: shards {failed} failed; run the same command again to resume them")
    merged = os.path.join(outdir, f"{a.name}.jsonl")
    shards = [os.path.join(outdir, f"{a.name}-shard-{i}.jsonl") for i in range(a.nshards)]
    r = subprocess.run([exe, "merge", "--quiet", *shards, "-o", merged, "--force"], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"parsl_toys: merge failed: {r.stderr.strip()}")
    print(f"parsl_toys: merged {a.nshards} shards into {merged}")


if __name__ == "__main__":
    main()
