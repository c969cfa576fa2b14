#!/usr/bin/env bash
# Build the seed corpus of the `content` fuzz target in fuzz/corpus/content/
# from the repo's valid content folders. Each seed is
#   site.yaml SEP report.yaml SEP indicators.yaml SEP <section>.md
# with SEP = "\n@@@\n" (see fuzz_targets/content.rs).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
out="$here/corpus/content"
mkdir -p "$out"

# seed NAME SITE REPORT INDICATORS [MD]
seed() {
    local name="$1"; shift
    local first=1
    {
        for f in "$@"; do
            if [ "$first" = 1 ]; then first=0; else printf '\n@@@\n'; fi
            cat "$f"
        done
    } > "$out/$name"
}

fx="$repo/tests/fixtures/minimal/content"
fr="$fx/reports/demo-2024"
seed fixture-ket-qua      "$fx/site.yaml" "$fr/report.yaml" "$fr/indicators.yaml" "$fr/ket-qua.md"
seed fixture-ket-qua-en   "$fx/site.yaml" "$fr/report.yaml" "$fr/indicators.yaml" "$fr/ket-qua.en.md"
seed fixture-han-che      "$fx/site.yaml" "$fr/report.yaml" "$fr/indicators.yaml" "$fr/han-che.md"
seed fixture-no-section   "$fx/site.yaml" "$fr/report.yaml" "$fr/indicators.yaml"

ex="$repo/content"
er="$ex/reports/hai-duong-2023"
for md in ket-qua-chinh-quyen-so.md ket-qua-kinh-te-so.en.md han-che-kho-khan.md; do
    [ -f "$er/$md" ] && seed "example-${md%.md}" "$ex/site.yaml" "$er/report.yaml" "$er/indicators.yaml" "$er/$md"
done
# The example's indicators.yaml is large (~37 KB); a smaller seed keeps the
# first few indicators plus those the section refers to (whole `- id:` entries),
# which keeps the executions fast while still building without errors.
md="$er/ket-qua-chinh-quyen-so.md"
ids="$(grep -o 'indicator="[^"]*"' "$md" | sed 's/indicator="//; s/"$//' | sort -u | tr '\n' ' ')"
awk -v ids=" $ids " '
    /^- id: / { n++; id = $3; keep = (n <= 3 || index(ids, " " id " ") > 0) }
    /^- id: / || keep { if (n > 0 && keep) print }
' "$er/indicators.yaml" > "$out/.small-indicators.yaml.tmp"
seed example-small "$ex/site.yaml" "$er/report.yaml" "$out/.small-indicators.yaml.tmp" "$md"
rm -f "$out/.small-indicators.yaml.tmp"

ls -l "$out"
