#!/usr/bin/env bash
# The one command that runs every test: `bash scripts/test.sh`.
# Installs what it needs (idempotently: Rust components and wasm target, wasm-pack, the
# wasm-bindgen-cli pinned in Cargo.toml, Debian's chromium, chromium-driver, a CJK font and the
# script linter, the npm packages of package-lock.json), then lints the scripts, runs the
# fresh-machine test of the scripts themselves, formatting, lints on both targets, the native
# tests, the wasm tests in headless Chromium, and the end-to-end tests against the built demo.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh

ensure_rust_components
ensure_debian_packages
ensure_web_tools

step "shellcheck (scripts, the setup test, the benchmark, CI)" \
  "shellcheck scripts/*.sh tests/setup/*.sh bench/*.sh .ci/run"
shellcheck scripts/*.sh tests/setup/*.sh bench/*.sh .ci/run

step "setup on a simulated fresh machine (tests/setup/fresh-machine.sh)" \
  "bash tests/setup/fresh-machine.sh"
bash tests/setup/fresh-machine.sh

step "cargo fmt --check" "cargo fmt --all -- --check"
cargo fmt --all -- --check

step "cargo clippy (host)" "cargo clippy --all-targets --locked -- -D warnings"
cargo clippy --all-targets --locked -- -D warnings

step "cargo clippy (wasm32-unknown-unknown, widget and authoring features)" \
  "cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings"
cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
cargo clippy --lib --locked --target wasm32-unknown-unknown --features authoring -- -D warnings

step "cargo test (native)" "cargo test --locked"
cargo test --locked

step "wasm-pack test --headless --chrome (real browser)" \
  "wasm-pack test --headless --chrome -- --locked --test web"
CHROMEDRIVER=$(command -v chromedriver) wasm-pack test --headless --chrome -- --locked --test web

step "release build (scripts/build-web.sh)" "bash scripts/build-web.sh"
bash scripts/build-web.sh

step "end-to-end tests (demo pages in headless Chromium)" \
  "node --test --test-concurrency=1 tests/e2e/"
node --test --test-concurrency=1 tests/e2e/

step "all tests passed"
