#!/usr/bin/env bash
# The README's two commands on a simulated fresh Debian machine: `bash tests/setup/fresh-machine.sh`.
#
# A fresh clone on a developer's machine is not a fresh machine: wasm-pack, wasm-bindgen-cli and
# Chromium are usually there already, so the install path of scripts/test.sh and scripts/demo.sh
# is never exercised. This test runs both scripts (copied with the files they read into a
# temporary repository) with
#   - a temporary HOME (so ~/.cargo/bin is empty),
#   - a PATH holding only stubs of cargo, rustup, npm, apt-get and node, which log their
#     arguments and "install" stub binaries (wasm-pack, wasm-bindgen, chromium, chromedriver,
#     fc-list, shellcheck, node_modules/.bin/*), and links to the basic utilities the scripts use.
# It asserts that each missing tool is installed, in order and at its pinned version, that the
# scripts go on to their tests, build and server, that a second run installs nothing, and that a
# failing install names its step and the command to run by hand.
#
# FRESH_SCRIPTS_REV=<git revision> runs the scripts of that revision instead (for example the
# commit before the fix, to see this test fail on it).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  failures=$((failures + 1))
}
pass() { printf 'ok: %s\n' "$*"; }

wasm_pack_pin=$(sed -n 's/^WASM_PACK_VERSION=//p' "$repo/scripts/tools.sh")
wasm_bindgen_pin=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$repo/Cargo.toml")
[ -n "$wasm_pack_pin" ] || { echo "no WASM_PACK_VERSION in scripts/tools.sh" >&2; exit 1; }
[ -n "$wasm_bindgen_pin" ] || { echo "no exact wasm-bindgen pin in Cargo.toml" >&2; exit 1; }

# --- the stubs -------------------------------------------------------------------------------

# Links to the real basic utilities the scripts need; nothing else of the host is on PATH.
mkdir -p "$work/sys"
for tool in bash sh env awk sed grep cat mkdir cp rm mv touch ls tr head tail wc gzip dirname \
  basename sort chmod ln mktemp cut uname date; do
  ln -s "$(command -v "$tool")" "$work/sys/$tool"
done

mkdir -p "$work/stubs"
# A stub's common start: append "NAME ARGS" to the log; fail when STUB_FAIL matches the call.
# (Single quotes on purpose: the variables expand when the stub runs.)
# shellcheck disable=SC2016
stub_head='#!/usr/bin/env bash
set -eu
me=$(basename "$0")
printf "%s %s\n" "$me" "$*" >> "$STUB_LOG"
if [ -n "${STUB_FAIL:-}" ] && [[ "$me $*" == "$STUB_FAIL"* ]]; then
  echo "$me: simulated failure" >&2
  exit 101
fi'

cat > "$work/stubs/rustup" <<EOF
$stub_head
state=\$STUB_STATE
case "\$*" in
  "component add "*) touch "\$state/component-\$3" ;;
  "target list --installed") cat "\$state/targets" 2>/dev/null || true ;;
  "target add "*) echo "\$3" >> "\$state/targets" ;;
esac
EOF

cat > "$work/stubs/cargo" <<EOF
$stub_head
state=\$STUB_STATE
case "\$*" in
  "fmt --version") [ -e "\$state/component-rustfmt" ] ;;
  "clippy --version") [ -e "\$state/component-clippy" ] ;;
  "install "*)
    crate=\$2; version=0.0.0
    while [ \$# -gt 0 ]; do [ "\$1" = --version ] && version=\$2; shift; done
    mkdir -p "\$HOME/.cargo/bin"
    case \$crate in
      wasm-pack) bin=wasm-pack ;;
      wasm-bindgen-cli) bin=wasm-bindgen ;;
      *) echo "cargo stub: unexpected crate \$crate" >&2; exit 1 ;;
    esac
    "\$STUB_DIR/make-installed" "\$HOME/.cargo/bin/\$bin" "\$version"
    ;;
esac
EOF

cat > "$work/stubs/apt-get" <<EOF
$stub_head
[ "\$1" = install ] || exit 0
for pkg in "\$@"; do
  case \$pkg in
    chromium) "\$STUB_DIR/make-installed" "\$STUB_USR/chromium" 156.0 ;;
    chromium-driver) "\$STUB_DIR/make-installed" "\$STUB_USR/chromedriver" 156.0 ;;
    fonts-wqy-microhei) printf '#!/usr/bin/env bash\necho "wqy-microhei.ttc: WenQuanYi Micro Hei"\n' > "\$STUB_USR/fc-list"; chmod +x "\$STUB_USR/fc-list" ;;
    shellcheck) "\$STUB_DIR/make-installed" "\$STUB_USR/shellcheck" 0.9.0 ;;
    -*|install) ;;
    *) echo "apt-get stub: unexpected package \$pkg" >&2; exit 100 ;;
  esac
done
EOF

cat > "$work/stubs/npm" <<EOF
$stub_head
if [ "\$1" = ci ]; then
  mkdir -p node_modules/.bin node_modules/playwright-core
  "\$STUB_DIR/make-installed" node_modules/.bin/wasm-opt "version 132"
  "\$STUB_DIR/make-installed" node_modules/.bin/esbuild 0.28.2
  touch node_modules/.package-lock.json
fi
EOF

cat > "$work/stubs/node" <<EOF
$stub_head
EOF

# An installed stub binary: logs its calls; `--version` prints "NAME VERSION"; wasm-pack's
# `build --out-dir D` writes the two files build-web.sh goes on with; esbuild writes its --outfile.
mkdir -p "$work/helpers"
{
  printf '%s\n' "$stub_head"
  cat <<'EOF'
if [ "${1:-}" = --version ]; then echo "$me @VERSION@"; exit 0; fi
prev=
for a in "$@"; do
  if [ "$prev" = --out-dir ]; then
    mkdir -p "$a"; echo wasm > "$a/plan_widget_bg.wasm"; echo js > "$a/plan_widget.js"
  fi
  case $a in --outfile=*) echo js > "${a#--outfile=}" ;; esac
  prev=$a
done
EOF
} > "$work/helpers/installed.template"
# make-installed PATH VERSION: "installs" such a stub at PATH.
cat > "$work/helpers/make-installed" <<'EOF'
#!/usr/bin/env bash
set -eu
sed "s/@VERSION@/$2/" "$(dirname "$0")/installed.template" > "$1"
chmod +x "$1"
EOF
chmod +x "$work/stubs/"* "$work/helpers/make-installed"

# --- one simulated machine -------------------------------------------------------------------

# new_machine NAME: a repository copy, an empty HOME, no installed tools.
new_machine() {
  local m=$work/$1
  mkdir -p "$m/home" "$m/usr" "$m/state" "$m/repo/tests/setup"
  (cd "$repo" && tar -cf - scripts Cargo.toml Cargo.lock package.json package-lock.json src/js) \
    | tar -xf - -C "$m/repo"
  if [ -n "${FRESH_SCRIPTS_REV:-}" ]; then
    (cd "$repo" && git archive "$FRESH_SCRIPTS_REV" scripts) | tar -xf - -C "$m/repo"
  fi
  # The real test file must not run inside its own simulation: a logging stand-in takes its place.
  # shellcheck disable=SC2016 # expands when the stand-in runs
  printf '#!/usr/bin/env bash\necho "fresh-machine-test $*" >> "$STUB_LOG"\n' \
    > "$m/repo/tests/setup/fresh-machine.sh"
  : > "$m/log"
}

# run_on NAME SCRIPT [ARGS...]: runs a script of the copy on machine NAME; output in NAME/out.
run_on() {
  local m=$work/$1
  shift
  (
    cd "$m/repo"
    env -i HOME="$m/home" PATH="$work/stubs:$m/usr:$work/sys" \
      STUB_LOG="$m/log" STUB_STATE="$m/state" STUB_DIR="$work/helpers" STUB_USR="$m/usr" \
      STUB_FAIL="${STUB_FAIL:-}" TERM=dumb \
      "$BASH" "$@"
  ) > "$m/out" 2>&1
}

# expect_order NAME LINE...: each LINE (a prefix) occurs in NAME's log, in this order.
expect_order() {
  local m=$work/$1 what=$1 line=0 want n
  shift
  for want in "$@"; do
    n=$(awk -v from="$line" -v want="$want" \
      'NR > from && substr($0, 1, length(want)) == want { print NR; exit }' "$m/log")
    if [ -z "$n" ]; then
      fail "$what: expected \"$want\" after log line $line"
      return 1
    fi
    line=$n
  done
  pass "$what: $# steps in order"
}

installs() { grep -E '^(rustup (component|target) add|cargo install|apt-get|npm ci)' "$1" || true; }

show_failure() {
  echo "--- output of $1 ---" >&2
  tail -n 30 "$work/$1/out" >&2
  echo "--- log of $1 ---" >&2
  cat "$work/$1/log" >&2
}

# --- scripts/test.sh -------------------------------------------------------------------------

new_machine test
if run_on test scripts/test.sh; then
  pass "test.sh exits 0 on a fresh machine"
else
  fail "test.sh exited with status $? on a fresh machine"
  show_failure test
fi
expected_installs=(
  "rustup component add rustfmt"
  "rustup component add clippy"
  "apt-get update"
  "apt-get install -y --no-install-recommends chromium chromium-driver fonts-wqy-microhei shellcheck"
  "rustup target add wasm32-unknown-unknown"
  "cargo install wasm-pack --version $wasm_pack_pin --locked"
  "cargo install wasm-bindgen-cli --version $wasm_bindgen_pin"
  "npm ci --no-audit --no-fund"
)
if [ "$(installs "$work/test/log")" = "$(printf '%s\n' "${expected_installs[@]}")" ]; then
  pass "test.sh installs the ${#expected_installs[@]} missing tools, in order, at their pins"
else
  fail "test.sh's installs differ; expected:"
  printf '    %s\n' "${expected_installs[@]}" >&2
  echo "  got:" >&2
  installs "$work/test/log" | sed 's/^/    /' >&2
fi
expect_order test "${expected_installs[@]}" \
  "shellcheck scripts/" "fresh-machine-test" "cargo fmt --all -- --check" \
  "cargo clippy --all-targets --locked -- -D warnings" \
  "cargo clippy --all-targets --locked --target wasm32-unknown-unknown" \
  "cargo clippy --lib --locked --target wasm32-unknown-unknown --features authoring" \
  "cargo test --locked" "wasm-pack test --headless --chrome" \
  "wasm-pack build --target web --release --out-dir pkg --no-pack" \
  "wasm-pack build --target web --release --out-dir pkg/authoring" \
  "node --test" || show_failure test
grep -q '^==> all tests passed' "$work/test/out" || fail "test.sh did not reach its last step"
for tool in "installing wasm-pack $wasm_pack_pin" "installing wasm-bindgen-cli $wasm_bindgen_pin"; do
  grep -q "^==> $tool.*(about [0-9]* minutes)" "$work/test/out" \
    || fail "test.sh does not announce \"$tool\" with its duration"
done

# The same machine again: everything is there, nothing is installed twice.
: > "$work/test/log"
if run_on test scripts/test.sh && [ -z "$(installs "$work/test/log")" ]; then
  pass "a second test.sh run installs nothing and passes"
else
  fail "a second test.sh run installed again or failed:"
  show_failure test
fi

# --- scripts/demo.sh -------------------------------------------------------------------------

new_machine demo
if run_on demo scripts/demo.sh 8123; then
  pass "demo.sh exits 0 on a fresh machine (the server stub returns)"
else
  fail "demo.sh exited with status $? on a fresh machine"
  show_failure demo
fi
expect_order demo "rustup target add wasm32-unknown-unknown" \
  "cargo install wasm-pack --version $wasm_pack_pin --locked" \
  "cargo install wasm-bindgen-cli --version $wasm_bindgen_pin" "npm ci --no-audit --no-fund" \
  "wasm-pack build --target web --release --out-dir pkg --no-pack" \
  "wasm-pack build --target web --release --out-dir pkg/authoring" \
  "node scripts/serve.mjs --port 8123" || show_failure demo
[ -s "$work/demo/repo/pkg/plan_widget_bg.wasm" ] || fail "demo.sh did not build pkg/"

# --- a failing install is never silent -------------------------------------------------------

new_machine broken
if STUB_FAIL="cargo install wasm-pack" run_on broken scripts/test.sh; then
  fail "test.sh passed although installing wasm-pack failed"
else
  if grep -q "error: step \"installing wasm-pack" "$work/broken/out" \
    && grep -q "to run it by hand: cargo install wasm-pack --version $wasm_pack_pin --locked" \
      "$work/broken/out"; then
    pass "a failed install names its step and the command to run by hand"
  else
    fail "a failed install did not say which step failed and how to rerun it"
    show_failure broken
  fi
fi
if grep -q '^cargo test' "$work/broken/log"; then fail "test.sh went on after a failed install"; fi

# --- the README names the pins ----------------------------------------------------------------

grep -q "wasm-pack $wasm_pack_pin" "$repo/README.md" || fail "README.md does not name wasm-pack $wasm_pack_pin"
grep -q "wasm-bindgen-cli $wasm_bindgen_pin" "$repo/README.md" \
  || fail "README.md does not name wasm-bindgen-cli $wasm_bindgen_pin"

if [ "$failures" -gt 0 ]; then
  printf '\nfresh-machine setup test: %s failure(s)\n' "$failures" >&2
  exit 1
fi
printf '\nfresh-machine setup test: all checks passed\n'
