#!/usr/bin/env node
// Real-browser check of a built minhbach site: every HTML page is loaded in
// headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
// from a small static server on 127.0.0.1, and checked for
//   - WCAG 2.2 A/AA violations found by axe-core,
//   - console errors and uncaught page errors,
//   - failed requests and responses with status >= 400,
//   - horizontal overflow at 375 px (and at 1280 px on the pages tested wide),
//   - links to pages or anchors that do not exist,
// the search page is also used (a query is typed, results must appear), and
// the 404 page is checked by requesting addresses that do not exist.
//
// Usage: node a11y.mjs [SITE_DIR] [options]   (SITE_DIR defaults to ../../public)
//   --base PATH         the path the site is served under (default: the path of
//                       the canonical URL of SITE_DIR/index.html, else /)
//   --concurrency N     browser contexts working at once (default 3)
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

const NARROW = { width: 375, height: 812 };
const WIDE = { width: 1280, height: 900 };
const SEARCH_QUERY = "chinh quyen so";
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
    "usage: node a11y.mjs [SITE_DIR] [--base PATH] [--concurrency N] [--wide sample|all|none]\n" +
      "                     [--only TEXT] [--json FILE] [--verbose] [--chromium PATH] [--deadline SECONDS]",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const o = {
    site: null,
    base: null,
    concurrency: Number(process.env.A11Y_CONCURRENCY || 3),
    wide: "sample",
    only: null,
    json: null,
    verbose: false,
    chromium: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    deadline: 480,
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
      localAnchorOk: samePage && frag ? ids.has(frag) || names.has(frag) : null,
    };
  });
}

// ---------------------------------------------------------------- checks

const snippet = (html) => {
  const s = String(html || "").replace(/\s+/g, " ");
  return s.length > 240 ? `${s.slice(0, 240)}…` : s;
};

async function runAxe(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
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
 * One page at one width. `job.expect404` marks the deliberate request for a
 * missing address; `job.search` makes it use the search form too.
 */
async function checkJob(context, job, ctx) {
  const problems = [];
  const add = (kind, data) => problems.push({ kind, phase: job.phase, ...data });
  const page = await context.newPage();
  if (job.viewport !== NARROW) await page.setViewportSize(job.viewport);
  const isTarget = (u) => u.split("#")[0] === job.url;

  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const loc = msg.location() || {};
    // Chromium logs the deliberate 404 of the page itself as a console error.
    if (job.expect404 && isTarget(loc.url || "") && /status of 404/.test(msg.text())) return;
    add("console-error", { text: msg.text(), source: loc.url ? `${loc.url}:${loc.lineNumber}` : "" });
  });
  page.on("pageerror", (err) => add("page-error", { text: String(err && err.stack ? err.stack : err) }));
  page.on("requestfailed", (req) => {
    const f = req.failure();
    // Requests cut off by closing the page at the end are not failures of the site.
    if (page.isClosed() || (f && f.errorText === "net::ERR_ABORTED" && job.closing)) return;
    add("request-failed", { url: req.url(), text: f ? f.errorText : "failed" });
  });
  page.on("response", (resp) => {
    const status = resp.status();
    if (status < 400) return;
    if (job.expect404 && isTarget(resp.url()) && status === 404) return;
    add("http-error", { url: resp.url(), status });
  });

  try {
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
      // As a person would: type a query, and results (links) must appear.
      await page.locator("#search-q").pressSequentially(SEARCH_QUERY, { delay: 15 });
      const ok = await page
        .waitForFunction(() => document.querySelectorAll("#search-results a[href]").length > 0, null, { timeout: 8000 })
        .then(() => true, () => false);
      const state = await page.evaluate(() => ({
        links: document.querySelectorAll("#search-results a[href]").length,
        status: (document.getElementById("search-status") || {}).textContent || "",
      }));
      if (!ok) add("search", { text: `typing "${SEARCH_QUERY}" showed no result links (status: "${state.status}")` });
      else ctx.searchResults.push({ page: job.label, width: job.viewport.width, links: state.links, status: state.status });
      await pageChecks(page, job, add, ctx, " after search");

      // The form also works from the address (?q=), as after a plain GET submit.
      const withQuery = `${job.url}?q=${encodeURIComponent(SEARCH_QUERY)}`;
      await page.goto(withQuery, { waitUntil: "load", timeout: 30000 });
      await page.waitForLoadState("networkidle", { timeout: 10000 }).catch(() => {});
      const fromUrl = await page
        .waitForFunction(() => document.querySelectorAll("#search-results a[href]").length > 0, null, { timeout: 8000 })
        .then(() => true, () => false);
      const value = await page.inputValue("#search-q").catch(() => "");
      if (!fromUrl) add("search", { text: `opening ?q=${SEARCH_QUERY} showed no result links` });
      if (value !== SEARCH_QUERY) add("search", { text: `opening ?q= did not fill the search box (got "${value}")` });
    }
  } catch (e) {
    add("error", { text: String(e && e.message ? e.message : e).split("\n")[0] });
  } finally {
    job.closing = true;
    await page.close().catch(() => {});
  }
  return problems;
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
  for (const v of await runAxe(page)) add("axe", { when, ...v });
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
  const base = normaliseBase(opt.base ?? detectBase(opt.site));
  const files = walk(opt.site);
  const fileSet = new Set(files);
  const htmlCache = new Map();
  const idsOf = (rel) => {
    if (!htmlCache.has(rel)) {
      const html = fs.readFileSync(path.join(opt.site, rel), "utf8");
      const ids = new Set();
      for (const m of html.matchAll(/\s(?:id|name)\s*=\s*"([^"]*)"/g)) ids.add(m[1]);
      htmlCache.set(rel, ids);
    }
    return htmlCache.get(rel);
  };

  const server = await startServer(opt.site, base, files);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const siteUrl = origin + base;

  // Links: within the site they must lead to a file, and an anchor to an id.
  const linkProblem = (l) => {
    if (l.localAnchorOk === false) return "no element with this id on the page";
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
    if (frag && file.endsWith(".html") && l.localAnchorOk === null && !idsOf(file).has(frag)) return `${file} has no element with id "${frag}"`;
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
    jobs.push({ label, url, viewport: NARROW, search, phase: "375" });
    const shape = pageShape(rel);
    const wide = opt.wide === "all" || (opt.wide === "sample" && (!shapes.has(shape) || search));
    shapes.add(shape);
    if (wide) jobs.push({ label, url, viewport: WIDE, search, phase: "1280" });
  }
  // The 404 page, the way a visitor meets it: at an address that is not there,
  // once near the top and once deep down (its links must work from anywhere).
  if (!opt.only || "404".includes(opt.only) || opt.only.includes("404")) {
    for (const rel of notFound) {
      const dir = rel.slice(0, -"404.html".length);
      const m = fs.readFileSync(path.join(opt.site, rel), "utf8").match(/<title>([^<]*)<\/title>/i);
      const expectTitle = m ? m[1].replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&quot;/g, '"') : null;
      for (const missing of [`${dir}khong-co-trang-nay.html`, `${dir}reports/khong-co/trang-nay/`]) {
        const label = `404.html via /${missing}`;
        const url = siteUrl + missing;
        jobs.push({ label, url, viewport: NARROW, expect404: true, expectTitle, phase: "375" });
        if (opt.wide !== "none" && missing.endsWith("/")) jobs.push({ label, url, viewport: WIDE, expect404: true, expectTitle, phase: "1280" });
      }
    }
  }

  const started = Date.now();
  const browser = await chromium.launch({ executablePath: opt.chromium, headless: true, args: LAUNCH_ARGS });
  const browserVersion = browser.version();
  console.log(
    `minhbach browser check: ${pages.length} pages + ${notFound.length} 404 page(s), ${jobs.length} loads, ` +
      `${opt.concurrency} at a time\n  site ${opt.site} served at ${siteUrl}\n` +
      `  Chromium ${browserVersion}, playwright-core ${PW_VERSION}, axe-core ${AXE_VERSION} (WCAG 2.2 A/AA tags)`,
  );

  const ctx = { linkProblem, searchResults: [] };
  const results = new Map(); // label -> problems
  for (const j of jobs) if (!results.has(j.label)) results.set(j.label, []);
  let next = 0;
  let done = 0;
  let skipped = 0;
  const deadline = started + opt.deadline * 1000;
  const tty = process.stdout.isTTY;

  async function worker() {
    let context = await browser.newContext({ viewport: NARROW, deviceScaleFactor: 1, locale: "vi-VN", serviceWorkers: "block" });
    while (next < jobs.length) {
      const job = jobs[next++];
      let problems;
      if (Date.now() > deadline) {
        skipped++;
        problems = [{ kind: "error", phase: job.phase, text: `not checked: the ${opt.deadline} s deadline passed` }];
      } else {
        problems = await checkJob(context, job, ctx);
        if (!browser.isConnected()) throw new Error("the browser went away");
        // A context that was disturbed by a failure is replaced.
        if (problems.some((p) => p.kind === "error")) {
          await context.close().catch(() => {});
          context = await browser.newContext({ viewport: NARROW, deviceScaleFactor: 1, locale: "vi-VN", serviceWorkers: "block" });
        }
      }
      results.get(job.label).push(...problems);
      done++;
      if (tty) process.stdout.write(`\r  ${done}/${jobs.length} loads checked`);
      else if (done % 50 === 0) console.log(`  ${done}/${jobs.length} loads checked (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await context.close().catch(() => {});
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
  for (const s of ctx.searchResults) console.log(`  search ${s.page} @${s.width}: ${s.links} result links ("${s.status}")`);

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
