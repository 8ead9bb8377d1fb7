// The package through a real bundler, as users take it: the example app (examples/vite-app) is built with Vite and
// also served by Vite's dev server, then opened in headless Chromium, where it lists the mock drive's delta feed
// into the page; the test reads the page. Vite is configured by the app's own files alone, with no plugin; the
// test only says where the app is and serves what Vite makes.
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";

import { build, createLogger, createServer } from "vite";

import { launchChromium, serveFiles } from "./browser-page.js";
import { startMock } from "./mock.js";

const APP = new URL("../examples/vite-app/", import.meta.url);
const PACKAGE = new URL("../pkg/", import.meta.url);
const FINISHED_MS = 20_000;

let mock;
let browser;
let project;
let expected;

before(async () => {
  mock = await startMock();
  // Changes made now, after the seed: a name outside ASCII, a rename and a delete.
  const kept = await mock.control("POST", "files", { name: "bundled by Vite — ✓.txt" });
  await mock.control("POST", `files/${kept.file_id}/rename`, { name: "bundled by Vite — renamed.txt" });
  const gone = await mock.control("POST", "files", { name: "gone.txt" });
  await mock.control("POST", `files/${gone.file_id}/delete`);
  expected = await deltaFeed();
  // The app as a user has it: its files, its package.json, and the package copied into node_modules as npm
  // installs one from the registry. `npm install ./pkg` links it instead, and Vite handles a linked package as the
  // app's own source, which would skip what it does to dependencies (the dev server's pre-bundling).
  project = await mkdtemp(join(tmpdir(), "drivekit-vite-"));
  await cp(APP, project, { recursive: true, filter: (path) => !/[\\/](dist|node_modules)$/.test(path) });
  await writeFile(join(project, "package.json"), JSON.stringify({ private: true, type: "module" }));
  await cp(PACKAGE, join(project, "node_modules", "drivekit"), { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (project) await rm(project, { recursive: true, force: true });
  await mock?.stop();
});

test("the production build lists every change of the drive, with the .wasm emitted as an asset", async () => {
  const logger = warningsKept();
  await build({ root: project, logLevel: "warn", customLogger: logger });
  assert.deepEqual(logger.warnings, [], "the build warns of nothing");
  const dist = pathToFileURL(join(project, "dist/"));
  const emitted = (await readdir(new URL("assets/", dist))).filter((name) => name.endsWith(".wasm"));
  assert.equal(emitted.length, 1, `one .wasm among the assets: ${emitted}`);
  const fileOf = (path) => (path.includes("..") ? undefined : new URL(`.${path === "/" ? "/index.html" : path}`, dist));
  const site = await serveFiles(fileOf);
  try {
    const page = await openApp(site.url);
    assert.deepEqual(page.wasm, [`${site.url}/assets/${emitted[0]}`]);
    assert.deepEqual(page.changes, expected);
  } finally {
    await site.close();
  }
});

test("the dev server lists every change of the drive", async () => {
  const logger = warningsKept();
  // Vite in middleware mode on a server of ours on a free port (Vite's default port may be taken), its HMR
  // socket included.
  const site = createHttpServer();
  await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve));
  let vite;
  try {
    vite = await createServer({
      root: project,
      logLevel: "warn",
      customLogger: logger,
      server: { middlewareMode: true, hmr: { server: site } },
    });
    site.on("request", vite.middlewares);
    const url = `http://127.0.0.1:${site.address().port}`;
    const page = await openApp(url);
    assert.equal(page.wasm.length, 1, `the .wasm is loaded once: ${page.wasm}`);
    assert.deepEqual(page.changes, expected);
    assert.deepEqual(logger.warnings, [], "the dev server warns of nothing");
  } finally {
    await vite?.close();
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
  }
});

/**
 * Opens the app at `site` on the mock, waits until it says it is done, and answers the changes it lists and the
 * .wasm it loaded. A page that fails (the package did not load, say) fails the test at once, with its error.
 */
async function openApp(site) {
  const page = await browser.newPage();
  try {
    const wasm = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname.endsWith(".wasm") && response.ok()) wasm.push(response.url());
    });
    const failed = new Promise((resolve) => page.once("pageerror", resolve));
    await page.goto(`${site}/?${new URLSearchParams({ baseUrl: mock.url, token: mock.token })}`);
    const finished = page.waitForSelector('#status:not([data-state="loading"])', { timeout: FINISHED_MS });
    const error = await Promise.race([finished.then(() => undefined), failed]);
    if (error) throw new Error(`the app failed in the page: ${error.message}`);
    assert.equal(await page.textContent("#status"), "done");
    const changes = await page.$$eval("#changes li", (items) => items.map((item) => item.textContent));
    return { changes, wasm };
  } finally {
    await page.close();
  }
}

/** Drive 1's changes read from the mock over plain HTTP, page by page, each as the app shows it. */
async function deltaFeed() {
  const changes = [];
  let cursor;
  do {
    const response = await fetch(`${mock.url}/v2/file/list_delta`, {
      method: "POST",
      headers: { authorization: `Bearer ${mock.token}`, "content-type": "application/json" },
      body: JSON.stringify({ drive_id: "1", limit: 100, cursor }),
    });
    assert.equal(response.status, 200);
    const page = await response.json();
    for (const change of page.items) changes.push(`${change.op} ${change.file_id} ${change.file?.name ?? ""}`);
    cursor = page.has_more ? page.cursor : undefined;
  } while (cursor);
  assert.ok(changes.length > 100, `the feed spans pages: ${changes.length} changes`);
  return changes;
}

/** Vite's logger, keeping every warning it prints so that a test can require none. */
function warningsKept() {
  const logger = createLogger("warn");
  logger.warnings = [];
  for (const method of ["warn", "warnOnce"]) {
    const print = logger[method];
    logger[method] = (message, options) => {
      logger.warnings.push(message);
      print(message, options);
    };
  }
  return logger;
}
