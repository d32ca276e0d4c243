#!/usr/bin/env bash
# The one command that runs every test: `bash scripts/test.sh`.
# Installs what it needs (idempotently), then runs formatting, lints and the test suites.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh

ensure_rust_components

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (host)"
cargo clippy --all-targets --locked -- -D warnings

step "cargo test (native)"
cargo test --locked

step "all tests passed"
