// The built package in real headless Chromium: an HTML page on 127.0.0.1 imports it and talks to the mock drive
// across origins (the mock answers CORS), as a web app would.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { after, before, beforeEach, test } from "node:test";

import { chromium } from "playwright-core";

import { startMock } from "./mock.js";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const PACKAGE = new URL("../pkg/", import.meta.url);
const PAGE = new URL("browser/index.html", import.meta.url);
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

let mock;
let site;
let siteUrl;
let browser;
let page;

before(async () => {
  mock = await startMock();
  site = createServer(async (request, response) => {
    const path = new URL(request.url, "http://127.0.0.1").pathname;
    const file = path === "/" ? PAGE : path.startsWith("/pkg/") ? new URL(path.slice(5), PACKAGE) : undefined;
    try {
      if (!file || path.includes("..")) throw new Error("not found");
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[path.slice(path.lastIndexOf("."))] ?? "text/html" });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${site.address().port}/`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(siteUrl);
  await page.waitForFunction(() => window.ready === true);
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve()));
  await mock?.stop();
});

beforeEach(() => mock.reset());

const settings = () => ({ url: mock.url, token: mock.token });

test("lists an album's files", async () => {
  const count = await page.evaluate(async ({ url, token }) => {
    const client = new drivekit.KooDriveClient({ baseUrl: url, accessToken: token, userId: "42" });
    let files = 0;
    for await (const photo of client.listAlbumFilesItems({ albumId: "1795607640592646273", pageSize: 50 })) {
      if (typeof photo.id === "string") files += 1;
    }
    return files;
  }, settings());
  assert.equal(count, 252);
});

test("syncs the delta feed to the end and keeps the cursor to resume from", async () => {
  const synced = await page.evaluate(async ({ url, token }) => {
    const client = new drivekit.PdsClient({ baseUrl: url, accessToken: token });
    const pages = client.listDeltaPages({ driveId: "1" });
    let changes = 0;
    for await (const page of pages) changes += page.items.length;
    const last = await client.getLastCursor({ driveId: "1" });
    return { changes, position: pages.position, last: last.cursor };
  }, settings());
  assert.ok(synced.changes > 200);
  assert.equal(synced.position, synced.last);
});

test("a rename with refuse meets the conflict", async () => {
  await mock.control("POST", "files", { name: "clip.mov", parent_file_id: "3d5b846942cf94fa72324c8a4bda34e81da635a", file_id: "clip" });
  const error = await page.evaluate(async ({ url, token }) => {
    const client = new drivekit.PdsClient({ baseUrl: url, accessToken: token });
    try {
      await client.updateFile({ driveId: "1", fileId: "clip", name: "1.mov", checkNameMode: "refuse" });
      return undefined;
    } catch (error) {
      const { name, code, status, serviceCode, requestId } = error;
      return { name, code, status, serviceCode, requestId, isApiError: error instanceof drivekit.ApiError };
    }
  }, settings());
  assert.deepEqual({ ...error, requestId: typeof error.requestId }, {
    name: "ApiError",
    code: "api",
    status: 409,
    serviceCode: "AlreadyExist.File",
    requestId: "string",
    isApiError: true,
  });
});

test("aborting a slow call rejects at once with an AbortError", async () => {
  await mock.fault({ kind: "delay", delay_ms: 5000 });
  const outcome = await page.evaluate(async ({ url, token }) => {
    const client = new drivekit.PdsClient({ baseUrl: url, accessToken: token });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 100);
    try {
      await client.getLastCursor({ driveId: "1" }, { signal: controller.signal });
      return undefined;
    } catch (error) {
      return { name: error.name, isAbortError: error instanceof drivekit.AbortError, ms: performance.now() - started };
    }
  }, settings());
  assert.equal(outcome.name, "AbortError");
  assert.ok(outcome.isAbortError);
  assert.ok(outcome.ms < 2000, `${outcome.ms} ms`);
});

test("survives injected 429s, and the mock's log shows the retries", async () => {
  await mock.fault({ path: "/v2/file/list_delta", kind: "status", status: 429, retry_after: 1, count: 2 });
  await mock.control("DELETE", "requests");
  const items = await page.evaluate(async ({ url, token }) => {
    const client = new drivekit.PdsClient({ baseUrl: url, accessToken: token });
    return (await client.listDelta({ driveId: "1", limit: 5 })).items.length;
  }, settings());
  assert.equal(items, 5);
  const statuses = (await mock.requests()).filter((request) => request.path === "/v2/file/list_delta");
  assert.deepEqual(statuses.map((request) => request.status), [429, 429, 200]);
});
