#!/usr/bin/env bash
# A real-scheduler test of `nmmfit batch --submit` (issue 15): a one-node Slurm cluster on
# localhost in a temporary folder, a sharded toy study submitted as an array job plus its
# dependent merge job, with one shard made to fail; the merge job must fail with a message,
# resubmission must run only the missing shard and a new merge job, and the merged file must
# equal a local single run byte for byte. Every daemon it starts is stopped by PID on exit.
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
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
NodeName=localhost CPUs=$(nproc) State=UNKNOWN
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

# --- a toy study of 4 shards; shard 2 cannot write its output (a folder is in the way)
study="$tmp/study"
mkdir -p "$study/st-shard-2.jsonl"
batch=("$nmmfit" batch --system slurm -n 120 --nshards 4 --seed 5 --name st --outdir "$study" --time 5
       --submit -- --mu 1e-11 --statistic t)

wait_for() {  # job ids; waits until they have left the queue (bounded)
    local ids
    ids=$(IFS=,; echo "$*")
    for _ in $(seq 1 360); do
        [ -z "$(squeue -h -j "$ids" 2>/dev/null)" ] && return 0
        sleep 0.5
    done
    echo "slurm-test: jobs $ids still queued after 180 s" >&2
    squeue >&2 || true
    return 1
}
submit() {  # runs batch --submit; prints its output, records and returns the job ids
    local out
    out=$("${batch[@]}")
    echo "$out" | sed 's/^/  | /' >&2
    ids=$(echo "$out" | sed -n 's/.*array job \([0-9]*\), merge job \([0-9]*\).*/\1 \2/p')
    [ -n "$ids" ] || { echo "slurm-test: no job ids in the output of nmmfit batch --submit" >&2; return 1; }
    jobs_submitted+=($ids)
    echo "$ids"
}

echo "slurm-test: 1) submit; shard 2 fails"
ids=$(submit)
wait_for $ids
grep -q "Resubmit the missing shards" "$study/st-merge.log" || { echo "slurm-test: the merge job did not report the failed shard" >&2; cat "$study/st-merge.log" >&2; exit 1; }
[ ! -e "$study/st.jsonl" ] || { echo "slurm-test: a merged file was written from an incomplete study" >&2; exit 1; }

echo "slurm-test: 2) repair and resubmit: only shard 2 and a new merge job"
rmdir "$study/st-shard-2.jsonl"
ids=$(submit)
grep -q '^#SBATCH --array=2$' "$study/st.sbatch" || { echo "slurm-test: the resubmitted array is not just shard 2" >&2; cat "$study/st.sbatch" >&2; exit 1; }
# submitting again at once must not start shard 2 a second time: either its job is still queued or
# running (refused), or it is complete (nothing to submit)
set +e
dup=$("${batch[@]}" 2>&1)
set -e
if ! echo "$dup" | grep -Eq "still queued or running|nothing to submit"; then
    echo "slurm-test: a second --submit during the run was not refused: $dup" >&2; exit 1
fi
echo "$dup" | grep -E "still queued|nothing to submit" | sed 's/^/  | /' >&2
wait_for $ids
[ -s "$study/st.jsonl" ] || { echo "slurm-test: no merged file" >&2; cat "$study/st-merge.log" >&2; exit 1; }

echo "slurm-test: 3) a complete study has nothing to submit"
again=$("${batch[@]}")
echo "$again" | grep -q "nothing to submit" || { echo "slurm-test: a complete study was resubmitted: $again" >&2; exit 1; }
[ ! -e "$study/st.sbatch" ] || { echo "slurm-test: a submit file was left for a complete study" >&2; exit 1; }

echo "slurm-test: 4) merged cluster result = one local run, byte for byte"
"$nmmfit" toys -n 120 --seed 5 --mu 1e-11 --statistic t -o "$tmp/single.jsonl" -q
cmp "$study/st.jsonl" "$tmp/single.jsonl"
echo "slurm-test: passed ($(($(wc -l < "$tmp/single.jsonl") - 1)) toys, identical)"
if [ -n "${SLURM_TEST_THEN:-}" ]; then
    echo "slurm-test: running $SLURM_TEST_THEN on the cluster"
    NMMFIT="$nmmfit" bash "$SLURM_TEST_THEN"
fi
