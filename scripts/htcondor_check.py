"""Checks `nmmfit batch --system htcondor` job files with HTCondor's own parsers and runs them the
way HTCondor would, without a pool (HTCondor's daemons are not in Debian's archive):

- the DAG through htcondor2.Submit.from_dag (condor_submit_dag's code, which reads every DAG
  command; it only needs a condor_dagman on PATH to name in the DAGMan job, so a stub is put
  there), plus the structure the study needs: one node per pending shard with VARS and RETRY, a
  throttle (CATEGORY/MAXJOBS), the merge node as the child of every shard;
- the shard submit file through htcondor2.Submit, expanded with a node's VARS (request_memory on a
  retry, periodic_remove, explicit environment, no getenv);
- shared-filesystem mode: the nodes run as DAGMan would run them, shard 1 killed mid-run and its
  node retried (it resumes), then the merge; the merged file equals a local single run;
- --transfer-files mode: each node's PRE script, then the job in an empty scratch folder holding
  only transfer_input_files, its output copied back by transfer_output_remaps; same result.

Usage: python3 scripts/htcondor_check.py path/to/nmmfit
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import htcondor2 as htcondor

nmmfit = sys.argv[1]
tmp = tempfile.mkdtemp(prefix="nmmfit-condor-")


def fail(msg):
    print(f"htcondor-check: FAILED: {msg}", file=sys.stderr)
    sys.exit(1)


def run(args, **kw):
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        fail(f"{' '.join(args)} exited {r.returncode}: {r.stderr.strip()}")
    return r


def batch(study, extra=()):
    return [nmmfit, "batch", "--system", "htcondor", "-n", "30000", "--nshards", "3", "--seed", "9", "--name", "cs",
            "--outdir", study, "--time", "1:30:00", "--mem", "2G", "--retry-mem-factor", "2", "--retries", "2",
            "--throttle", "2", "--account", "group_phys", "--no-calibration",
            "--directive", 'requirements = (OpSys == "LINUX")', *extra, "--", "--mu", "1e-11", "--statistic", "t"]


def parse_dag(study, expected):
    """DAG: HTCondor's parser, then the structure. Returns {node: vars}."""
    dag = os.path.join(study, "cs.dag")
    stub = os.path.join(tmp, "stub-bin")
    os.makedirs(stub, exist_ok=True)
    with open(os.path.join(stub, "condor_dagman"), "w") as f:
        f.write("#!/bin/sh\nexit 1\n")
    os.chmod(os.path.join(stub, "condor_dagman"), 0o755)
    old = os.environ["PATH"]
    os.environ["PATH"] = stub + os.pathsep + old
    try:
        dagman = dict(htcondor.Submit.from_dag(dag, {"force": True}))
    except Exception as e:  # HTCondor's DAG parser names the file and line
        fail(f"HTCondor's DAG parser refused cs.dag: {e}")
    finally:
        os.environ["PATH"] = old
    if "cs.dag" not in dagman.get("arguments", ""):
        fail(f"the DAGMan submit description does not run cs.dag: {dagman}")
    for f in os.listdir(study):  # what condor_submit_dag writes beside the DAG
        if f.startswith("cs.dag."):
            os.remove(os.path.join(study, f))
    nodes, retry, vars_, cats, parents, maxjobs = {}, {}, {}, {}, None, None
    with open(dag) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if m := re.fullmatch(r"JOB\s+(\S+)\s+(\S+)", line):
                if not os.path.isfile(m.group(2)):
                    fail(f"cs.dag: node {m.group(1)}: no submit file {m.group(2)}")
                nodes[m.group(1)] = m.group(2)
            elif m := re.fullmatch(r"VARS\s+(\S+)\s+(.*)", line):
                vars_[m.group(1)] = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2)))
            elif m := re.fullmatch(r"RETRY\s+(\S+)\s+(\d+)", line):
                retry[m.group(1)] = int(m.group(2))
            elif m := re.fullmatch(r"CATEGORY\s+(\S+)\s+(\S+)", line):
                cats[m.group(1)] = m.group(2)
            elif m := re.fullmatch(r"MAXJOBS\s+(\S+)\s+(\d+)", line):
                maxjobs = (m.group(1), int(m.group(2)))
            elif m := re.fullmatch(r"PARENT\s+(.+?)\s+CHILD\s+(.+)", line):
                parents = (m.group(1).split(), m.group(2).split())
            elif not re.fullmatch(r"SCRIPT\s+PRE\s+\S+\s+\S+\s+\d+", line):
                fail(f"cs.dag: unexpected line {line!r}")
    shards = sorted((n for n in nodes if n != "merge"), key=lambda n: int(n[5:]))
    if shards != [f"shard{i}" for i in expected] or "merge" not in nodes:
        fail(f"cs.dag: nodes {sorted(nodes)}, expected one per shard {expected} and merge")
    for n in shards:
        if retry.get(n) != 2 or vars_.get(n, {}).get("shard") != n[5:] or vars_[n].get("retry") != "$(RETRY)" or cats.get(n) != "shards":
            fail(f"cs.dag: node {n}: RETRY {retry.get(n)}, VARS {vars_.get(n)}, CATEGORY {cats.get(n)}")
    if parents != (shards, ["merge"]) or maxjobs != ("shards", 2):
        fail(f"cs.dag: PARENT/CHILD {parents}, MAXJOBS {maxjobs}")
    return {n: vars_[n] for n in shards}


def shard_submit(study, node_vars, retry_number):
    """The shard submit file through HTCondor's submit parser, with a node's VARS."""
    with open(os.path.join(study, "cs.sub")) as f:
        sub = htcondor.Submit(f.read())
    sub["shard"] = node_vars["shard"]
    sub["retry"] = str(retry_number)
    d = {k: sub.expand(k) for k in sub.keys()}
    want = {"universe": "vanilla", "arguments": f"{node_vars['shard']} {retry_number}", "request_cpus": "1",
            "request_memory": f"ifThenElse({retry_number} >= 1, ifThenElse({retry_number} >= 2, 8192, 4096), 2048)", "accounting_group": "group_phys",
            "periodic_remove": "(JobStatus == 2) && (time() - EnteredCurrentStatus > 5400)", "getenv": "false",
            "requirements": '(OpSys == "LINUX")'}
    for k, v in want.items():
        if d.get(k) != v:
            fail(f"cs.sub: {k} = {d.get(k)!r}, expected {v!r}")
    if not re.fullmatch(r'"NMMFIT_JOB_ID=\d+\.\d+"', d.get("environment", "")):  # $(ClusterId).$(ProcId), expanded
        fail(f"cs.sub: environment = {d.get('environment')!r}")
    if "allowed_execute_duration" in d:
        fail("cs.sub holds over-long jobs (allowed_execute_duration) instead of removing them")
    if not os.access(d["executable"], os.X_OK):
        fail(f"cs.sub: executable {d['executable']} is not an executable file")
    return d


def job_environment(d):
    """The job's environment as HTCondor builds it with getenv = false: its `environment` command only
    (the job id replaced by 42.0, as the tests below expect), and a PATH."""
    env = dict(kv.split("=", 1) for kv in d["environment"].strip('"').split())
    env.update({"PATH": "/usr/bin:/bin", "NMMFIT_JOB_ID": "42.0"})
    return env


def run_node(study, d, transfer):
    """Runs one node's job as the execute machine would; returns the process (started)."""
    args = d["arguments"].split()
    if not transfer:
        return subprocess.Popen([d["executable"], *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                env=job_environment(d))
    scratch = tempfile.mkdtemp(prefix="scratch-", dir=tmp)
    for item in [s.strip() for s in d["transfer_input_files"].split(",")]:
        if item.endswith("/"):  # a folder's contents
            for f in os.listdir(item):
                shutil.copy(os.path.join(item, f), scratch)
        elif os.path.isdir(item):
            shutil.copytree(item, os.path.join(scratch, os.path.basename(item)))
        else:
            shutil.copy(item, scratch)
    shutil.copy(d["executable"], scratch)
    p = subprocess.Popen([os.path.join(scratch, os.path.basename(d["executable"])), *args], cwd=scratch,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         env=job_environment(d))
    p.scratch = scratch
    return p


def finish_node(p, d, transfer, must_succeed=True):
    err = p.communicate()[1]
    if must_succeed and p.returncode != 0:
        fail(f"a shard job failed: {err.strip()}")
    if transfer:  # ON_EXIT_OR_EVICT: the output comes back, renamed by the remaps
        out = d["transfer_output_files"]
        remap = dict(r.split(" = ") for r in d["transfer_output_remaps"].strip('"').split(";"))
        src = os.path.join(p.scratch, out)
        if os.path.exists(src):
            shutil.copy(src, remap[out])
    return p.returncode


def study_run(study, transfer):
    extra = ["--transfer-files"] if transfer else []
    run(batch(study, extra))
    nodes = parse_dag(study, [0, 1, 2])
    for n, v in nodes.items():
        if transfer:
            run([os.path.join(study, "cs-pre.sh"), v["shard"]])
        d = shard_submit(study, v, 0)
        p = run_node(study, d, transfer)
        if n == "shard1":  # killed mid-run (e.g. evicted or over its time): the node fails, DAGMan retries it
            out = os.path.join(study, "cs-shard-1.jsonl") if not transfer else os.path.join(p.scratch, "cs-shard-1.jsonl")
            deadline = time.time() + 60
            while time.time() < deadline and p.poll() is None:
                if os.path.exists(out) and sum(1 for _ in open(out, "rb")) > 1:
                    break
                time.sleep(0.05)
            if p.poll() is not None:
                fail("shard 1 finished before it could be killed mid-run")
            p.send_signal(signal.SIGKILL)
            if finish_node(p, d, transfer, must_succeed=False) == 0:
                fail("a killed shard reported success")
            if transfer:
                run([os.path.join(study, "cs-pre.sh"), v["shard"]])
            d = shard_submit(study, v, 1)  # RETRY 1: more memory
            p = run_node(study, d, transfer)
        finish_node(p, d, transfer)
    run(["sh", os.path.join(study, "cs-merge.sh")])
    out = run(batch(study, extra)).stdout
    if "nothing to submit" not in out or os.path.exists(os.path.join(study, "cs.dag")):
        fail("a complete study still has a DAG")
    with open(os.path.join(tmp, "single.jsonl"), "rb") as a, open(os.path.join(study, "cs.jsonl"), "rb") as b:
        if a.read() != b.read():
            fail(f"{'transfer' if transfer else 'shared-filesystem'} mode: the merged file differs from a single run")
    import json
    with open(os.path.join(study, "cs-shard-1.jsonl")) as f:
        runs = json.loads(f.readline())["runs"]
    if len(runs) != 2 or runs[1]["job_id"] != "42.0" or runs[1]["first_toy"] <= 10000:
        fail(f"shard 1's header does not record the killed run and its retry: {runs}")


def coverage_run(study):
    """A Feldman–Cousins coverage study (batch --study coverage), submitted with a raised toy budget:
    the DAG and submit file through HTCondor's parsers (the budget in the job's environment), the
    nodes run with only that environment, the merge step's coverage equal to a local run's."""
    fc = ["--mu", "1e-11", "--method", "feldman-cousins", "--critical-toys", "100"]
    args = [nmmfit, "batch", "--system", "htcondor", "--study", "coverage", "-n", "12", "--nshards", "2", "--seed", "9",
            "--name", "cs", "--outdir", study, "--mem", "2G", "--retries", "2", "--throttle", "2", "--no-calibration", "--", *fc]
    run(args, env={**os.environ, "NMMFIT_MAX_TOY_SECONDS": "600"})
    for n, v in parse_dag(study, [0, 1]).items():
        d = shard_submit_coverage(study, v)
        finish_node(run_node(study, d, False), d, False)
    run(["sh", os.path.join(study, "cs-merge.sh")])
    import json
    with open(os.path.join(study, "cs.coverage.json")) as f:
        cluster = json.load(f)["points"]
    local = json.loads(run([nmmfit, "coverage", "--toys", "12", "--seed", "9", "--json", "-q", *fc]).stdout)["points"]
    if cluster != local or cluster[0].get("critical_toys") != 100:
        fail(f"coverage study: {cluster} from the DAG's nodes, {local} from a local run")


def shard_submit_coverage(study, node_vars):
    """The coverage shard's submit file through HTCondor's parser: the toy budget in its environment."""
    with open(os.path.join(study, "cs.sub")) as f:
        sub = htcondor.Submit(f.read())
    sub["shard"], sub["retry"] = node_vars["shard"], "0"
    d = {k: sub.expand(k) for k in sub.keys()}
    if not re.fullmatch(r'"NMMFIT_JOB_ID=\d+\.\d+ NMMFIT_MAX_TOY_SECONDS=600"', d.get("environment", "")) or d.get("getenv") != "false":
        fail(f"coverage study: cs.sub environment = {d.get('environment')!r}, getenv = {d.get('getenv')!r}")
    with open(os.path.join(study, "cs-shard.sh")) as f:
        if "coverage --toys 12 --nshards 2" not in f.read():
            fail("coverage study: the shard script does not run nmmfit coverage")
    return d


try:
    run([nmmfit, "toys", "-n", "30000", "--seed", "9", "--mu", "1e-11", "--statistic", "t", "-o", os.path.join(tmp, "single.jsonl"), "-q"])
    study_run(os.path.join(tmp, "shared"), transfer=False)
    study_run(os.path.join(tmp, "transfer"), transfer=True)
    coverage_run(os.path.join(tmp, "coverage"))
    print(f"htcondor-check: passed (htcondor {htcondor.version().split()[1]}: DAG through Submit.from_dag, one node per "
          "shard with RETRY; shard submit file through Submit; shared-filesystem and --transfer-files runs, shard 1 "
          "killed mid-run and retried, merged = single run; a Feldman–Cousins coverage study with the toy budget in "
          "its jobs' environment, coverage = local run)")
finally:
    shutil.rmtree(tmp, ignore_errors=True)
