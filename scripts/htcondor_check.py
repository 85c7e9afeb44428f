"""Checks `nmmfit batch --system htcondor` job files with HTCondor's submit parser (htcondor2.Submit).

Usage: python3 scripts/htcondor_check.py path/to/nmmfit
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import htcondor2 as htcondor

nmmfit = sys.argv[1]
tmp = tempfile.mkdtemp(prefix="nmmfit-condor-")
study = os.path.join(tmp, "study")
batch = [nmmfit, "batch", "--system", "htcondor", "-n", "60", "--nshards", "3", "--seed", "9", "--name", "cs",
         "--outdir", study, "--time", "1:30:00", "--mem", "2G", "--account", "group_phys",
         "--directive", 'requirements = (OpSys == "LINUX")', "--", "--mu", "1e-11", "--statistic", "t"]


def fail(msg):
    print(f"htcondor-check: FAILED: {msg}", file=sys.stderr)
    sys.exit(1)


def submit_file(name):
    with open(os.path.join(study, name)) as f:
        return htcondor.Submit(f.read())


def check_shards(expected):
    sub = submit_file("cs.sub")
    d = dict(sub)
    want = {"universe": "vanilla", "arguments": "$(shard)", "request_cpus": "1", "request_memory": "2048",
            "allowed_execute_duration": "5400", "accounting_group": "group_phys", "should_transfer_files": "NO",
            "requirements": '(OpSys == "LINUX")'}
    for k, v in want.items():
        if d.get(k) != v:
            fail(f"cs.sub: {k} = {d.get(k)!r}, expected {v!r}")
    if not os.access(d["executable"], os.X_OK):
        fail(f"cs.sub: executable {d['executable']} is not an executable file")
    items = [it["shard"] for it in sub.itemdata()]
    if items != [str(i) for i in expected]:
        fail(f"cs.sub queues shards {items}, expected {expected}")
    merge = dict(submit_file("cs-merge.sub"))
    if not os.access(merge["executable"], os.X_OK) or merge.get("should_transfer_files") != "NO":
        fail(f"cs-merge.sub: {merge}")
    # DAG: condor_dagman is not available here, so its grammar for these lines is checked directly:
    # JOB <name> <submit file>, PARENT <names> CHILD <names>, names defined before use.
    nodes = {}
    with open(os.path.join(study, "cs.dag")) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if m := re.fullmatch(r"JOB\s+(\S+)\s+(\S+)", line):
                if not os.path.isfile(m.group(2)):
                    fail(f"cs.dag: node {m.group(1)}: no submit file {m.group(2)}")
                nodes[m.group(1)] = m.group(2)
            elif m := re.fullmatch(r"PARENT\s+(.+?)\s+CHILD\s+(.+)", line):
                if m.group(1).split() != ["shards"] or m.group(2).split() != ["merge"]:
                    fail(f"cs.dag: unexpected dependency {line}")
                for n in m.group(1).split() + m.group(2).split():
                    if n not in nodes:
                        fail(f"cs.dag: node {n} used before its JOB line")
            else:
                fail(f"cs.dag: unexpected line {line!r}")
    if set(nodes) != {"shards", "merge"}:
        fail(f"cs.dag: nodes {sorted(nodes)}")
    return d["executable"]


def run(args, **kw):
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        fail(f"{' '.join(args)} exited {r.returncode}: {r.stderr.strip()}")
    return r


try:
    run(batch)
    wrapper = check_shards([0, 1, 2])
    run([wrapper, "0"])  # as the execute machine runs `executable arguments`
    run(batch)
    check_shards([1, 2])
    run([wrapper, "1"])
    run([wrapper, "2"])
    out = run(batch).stdout
    if "nothing to submit" not in out or os.path.exists(os.path.join(study, "cs.sub")) \
            or os.path.exists(os.path.join(study, "cs.dag")):
        fail("a complete study still has a submit file or DAG")
    run(["sh", os.path.join(study, "cs-merge.sh")])
    single = os.path.join(tmp, "single.jsonl")
    run([nmmfit, "toys", "-n", "60", "--seed", "9", "--mu", "1e-11", "--statistic", "t", "-o", single, "-q"])
    with open(single, "rb") as a, open(os.path.join(study, "cs.jsonl"), "rb") as b:
        if a.read() != b.read():
            fail("merged file differs from a single run")
    print(f"htcondor-check: passed (htcondor {htcondor.version().split()[1]} submit parser; shards queued 0 1 2, "
          "then 1 2, then none; merged = single run)")
finally:
    shutil.rmtree(tmp, ignore_errors=True)
