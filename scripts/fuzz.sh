#!/usr/bin/env bash
# Coverage-guided fuzzing of the pure pipeline (parse -> validate -> status -> layout ->
# paint::to_svg) with cargo-fuzz and libFuzzer, on the STABLE toolchain:
#
#   bash scripts/fuzz.sh [SECONDS] [JOBS]     # default 600 s, 1 job; runs at nice 19
#
# cargo-fuzz needs no nightly when built without a sanitizer (`--sanitizer none`): the coverage
# instrumentation it asks rustc for is stable codegen (`-Cpasses=sancov-module`, `-Cllvm-args`,
# no `-Z` flag), and libfuzzer-sys compiles libFuzzer with the system C++ compiler (g++).
#
# Seeds: www/data/*.json split into small plans (fuzz/make-seeds.mjs), tests/fixtures/invalid/
# and the committed corpus fuzz/corpus/pipeline/, into which the run's new inputs are merged
# back (minimised, see below). A crash leaves its input in fuzz/artifacts/pipeline/ and makes
# this script exit 1: copy that file to fuzz/regressions/ (tests/hostile.rs replays every file
# there in `cargo test`), fix the bug, run again. Appends one line per run to fuzz/runs.log
# (date, seconds, executions, coverage, corpus size, result). See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

SECONDS_TO_RUN=${1:-600}
JOBS=${2:-1}
TARGET=pipeline
CORPUS=fuzz/corpus/$TARGET
WORK=fuzz/corpus-raw/$TARGET
ARTIFACTS=fuzz/artifacts/$TARGET
# Inputs up to 16 KiB: the seeds are 1–2 KB plans split from the samples (fuzz/make-seeds.mjs),
# which keeps executions fast and the corpus small; the whole samples replay in tests/hostile.rs.
MAX_LEN=16384

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz (about 2 minutes)"
  cargo install cargo-fuzz
fi

echo "==> building the fuzz target (stable toolchain, no sanitizer)"
(cd fuzz && nice -n 19 cargo fuzz build --sanitizer none --release "$TARGET")
BINS=(fuzz/target/*/release/"$TARGET")
BIN=${BINS[0]}

mkdir -p "$CORPUS" "$WORK" "$ARTIFACTS" fuzz/regressions
# Seeds: the sample plans split into one small plan per sample and kind, and the invalid fixtures
# (in the scratch corpus, so the committed one stays minimal).
node fuzz/make-seeds.mjs "$WORK"
cp tests/fixtures/invalid/*.json "$WORK"/

echo "==> fuzzing $TARGET for ${SECONDS_TO_RUN}s with $JOBS job(s) at nice 19"
LOG=$(mktemp)
status=0
set +e
PARALLEL=()
if [ "$JOBS" -gt 1 ]; then PARALLEL=(-jobs="$JOBS" -workers="$JOBS"); fi
nice -n 19 "$BIN" "$WORK" "$CORPUS" fuzz/regressions \
  -dict=fuzz/pipeline.dict -max_len="$MAX_LEN" -timeout=20 -rss_limit_mb=3072 \
  -max_total_time="$SECONDS_TO_RUN" -print_final_stats=1 \
  -artifact_prefix="$ARTIFACTS/" "${PARALLEL[@]}" >"$LOG" 2>&1
status=$?
set -e
# With -jobs, each job logs to fuzz-N.log in the current directory.
if [ "$JOBS" -gt 1 ]; then cat fuzz-*.log >>"$LOG" 2>/dev/null || true; rm -f fuzz-*.log; fi
tail -n 25 "$LOG"

execs=$(grep -h 'stat::number_of_executed_units' "$LOG" | awk '{s += $2} END {print s + 0}')
cov=$(grep -ho 'cov: [0-9]*' "$LOG" | awk '{print $2}' | sort -n | tail -1)
ft=$(grep -ho 'ft: [0-9]*' "$LOG" | awk '{print $2}' | sort -n | tail -1)
crashes=$(find "$ARTIFACTS" -mindepth 1 -maxdepth 1 | wc -l)

# The committed corpus keeps a smallest set of inputs that covers every edge the run reached
# (set-cover merge on edges, not hit counts): about 350 files and under 2 MB. The scratch corpus
# (fuzz/corpus-raw/, not committed) keeps everything for the next local run.
echo "==> merging new inputs into $CORPUS (minimised)"
MERGED=$(mktemp -d)
nice -n 19 "$BIN" -set_cover_merge=1 -use_counters=0 -max_len="$MAX_LEN" -timeout=20 \
  "$MERGED" "$CORPUS" "$WORK" >/dev/null 2>&1 || true
if [ -n "$(ls -A "$MERGED")" ]; then
  rm -f "$CORPUS"/*
  cp "$MERGED"/* "$CORPUS"/
fi
rm -rf "$MERGED"
files=$(find "$CORPUS" -mindepth 1 -maxdepth 1 | wc -l)
size=$(du -sk "$CORPUS" | awk '{print $1}')

result=ok
if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then result="CRASH (exit $status, $crashes artifact(s) in $ARTIFACTS)"; fi
line="$(date -u +%Y-%m-%dT%H:%MZ) seconds=$SECONDS_TO_RUN jobs=$JOBS execs=$execs cov=${cov:-?} ft=${ft:-?} corpus=${files}files/${size}KiB result=$result"
echo "$line" | tee -a fuzz/runs.log
rm -f "$LOG"
[ "$result" = ok ]
