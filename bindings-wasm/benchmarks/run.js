// The package's numbers: the size of what a page downloads (the .wasm and the JS glue, raw and gzipped), and the
// time to decode a 100-item ListDelta page into JS objects in headless Chromium, against `JSON.parse` of the same
// text. Run after building the package: `node bindings-wasm/benchmarks/run.js`.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";

import { chromium } from "playwright-core";

const PACKAGE = new URL("../pkg/", import.meta.url);
const PAGE_100 = new URL("../../tests/fixtures/pds/list_delta/page_100_items.json", import.meta.url);
const DOWNLOADED = ["drivekit_wasm_bg.wasm", "drivekit_wasm.js", "index.js"];
const SIZE_TARGET_GZIP_KB = 120;
const DECODE_TARGET_RATIO = 1.5;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let raw = 0;
let gzipped = 0;
for (const name of DOWNLOADED) {
  const bytes = await readFile(new URL(name, PACKAGE));
  raw += bytes.length;
  gzipped += gzipSync(bytes, { level: 9 }).length;
  console.log(`${name.padEnd(24)} ${kb(bytes.length).padStart(10)} raw ${kb(gzipSync(bytes, { level: 9 }).length).padStart(10)} gzipped`);
}
console.log(`${"total".padEnd(24)} ${kb(raw).padStart(10)} raw ${kb(gzipped).padStart(10)} gzipped (target <= ${SIZE_TARGET_GZIP_KB} KB)`);

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
const site = createServer(async (request, response) => {
  const path = new URL(request.url, "http://127.0.0.1").pathname;
  try {
    const file = path === "/page.json" ? PAGE_100 : path.startsWith("/pkg/") && !path.includes("..") ? new URL(path.slice(5), PACKAGE) : undefined;
    if (!file) throw new Error("not found");
    const body = await readFile(file);
    response.writeHead(200, { "content-type": TYPES[path.slice(path.lastIndexOf("."))] ?? "text/html" });
    response.end(body);
  } catch {
    response.writeHead(path === "/" ? 200 : 404, { "content-type": "text/html" }).end("<!doctype html><title>bench</title>");
  }
});
await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${site.address().port}/`);
  const result = await page.evaluate(async () => {
    await import("/pkg/index.js"); // loads and starts the module
    const { decodeResponse } = await import("/pkg/drivekit_wasm.js");
    const bytes = new Uint8Array(await (await fetch("/page.json")).arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    // Three ways to the same plain objects: JSON.parse of text already decoded, JSON.parse of the bytes as
    // `response.json()` reads them, and the package from the bytes it gets from `fetch`. Rounds alternate, so a
    // busy machine slows all three alike, and the medians are compared.
    const sides = {
      json: () => JSON.parse(text),
      jsonFromBytes: () => JSON.parse(new TextDecoder().decode(bytes)),
      drivekit: () => decodeResponse("ListDelta", 200, bytes),
    };
    for (let i = 0; i < 200; i += 1) for (const run of Object.values(sides)) run();
    const rounds = Object.fromEntries(Object.keys(sides).map((side) => [side, []]));
    for (let round = 0; round < 41; round += 1) {
      for (const [side, run] of Object.entries(sides)) {
        const started = performance.now();
        for (let i = 0; i < 40; i += 1) run();
        rounds[side].push((performance.now() - started) / 40);
      }
    }
    const median = (times) => times.sort((a, b) => a - b)[times.length >> 1];
    const items = sides.drivekit().items.length;
    return { items, bytes: bytes.length, ...Object.fromEntries(Object.entries(rounds).map(([side, times]) => [side, median(times)])) };
  });
  console.log(`\nListDelta page of ${result.items} items (${kb(result.bytes)}) in Chromium, median per decode:`);
  console.log(`  JSON.parse(text)            ${result.json.toFixed(3)} ms`);
  console.log(`  JSON.parse(decode(bytes))   ${result.jsonFromBytes.toFixed(3)} ms   (what response.json() does)`);
  console.log(`  drivekit(bytes)             ${result.drivekit.toFixed(3)} ms`);
  console.log(`  ratio to JSON.parse(text)   ${(result.drivekit / result.json).toFixed(2)}x (target <= ${DECODE_TARGET_RATIO}x)`);
  console.log(`  ratio to response.json()    ${(result.drivekit / result.jsonFromBytes).toFixed(2)}x`);
} finally {
  await browser.close();
  site.close();
}
