// Search at portal scale, measured in headless Chromium: the bytes a search
// transfers (gzip, as a static host serves them) before its first result, and
// the time to that result, on a throttled mobile connection.
//
//   node tests/browser/search-bench.mjs PUBLIC_DIR [--query "chinh quyen so"]
//        [--network slow4g|fast4g|none] [--runs 3] [--chromium PATH] [--json FILE]
//
// Two scenarios, each in a fresh browser context (empty cache), the page at
// `search/` of the default language:
// - "link": opening search/?q=QUERY (a shared link, or the form sent before
//   the script ran); the time is from navigation start.
// - "typed": the page loaded, QUERY typed at 120 ms per key; the bytes count
//   from the first key, the time from the last key.
// Bytes are the encoded (gzip) bodies of the responses under search/ and of
// search-index.json, from the DevTools protocol; the page's own HTML, CSS and
// scripts are listed apart.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "playwright-core";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const root = path.resolve(args[0] && !args[0].startsWith("--") ? args[0] : "public");
const query = opt("--query", "chinh quyen so");
const expect = opt("--expect", "Chính quyền số");
const network = opt("--network", "slow4g");
const runs = Number(opt("--runs", "3"));
const chromiumPath = opt("--chromium", process.env.CHROMIUM_PATH || "/usr/bin/chromium");
const jsonOut = opt("--json", null);

// Chromium DevTools presets ("Slow 4G" is the former "Fast 3G").
const NETWORKS = {
  slow4g: { latency: 562.5, downloadThroughput: (1.6 * 1e6 * 0.9) / 8, uploadThroughput: (750 * 1e3 * 0.9) / 8 },
  fast4g: { latency: 165, downloadThroughput: (9 * 1e6 * 0.9) / 8, uploadThroughput: (1.5 * 1e6 * 0.9) / 8 },
  none: null,
};
if (!(network in NETWORKS)) throw new Error(`--network: one of ${Object.keys(NETWORKS)}`);

const TYPES = { ".html": "text/html; charset=utf-8", ".json": "application/json", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = path.join(root, p);
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
  const body = fs.readFileSync(file);
  const type = TYPES[path.extname(file)] || "application/octet-stream";
  const gz = /gzip/.test(req.headers["accept-encoding"] || "") && !type.startsWith("image/");
  res.writeHead(200, { "content-type": type, ...(gz ? { "content-encoding": "gzip" } : {}), "cache-control": "max-age=31536000" });
  res.end(gz ? zlib.gzipSync(body, { level: 6 }) : body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });

async function measure(kind) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
  if (NETWORKS[network]) await cdp.send("Network.emulateNetworkConditions", { offline: false, ...NETWORKS[network] });
  const urls = new Map(), done = [];
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.loadingFinished", (e) => done.push({ url: urls.get(e.requestId), bytes: e.encodedDataLength, at: Date.now() }));
  const isIndex = (u) => /search-index\.json$|\/search\/[td]-[0-9a-f]+\.json$/.test(u || "");
  // The time the first result shows, by the page's clock.
  const watch = () => page.evaluate(() => new Promise((resolve) => {
    const list = document.getElementById("search-results");
    const check = () => list.querySelector("li") && resolve(performance.now());
    new MutationObserver(check).observe(list, { childList: true });
    check();
  }));
  let start, firstAt, t0;
  if (kind === "link") {
    t0 = Date.now();
    await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`, { waitUntil: "commit" });
    firstAt = await watch();
    start = 0; // navigation start
  } else {
    await page.goto(`${origin}/search/`, { waitUntil: "networkidle" });
    done.length = 0;
    t0 = Date.now();
    await page.evaluate((q) => {
      window.__lastKey = 0;
      document.getElementById("search-q").addEventListener("input", (e) => {
        if (e.target.value === q) window.__lastKey = performance.now();
      });
    }, query);
    const result = page.evaluate((q) => new Promise((resolve) => {
      const list = document.getElementById("search-results");
      const input = document.getElementById("search-q");
      const check = () => {
        if (window.__lastKey && list.getAttribute("data-query") === q) resolve(performance.now());
      };
      new MutationObserver(check).observe(list, { childList: true, subtree: true });
      input.addEventListener("input", check);
    }), query);
    await page.type("#search-q", query, { delay: 120 });
    firstAt = await result;
    start = await page.evaluate(() => window.__lastKey);
  }
  const firstWall = Date.now();
  const titles = await page.$$eval("#search-results li a", (as) => as.map((a) => a.textContent));
  await page.waitForTimeout(200);
  const before = done.filter((d) => d.at <= firstWall);
  const sum = (xs) => xs.reduce((s, d) => s + d.bytes, 0);
  const search = before.filter((d) => isIndex(d.url));
  const out = {
    kind,
    ms: Math.round(firstAt - start),
    searchBytes: sum(search),
    searchFiles: search.map((d) => `${d.url.replace(origin, "")} ${d.bytes}`),
    pageBytes: sum(before.filter((d) => !isIndex(d.url))),
    found: titles.includes(expect),
    first: titles[0],
    results: titles.length,
  };
  await context.close();
  return out;
}

const results = [];
for (let i = 0; i < runs; i++) for (const kind of ["link", "typed"]) results.push(await measure(kind));
await browser.close();
server.close();
for (const kind of ["link", "typed"]) {
  const rs = results.filter((r) => r.kind === kind);
  const ms = rs.map((r) => r.ms).sort((a, b) => a - b);
  const kb = rs.map((r) => r.searchBytes).sort((a, b) => a - b);
  console.log(`${kind}: "${query}" on ${network}: first result after ${ms[ms.length >> 1]} ms (median of ${rs.length}: ${ms.join(", ")}), ` +
    `search files ${(kb[kb.length >> 1] / 1024).toFixed(1)} KiB transferred before it (${kb.join(", ")} B), ` +
    `page ${(rs[0].pageBytes / 1024).toFixed(1)} KiB; "${expect}" found: ${rs.every((r) => r.found)}; first: ${rs[0].first}`);
  for (const f of rs[0].searchFiles) console.log(`  ${f}`);
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(results, null, 2));
process.exit(results.every((r) => r.found) ? 0 : 1);
