#!/usr/bin/env bash
# The one command that runs every test: `bash scripts/test.sh`.
# Installs what it needs (idempotently: Rust components and wasm target, wasm-pack, the
# wasm-bindgen-cli matching Cargo.lock, Debian's chromium and chromium-driver, npm binaryen and
# playwright-core), then runs formatting, lints on both targets, the native tests, the wasm
# tests in headless Chromium, and the end-to-end tests against the built demo.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh

ensure_rust_components
ensure_chromium
ensure_web_tools

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (host)"
cargo clippy --all-targets --locked -- -D warnings

step "cargo clippy (wasm32-unknown-unknown, widget and authoring features)"
cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
cargo clippy --lib --locked --target wasm32-unknown-unknown --features authoring -- -D warnings

step "cargo test (native)"
cargo test --locked

step "wasm-pack test --headless --chrome (real browser)"
CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome -- --locked --test web

step "end-to-end tests (release build, demo pages in headless Chromium)"
bash scripts/build-web.sh
node --test --test-concurrency=1 tests/e2e/

step "all tests passed"
