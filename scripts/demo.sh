#!/usr/bin/env bash
# The one command that runs the demo: `bash scripts/demo.sh [PORT]`.
# Installs what it needs (idempotently), builds the release bundle into pkg/, and serves www/
# on 127.0.0.1 with the five sample plans as the default data. Prints the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_web_tools
step "release build (scripts/build-web.sh)" "bash scripts/build-web.sh"
bash scripts/build-web.sh
step "serving www/ (Ctrl-C to stop)" "node scripts/serve.mjs --port ${1:-${PORT:-8080}}"
exec node scripts/serve.mjs --port "${1:-${PORT:-8080}}"
