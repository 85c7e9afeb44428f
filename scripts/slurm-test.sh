#!/usr/bin/env bash
# A real-scheduler test of `nmmfit batch --submit`: a one-node Slurm cluster on localhost in a
# temporary folder (memory defined, MaxArraySize 1001), and
#   1. a throttled 3-shard study with --mem whose shard 1 is killed (SIGKILL) mid-run: the merge job
#      resubmits it automatically with more memory, it resumes, and the study completes without a
#      person; the merged file equals a local single run byte for byte; the shard's header records
#      both runs and each attempt has its own log;
#   2. the duplicate-submission guard, deterministically: a study held by --begin is queued, a second
#      --submit of it is refused with nothing rewritten, the same name in another folder is not;
#   3. a 5,000-shard study's array files accepted by Slurm itself (sbatch --test-only);
#   4. a Feldman–Cousins coverage study (batch --study coverage) submitted with a raised toy budget
#      (NMMFIT_MAX_TOY_SECONDS, exported by its job files): its merge job's coverage equals a local run.
# Every daemon it starts is stopped by PID on exit.
#
#   bash scripts/slurm-test.sh [path/to/nmmfit]     (default: .build/debug/nmmfit, built if missing)
#   SLURM_TEST_THEN=script.sh bash scripts/slurm-test.sh   also runs script.sh (bash, with SLURM_CONF
#                                                          and NMMFIT set) on the cluster before stopping it
#
# Needs root (slurmd runs jobs as their user) and Debian's slurmctld, slurmd, slurm-client and
# munge, which it installs with apt-get when missing. Bounded: each wait times out.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [ "$(id -u)" -ne 0 ]; then echo "slurm-test: needs root (slurmd must run jobs as their submitting user)" >&2; exit 1; fi
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    echo "slurm-test: installing Debian's Slurm and MUNGE packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
fi

nmmfit="${1:-$root/.build/debug/nmmfit}"
if [ ! -x "$nmmfit" ]; then swift build --product nmmfit; fi
nmmfit=$(readlink -f "$nmmfit")

steps_before=$(pgrep -x slurmstepd | sort || true)
new=""
tmp=$(mktemp -d /tmp/nmmfit-slurm.XXXXXX)
chmod 755 "$tmp"
pids=()
jobs_submitted=()
cleanup() {
    set +e
    if [ ${#jobs_submitted[@]} -gt 0 ] && [ -n "${SLURM_CONF:-}" ]; then
        scancel "${jobs_submitted[@]}" 2>/dev/null
        for _ in $(seq 1 20); do [ -z "$(squeue -h -j "$(IFS=,; echo "${jobs_submitted[*]}")" 2>/dev/null)" ] && break; sleep 0.5; done
    fi
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[$i]}" 2>/dev/null; done
    for p in "${pids[@]}"; do
        for _ in $(seq 1 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
        if kill -0 "$p" 2>/dev/null; then echo "slurm-test: PID $p did not stop on SIGTERM; killing it" >&2; kill -KILL "$p" 2>/dev/null; fi
    done
    left=0
    for p in "${pids[@]}"; do if kill -0 "$p" 2>/dev/null; then echo "slurm-test: PID $p still running" >&2; left=1; fi; done
    # job step daemons (slurmstepd) that slurmd started exit on their own once their job is done
    for _ in $(seq 1 40); do
        new=$(comm -13 <(echo "$steps_before") <(pgrep -x slurmstepd | sort))
        [ -z "$new" ] && break
        sleep 0.25
    done
    if [ -n "$new" ]; then echo "slurm-test: slurmstepd still running: $new" >&2; left=1; fi
    if [ "${KEEP_TMP:-0}" = 1 ]; then echo "slurm-test: kept $tmp"; else rm -rf "$tmp"; fi
    [ $left = 0 ] || exit 1
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- MUNGE, as the munge user, on a private socket
mkdir -p "$tmp/munge"
chown munge:munge "$tmp/munge"
chmod 755 "$tmp/munge"
if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    mungekey --create --keyfile=/etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key
    chmod 400 /etc/munge/munge.key
fi
setpriv --reuid=munge --regid=munge --init-groups munged -F --socket="$tmp/munge/munge.socket" \
    --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/munge/munged.log" --seed-file="$tmp/munge/munged.seed" > "$tmp/munge/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 40); do [ -S "$tmp/munge/munge.socket" ] && break; sleep 0.25; done
[ -S "$tmp/munge/munge.socket" ] || { echo "slurm-test: munged did not start" >&2; cat "$tmp/munge/munged.log" >&2 || true; exit 1; }

# --- Slurm: one node called localhost
mkdir -p "$tmp/state" "$tmp/spool"
cat > "$tmp/slurm.conf" <<CONF
ClusterName=nmmfittest
SlurmctldHost=localhost
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=50
MaxArraySize=1001
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
NodeName=localhost CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$tmp/slurm.conf"
slurmctld -D -c -f "$SLURM_CONF" > "$tmp/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -N localhost -f "$SLURM_CONF" > "$tmp/slurmd.out" 2>&1 &
pids+=($!)
up=0
for _ in $(seq 1 120); do
    if sinfo -h -N -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; then up=1; break; fi
    sleep 0.5
done
if [ $up = 0 ]; then
    echo "slurm-test: the node did not come up" >&2
    tail -n 20 "$tmp/slurmctld.log" "$tmp/slurmd.log" >&2 || true
    exit 1
fi
echo "slurm-test: one-node Slurm $(sinfo -V | cut -d' ' -f2) up in $tmp"

fail() { echo "slurm-test: FAILED: $*" >&2; exit 1; }
wait_for() {  # job ids; waits until they have left the queue (bounded)
    local ids
    ids=$(IFS=,; echo "$*")
    for _ in $(seq 1 360); do
        [ -z "$(squeue -h -j "$ids" 2>/dev/null)" ] && return 0
        sleep 0.5
    done
    squeue >&2 || true
    fail "jobs $ids still queued after 180 s"
}
ids=""
submit() {  # runs batch --submit with the given arguments; sets ids (array … merge) and records them for cleanup
    local out
    out=$("$@") || fail "nmmfit batch --submit failed"
    echo "$out" | sed 's/^/  | /' >&2
    ids=$(echo "$out" | sed -n 's/.*array jobs\{0,1\} \([0-9, ]*\), merge job \([0-9]*\).*/\1 \2/p' | tr -d ,)
    [ -n "$ids" ] || fail "no job ids in the output of nmmfit batch --submit"
    jobs_submitted+=($ids)
}

# --- 1. a shard killed mid-run is retried automatically; the result equals a local run
study="$tmp/study"
batch=("$nmmfit" batch --system slurm -n 36000 --nshards 3 --seed 5 --name st --outdir "$study" --time 5
       --mem 200M --retries 2 --retry-mem-factor 2 --throttle 2 --no-calibration --submit -- --mu 1e-11 --statistic t)
echo "slurm-test: 1) a throttled study with --mem; shard 1 is killed mid-run"
submit "${batch[@]}"
read -r array merge <<< "$ids"
grep -q '^#SBATCH --array=0-2%2$' "$study/st.sbatch" || fail "the array is not written as a throttled range: $(grep array "$study/st.sbatch")"
scontrol show job "$array" | grep -q 'ArrayTaskThrottle=2' || fail "Slurm did not take the throttle"
scontrol show job "$array" | grep -Eq 'MinMemoryNode=200M|mem=200M' || fail "Slurm did not take --mem 200M: $(scontrol show job "$array" | grep -i mem)"
# kill shard 1's nmmfit (its pid is in the toys file's lock) once it has written toys and is still running
killed=0
for _ in $(seq 1 600); do
    lock="$study/.st-shard-1.jsonl.lock"
    if [ -s "$lock" ] && [ "$( (wc -l < "$study/st-shard-1.jsonl") 2>/dev/null || echo 0)" -gt 1 ]; then
        pid=$(cat "$lock")
        if kill -KILL "$pid" 2>/dev/null; then killed=1; break; fi
    fi
    sleep 0.1
done
[ $killed = 1 ] || fail "could not catch shard 1 mid-run"
kept=$(($(wc -l < "$study/st-shard-1.jsonl") - 1))
echo "slurm-test:    killed shard 1 (pid $pid) after $kept of 12000 toys"
[ "$kept" -lt 12000 ] || fail "shard 1 was complete when killed"
# the merge job resubmits shard 1 (attempt 2, --mem 400M), whose merge job merges: wait for the result
for _ in $(seq 1 480); do
    grep -q '"merge":"merged"' "$study/st.attempts.jsonl" 2>/dev/null && break
    grep -q '"merge":"failed"' "$study/st.attempts.jsonl" 2>/dev/null && break
    sleep 0.5
done
cat "$study/st.attempts.jsonl" | sed 's/^/  | /' >&2
grep -q '"merge":"merged"' "$study/st.attempts.jsonl" || { cat "$study"/st-merge.attempt-*.log >&2; fail "the study did not complete by itself"; }
grep -q '"attempt":2,"automatic":true' "$study/st.attempts.jsonl" || fail "no automatic second attempt recorded"
while read -r j; do jobs_submitted+=("$j"); done < <(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    r=json.loads(l)
    for j in r.get("jobs",[])+[r.get("merge_job")]:
        if j: print(j)' "$study/st.attempts.jsonl")
grep -q '^#SBATCH --array=1%2$' "$study/st.sbatch" || fail "the retry array is not just shard 1: $(grep array "$study/st.sbatch")"
grep -q '^#SBATCH --mem=400M$' "$study/st.sbatch" || fail "the retry did not raise the memory to 400M"
[ -e "$study/st-shard-1.attempt-1.log" ] && [ -e "$study/st-shard-1.attempt-2.log" ] && [ -e "$study/st-merge.attempt-1.log" ] || fail "logs are not kept per attempt: $(ls "$study")"
python3 - "$study/st-shard-1.jsonl" <<'PY' || fail "shard 1's header does not record both runs"
import json, sys
h = json.loads(open(sys.argv[1]).readline())
runs = h["runs"]
assert len(runs) == 2, runs
assert runs[0]["attempt"] == 1 and "ended_utc" not in runs[0], runs[0]          # killed
assert runs[1]["attempt"] == 2 and runs[1]["batch_attempt"] == 2 and runs[1]["first_toy"] > 12000, runs[1]
assert runs[1]["toys_written"] == 24000 - runs[1]["first_toy"] and runs[1]["job_id"].endswith("_1"), runs[1]
for r in runs:
    assert r["host"] and r["nmmfit_version"] == h["nmmfit_version"] and r["nmmfit_commit"] == h["nmmfit_commit"]
print("slurm-test:    shard 1 header:", json.dumps(runs))
PY

echo "slurm-test:    merged cluster result = one local run, byte for byte"
"$nmmfit" toys -n 36000 --seed 5 --mu 1e-11 --statistic t -o "$tmp/single.jsonl" -q
cmp "$study/st.jsonl" "$tmp/single.jsonl" || fail "the merged file differs from a local run"
status=$("${batch[@]/--submit/--status}")
echo "$status" | sed 's/^/  | /' >&2
echo "$status" | grep -q "^state: merged into $study/st.jsonl" || fail "batch --status does not report the merged study"
again=$("${batch[@]}")
echo "$again" | grep -q "nothing to submit" || fail "a complete study was resubmitted: $again"
[ ! -e "$study/st.sbatch" ] || fail "a submit file was left for a complete study"

# --- 2. the duplicate guard, deterministically (jobs held by --begin stay queued)
echo "slurm-test: 2) a second --submit of a queued study is refused before anything is rewritten"
held=("$nmmfit" batch --system slurm -n 40 --nshards 2 --name dg --no-calibration --directive=--begin=now+3600 --submit)
submit "${held[@]}" --outdir "$tmp/g1" -- --mu 0
read -r a1 m1 <<< "$ids"
before=$(cd "$tmp/g1" && sha256sum * | sort)
set +e
dup=$("${held[@]}" --outdir "$tmp/g1" -- --mu 0 2>&1)
status=$?
set -e
[ $status -ne 0 ] && echo "$dup" | grep -q "still queued or running" || fail "a second --submit was not refused: $dup"
echo "$dup" | sed 's/^/  | /' >&2
[ "$(cd "$tmp/g1" && sha256sum * | sort)" = "$before" ] || fail "the refused --submit rewrote files"
submit "${held[@]}" --outdir "$tmp/g2" -- --mu 0
read -r a2 m2 <<< "$ids"
scancel "$a1" "$m1" "$a2" "$m2"

# --- 3. 5,000 shards: array files that Slurm accepts (MaxArraySize read from scontrol)
echo "slurm-test: 3) 5,000 shards: split, throttled arrays accepted by sbatch --test-only"
"$nmmfit" batch --system slurm -n 5000 --nshards 5000 --throttle 50 --name big --outdir "$tmp/big" --no-calibration -- --mu 0 2>/dev/null >/dev/null
n=0
for f in "$tmp"/big/big-array-*.sbatch; do
    sbatch --test-only "$f" >/dev/null 2>"$tmp/testonly.err" || { cat "$tmp/testonly.err" >&2; fail "sbatch --test-only refused $f: $(grep array "$f")"; }
    n=$((n + 1))
done
[ $n = 5 ] || fail "expected 5 array files for 5,000 shards at MaxArraySize 1001, got $n"

# --- 4. a coverage study: shards run coverage --write-toys, the merge job merges and computes the coverage
echo "slurm-test: 4) a Feldman–Cousins coverage study; the toy budget set at submission is exported to its jobs"
probe=$(NMMFIT_ENV_PROBE=inherited sbatch --parsable --output="$tmp/probe.log" --wrap 'echo "probe=$NMMFIT_ENV_PROBE"')
jobs_submitted+=("${probe%%;*}")
fc=(--mu 1e-11 --method feldman-cousins --critical-toys 100)
NMMFIT_MAX_TOY_SECONDS=600 submit "$nmmfit" batch --system slurm --study coverage -n 12 --nshards 2 --seed 9 --name cov --outdir "$tmp/cov" \
    --no-calibration --submit -- "${fc[@]}"
read -r carray cmerge <<< "$ids"
grep -q '^export NMMFIT_DATA=.* NMMFIT_BATCH_ATTEMPT=1 NMMFIT_MAX_TOY_SECONDS=600$' "$tmp/cov/cov.sbatch" || fail "the shards do not export the toy budget"
wait_for "${probe%%;*}" "$carray" "$cmerge"
echo "slurm-test:    Slurm's default export: $(cat "$tmp/probe.log")"
grep -q '^probe=inherited$' "$tmp/probe.log" || fail "sbatch did not pass the submitting environment on by default"
grep -q '"merge":"merged"' "$tmp/cov/cov.attempts.jsonl" || { cat "$tmp"/cov/cov-merge.attempt-*.log "$tmp"/cov/cov-shard-*.log >&2; fail "the coverage study did not merge"; }
"$nmmfit" coverage --toys 12 --seed 9 --json -q "${fc[@]}" > "$tmp/cov-local.json"
python3 - "$tmp/cov/cov.coverage.json" "$tmp/cov-local.json" <<'PY' || fail "the cluster's coverage differs from a local run"
import json, sys
cluster, local = (json.load(open(p))["points"] for p in sys.argv[1:3])
assert cluster == local and cluster[0]["critical_toys"] == 100, (cluster, local)
print("slurm-test:    coverage from the cluster = local run:", json.dumps(cluster[0]))
PY
echo "slurm-test: passed (36000 toys, shard killed mid-run and retried automatically, identical; guard; 5,000-shard arrays in $n files; coverage study)"
if [ -n "${SLURM_TEST_THEN:-}" ]; then
    echo "slurm-test: running $SLURM_TEST_THEN on the cluster"
    NMMFIT="$nmmfit" bash "$SLURM_TEST_THEN"
fi
