#!/usr/bin/env bash
# The Parsl recipe (scripts/parsl_toys.py) with a local executor: a 3-shard study in which the first
# attempt of shard 1 is killed (SIGKILL) mid-run; Parsl retries it, it resumes its toys file, and the
# merged file must equal a local single run byte for byte. Installs Parsl with pip when missing.
#   bash scripts/parsl-test.sh [path/to/nmmfit]
set -euo pipefail
cd "$(dirname "$0")/.."
nmmfit="${1:-.build/debug/nmmfit}"
if [ ! -x "$nmmfit" ]; then swift build --product nmmfit; fi
nmmfit=$(readlink -f "$nmmfit")
if ! python3 -c 'import parsl' 2>/dev/null; then
    echo "parsl-test: installing Parsl (pip install parsl)"
    python3 -m pip install --quiet parsl 2>/dev/null || python3 -m pip install --quiet --break-system-packages parsl
fi
tmp=$(mktemp -d /tmp/nmmfit-parsl.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# a flaky nmmfit: the first run of shard 1 is killed once it has written toys (as a node crash would)
cat > "$tmp/nmmfit-flaky" <<FLAKY
#!/bin/sh
case " \$* " in
*" --shard 1 "*)
    if [ ! -e "$tmp/killed-once" ]; then
        touch "$tmp/killed-once"
        "$nmmfit" "\$@" & pid=\$!
        out="$tmp/study/p-shard-1.jsonl"
        while kill -0 \$pid 2>/dev/null; do
            if [ -f "\$out" ] && [ "\$(wc -l < "\$out")" -gt 1 ]; then kill -KILL \$pid; echo "killed shard 1 mid-run" >&2; exit 137; fi
            sleep 0.05
        done
        echo "shard 1 ended before it could be killed" >&2; exit 3
    fi;;
esac
exec "$nmmfit" "\$@"
FLAKY
chmod +x "$tmp/nmmfit-flaky"
python3 scripts/parsl_toys.py --nmmfit "$tmp/nmmfit-flaky" -n 18000 --nshards 3 --seed 4 --outdir "$tmp/study" --name p --retries 2 \
    -- --mu 1e-11 --statistic t
grep -q "killed shard 1 mid-run" "$tmp/study/p-shard-1.parsl.log" || { echo "parsl-test: FAILED: shard 1 was not killed mid-run" >&2; cat "$tmp/study/p-shard-1.parsl.log" >&2; exit 1; }
python3 - "$tmp/study/p-shard-1.jsonl" <<'PY'
import json, sys
runs = json.loads(open(sys.argv[1]).readline())["runs"]
assert len(runs) == 2 and "ended_utc" not in runs[0] and runs[1]["first_toy"] > 6000 and runs[1]["job_id"] == "parsl-p-1", runs
PY
"$nmmfit" toys -n 18000 --seed 4 --mu 1e-11 --statistic t -o "$tmp/single.jsonl" -q
cmp "$tmp/study/p.jsonl" "$tmp/single.jsonl" || { echo "parsl-test: FAILED: merged file differs from a single run" >&2; exit 1; }
echo "parsl-test: passed (Parsl $(python3 -c 'import parsl; print(parsl.__version__)'), local executor: shard 1 killed mid-run, retried by Parsl, resumed; merged = single run)"
