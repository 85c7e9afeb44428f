#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a bounded time.
#   scripts/fuzz.sh [seconds-per-target]       default 60; CI runs a 5-second smoke test
# Crashing inputs are written to Fuzz/crashes/<target>/; add each as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
secs="${1:-60}"
export NMMFIT_CLANG_RT="${NMMFIT_CLANG_RT:-$(dirname "$(dirname "$(command -v swift)")")/lib/clang/$(ls "$(dirname "$(dirname "$(command -v swift)")")/lib/clang" | sort -V | tail -1)/lib/linux}"
# Coverage instrumentation for EVERY module (the parsers in Recoil/Likelihood and Yams too), not
# only the fuzz targets: without it libFuzzer sees ~30 edges of FuzzHEPData instead of ~1500.
swift build --package-path Fuzz --scratch-path .build-fuzz -c debug \
    -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp
# every target in Fuzz/Sources (except the shared driver) is run
targets=$(cd Fuzz/Sources && ls -d Fuzz* | grep -v '^FuzzDriver$')
for t in $targets; do
    mkdir -p "Fuzz/crashes/$t" ".build-fuzz/corpus/$t"
    echo "fuzzing $t for ${secs}s"
    # -max_len 1 MiB: long enough for inputs nested thousands of levels deep (libFuzzer's
    # default of 4096 bytes cannot reach the depth at which Yams would overflow the stack)
    .build-fuzz/debug/$t -max_total_time="$secs" -seed=1 -rss_limit_mb=4096 -max_len=1048576 \
        -artifact_prefix="Fuzz/crashes/$t/" ".build-fuzz/corpus/$t" "Fuzz/corpus/$t" 2>&1 | tail -n 2
done
