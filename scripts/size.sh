#!/usr/bin/env bash
# Where the widget's WebAssembly module spends its bytes (docs/benchmarks.md, "Size").
# Builds the widget module alone (no authoring bundle) into target/size/, optimised exactly as
# scripts/build-web.sh does, once without names (the shipped bytes: raw and gzip -9) and once with
# the name section kept (-g) so that twiggy can attribute them. With twiggy on PATH
# (`cargo install twiggy --locked`, a measuring tool only, not needed by any other script) it then
# prints the largest retained exports and the shallow bytes per crate.
#
#   bash scripts/size.sh            # sizes, and the attribution when twiggy is installed
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_web_tools

out=target/size
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)
step "wasm-pack build --target web --release (widget only, into $out/pkg)"
wasm-pack build --target web --release --out-dir "$out/pkg" --no-pack >"$out.log" 2>&1 \
  || { cat "$out.log"; exit 1; }
step "wasm-opt -Oz, without and with names"
node_modules/.bin/wasm-opt -Oz "${features[@]}" "$out/pkg/plan_widget_bg.wasm" -o "$out/widget.wasm"
node_modules/.bin/wasm-opt -Oz -g "${features[@]}" "$out/pkg/plan_widget_bg.wasm" -o "$out/named.wasm"
printf 'wasm: %s bytes raw, %s bytes gzip -9\n' \
  "$(wc -c <"$out/widget.wasm")" "$(gzip -9c "$out/widget.wasm" | wc -c)"

if ! command -v twiggy >/dev/null; then
  printf 'twiggy is not installed (cargo install twiggy --locked): no attribution\n'
  exit 0
fi
step "twiggy: largest retained items (raw bytes, names kept)"
twiggy dominators -d 1 "$out/named.wasm" | sed -n 1,22p
step "twiggy: shallow bytes by crate (names kept; the name section itself left out)"
twiggy top -n 1000000 "$out/named.wasm" | awk -F' *┊ *' '
  NF < 3 || $1 !~ /[0-9]/ { next }
  {
    bytes = $1 + 0; name = $3
    if (name ~ /function names|\.\.\. and|Σ/) next
    if (name ~ /^data segment/) group = "(data)"
    else if (name ~ /shim/) group = "(export shims: code inlined into the exports)"
    else {
      group = name
      sub(/^([<&* ]|impl |mut )+/, "", group)
      sub(/[^a-z_0-9].*$/, "", group)
      if (group == "") group = "(other)"
    }
    sum[group] += bytes
  }
  END { for (g in sum) printf "%8d  %s\n", sum[g], g }' | sort -rn | head -20
