#!/usr/bin/env bash
# Builds the browser bundle into pkg/: wasm-pack's output (plan_widget.js, plan_widget_bg.wasm,
# TypeScript declarations), optimised with npm binaryen's wasm-opt, plus the loader
# plan-widget.js (src/js/, bundled into one file) and its declarations. pkg/ is then an npm
# package (package.json, README.md, LICENSE; scripts/npm-package.mjs): `npm pack ./pkg` makes
# the tarball. A portal without npm copies plan-widget.js, plan_widget.js and plan_widget_bg.wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_web_tools

# npm binaryen's wasm-opt, size first, with the features Rust's wasm32 target emits.
wasm_opt() {
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$1" -o "$1"
}

step "wasm-pack build --target web --release" \
  "wasm-pack build --target web --release --out-dir pkg --no-pack"
wasm-pack build --target web --release --out-dir pkg --no-pack
step "wasm-opt -Oz (binaryen $(node_modules/.bin/wasm-opt --version | awk '{print $3}'))" \
  "node_modules/.bin/wasm-opt -Oz pkg/plan_widget_bg.wasm -o pkg/plan_widget_bg.wasm"
wasm_opt pkg/plan_widget_bg.wasm
cp src/js/plan-widget.d.ts pkg/
# The loader and wasm-bindgen's glue are minified (esbuild, pinned in package-lock.json) with
# source maps beside them (external: the scripts name no map, so a bundler or browser never asks
# for one; the maps stay out of the npm package). The readable loader is src/js/plan-widget.js;
# its modules (src/js/*.js, and plan-widget.css as text) are bundled into it, the glue stays a
# file of its own.
minify() {
  node_modules/.bin/esbuild "$1" --minify --format=esm --target=es2020 --sourcemap=external \
    --log-level=warning --outfile="$2" --allow-overwrite "${@:3}"
}
minify src/js/plan-widget.js pkg/plan-widget.js --bundle --external:./plan_widget.js --loader:.css=text
minify pkg/plan_widget.js pkg/plan_widget.js
step "npm package (pkg/package.json, README.md, LICENSE)" "node scripts/npm-package.mjs"
node scripts/npm-package.mjs

# The authoring page's bundle (www/authoring.html): the same crate with the cargo feature
# `authoring` (draft, validate, edit actuals), so the widget's own module stays small.
step "wasm-pack build --features authoring (pkg/authoring/)" \
  "wasm-pack build --target web --release --out-dir pkg/authoring --no-pack -- --features authoring"
wasm-pack build --target web --release --out-dir pkg/authoring --no-pack -- --features authoring
wasm_opt pkg/authoring/plan_widget_bg.wasm
minify pkg/authoring/plan_widget.js pkg/authoring/plan_widget.js
# The page's download helper is the loader's own (src/js/export.js), as a module of its own.
minify src/js/export.js pkg/authoring/export.js --bundle
touch pkg/.gitkeep
printf 'pkg/: %s\n' "$(cd pkg && printf '%s ' *)"
printf 'sizes (bytes, gzip -9): wasm %s, glue %s, loader %s\n' \
  "$(gzip -9c pkg/plan_widget_bg.wasm | wc -c)" "$(gzip -9c pkg/plan_widget.js | wc -c)" "$(gzip -9c pkg/plan-widget.js | wc -c)"
printf 'authoring bundle (bytes, gzip -9): wasm %s, glue %s\n' \
  "$(gzip -9c pkg/authoring/plan_widget_bg.wasm | wc -c)" "$(gzip -9c pkg/authoring/plan_widget.js | wc -c)"
