# Shared helpers for scripts/test.sh, scripts/demo.sh, scripts/build-web.sh and bench/run.sh.
# Each `ensure_*` installs one tool only when it is missing (or at the wrong version), says what it
# installs and about how long that takes, so running the scripts again is cheap. Written for a
# fresh Debian machine with rustup, cargo, node and npm, as root.
#
# Any failing command stops the script with the step that failed and the command to run by hand
# (the ERR trap below): never a silent exit.
# shellcheck shell=bash

# Pins. wasm-pack is built from crates.io at this exact version (its own downloads fail here);
# wasm-bindgen-cli is taken from the exact `wasm-bindgen = "=X"` pin in Cargo.toml.
WASM_PACK_VERSION=0.15.1

# The step under way, and the command a person can run by hand to redo it (printed on failure).
PW_STEP="setup"
PW_HINT=""

# `step NAME [HAND-COMMAND]`: announces a step and remembers it for the error message.
step() {
  PW_STEP=$1
  PW_HINT=${2:-}
  printf '\n==> %s\n' "$1"
}

# `checking NAME`: names the probe under way (before any install), for the error message.
checking() {
  PW_STEP="checking $1"
  PW_HINT=""
}

pw_on_error() {
  local rc=$1 line=$2 cmd=$3 where=${FUNCNAME[1]:-main}
  # Inside a command substitution or subshell, leave the report to the shell that waits for it.
  if [ "$BASH_SUBSHELL" -gt 0 ]; then exit "$rc"; fi
  {
    printf '\nerror: step "%s" failed (exit status %s)\n' "$PW_STEP" "$rc"
    printf '       at %s line %s, in %s: %s\n' "${BASH_SOURCE[1]:-$0}" "$line" "$where" "$cmd"
    if [ "$rc" = 127 ]; then
      printf '       (exit status 127: a command was not found on PATH)\n'
    fi
    if [ -n "$PW_HINT" ]; then
      printf '       to run it by hand: %s\n' "$PW_HINT"
    fi
  } >&2
  exit "$rc"
}

set -Eeuo pipefail
trap 'pw_on_error $? $LINENO "$BASH_COMMAND"' ERR

export PATH="$HOME/.cargo/bin:$PATH"

# The exact wasm-bindgen version pinned in Cargo.toml (`wasm-bindgen = "=0.2.130"`).
wasm_bindgen_pin() {
  sed -n 's/^wasm-bindgen = "=\([0-9][0-9.]*\)".*/\1/p' Cargo.toml | head -n 1
}

# The version a tool prints as the second word of `TOOL --version`, or nothing when it is absent.
installed_version() {
  if command -v "$1" >/dev/null 2>&1; then
    "$1" --version 2>/dev/null | awk 'NR == 1 { print $2 }' || true
  fi
}

ensure_rust_components() {
  checking "rustfmt and clippy"
  if ! cargo fmt --version >/dev/null 2>&1; then
    step "installing rustfmt (rustup component, under a minute)" "rustup component add rustfmt"
    rustup component add rustfmt
  fi
  if ! cargo clippy --version >/dev/null 2>&1; then
    step "installing clippy (rustup component, under a minute)" "rustup component add clippy"
    rustup component add clippy
  fi
}

ensure_wasm_target() {
  checking "the wasm32-unknown-unknown target"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "installing the wasm32-unknown-unknown target (rustup, under a minute)" \
      "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_wasm_pack() {
  local have
  checking "wasm-pack"
  have=$(installed_version wasm-pack)
  if [ "$have" != "$WASM_PACK_VERSION" ]; then
    step "installing wasm-pack $WASM_PACK_VERSION${have:+ (found $have)} from crates.io (about 4 minutes)" \
      "cargo install wasm-pack --version $WASM_PACK_VERSION --locked"
    cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
  fi
}

# The wasm-bindgen CLI must match the wasm-bindgen crate exactly. wasm-pack cannot download it
# here, so it is built from crates.io (without --locked, which fails on this registry).
ensure_wasm_bindgen_cli() {
  local want have
  checking "wasm-bindgen-cli"
  want=$(wasm_bindgen_pin)
  if [ -z "$want" ]; then
    step "reading the wasm-bindgen pin" "grep '^wasm-bindgen = \"=' Cargo.toml"
    echo 'Cargo.toml has no exact pin wasm-bindgen = "=X.Y.Z"' >&2
    return 1
  fi
  have=$(installed_version wasm-bindgen)
  if [ "$have" != "$want" ]; then
    step "installing wasm-bindgen-cli $want${have:+ (found $have)} from crates.io (about 5 minutes)" \
      "cargo install wasm-bindgen-cli --version $want"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

# Debian packages, in one apt-get run: Chromium and its driver (browser tests), a small CJK font
# so Chinese text is measured and drawn with real glyphs (headless Chromium on a bare Debian has
# none and draws empty boxes), and shellcheck for the scripts. `ensure_debian_packages` with no
# arguments installs all of them; `ensure_debian_packages chromium` only the browser part.
ensure_debian_packages() {
  local parts=("$@") want=() part
  checking "Debian packages ${*:-chromium shellcheck}"
  [ ${#parts[@]} -gt 0 ] || parts=(chromium shellcheck)
  for part in "${parts[@]}"; do
    case $part in
      chromium)
        command -v chromium >/dev/null 2>&1 || want+=(chromium)
        command -v chromedriver >/dev/null 2>&1 || want+=(chromium-driver)
        { fc-list 2>/dev/null || true; } | grep -qiE 'wenquanyi|noto (sans|serif) cjk' \
          || want+=(fonts-wqy-microhei)
        ;;
      shellcheck)
        command -v shellcheck >/dev/null 2>&1 || want+=(shellcheck)
        ;;
    esac
  done
  if [ ${#want[@]} -gt 0 ]; then
    step "installing Debian packages: ${want[*]} (apt-get, about 2 minutes)" \
      "apt-get update && apt-get install -y --no-install-recommends ${want[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${want[@]}"
  fi
}

# Kept for bench/run.sh: the browser and its font.
ensure_chromium() { ensure_debian_packages chromium; }

# npm packages (binaryen's wasm-opt, esbuild, playwright-core, …), exactly as package-lock.json
# pins them.
ensure_node_modules() {
  checking "npm packages"
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ] \
    || [ ! -d node_modules/playwright-core ] \
    || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "installing npm packages (npm ci, about 1 minute)" "npm ci --no-audit --no-fund"
    npm ci --no-audit --no-fund
  fi
}

ensure_web_tools() {
  ensure_wasm_target
  ensure_wasm_pack
  ensure_wasm_bindgen_cli
  ensure_node_modules
}
