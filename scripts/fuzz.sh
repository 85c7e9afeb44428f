#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a bounded time.
#   scripts/fuzz.sh [seconds-per-target]       default 60; CI runs a 5-second smoke test
# Crashing inputs are written to Fuzz/crashes/<target>/; add each as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
secs="${1:-60}"
export NMMFIT_CLANG_RT="${NMMFIT_CLANG_RT:-$(dirname "$(dirname "$(command -v swift)")")/lib/clang/$(ls "$(dirname "$(dirname "$(command -v swift)")")/lib/clang" | sort -V | tail -1)/lib/linux}"
swift build --package-path Fuzz --scratch-path .build-fuzz -c debug
for t in FuzzCSV FuzzDatasetSpec FuzzModelSpec FuzzToysFile; do
    mkdir -p "Fuzz/crashes/$t" ".build-fuzz/corpus/$t"
    echo "fuzzing $t for ${secs}s"
    .build-fuzz/debug/$t -max_total_time="$secs" -seed=1 -rss_limit_mb=4096 \
        -artifact_prefix="Fuzz/crashes/$t/" ".build-fuzz/corpus/$t" "Fuzz/corpus/$t" 2>&1 | tail -n 2
done
