#!/usr/bin/env bash
# Real-browser check of the built example site: every page in headless
# Chromium with axe-core (WCAG 2.2 A/AA), console errors, failed requests,
# horizontal overflow at 375 px, links, the search page and the 404 page.
# See tests/browser/README.md.
#
# Usage: bash .ci/browser-test.sh [--reuse-public] [-- ARGS FOR a11y.mjs]
#   --reuse-public  don't rebuild when public/index.html exists (also: A11Y_REUSE_PUBLIC=1)
# Works from any folder, on a fresh Debian machine as root: installs Debian's
# chromium (and the Noto fonts, so text is measured the same everywhere) when
# missing, then the pinned npm packages with `npm ci`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

reuse="${A11Y_REUSE_PUBLIC:-0}"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reuse-public) reuse=1 ;;
    --) shift; args+=("$@"); break ;;
    *) args+=("$1") ;;
  esac
  shift
done

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "browser-test: need root to run: $*" >&2; return 1
  fi
}

echo "== browser test: tools"
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null || true
node --version
npm --version

echo "== browser test: npm ci (tests/browser)"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

if [ "$reuse" = 1 ] && [ -f public/index.html ]; then
  echo "== browser test: reusing the built public/"
else
  echo "== browser test: build the example (cargo run --release -- build)"
  cargo run --locked --release -- build
fi

echo "== browser test: run (node tests/browser/a11y.mjs)"
exec node tests/browser/a11y.mjs public ${args[@]+"${args[@]}"}
