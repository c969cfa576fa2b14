/* minhbach site search: no dependencies, no build step. The search page works
   as a plain GET form without JavaScript; this script adds the results.
   fold() must stay in step with fold() in src/render/search.rs. */
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

  function words(s) { return s ? s.split(" ") : []; }

  function hasAll(haystack, query) {
    return query.every(function (q) {
      return haystack.some(function (w) { return w.startsWith(q); });
    });
  }

  /* Entries whose keywords hold every query word (as the start of a word):
     entries whose title holds them all first, then agencies (all their
     keywords are their own names), then the others, each in index order. */
  function search(index, query) {
    var q = words(fold(query));
    if (!q.length) return [];
    var hits = [];
    index.forEach(function (e, i) {
      if (hasAll(words(e.k), q)) hits.push({ e: e, i: i, s: hasAll(words(fold(e.n)), q) ? 0 : e.t === "agency" ? 1 : 2 });
    });
    hits.sort(function (a, b) { return a.s - b.s || a.i - b.i; });
    return hits.map(function (h) { return h.e; });
  }

  g.minhbachSearch = { fold: fold, search: search };

  if (typeof document === "undefined") return;
  var form = document.getElementById("search-form");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var d = form.dataset, root = d.root || "", LIMIT = 100, index = null, timer = 0;

  function label(t) { return d["type" + t.charAt(0).toUpperCase() + t.slice(1)] || t; }

  function render() {
    var q = input.value.trim();
    var url = new URL(location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    list.textContent = "";
    if (!q) { status.textContent = ""; return; }
    if (!index) return;
    var hits = search(index, q);
    status.textContent = hits.length ? d.count.replace("{n}", hits.length) : d.none;
    hits.slice(0, LIMIT).forEach(function (e) {
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
      list.appendChild(li);
    });
  }

  input.value = new URLSearchParams(location.search).get("q") || "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(render, 200);
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    render();
  });
  fetch(d.index)
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (json) { index = json; render(); })
    .catch(function () { status.textContent = d.error; });
})(typeof window !== "undefined" ? window : globalThis);
