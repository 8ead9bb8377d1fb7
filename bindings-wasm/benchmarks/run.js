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
    // Each side gets the input it has in real use: `fetch` hands JSON.parse text and the package bytes.
    const median = (run) => {
      const rounds = [];
      for (let round = 0; round < 31; round += 1) {
        const started = performance.now();
        for (let i = 0; i < 50; i += 1) run();
        rounds.push((performance.now() - started) / 50);
      }
      return rounds.sort((a, b) => a - b)[15];
    };
    for (let i = 0; i < 200; i += 1) {
      JSON.parse(text);
      decodeResponse("ListDelta", 200, bytes);
    }
    const items = decodeResponse("ListDelta", 200, bytes).items.length;
    return { items, bytes: bytes.length, json: median(() => JSON.parse(text)), drivekit: median(() => decodeResponse("ListDelta", 200, bytes)) };
  });
  console.log(`\nListDelta page of ${result.items} items (${kb(result.bytes)}) in Chromium, median per decode:`);
  console.log(`  JSON.parse            ${result.json.toFixed(3)} ms`);
  console.log(`  drivekit              ${result.drivekit.toFixed(3)} ms`);
  console.log(`  ratio                 ${(result.drivekit / result.json).toFixed(2)}x (target <= ${DECODE_TARGET_RATIO}x)`);
} finally {
  await browser.close();
  site.close();
}
