#!/usr/bin/env bash
# Search at portal scale: builds the national corpus, then measures what a
# search for "chinh quyen so" downloads (gzip) before its first result and
# how long that takes in headless Chromium on throttled connections.
# See docs/performance.md, "Search at portal scale".
#
# Usage: scripts/search-bench.sh [--provinces 63] [--years 10] [--indicators 35] [--runs 3]
# Needs Debian's chromium and `npm ci` in tests/browser (bash .ci/browser-test.sh does both).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

provinces=63 years=10 indicators=35 runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --provinces) provinces="$2"; shift ;;
    --years) years="$2"; shift ;;
    --indicators) indicators="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    *) echo "search-bench: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

tmp="$(mktemp -d "${TMPDIR:-/dev/shm}/search-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

echo "== build (release): minhbach, gen_corpus, search_files" >&2
cargo build --release --quiet --bin minhbach --example gen_corpus --example search_files
./target/release/examples/gen_corpus --provinces "$provinces" --years "$years" \
  --indicators "$indicators" --out "$tmp/corpus" >&2
./target/release/minhbach build --quiet --content "$tmp/corpus/content" --output "$tmp/public"

echo "== sizes (gzip), as search.js fetches them"
./target/release/examples/search_files "$tmp/corpus/content" "$tmp/files" 2>&1
python3 scripts/search_sizes.py "$tmp/files/vi" "chinh quyen so" "dien tu" "so tttt" "s" "ha noi"

for network in slow4g fast4g; do
  echo "== Chromium, $network"
  node tests/browser/search-bench.mjs "$tmp/public" --network "$network" --runs "$runs"
done
