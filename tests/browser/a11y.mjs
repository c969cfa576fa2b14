#!/usr/bin/env node
// Real-browser check of a built minhbach site: every HTML page is loaded in
// headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
// from a small static server on 127.0.0.1, and checked for
//   - WCAG 2.2 A/AA violations found by axe-core,
//   - console errors and uncaught page errors,
//   - failed requests and responses with status >= 400,
//   - contrast of text in inline SVG charts (which axe-core cannot judge),
//   - horizontal overflow at 375 px (and at 1280 px on the pages tested wide),
//   - chart (SVG) text rendered under 12 px at 375 px,
//   - links to pages or anchors that do not exist,
// the search page is also used (a query is typed, results must appear), and
// the 404 page is checked by requesting addresses that do not exist.
//
// Usage: node a11y.mjs [SITE_DIR] [options]   (SITE_DIR defaults to ../../public)
//   --base PATH         the path the site is served under (default: the path of
//                       the canonical URL of SITE_DIR/index.html, else /)
//   --concurrency N     browser contexts working at once (default: cores, 2..4)
//   --narrow WIDTH      the narrow width every page is tested at (default 375;
//                       320 is the width of WCAG 1.4.10 Reflow)
//   --wide MODE         pages also tested at 1280 px: sample (default), all, none
//   --only TEXT         only pages whose path contains TEXT (for debugging)
//   --json FILE         write every finding, in full, to FILE
//   --verbose           print every finding, not only examples
//   --chromium PATH     the browser (default $CHROMIUM_PATH or /usr/bin/chromium)
//   --deadline SECONDS  give up on pages not yet checked after this long (default 480)
// The last line printed is "N passed, M failed" (pages without / with problems).
// Exit status: 0 when nothing failed, 1 when a page failed, 2 on a setup error.

import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE_PATH = require.resolve("axe-core/axe.min.js");
const AXE_SOURCE = fs.readFileSync(AXE_PATH, "utf8");
const AXE_VERSION = require("axe-core/package.json").version;
const PW_VERSION = require("playwright-core/package.json").version;

let NARROW = { width: 375, height: 812 }; // --narrow changes the width
const WIDE = { width: 1280, height: 900 };
// The query typed on the search page, by the page's language: the index of
// each language holds that language's words (the English one has no
// Vietnamese words, so "chinh quyen so" rightly finds nothing there).
const SEARCH_QUERIES = { vi: "chinh quyen so", en: "digital government" };
const DEFAULT_QUERY = SEARCH_QUERIES.vi;
// axe-core is served by the test server itself, outside the site's path, so
// that Chromium caches the compiled script instead of parsing 0.5 MB per page.
const AXE_URL_PATH = "/__a11y/axe.min.js";
const AXE_OPTIONS = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
  resultTypes: ["violations"],
};
const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

// ---------------------------------------------------------------- options

function usage(message) {
  if (message) console.error(`a11y: ${message}`);
  console.error(
    "usage: node a11y.mjs [SITE_DIR] [--base PATH] [--concurrency N] [--narrow WIDTH] [--wide sample|all|none]\n" +
      "                     [--only TEXT] [--json FILE] [--verbose] [--chromium PATH] [--deadline SECONDS]",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const o = {
    site: null,
    base: null,
    // One context per core (at least 2, at most 4): the checks are CPU-bound.
    concurrency: Number(process.env.A11Y_CONCURRENCY || Math.min(4, Math.max(2, os.availableParallelism()))),
    wide: "sample",
    only: null,
    json: null,
    verbose: false,
    chromium: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    deadline: 480,
    narrow: 375,
  };
  const value = (i) => {
    if (i + 1 >= argv.length) usage(`${argv[i]} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--base") o.base = value(i++);
    else if (a === "--concurrency") o.concurrency = Number(value(i++));
    else if (a === "--wide") o.wide = value(i++);
    else if (a === "--narrow") o.narrow = Number(value(i++));
    else if (a === "--only") o.only = value(i++);
    else if (a === "--json") o.json = value(i++);
    else if (a === "--verbose" || a === "-v") o.verbose = true;
    else if (a === "--chromium") o.chromium = value(i++);
    else if (a === "--deadline") o.deadline = Number(value(i++));
    else if (a === "--help" || a === "-h") usage();
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else if (o.site === null) o.site = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1 || o.concurrency > 16) usage("--concurrency must be 1..16");
  if (!["sample", "all", "none"].includes(o.wide)) usage("--wide must be sample, all or none");
  if (!Number.isInteger(o.narrow) || o.narrow < 200 || o.narrow > 1000) usage("--narrow must be a width in px, 200..1000");
  if (!(o.deadline > 0)) usage("--deadline must be a positive number of seconds");
  o.site = path.resolve(o.site ?? path.join(HERE, "..", "..", "public"));
  return o;
}

// ---------------------------------------------------------------- the site

/** Every file under dir, as paths relative to it with "/" separators, sorted. */
function walk(dir, rel = "") {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, r));
    else if (entry.isFile()) out.push(r);
  }
  return out.sort();
}

/** The path the site is published under, from the canonical URL of its home page. */
function detectBase(site) {
  try {
    const html = fs.readFileSync(path.join(site, "index.html"), "utf8");
    const m = html.match(/<link\s+rel="canonical"\s+href="([^"]+)"/i);
    if (m) return new URL(m[1]).pathname.replace(/[^/]*$/, "");
  } catch {
    /* no home page or no absolute canonical URL: serve at / */
  }
  return "/";
}

function normaliseBase(b) {
  let base = b.startsWith("/") ? b : `/${b}`;
  if (!base.endsWith("/")) base += "/";
  return base;
}

/** A page's address relative to the site: index.html files by their folder. */
function pagePath(rel) {
  if (rel === "index.html") return "";
  if (rel.endsWith("/index.html")) return rel.slice(0, -"index.html".length);
  return rel;
}

/**
 * The kind of page, for choosing which pages are also tested wide: an item of
 * a collection (agencies/X, reports/X, indicators/X ...) stands for all of its
 * collection, and a report's sections (reports/X/SLUG/) for each other.
 */
const COLLECTIONS = new Set(["agencies", "reports", "indicators", "datasets", "groups", "projects"]);
const REPORT_PAGES = new Set(["data", "projects", "indicators", "datasets", "groups"]);
function pageShape(rel) {
  const segs = rel.split("/");
  const out = [];
  for (let i = 0; i < segs.length; i++) {
    out.push(i > 0 && COLLECTIONS.has(segs[i - 1]) && segs[i] !== "index.html" ? "*" : segs[i]);
  }
  // reports/*/SECTION/index.html, in any language folder
  const j = out.indexOf("reports");
  if (j >= 0 && out[j + 1] === "*" && out.length === j + 4 && !REPORT_PAGES.has(out[j + 2])) out[j + 2] = "<section>";
  return out.join("/");
}

const TYPES = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  json: "application/json",
  svg: "image/svg+xml",
  csv: "text/csv; charset=utf-8",
  xml: "application/xml",
  txt: "text/plain; charset=utf-8",
  zip: "application/zip",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  ico: "image/x-icon",
  pdf: "application/pdf",
  woff: "font/woff",
  woff2: "font/woff2",
  webmanifest: "application/manifest+json",
};
function contentType(file) {
  const base = path.basename(file);
  const dot = base.lastIndexOf(".");
  if (dot < 0) return "text/plain; charset=utf-8"; // SHA256SUMS and the like
  return TYPES[base.slice(dot + 1).toLowerCase()] || "application/octet-stream";
}

/**
 * A static server for the built site, mounted at `base` as it is published:
 * folders answer with their index.html (a folder without its final "/" is
 * redirected, so relative links resolve), a missing file with the 404.html of
 * the language folder the address is in (else the site's own) and status 404.
 */
function startServer(site, base, files) {
  const have = new Set(files);
  const notFoundPage = (rel) => {
    const lang = rel.split("/")[0];
    if (lang && have.has(`${lang}/404.html`)) return `${lang}/404.html`;
    return have.has("404.html") ? "404.html" : null;
  };
  const send = (req, res, status, rel) => {
    const headers = { "Cache-Control": "no-store" };
    let body;
    if (rel === null) {
      body = Buffer.from("Not found\n");
      headers["Content-Type"] = "text/plain; charset=utf-8";
    } else {
      body = fs.readFileSync(path.join(site, rel));
      headers["Content-Type"] = contentType(rel);
    }
    headers["Content-Length"] = body.length;
    res.writeHead(status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  };
  const server = http.createServer((req, res) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { Allow: "GET, HEAD" }).end();
        return;
      }
      const url = new URL(req.url, "http://127.0.0.1");
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (pathname === AXE_URL_PATH) {
        res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" });
        res.end(req.method === "HEAD" ? undefined : AXE_SOURCE);
        return;
      }
      if (pathname === base.slice(0, -1) && base !== "/") {
        res.writeHead(301, { Location: base + url.search }).end();
        return;
      }
      if (!pathname.startsWith(base)) return send(req, res, 404, notFoundPage(""));
      const rel = pathname.slice(base.length);
      const segs = rel.split("/");
      if (rel.includes("\0") || segs.some((s) => s === ".." || s === ".")) return send(req, res, 404, notFoundPage(""));
      const clean = rel.replace(/\/+$/, "");
      if (rel === "" || rel.endsWith("/")) {
        const index = clean ? `${clean}/index.html` : "index.html";
        if (have.has(index)) return send(req, res, 200, index);
      } else if (have.has(rel)) {
        return send(req, res, 200, rel);
      } else if (have.has(`${rel}/index.html`)) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      return send(req, res, 404, notFoundPage(rel));
    } catch (e) {
      res.writeHead(500, { "Content-Type": "text/plain" }).end(String(e));
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

// ---------------------------------------------------------------- in the page

/** Runs in the page: the elements that stick out past the right edge. */
function findOverflow() {
  const vw = window.innerWidth;
  const doc = document.documentElement;
  const result = { scrollWidth: doc.scrollWidth, innerWidth: vw, culprits: [] };
  if (doc.scrollWidth <= vw + 1) return result;

  const name = (el) => {
    let s = el.localName;
    if (el.id) return `${s}#${CSS.escape(el.id)}`;
    const cls = [...el.classList].slice(0, 3).map((c) => `.${CSS.escape(c)}`).join("");
    return s + cls;
  };
  const selector = (el) => {
    const parts = [];
    for (let e = el; e && e !== doc && parts.length < 5; e = e.parentElement) {
      parts.unshift(name(e));
      if (e.id) break;
    }
    return parts.join(" > ");
  };
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body && a !== doc; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  };
  const all = [...document.body.querySelectorAll("*")];
  const wide = new Set(); // the element's own box reaches past the edge
  const spill = new Set(); // the box fits but its content (text) spills out
  for (const el of all) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const cs = getComputedStyle(el);
    if (cs.position === "fixed" || cs.visibility === "hidden") continue;
    if (clipped(el)) continue;
    if (r.right > vw + 1) wide.add(el);
    else if (cs.overflowX === "visible" && r.left + el.scrollWidth > vw + 1) spill.add(el);
  }
  const culprits = [];
  for (const el of wide) if (!wide.has(el.parentElement)) culprits.push(el);
  for (const el of spill) {
    const inner = [...el.querySelectorAll("*")].some((c) => wide.has(c) || spill.has(c));
    if (!inner) culprits.push(el);
  }
  result.culprits = culprits.slice(0, 10).map((el) => {
    const r = el.getBoundingClientRect();
    const open = el.outerHTML.replace(/\s+/g, " ");
    return {
      target: selector(el),
      kind: wide.has(el) ? "box" : "content",
      left: Math.round(r.left),
      width: Math.round(wide.has(el) ? r.width : el.scrollWidth),
      right: Math.round(wide.has(el) ? r.right : r.left + el.scrollWidth),
      html: open.length > 240 ? `${open.slice(0, 240)}…` : open,
    };
  });
  result.more = Math.max(0, culprits.length - 10);
  return result;
}

/**
 * Runs in the page: the contrast of text in inline SVG (the charts), which
 * axe-core leaves "incomplete" because the text lies on SVG shapes. The
 * background at a few points of each text is the page's background with
 * every shape painted before the text that covers the point laid over it.
 */
function svgTextContrast() {
  const parse = (c) => {
    const m = c && c.match(/^rgba?\(([^)]+)\)$/);
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a),
    a: 1,
  });
  const lum = (c) => {
    const f = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (x, y) => {
    const [hi, lo] = [lum(x), lum(y)].sort((p, q) => q - p);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (c) => "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("").toUpperCase();
  const opacity = (el, svg) => {
    let o = 1;
    for (let e = el; e && e !== svg.parentElement; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const pageBackground = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) layers.push(c);
      if (c && c.a === 1) break;
    }
    return layers.reverse().reduce((under, top) => over(top, under), { r: 255, g: 255, b: 255, a: 1 });
  };
  const out = [];
  for (const svg of document.querySelectorAll("svg")) {
    const texts = [...svg.querySelectorAll("text")];
    if (!texts.length) continue;
    const shapes = [...svg.querySelectorAll("rect, circle, ellipse, path, polygon, polyline")];
    const base = pageBackground(svg.parentElement);
    for (const text of texts) {
      const cs = getComputedStyle(text);
      const content = (text.textContent || "").trim();
      const box = text.getBoundingClientRect();
      if (!content || !box.width || cs.visibility === "hidden" || cs.display === "none") continue;
      const fill = parse(cs.fill);
      if (!fill) continue;
      fill.a *= Number(cs.fillOpacity) * opacity(text, svg);
      const ctm = text.getScreenCTM();
      const px = parseFloat(cs.fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
      const bold = Number(cs.fontWeight) >= 700;
      const large = px >= 24 || (bold && px >= 18.66);
      const need = large ? 3 : 4.5;
      let worst = null;
      for (const fx of [0.1, 0.5, 0.9]) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height / 2;
        let bg = base;
        let unknown = false;
        for (const sh of shapes) {
          if (!(sh.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
          const scs = getComputedStyle(sh);
          if (scs.fill === "none" || scs.display === "none" || scs.visibility === "hidden") continue;
          const m = sh.getScreenCTM();
          if (!m || typeof sh.isPointInFill !== "function") continue;
          const pt = new DOMPoint(x, y).matrixTransform(m.inverse());
          if (!sh.isPointInFill(pt)) continue;
          const c = parse(scs.fill);
          if (!c) {
            unknown = true; // a gradient or pattern
            continue;
          }
          c.a *= Number(scs.fillOpacity) * opacity(sh, svg);
          bg = over(c, bg);
        }
        if (unknown) continue;
        const r = ratio(over(fill, bg), bg);
        if (!worst || r < worst.ratio) worst = { ratio: r, bg };
      }
      if (worst && worst.ratio < need) {
        const label = svg.getAttribute("aria-label") || (svg.querySelector("title") || {}).textContent || "";
        out.push({
          target: `svg${svg.id ? "#" + svg.id : ""} text "${content.slice(0, 40)}"`,
          chart: label.slice(0, 80),
          html: text.outerHTML.replace(/\s+/g, " ").slice(0, 200),
          fg: hex(fill),
          bg: hex(worst.bg),
          ratio: Math.round(worst.ratio * 100) / 100,
          need,
          px: Math.round(px * 10) / 10,
        });
      }
    }
  }
  return out;
}

/** Runs in the page: the links and their fragments, resolved. */
function collectLinks() {
  const ids = new Set([...document.querySelectorAll("[id]")].map((e) => e.id));
  const names = new Set([...document.querySelectorAll("a[name]")].map((e) => e.getAttribute("name")));
  return [...document.querySelectorAll("a[href], area[href]")].map((a) => {
    const raw = a.getAttribute("href");
    let frag = null;
    try {
      frag = decodeURIComponent(new URL(a.href).hash.slice(1));
    } catch {
      /* leave it */
    }
    const samePage = a.href.split("#")[0] === location.href.split("#")[0];
    return {
      raw,
      href: a.href,
      text: (a.textContent || "").trim().slice(0, 60),
      samePage,
      anchorOk: samePage && frag ? ids.has(frag) || names.has(frag) : null,
    };
  });
}

// ---------------------------------------------------------------- checks

const snippet = (html) => {
  const s = String(html || "").replace(/\s+/g, " ");
  return s.length > 240 ? `${s.slice(0, 240)}…` : s;
};

async function runAxe(page, ctx) {
  const hasAxe = () => page.evaluate(() => typeof window.axe !== "undefined");
  if (!(await hasAxe())) await page.addScriptTag({ url: ctx.axeUrl }).catch(() => {});
  // A Content-Security-Policy may refuse the script tag: evaluate it instead.
  if (!(await hasAxe())) await page.evaluate(AXE_SOURCE);
  const res = await page.evaluate((opts) => window.axe.run(document, opts), AXE_OPTIONS);
  return res.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    tags: v.tags.filter((t) => t.startsWith("wcag")),
    nodes: v.nodes.map((n) => ({
      target: n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(" "),
      html: snippet(n.html),
      summary: (n.failureSummary || "").replace(/\s+/g, " ").trim(),
    })),
  }));
}

/**
 * A browser context with one page, reused from job to job (a new page per
 * job costs more than the checks). The page's events are charged to the job
 * under way and dropped between jobs; a page that ran scripts or had trouble
 * is left for about:blank before the next job.
 */
async function openTab(browser, ctx) {
  const context = await browser.newContext({ viewport: NARROW, deviceScaleFactor: 1, locale: "vi-VN", serviceWorkers: "block" });
  const page = await context.newPage();
  const tab = { context, page, job: null, add: null, viewport: NARROW };
  const favicon = `${ctx.origin}/favicon.ico`;
  const isTarget = (u) => tab.job && u.split("#")[0] === tab.job.url;
  page.on("console", (msg) => {
    if (!tab.job || msg.type() !== "error") return;
    const loc = msg.location() || {};
    // Chromium logs the deliberate 404 of the page itself as a console error.
    if (tab.job.expect404 && isTarget(loc.url || "") && /status of 404/.test(msg.text())) return;
    // The browser's own look for /favicon.ico at the server's root (not asked for by the page).
    if (loc.url === favicon) return;
    tab.add("console-error", { text: msg.text(), source: loc.url ? `${loc.url}:${loc.lineNumber}` : "" });
  });
  page.on("pageerror", (err) => tab.job && tab.add("page-error", { text: String(err && err.stack ? err.stack : err) }));
  page.on("requestfailed", (req) => {
    if (!tab.job || req.url() === favicon) return;
    const f = req.failure();
    tab.add("request-failed", { url: req.url(), text: f ? f.errorText : "failed" });
  });
  page.on("response", (resp) => {
    const status = resp.status();
    if (!tab.job || status < 400 || resp.url() === favicon) return;
    if (tab.job.expect404 && isTarget(resp.url()) && status === 404) return;
    tab.add("http-error", { url: resp.url(), status });
  });
  return tab;
}

const countLinks = () => document.querySelectorAll("#search-results a[href]").length;
async function waitForResults(page) {
  return page.waitForFunction(countLinks, null, { timeout: 8000 }).then(
    () => true,
    () => false,
  );
}

/**
 * One page at one width. `job.expect404` marks the deliberate request for a
 * missing address; `job.search` makes it use the search form too.
 */
async function checkJob(tab, job, ctx) {
  const problems = [];
  const { page } = tab;
  const add = (kind, data) => problems.push({ kind, phase: job.phase, ...data });
  try {
    if (tab.viewport !== job.viewport) {
      await page.setViewportSize(job.viewport);
      tab.viewport = job.viewport;
    }
    tab.job = job;
    tab.add = add;
    const resp = await page.goto(job.url, { waitUntil: "load", timeout: 30000 });
    if (job.expect404) {
      if (!resp || resp.status() !== 404) add("not-found-status", { text: `expected status 404, got ${resp ? resp.status() : "no response"}` });
      const title = await page.title();
      if (job.expectTitle && title !== job.expectTitle) add("not-found-page", { text: `expected the 404 page ("${job.expectTitle}"), got "${title}"` });
    } else if (!resp || resp.status() !== 200) {
      add("not-found-status", { text: `expected status 200, got ${resp ? resp.status() : "no response"}` });
    }
    // A page with scripts may still be fetching (the search index): let it finish.
    const scripts = await page.evaluate(() => document.scripts.length);
    if (scripts > 0) await page.waitForLoadState("networkidle", { timeout: 10000 }).catch(() => {});

    await pageChecks(page, job, add, ctx, "");

    if (job.search) {
      const lang = await page.evaluate(() => document.documentElement.lang || "");
      const query = SEARCH_QUERIES[lang.split("-")[0]] || DEFAULT_QUERY;
      // As a person would: type a query, and results (links) must appear.
      await page.locator("#search-q").pressSequentially(query, { delay: 15 });
      const ok = await waitForResults(page);
      const state = await page.evaluate(() => ({
        links: document.querySelectorAll("#search-results a[href]").length,
        status: (document.getElementById("search-status") || {}).textContent || "",
      }));
      if (!ok) add("search", { text: `typing "${query}" showed no result links (status: "${state.status}")` });
      else ctx.searchResults.push({ page: job.label, width: job.viewport.width, query, links: state.links, status: state.status });
      await pageChecks(page, job, add, ctx, " after search");

      // The form also works from the address (?q=), as after a plain GET submit.
      await page.goto(`${job.url}?q=${encodeURIComponent(query)}`, { waitUntil: "load", timeout: 30000 });
      await page.waitForLoadState("networkidle", { timeout: 10000 }).catch(() => {});
      if (!(await waitForResults(page))) add("search", { text: `opening ?q=${query} showed no result links` });
      const value = await page.inputValue("#search-q").catch(() => "");
      if (value !== query) add("search", { text: `opening ?q= did not fill the search box (got "${value}")` });
    }
  } catch (e) {
    add("error", { text: String(e && e.message ? e.message : e).split("\n")[0] });
  } finally {
    tab.job = null;
    // Leave a page that ran scripts or had trouble, so nothing of it spills
    // into the next job (the site's other pages have no scripts).
    if (job.search || problems.length) await page.goto("about:blank").catch(() => {});
  }
  return problems;
}

/**
 * Chart text rendered under 12 CSS px on a phone (issue 17): every text of
 * every chart (`svg[role=img]`), charts in closed <details> opened for the
 * measure and closed again.
 */
function svgTextSize() {
  const closed = [...document.querySelectorAll("details:not([open])")].filter((d) => d.querySelector("svg[role=img]"));
  for (const d of closed) d.open = true;
  const out = [];
  for (const svg of document.querySelectorAll("svg[role=img]")) {
    for (const text of svg.querySelectorAll("text")) {
      const content = (text.textContent || "").trim();
      if (!content || !text.getBoundingClientRect().width) continue;
      const ctm = text.getScreenCTM();
      const px = parseFloat(getComputedStyle(text).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
      if (px < 12 - 0.05) {
        const label = (svg.querySelector("title") || {}).textContent || "";
        out.push({ target: `text "${content.slice(0, 40)}"`, chart: label.slice(0, 80), px: Math.round(px * 10) / 10 });
      }
    }
  }
  for (const d of closed) d.open = false;
  return out;
}

async function pageChecks(page, job, add, ctx, when) {
  const ov = await page.evaluate(findOverflow);
  if (ov.scrollWidth > ov.innerWidth + 1) {
    add("overflow", {
      when,
      text: `scrollWidth ${ov.scrollWidth} > innerWidth ${ov.innerWidth}`,
      culprits: ov.culprits,
      more: ov.more,
    });
  }
  for (const v of await runAxe(page, ctx)) add("axe", { when, ...v });
  for (const t of await page.evaluate(svgTextContrast)) add("svg-contrast", { when, ...t });
  if (page.viewportSize() && page.viewportSize().width <= 400) {
    for (const t of await page.evaluate(svgTextSize)) add("svg-text-size", { when, ...t });
  }
  if (!when) {
    for (const l of await page.evaluate(collectLinks)) {
      const problem = ctx.linkProblem(l);
      if (problem) add("broken-link", { href: l.raw, resolved: l.href, text: l.text, problem });
    }
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const opt = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(opt.site, "index.html"))) {
    console.error(`a11y: ${opt.site} has no index.html: build the site first (cargo run --release -- build)`);
    process.exit(2);
  }
  if (!fs.existsSync(opt.chromium)) {
    console.error(`a11y: no browser at ${opt.chromium} (apt-get install chromium, or --chromium PATH)`);
    process.exit(2);
  }
  NARROW = { width: opt.narrow, height: 812 };
  const base = normaliseBase(opt.base ?? detectBase(opt.site));
  const files = walk(opt.site);
  const fileSet = new Set(files);
  const htmlCache = new Map();
  const idsOf = (rel) => {
    if (!htmlCache.has(rel)) {
      const html = fs.readFileSync(path.join(opt.site, rel), "utf8");
      const ids = new Set();
      for (const m of html.matchAll(/\sid\s*=\s*"([^"]*)"/g)) ids.add(m[1]);
      for (const m of html.matchAll(/<a\s[^>]*?\bname\s*=\s*"([^"]*)"/g)) ids.add(m[1]);
      htmlCache.set(rel, ids);
    }
    return htmlCache.get(rel);
  };

  const server = await startServer(opt.site, base, files);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const siteUrl = origin + base;

  // Links: within the site they must lead to a file, and an anchor to an id.
  const linkProblem = (l) => {
    // A link within the page (the skip link) needs only its target element.
    if (l.samePage) return l.anchorOk === false ? "no element with this id on the page" : null;
    let u;
    try {
      u = new URL(l.href);
    } catch {
      return "not a valid URL";
    }
    if (u.origin !== origin) return null; // another site: not checked here
    let p;
    try {
      p = decodeURIComponent(u.pathname);
    } catch {
      return "bad percent-encoding";
    }
    if (!p.startsWith(base)) return `outside the site (${base})`;
    const rel = p.slice(base.length);
    let file = null;
    if (rel === "" || rel.endsWith("/")) file = `${rel}index.html`;
    else if (fileSet.has(rel)) file = rel;
    else if (fileSet.has(`${rel}/index.html`)) file = `${rel}/index.html`;
    if (!file || !fileSet.has(file)) return "leads to no page";
    const frag = u.hash ? decodeURIComponent(u.hash.slice(1)) : "";
    if (frag && file.endsWith(".html") && !idsOf(file).has(frag)) return `${file} has no element with id "${frag}"`;
    return null;
  };

  let pages = files.filter((f) => f.endsWith(".html") && path.posix.basename(f) !== "404.html");
  const notFound = files.filter((f) => path.posix.basename(f) === "404.html");
  if (opt.only) pages = pages.filter((p) => p.includes(opt.only));
  if (pages.length === 0 && !opt.only) {
    console.error(`a11y: no HTML pages in ${opt.site}`);
    process.exit(2);
  }

  // Jobs: every page at 375 px; a page of each kind (or all, or none) at 1280 px.
  const jobs = [];
  const shapes = new Set();
  for (const rel of pages) {
    const label = pagePath(rel) || "/";
    const url = siteUrl + pagePath(rel);
    const search = /(^|\/)search\/index\.html$/.test(rel);
    jobs.push({ label, url, viewport: NARROW, search, phase: String(NARROW.width) });
    const shape = pageShape(rel);
    const wide = opt.wide === "all" || (opt.wide === "sample" && (!shapes.has(shape) || search));
    shapes.add(shape);
    if (wide) jobs.push({ label, url, viewport: WIDE, search, phase: "1280" });
  }
  // The 404 page, the way a visitor meets it: at an address that is not there,
  // once near the top and once deep down (its links must work from anywhere).
  if (!opt.only || opt.only.includes("404")) {
    for (const rel of notFound) {
      const dir = rel.slice(0, -"404.html".length);
      const m = fs.readFileSync(path.join(opt.site, rel), "utf8").match(/<title>([^<]*)<\/title>/i);
      const expectTitle = m ? m[1].replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&quot;/g, '"') : null;
      for (const missing of [`${dir}khong-co-trang-nay.html`, `${dir}reports/khong-co/trang-nay/`]) {
        const label = `404.html via /${missing}`;
        const url = siteUrl + missing;
        jobs.push({ label, url, viewport: NARROW, expect404: true, expectTitle, phase: String(NARROW.width) });
        if (opt.wide !== "none" && missing.endsWith("/")) jobs.push({ label, url, viewport: WIDE, expect404: true, expectTitle, phase: "1280" });
      }
    }
  }

  const started = Date.now();
  const browser = await chromium.launch({ executablePath: opt.chromium, headless: true, args: LAUNCH_ARGS });
  const browserVersion = browser.version();
  console.log(
    `minhbach browser check: ${pages.length} pages + ${jobs.filter((j) => j.expect404).length} loads of missing addresses (404), ` +
      `${jobs.length} loads in all, ` +
      `${opt.concurrency} at a time\n  site ${opt.site} served at ${siteUrl}\n` +
      `  Chromium ${browserVersion}, playwright-core ${PW_VERSION}, axe-core ${AXE_VERSION} (WCAG 2.2 A/AA tags)`,
  );

  const ctx = { linkProblem, searchResults: [], origin, axeUrl: origin + AXE_URL_PATH };
  const results = new Map(); // label -> problems
  for (const j of jobs) if (!results.has(j.label)) results.set(j.label, []);
  let next = 0;
  let done = 0;
  let skipped = 0;
  const deadline = started + opt.deadline * 1000;
  const tty = process.stdout.isTTY;

  async function worker() {
    let tab = await openTab(browser, ctx);
    while (next < jobs.length) {
      const job = jobs[next++];
      let problems;
      if (Date.now() > deadline) {
        skipped++;
        problems = [{ kind: "error", phase: job.phase, text: `not checked: the ${opt.deadline} s deadline passed` }];
      } else {
        problems = await checkJob(tab, job, ctx);
        if (!browser.isConnected()) throw new Error("the browser went away");
        // A tab that was disturbed by a failure is replaced.
        if (problems.some((p) => p.kind === "error")) {
          await tab.context.close().catch(() => {});
          tab = await openTab(browser, ctx);
        }
      }
      results.get(job.label).push(...problems);
      done++;
      if (tty) process.stdout.write(`\r  ${done}/${jobs.length} loads checked`);
      else if (done % 50 === 0) console.log(`  ${done}/${jobs.length} loads checked (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await tab.context.close().catch(() => {});
  }

  let crashed = null;
  try {
    await Promise.all(Array.from({ length: Math.min(opt.concurrency, jobs.length || 1) }, worker));
  } catch (e) {
    crashed = e;
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  if (tty) process.stdout.write("\n");
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  if (crashed) {
    console.log(`\nThe run broke off: ${crashed.message}`);
    for (const [label, problems] of results) if (!problems.length) problems.push({ kind: "error", phase: "-", text: "not checked: the run broke off" });
  }

  report(results, opt, seconds, ctx, skipped);
}

// ---------------------------------------------------------------- report

function report(results, opt, seconds, ctx, skipped) {
  const labels = [...results.keys()].sort();
  const failed = labels.filter((l) => results.get(l).length > 0);
  const passed = labels.length - failed.length;
  const all = labels.flatMap((l) => results.get(l).map((p) => ({ page: l, ...p })));
  const limit = opt.verbose ? Infinity : 3;

  if (opt.json) {
    const out = Object.fromEntries(labels.map((l) => [l, results.get(l)]));
    fs.writeFileSync(opt.json, JSON.stringify({ seconds: Number(seconds), passed, failed: failed.length, pages: out }, null, 2));
  }

  console.log(`\nChecked ${labels.length} pages in ${seconds} s${skipped ? ` (${skipped} loads not run: deadline)` : ""}.`);
  for (const s of ctx.searchResults) console.log(`  search ${s.page} @${s.width}: "${s.query}" gave ${s.links} result links ("${s.status}")`);

  // axe violations, by rule.
  const axe = all.filter((p) => p.kind === "axe");
  if (axe.length) {
    const byRule = new Map();
    for (const v of axe) {
      if (!byRule.has(v.id)) byRule.set(v.id, { v, pages: new Set(), nodes: [] });
      const r = byRule.get(v.id);
      r.pages.add(v.page);
      for (const n of v.nodes) r.nodes.push({ page: v.page, phase: v.phase + (v.when || ""), ...n });
    }
    console.log(`\nAccessibility violations (axe-core, WCAG 2.2 A/AA): ${byRule.size} rule(s)`);
    for (const [id, r] of [...byRule].sort((a, b) => b[1].nodes.length - a[1].nodes.length)) {
      console.log(`  ${id} [${r.v.impact}] ${r.v.help} — ${r.nodes.length} element(s) on ${r.pages.size} page(s)`);
      console.log(`    ${r.v.helpUrl}`);
      const seen = new Set();
      let shown = 0;
      for (const n of r.nodes) {
        const key = `${n.target}|${n.html}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (shown++ >= limit) continue;
        console.log(`    e.g. ${n.page} @${n.phase}: ${n.target}\n         ${n.html}`);
        if (opt.verbose && n.summary) console.log(`         ${n.summary}`);
      }
      if (shown > limit) console.log(`    … ${shown - limit} more distinct element(s) (--verbose or --json for all)`);
    }
  }

  const section = (kind, title, fmt) => {
    const items = all.filter((p) => p.kind === kind);
    if (!items.length) return;
    const pages = new Set(items.map((p) => p.page));
    console.log(`\n${title}: ${items.length} on ${pages.size} page(s)`);
    const seen = new Map();
    for (const p of items) {
      const key = fmt(p);
      if (!seen.has(key)) seen.set(key, []);
      seen.get(key).push(`${p.page} @${p.phase}`);
    }
    for (const [key, where] of seen) {
      where.sort();
      console.log(`  ${key}`);
      const n = opt.verbose ? where.length : 3;
      console.log(`    on ${where.slice(0, n).join(", ")}${where.length > n ? `, … (${where.length} in all)` : ""}`);
    }
  };
  section("console-error", "Console errors", (p) => `${p.text}${p.source ? ` (${p.source})` : ""}`);
  section("page-error", "Uncaught page errors", (p) => p.text.split("\n").slice(0, 3).join(" | "));
  section("request-failed", "Failed requests", (p) => `${p.url}: ${p.text}`);
  section("http-error", "Responses with status >= 400", (p) => `${p.status} ${p.url}`);
  section("not-found-status", "Wrong status", (p) => p.text);
  section("not-found-page", "Wrong 404 page", (p) => p.text);
  section("broken-link", "Broken links", (p) => `"${p.href}" (${p.text || "no text"}) -> ${p.resolved}: ${p.problem}`);
  section("search", "Search", (p) => p.text);
  section(
    "svg-contrast",
    "Chart (SVG) text contrast below WCAG 1.4.3",
    (p) => `${p.target} in "${p.chart}": ${p.fg} on ${p.bg} = ${p.ratio}:1, needs ${p.need}:1 (${p.px} px)\n      ${p.html}`,
  );
  section(
    "svg-text-size",
    "Chart (SVG) text under 12 px on a phone",
    (p) => `${p.target} in "${p.chart}": ${p.px} px`,
  );
  section("error", "Errors while checking", (p) => p.text);

  const overflow = all.filter((p) => p.kind === "overflow");
  if (overflow.length) {
    console.log(`\nHorizontal overflow: ${overflow.length} load(s) on ${new Set(overflow.map((p) => p.page)).size} page(s)`);
    let shown = 0;
    for (const o of overflow) {
      if (shown++ >= (opt.verbose ? Infinity : 10)) continue;
      console.log(`  ${o.page} @${o.phase}${o.when || ""}: ${o.text}`);
      for (const c of o.culprits.slice(0, opt.verbose ? 10 : 3)) {
        console.log(`    ${c.target} (${c.kind === "box" ? "box" : "content"} ${c.left}..${c.right} px)\n      ${c.html}`);
      }
      if (o.more) console.log(`    … ${o.more} more`);
    }
    if (shown > 10 && !opt.verbose) console.log(`  … ${shown - 10} more load(s) (--verbose or --json for all)`);
  }

  if (failed.length) {
    console.log(`\nPages with problems (${failed.length}):`);
    const n = opt.verbose ? failed.length : 40;
    for (const l of failed.slice(0, n)) {
      const counts = new Map();
      for (const p of results.get(l)) {
        const k = p.kind === "axe" ? p.id : p.kind;
        counts.set(k, (counts.get(k) || 0) + 1);
      }
      console.log(`  ${l}: ${[...counts].map(([k, c]) => (c > 1 ? `${k} ×${c}` : k)).join(", ")}`);
    }
    if (failed.length > n) console.log(`  … ${failed.length - n} more`);
  }
  console.log(`\n${passed} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((e) => {
  console.error(`a11y: ${e && e.stack ? e.stack : e}`);
  process.exit(2);
});
