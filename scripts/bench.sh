#!/usr/bin/env bash
# Build-time benchmark of minhbach on synthetic corpora, with Hugo as a yardstick.
#
#   scripts/bench.sh [--sizes small,medium,large] [--runs N] [--no-hugo] [--seed N] [--text PAGES]
#
# Sizes (corpora from examples/gen_corpus/, page counts at the time of writing):
#   small   2 provinces x 2 years, 100 indicators/report     (~1k pages)
#   medium 11 provinces x 4 years, 100 indicators/report     (~10k pages)
#   large  63 provinces x 10 years, 35 indicators/report     (~62k pages)
#   xl     63 provinces x 10 years, 100 indicators/report    (~145k pages; not in the default set)
#
# For each size: clean build (output folder absent), the median of --runs
# runs, timed with GNU time (wall seconds, peak RSS, user+system CPU seconds),
# each followed by a `check` of the same corpus (its median, and as % of the build's);
# then `serve`'s incremental rebuild after editing one section and after
# editing one value of the oldest report (examples/bench_rebuild.rs, median
# of --runs edits each). Then the same corpus's
# Markdown sections as a plain bilingual Hugo site (no theme), built with
# `hugo --quiet`. Prints a Markdown table on stdout; progress goes to stderr.
# Last, the text-heavy corpus (scripts/text-bench/text-corpus.sh, --text
# PAGES sections, 10000 by default, 0 to skip): minhbach against a bare
# pulldown-cmark loop (the floor) and Hugo, and the ratio minhbach/floor.
# Everything happens in a temporary folder (in /dev/shm when it exists) that
# is removed on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=small,medium,large
RUNS=3
HUGO=1
SEED=1
TEXT=10000

usage() {
    sed -n '2,4p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

while [[ $# -gt 0 ]]; do
    case $1 in
    --sizes) SIZES=${2:?--sizes needs a value}; shift 2 ;;
    --sizes=*) SIZES=${1#*=}; shift ;;
    --runs) RUNS=${2:?--runs needs a value}; shift 2 ;;
    --runs=*) RUNS=${1#*=}; shift ;;
    --seed) SEED=${2:?--seed needs a value}; shift 2 ;;
    --no-hugo) HUGO=0; shift ;;
    --text) TEXT=${2:?--text needs a value}; shift 2 ;;
    --text=*) TEXT=${1#*=}; shift ;;
    -h | --help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
    esac
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "--runs must be a positive number" >&2; exit 2; }
[[ $TEXT =~ ^[0-9]+$ ]] || { echo "--text must be a number of pages (0 to skip)" >&2; exit 2; }

log() { echo "[bench] $*" >&2; }

size_args() {
    case $1 in
    small) echo "--provinces 2 --years 2" ;;
    medium) echo "--provinces 11 --years 4" ;;
    large) echo "--provinces 63 --years 10 --indicators 35" ;;
    xl) echo "--provinces 63 --years 10" ;;
    *) echo "unknown size: $1 (small, medium, large, xl)" >&2; return 1 ;;
    esac
}
IFS=, read -r -a SIZE_LIST <<<"$SIZES"
for s in "${SIZE_LIST[@]}"; do size_args "$s" >/dev/null; done

apt_install() {
    # apt-get update only when the plain install fails (stale lists).
    if ! apt-get install -y -qq "$@" >/dev/null 2>&1; then
        apt-get update -qq >/dev/null 2>&1 || true
        apt-get install -y -qq "$@" >/dev/null 2>&1
    fi
}

if [[ ! -x /usr/bin/time ]]; then
    log "installing GNU time"
    apt_install time || { echo "GNU time (/usr/bin/time) is required" >&2; exit 2; }
fi
if [[ $HUGO == 1 ]] && ! command -v hugo >/dev/null 2>&1; then
    log "installing hugo (Debian package)"
    apt_install hugo || { log "hugo is not available; skipping the Hugo comparison"; HUGO=0; }
fi

log "building minhbach and gen_corpus (release)"
(cd "$ROOT" && cargo build --release --quiet --bin minhbach --example gen_corpus --example bench_rebuild)
BIN=$ROOT/target/release/minhbach
GEN=$ROOT/target/release/examples/gen_corpus
REBUILD=$ROOT/target/release/examples/bench_rebuild

if [[ -d /dev/shm && -w /dev/shm ]]; then TMPBASE=/dev/shm; else TMPBASE=${TMPDIR:-/tmp}; fi
WORK=$(mktemp -d "$TMPBASE/minhbach-bench.XXXXXX")
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
trap 'echo "[bench] failed at line $LINENO: $BASH_COMMAND" >&2' ERR
trap 'exit 130' INT TERM

# median < numbers (one per line)
median() {
    sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) exit 1; if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# timed CMD... : runs CMD under GNU time, prints "wall_s peak_rss_kb cpu_s".
timed() {
    local tf=$WORK/time.out lf=$WORK/cmd.log
    if ! /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >"$lf" 2>&1; then
        echo "command failed: $*" >&2
        tail -n 20 "$lf" >&2
        return 1
    fi
    tail -n 1 "$tf" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
}

# Hugo site from the corpus's sections: same files, front matter cut to the title.
make_hugo_site() {
    local content=$1 site=$2
    mkdir -p "$site/content" "$site/layouts/_default"
    cat >"$site/hugo.toml" <<'EOF'
baseURL = "https://example.org/minhbach-bench/"
title = "minhbach bench"
defaultContentLanguage = "vi"
[languages.vi]
weight = 1
[languages.en]
weight = 2
EOF
    cat >"$site/layouts/_default/single.html" <<'EOF'
<!DOCTYPE html>
<html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
EOF
    cat >"$site/layouts/_default/list.html" <<'EOF'
<!DOCTYPE html>
<html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>
EOF
    local d
    for d in "$content"/reports/*/; do
        mkdir -p "$site/content/$(basename "$d")"
    done
    (cd "$content/reports" && find . -mindepth 2 -maxdepth 2 -name '*.md' -print0 |
        xargs -0 awk -v dst="$site/content" '
            FNR == 1 { if (out != "") close(out); out = dst "/" substr(FILENAME, 3); fm = 0 }
            fm == 0 && FNR == 1 && $0 == "---" { fm = 1; print "---" > out; next }
            fm == 1 && $0 == "---" { fm = 2; print "---" > out; next }
            fm == 1 { if ($0 ~ /^title:/) print > out; next }
            { print > out }')
}

declare -a ROWS=()
declare -a HUGO_ROWS=()

for size in "${SIZE_LIST[@]}"; do
    dir=$WORK/$size
    mkdir -p "$dir"
    # shellcheck disable=SC2046
    log "$size: generating corpus ($(size_args "$size"))"
    "$GEN" $(size_args "$size") --seed "$SEED" --out "$dir" 2>"$dir/gen.log"
    content=$dir/content
    out=$dir/public

    walls=() rss=() cpus=() checks=()
    for ((r = 1; r <= RUNS; r++)); do
        rm -rf "$out"
        res=$(timed "$BIN" build --quiet --content "$content" --output "$out")
        read -r w m c <<<"$res"
        log "$size: clean build $r/$RUNS: ${w} s wall, ${c} s CPU, $((m / 1024)) MiB peak RSS"
        walls+=("$w") rss+=("$m") cpus+=("$c")
        # `check` alternated with the builds: its share of a build's time.
        res=$(timed "$BIN" check --content "$content")
        read -r w m c <<<"$res"
        log "$size: check $r/$RUNS: ${w} s wall, ${c} s CPU"
        checks+=("$w")
    done
    clean=$(printf '%s\n' "${walls[@]}" | median)
    check=$(printf '%s\n' "${checks[@]}" | median)
    check_pct=$(awk -v c="$check" -v b="$clean" 'BEGIN { printf "%.0f", (b > 0 ? 100 * c / b : 0) }')
    clean_cpu=$(printf '%s\n' "${cpus[@]}" | median)
    peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -n 1)

    pages=$(find "$out" -name '*.html' | wc -l)
    # Charts drawn: the SVG files, and the history chart inline in each
    # indicator page (which has no file of its own).
    svgs=$(find "$out" -name '*.svg' | wc -l)
    histories=$(grep -rl --include=index.html 'id="chart-history-' "$out" | wc -l)
    charts=$((svgs + histories))
    bytes=$(du -sb "$out" | cut -f1)

    # serve's incremental rebuild after one edit (examples/bench_rebuild.rs):
    # files made an hour old first, as an editor's are (the loader never
    # reuses a file written in the last seconds).
    find "$content" -type f -exec touch -d '1 hour ago' {} +
    "$REBUILD" "$content" "$RUNS" >"$dir/rebuild.log"
    log "$size: $(grep median "$dir/rebuild.log" | tr '\n' ';')"
    rebuild_md=$(awk '/^a sentence of one section: median/ { print $(NF - 1) }' "$dir/rebuild.log")
    rebuild_value=$(awk '/^a value in the oldest report: median/ { print $(NF - 1) }' "$dir/rebuild.log")
    rm -rf "$out"

    hugo_cell="n/a" ratio="n/a" hugo_pages="n/a"
    if [[ $HUGO == 1 ]]; then
        make_hugo_site "$content" "$dir/hugo"
        hwalls=()
        for ((r = 1; r <= RUNS; r++)); do
            rm -rf "$dir/hugo-out" "$dir/hugo/resources"
            res=$(timed hugo --quiet --source "$dir/hugo" -d "$dir/hugo-out")
            read -r w m c <<<"$res"
            log "$size: hugo build $r/$RUNS: ${w} s wall, $((m / 1024)) MiB peak RSS"
            hwalls+=("$w")
        done
        hugo_cell=$(printf '%s\n' "${hwalls[@]}" | median)
        hugo_pages=$(find "$dir/hugo-out" -name '*.html' | wc -l)
        ratio=$(awk -v a="$clean" -v b="$hugo_cell" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "inf" }')
        HUGO_ROWS+=("| $size | $(find "$dir/hugo/content" -name '*.md' | wc -l) | $hugo_pages | $hugo_cell | $ratio |")
        rm -rf "$dir/hugo" "$dir/hugo-out"
    fi

    pps=$(awk -v p="$pages" -v t="$clean" 'BEGIN { printf "%.0f", (t > 0 ? p / t : 0) }')
    cps=$(awk -v p="$charts" -v t="$clean" 'BEGIN { printf "%.0f", (t > 0 ? p / t : 0) }')
    mib=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
    rss_mib=$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')
    reports=$(find "$content/reports" -mindepth 1 -maxdepth 1 -type d | wc -l)
    ROWS+=("| $size | $reports | $pages | $charts | $clean | $clean_cpu | $pps | $cps | $rss_mib | $mib | $check ($check_pct %) | $rebuild_md | $rebuild_value | $hugo_cell | $ratio |")
    log "row: ${ROWS[-1]}"
    rm -rf "$dir"
done

echo
echo "$("$BIN" --version), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%d), median of $RUNS runs"
echo
echo "| corpus | reports | pages | charts | clean build (s) | CPU (s) | pages/s | charts/s | peak RSS (MiB) | output (MiB) | check (s, % of build) | serve: rebuild after 1 .md edit (ms) | serve: after 1 value edit (ms) | Hugo (s) | minhbach/Hugo |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
if [[ ${#HUGO_ROWS[@]} -gt 0 ]]; then
    echo
    echo "Hugo $(hugo version 2>/dev/null | awk '{ print $2 }'): the same Markdown sections (vi + en) as plain pages, no theme."
    echo
    echo "| corpus | .md files | Hugo pages | Hugo build (s) | minhbach/Hugo (wall) |"
    echo "|---|---:|---:|---:|---:|"
    printf '%s\n' "${HUGO_ROWS[@]}"
fi
if [[ $TEXT -gt 0 ]]; then
    log "text corpus: $TEXT sections, $RUNS runs"
    echo
    echo "Text-heavy corpus (scripts/text-bench/text-corpus.sh $TEXT $RUNS):"
    echo
    echo '```text'
    (cd "$ROOT" && BENCH_DIR="$WORK/text" scripts/text-bench/text-corpus.sh "$TEXT" "$RUNS")
    echo '```'
fi
