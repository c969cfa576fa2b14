#!/usr/bin/env bash
# Text-heavy benchmark: the same synthetic transparency corpus (10,000 Markdown sections of
# ~800 Vietnamese words each, plus indicator tables) built by minhbach, by a bare
# read -> pulldown-cmark -> write loop (the floor, ./floor), and by Hugo when installed
# (Debian package `hugo`), alternately, clean builds onto a tmpfs where one can be mounted.
#
#   scripts/text-bench/text-corpus.sh [PAGES] [RUNS]   (from the project root; PAGES 10000, RUNS 3)
#
# Also run by scripts/bench.sh (--text PAGES, --text 0 to skip).
#
# Prints each run, then medians and the ratios minhbach/floor, check/build and hugo/minhbach.
# The corpus is cached in $BENCH_DIR (default: a folder under the system temp dir).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(pwd)
PAGES=${1:-10000}; RUNS=${2:-3}
W=${BENCH_DIR:-${TMPDIR:-/tmp}/minhbach-text-bench}
C=$W/p$PAGES
mkdir -p "$W"
[ -f Cargo.toml ] && grep -q 'name = "minhbach"' Cargo.toml || { echo "run from the minhbach repository root" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

if [ ! -f "$C/.done" ]; then
  rm -rf "$C"; mkdir -p "$C"
  python3 "$HERE/gen_corpus.py" --pages "$PAGES" --out "$C" >/dev/null
  python3 "$HERE/gen_minhbach.py" --pages "$PAGES" --out "$C" --languages vi >/dev/null
  touch "$C/.done"
fi
cargo build --release -q
CARGO_TARGET_DIR="$W/floor-target" cargo build --release -q --manifest-path "$HERE/floor/Cargo.toml"
FLOOR=$W/floor-target/release/md-floor
BIN=$ROOT/target/release/minhbach

T=$W/out; mkdir -p "$T"
# Already on a tmpfs (/dev/shm, as scripts/bench.sh uses): no mount of our own to leave behind.
if [ "$(stat -f -c %T "$T")" != tmpfs ] && ! mountpoint -q "$T"; then mount -t tmpfs -o size=6g tmpfs "$T" 2>/dev/null || true; fi
fs=$([ "$(stat -f -c %T "$T")" = tmpfs ] && echo tmpfs || echo disk)
L=$(mktemp -d); trap 'rm -rf "$L"' EXIT
find "$C" -type f -exec cat {} + >/dev/null
one() { # NAME CMD... : one clean build into $T/NAME, appends "wall rss_kib"
  local name=$1; shift
  rm -rf "${T:?}/$name"; sync
  /usr/bin/time -f '%e %M' -o "$L/t" "$@" >"$L/$name.log" 2>&1 || { echo "$name failed:"; tail -3 "$L/$name.log"; exit 1; }
  cat "$L/t" >>"$L/$name.times"
  printf '  %-9s %6.2f s  %5.0f MiB\n' "$name" "$(cut -d' ' -f1 "$L/t")" "$(awk '{print $2/1024}' "$L/t")"
}
echo "$PAGES text pages, $RUNS runs each, alternating, output on $fs"
for r in $(seq "$RUNS"); do
  one minhbach "$BIN" build -q --content "$C/content" --output "$T/minhbach"
  one check "$BIN" check --content "$C/content"
  one floor "$FLOOR" "$C/zola/content" "$T/floor" rayon
  if command -v hugo >/dev/null; then one hugo hugo --quiet -s "$C/hugo" -d "$T/hugo"; fi
done
med() { sort -g "$L/$1.times" | awk '{w[NR]=$1} END {print (NR%2 ? w[(NR+1)/2] : (w[NR/2]+w[NR/2+1])/2)}'; }
m=$(med minhbach); f=$(med floor)
echo "median: minhbach $m s, floor $f s$( [ -f "$L/hugo.times" ] && echo ", hugo $(med hugo) s")"
echo "files: minhbach $(find "$T/minhbach" -type f | wc -l), floor $(find "$T/floor" -type f | wc -l)"
awk -v m="$m" -v f="$f" 'BEGIN {printf "minhbach/floor = %.2fx\n", m / f}'
awk -v m="$m" -v c="$(med check)" 'BEGIN {printf "check/build = %.0f %%\n", 100 * c / m}'
[ -f "$L/hugo.times" ] && awk -v m="$m" -v h="$(med hugo)" 'BEGIN {printf "hugo/minhbach = %.2fx\n", h / m}'
exit 0
