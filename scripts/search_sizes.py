#!/usr/bin/env python3
"""Sizes of a built search index, and what a query fetches, as search.js
fetches it: the manifest, one term shard per query word, the document chunks
of the first page of results. Sizes are gzip (level 6, as a static host
serves them) and raw.

    scripts/search_sizes.py LANG_ROOT [QUERY ...]

LANG_ROOT holds search-index.json and search/ (public/ for the default
language, public/en/ for English; or a folder of examples/search_files.rs,
whose flat.json, the whole index in one file, is measured too)."""
import gzip, json, os, sys, unicodedata, re
from bisect import bisect_right

PAGE = 10

def gz(b):
    return len(gzip.compress(b, 6))

def fold(s):
    s = unicodedata.normalize("NFD", s.lower())
    s = re.sub("[\u0300-\u036f]", "", s)
    s = s.translate(str.maketrans({"đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l"}))
    return re.sub("[^a-z0-9]+", " ", s).strip()

def main():
    root = sys.argv[1]
    queries = sys.argv[2:] or ["chinh quyen so", "dien tu", "so tttt", "s"]
    read = lambda p: open(os.path.join(root, p), "rb").read()
    flat = os.path.join(root, "flat.json")
    if os.path.exists(flat):
        b = read("flat.json")
        print(f"whole index (one file): {len(b)/1024:.0f} KiB raw, {gz(b)/1024:.1f} KiB gzip")
    mb = read("search-index.json")
    m = json.loads(mb)
    sizes = sorted(gz(read(f"search/t-{t[1]}.json")) for t in m["t"])
    print(f"manifest: {len(mb)/1024:.1f} KiB raw, {gz(mb)/1024:.1f} KiB gzip; {m['n']} entries, "
          f"{len(m['t'])} term shards (gzip median {sizes[len(sizes)//2]/1024:.1f} KiB, max {sizes[-1]/1024:.1f} KiB), "
          f"{len(m['d'])} chunks of {m['c']}")
    firsts = [t[0] for t in m["t"]]
    shard_of = lambda k: max(bisect_right(firsts, k) - 1, 0)
    cache = {}
    def shard(i):
        if i not in cache:
            cache[i] = json.loads(read(f"search/t-{m['t'][i][1]}.json"))
        return cache[i]
    for q in queries:
        words = list(dict.fromkeys(fold(q).split()))
        files = {"search-index.json": gz(mb)}
        lists = []
        for w in words:
            a = shard_of(w)
            exact = None
            if a != shard_of(w + "~"):
                a, exact = shard_of(w + "*"), w + "*"
            files[f"t{a}"] = gz(read(f"search/t-{m['t'][a][1]}.json"))
            found = {}
            for term, vs in shard(a):
                if (term != exact) if exact else (not term.startswith(w) or "*" in term):
                    continue
                i = 0
                for v in vs:
                    i += v >> 1
                    found[i] = found.get(i, 0) | (v & 1)
            lists.append(found)
        hits = []
        if lists:
            lists.sort(key=len)
            ag = set(m["ag"])
            for i, bit in lists[0].items():
                allb = bit
                ok = True
                for l in lists[1:]:
                    if i not in l:
                        ok = False
                        break
                    allb &= l[i]
                if ok:
                    hits.append((0 if allb else 1 if i in ag else 2, i))
        hits.sort()
        top = hits[:PAGE]
        for _, i in top:
            c = i // m["c"]
            files[f"d{c}"] = gz(read(f"search/d-{m['d'][c]}.json"))
        first = ""
        if top:
            i = top[0][1]
            first = json.loads(read(f"search/d-{m['d'][i // m['c']]}.json"))[i % m["c"]]["n"]
        print(f"{q!r}: {len(hits)} results, first {first!r}; fetches {len(files)} files, "
              f"{sum(files.values())/1024:.1f} KiB gzip "
              f"(terms {sum(v for k, v in files.items() if k.startswith('t'))/1024:.1f}, "
              f"chunks {sum(v for k, v in files.items() if k.startswith('d'))/1024:.1f})")

main()
