// The package's numbers, in headless Chromium: the size of what a page downloads (raw and gzipped); the time to
// read the 100-item ListDelta page (the largest listing fixture) into the package's objects, against `JSON.parse`
// of its text; and a walk of the mock's 10,000-change delta feed, against a bare `fetch` + `JSON.parse` loop over
// the same pages. Run after building the package and the mock:
// `DRIVEKIT_MOCK=target/release/drivekit-mock node bindings-wasm/benchmarks/run.js`.
import { readFile, readdir } from "node:fs/promises";
import { gzipSync } from "node:zlib";

import { launchChromium, serveFiles } from "../tests/browser-page.js";
import { startMock } from "../tests/mock.js";

const PACKAGE = new URL("../pkg/", import.meta.url);
const PAGE_100 = new URL("../../tests/fixtures/pds/list_delta/page_100_items.json", import.meta.url);
const TARGETS = { sizeGzipKb: 120, readRatio: 1.3, walkRatio: 1.2 };
const CHANGES = 10_000;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// What a page downloads: the module, its glue, the entry and the rules it imports.
const [snippets] = await readdir(new URL("snippets/", PACKAGE));
const downloaded = ["drivekit_wasm_bg.wasm", "drivekit_wasm.js", "index.js", `snippets/${snippets}/js/answers.js`];
let raw = 0;
let gzipped = 0;
for (const name of downloaded) {
  const bytes = await readFile(new URL(name, PACKAGE));
  const packed = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += packed;
  console.log(`${name.replace(/^snippets\/[^/]+\//, "snippets/…/").padEnd(28)} ${kb(bytes.length).padStart(10)} raw ${kb(packed).padStart(10)} gzipped`);
}
console.log(`${"total".padEnd(28)} ${kb(raw).padStart(10)} raw ${kb(gzipped).padStart(10)} gzipped (target <= ${TARGETS.sizeGzipKb} KB)`);

const site = await serveFiles((path) => {
  if (path === "/") return new URL("../tests/browser/index.html", import.meta.url);
  if (path === "/page.json") return PAGE_100;
  if (path.startsWith("/pkg/") && !path.includes("..")) return new URL(path.slice("/pkg/".length), PACKAGE);
  return undefined;
});
const mock = await startMock(["--files", String(CHANGES)]);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(300_000);
  await page.goto(`${site.url}/`);
  const read = await page.evaluate(async (snippets) => {
    await import("/pkg/index.js"); // loads and starts the module
    const { decodeResponse } = await import("/pkg/drivekit_wasm.js");
    const { readAnswerText } = await import(`/pkg/snippets/${snippets}/js/answers.js`);
    const bytes = new Uint8Array(await (await fetch("/page.json")).arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    // From the text, the package's reading against the engine's alone; from the bytes, the package's whole
    // path (the answer checked by the core in wasm, decoded, parsed, read) against what `response.json()` does.
    // Rounds alternate, so a busy machine slows every side alike, and the medians are compared.
    const sides = {
      json: () => JSON.parse(text),
      drivekitText: () => readAnswerText("DeltaPage", text),
      jsonFromBytes: () => JSON.parse(new TextDecoder().decode(bytes)),
      drivekitBytes: () => decodeResponse("ListDelta", 200, [], bytes),
    };
    for (let i = 0; i < 200; i += 1) for (const run of Object.values(sides)) run();
    const rounds = Object.fromEntries(Object.keys(sides).map((side) => [side, []]));
    for (let round = 0; round < 41; round += 1) {
      for (const [side, run] of Object.entries(sides)) {
        const started = performance.now();
        for (let i = 0; i < 20; i += 1) run();
        rounds[side].push((performance.now() - started) / 20);
      }
    }
    const median = (times) => times.sort((a, b) => a - b)[times.length >> 1];
    const items = sides.drivekitBytes().items.length;
    return { items, bytes: bytes.length, ...Object.fromEntries(Object.entries(rounds).map(([side, times]) => [side, median(times)])) };
  }, snippets);
  console.log(`\nListDelta page of ${read.items} items (${kb(read.bytes)}) in Chromium, median per read:`);
  console.log(`  JSON.parse(text)                      ${read.json.toFixed(3)} ms`);
  console.log(`  drivekit, from the text               ${read.drivekitText.toFixed(3)} ms   ${(read.drivekitText / read.json).toFixed(2)}x (target <= ${TARGETS.readRatio}x)`);
  console.log(`  JSON.parse(TextDecoder(bytes))        ${read.jsonFromBytes.toFixed(3)} ms   (what response.json() does)`);
  console.log(`  drivekit, from the bytes (whole call) ${read.drivekitBytes.toFixed(3)} ms   ${(read.drivekitBytes / read.jsonFromBytes).toFixed(2)}x that`);

  const walk = await page.evaluate(async ({ url, token, changes }) => {
    const { PdsClient } = await import("/pkg/index.js");
    // What a caller who skipped the SDK writes: fetch a page, parse it, go through its changes, follow the cursor.
    const bare = async () => {
      let seen = 0;
      let cursor;
      let more = true;
      while (more) {
        const response = await fetch(`${url}/v2/file/list_delta`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-acs-bearer-token": token },
          body: JSON.stringify({ drive_id: "1", limit: 100, ...(cursor ? { cursor } : {}) }),
        });
        const page = await response.json();
        for (const item of page.items) if (item.file_id) seen += 1;
        cursor = page.cursor;
        more = page.has_more;
      }
      return seen;
    };
    const client = new PdsClient({ baseUrl: url, accessToken: token });
    const drivekit = async () => {
      let seen = 0;
      for await (const item of client.listDeltaItems({ driveId: "1", limit: 100 })) if (item.file_id) seen += 1;
      return seen;
    };
    const sides = { bare, drivekit };
    for (const run of Object.values(sides)) if ((await run()) !== changes) throw new Error("a walk missed changes");
    const rounds = { bare: [], drivekit: [] };
    for (let round = 0; round < 9; round += 1) {
      for (const [side, run] of Object.entries(sides)) {
        const started = performance.now();
        await run();
        rounds[side].push(performance.now() - started);
      }
    }
    const median = (times) => times.sort((a, b) => a - b)[times.length >> 1];
    return { bare: median(rounds.bare), drivekit: median(rounds.drivekit) };
  }, { url: mock.url, token: mock.token, changes: CHANGES });
  console.log(`\nWalking the mock's ${CHANGES}-change delta feed in pages of 100 in Chromium, median of 9:`);
  console.log(`  fetch + JSON.parse loop     ${walk.bare.toFixed(0)} ms`);
  console.log(`  drivekit listDeltaItems     ${walk.drivekit.toFixed(0)} ms   ${(walk.drivekit / walk.bare).toFixed(2)}x (target <= ${TARGETS.walkRatio}x)`);
} finally {
  await browser.close();
  await site.close();
  await mock.stop();
}
