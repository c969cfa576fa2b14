/* minhbach site search: no dependencies, no build step. The search page works
   as a plain GET form without JavaScript; this script adds the results.
   fold() must stay in step with fold() in src/render/search/mod.rs, and the
   index files are described in src/render/search/shards.rs: a manifest, then
   one term shard per query word and the document chunks of the results shown. */
(function (g) {
  "use strict";
  var MAP = { "đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l" };

  /* Lowercase, diacritics removed, đ as d, other characters as one space. */
  function fold(s) {
    return String(s).toLowerCase().normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đðøæœßł]/g, function (c) { return MAP[c]; })
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  /* The folded words of a query, each once. */
  function queryWords(query) {
    var f = fold(query);
    return f ? f.split(" ").filter(function (w, i, all) { return all.indexOf(w) === i; }) : [];
  }

  /* The shard a key falls in: the last whose first word is not after it. */
  function shardOf(terms, key) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid][0] <= key) lo = mid + 1; else hi = mid;
    }
    return Math.max(lo - 1, 0);
  }

  /* Where the entries of query word q are: the words starting with q in one
     shard, or, when they cross a shard boundary, the union term "q*". */
  function plan(manifest, q) {
    var t = manifest.t, a = shardOf(t, q);
    return a === shardOf(t, q + "~") ? { shard: a, prefix: q } : { shard: shardOf(t, q + "*"), exact: q + "*" };
  }

  /* The entries of a plan in its shard: id → 1 when the word is in the title, else 0. */
  function lookup(shard, p) {
    var found = new Map();
    shard.forEach(function (term) {
      var w = term[0];
      if (p.exact ? w !== p.exact : w.indexOf(p.prefix) !== 0 || w.indexOf("*") >= 0) return;
      var id = 0;
      term[1].forEach(function (v) {
        id += v >>> 1;
        found.set(id, (found.get(id) || 0) | (v & 1));
      });
    });
    return found;
  }

  /* The shards a query needs (indexes into manifest.t). */
  function shardsFor(manifest, query) {
    return queryWords(query).map(function (q) { return plan(manifest, q).shard; });
  }

  /* The entries whose keywords hold every query word (as the start of a
     word), as { id, s }: entries whose title holds them all first (s = 0),
     then agencies (1), then the others (2), each in index order.
     shardAt(i) is shard i, parsed. */
  function search(manifest, shardAt, query) {
    var q = queryWords(query);
    if (!q.length) return [];
    var lists = q.map(function (w) {
      var p = plan(manifest, w);
      return lookup(shardAt(p.shard), p);
    });
    lists.sort(function (a, b) { return a.size - b.size; });
    var agencies = new Set(manifest.ag), hits = [];
    lists[0].forEach(function (bit, id) {
      var all = bit;
      for (var i = 1; i < lists.length; i++) {
        var b = lists[i].get(id);
        if (b === undefined) return;
        all &= b;
      }
      hits.push({ id: id, s: all ? 0 : agencies.has(id) ? 1 : 2 });
    });
    hits.sort(function (a, b) { return a.s - b.s || a.id - b.id; });
    return hits;
  }

  g.minhbachSearch = { fold: fold, search: search, shardsFor: shardsFor };

  if (typeof document === "undefined") return;
  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !window.Map || !window.Promise) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var d = form.dataset, root = d.root || "", PAGE = 10;
  var base = new URL(d.index, location.href), files = {}, shards = {}, manifest = null;
  var hits = [], shown = 0, current = 0, timer = 0;

  function get(name) {
    if (!files[name]) {
      files[name] = fetch(new URL(name, base)).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
      files[name].catch(function () { delete files[name]; });
    }
    return files[name];
  }
  function shard(i) {
    return get("search/t-" + manifest.t[i][1] + ".json").then(function (s) { shards[i] = s; });
  }
  function chunk(i) { return get("search/d-" + manifest.d[i] + ".json"); }
  function label(t) { return d["type" + t.charAt(0).toUpperCase() + t.slice(1)] || t; }
  function failed() { status.textContent = d.error; }

  function item(e) {
    var li = document.createElement("li");
    var type = document.createElement("span");
    type.className = "search-type";
    type.textContent = label(e.t);
    li.appendChild(type);
    li.appendChild(document.createTextNode(": "));
    var title = document.createElement(e.u ? "a" : "span");
    if (e.u) title.href = root + e.u;
    title.textContent = e.n;
    li.appendChild(title);
    if (e.r) {
      var r = document.createElement("span");
      r.className = "muted small search-report";
      r.textContent = e.r;
      li.appendChild(document.createElement("br"));
      li.appendChild(r);
    }
    return li;
  }

  /* Shows the next page of results, once their chunks are here. */
  function showMore(run, replace) {
    var page = hits.slice(shown, shown + PAGE), c = manifest.c;
    shown += page.length;
    return Promise.all(page.map(function (h) { return chunk(Math.floor(h.id / c)); }))
      .then(function (chunks) {
        if (run !== current) return;
        if (replace) {
          list.textContent = "";
          /* Which query the list shows (for tests and measurements). */
          list.setAttribute("data-query", input.value.trim());
        }
        page.forEach(function (h, i) { list.appendChild(item(chunks[i][h.id % c])); });
        if (more) more.hidden = shown >= hits.length;
      });
  }

  function render() {
    var run = ++current, q = input.value.trim();
    var url = new URL(location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (!q) { list.textContent = ""; status.textContent = ""; if (more) more.hidden = true; return; }
    if (!manifest) return;
    Promise.all(shardsFor(manifest, q).map(shard)).then(function () {
      if (run !== current) return;
      hits = search(manifest, function (i) { return shards[i]; }, q);
      shown = 0;
      return showMore(run, true).then(function () {
        if (run === current) status.textContent = hits.length ? d.count.replace("{n}", hits.length) : d.none;
      });
    }).catch(failed);
  }

  input.value = new URLSearchParams(location.search).get("q") || "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(render, 50);
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    render();
  });
  if (more) more.addEventListener("click", function () { showMore(current, false).catch(failed); });
  fetch(base)
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (json) {
      manifest = json;
      /* A small site: its one shard and one chunk now, no request per query. */
      if (manifest.t.length === 1) shard(0).catch(function () {});
      if (manifest.d.length === 1) chunk(0).catch(function () {});
      render();
    })
    .catch(failed);
})(typeof window !== "undefined" ? window : globalThis);
