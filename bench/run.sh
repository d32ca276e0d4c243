#!/usr/bin/env bash
# The benchmark: `bash bench/run.sh [--rounds N] [--only plan-widget,echarts] [--workloads a,d]`.
# Builds the release bundle (scripts/build-web.sh; skip with BENCH_NO_BUILD=1), bundles the
# peers with esbuild, then times every workload in headless Chromium and writes
# docs/benchmarks.md. Speed is measured here, never asserted by the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_chromium
ensure_node_modules
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  bash scripts/build-web.sh
fi
step "bundling ECharts, Chart.js and uPlot (esbuild, minified, tree-shaken)"
mkdir -p bench/dist
for lib in echarts chartjs uplot; do
  node_modules/.bin/esbuild "bench/entries/$lib.js" --bundle --minify --format=esm \
    --target=es2020 --legal-comments=none --log-level=warning --outfile="bench/dist/$lib.js"
done
cp node_modules/uplot/dist/uPlot.min.css bench/dist/uplot.css
step "timing (headless Chromium)"
node bench/runner.mjs "$@"
