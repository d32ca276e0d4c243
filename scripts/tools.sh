# Shared helpers for scripts/test.sh, scripts/demo.sh and scripts/build-web.sh. Each `ensure_*`
# installs one tool only when it is missing (or at the wrong version), so running the scripts
# again is cheap. Written for a fresh Debian machine with rustup, cargo, node and npm, as root.
# shellcheck shell=bash

step() { printf '\n==> %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

ensure_rust_components() {
  if ! cargo fmt --version >/dev/null 2>&1; then rustup component add rustfmt; fi
  if ! cargo clippy --version >/dev/null 2>&1; then rustup component add clippy; fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_wasm_pack() {
  if ! command -v wasm-pack >/dev/null 2>&1; then
    step "installing wasm-pack (about 4 minutes)"
    cargo install wasm-pack --locked
  fi
}

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly. wasm-pack cannot
# download it here, so it is built from crates.io (without --locked, which fails on this registry).
ensure_wasm_bindgen_cli() {
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
  if [ -z "$want" ]; then echo "wasm-bindgen not found in Cargo.lock" >&2; return 1; fi
  if [ "$have" != "$want" ]; then
    step "installing wasm-bindgen-cli $want (about 5 minutes)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

# Chromium and its driver, plus a small CJK font so Chinese text is measured and drawn with real
# glyphs (headless Chromium on a bare Debian has none and draws empty boxes).
ensure_chromium() {
  local want=()
  [ -x /usr/bin/chromium ] || want+=(chromium)
  [ -x /usr/bin/chromedriver ] || want+=(chromium-driver)
  fc-list 2>/dev/null | grep -qiE 'wenquanyi|noto (sans|serif) cjk' || want+=(fonts-wqy-microhei)
  if [ ${#want[@]} -gt 0 ]; then
    step "installing Debian packages: ${want[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${want[@]}"
  fi
}

# npm packages (binaryen's wasm-opt, playwright-core), exactly as package-lock.json pins them.
ensure_node_modules() {
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
    || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund
  fi
}

ensure_web_tools() {
  ensure_wasm_target
  ensure_wasm_pack
  ensure_wasm_bindgen_cli
  ensure_node_modules
}
