# Shared helpers for scripts/test.sh and scripts/demo.sh: each `ensure_*` installs one tool only
# when it is missing, so running the scripts again is cheap.
# shellcheck shell=bash

step() { printf '\n==> %s\n' "$*"; }

ensure_rust_components() {
  if ! cargo fmt --version >/dev/null 2>&1; then rustup component add rustfmt; fi
  if ! cargo clippy --version >/dev/null 2>&1; then rustup component add clippy; fi
}
