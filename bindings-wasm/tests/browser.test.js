// The built package in real headless Chromium: an HTML page on 127.0.0.1 imports it and talks to the mock drive
// across origins (the mock answers CORS), as a web app would.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";

import { openPage } from "./browser-page.js";
import { startMock } from "./mock.js";

let mock;
let browser;
let page;

before(async () => {
  mock = await startMock();
  browser = await openPage();
  page = browser.page;
  page.setDefaultTimeout(20_000);
});

after(async () => {
  await browser?.close();
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
    return { changes, cursor: pages.cursor, last: last.cursor };
  }, settings());
  assert.ok(synced.changes > 200);
  assert.equal(synced.cursor, synced.last);
});

test("a walk resumed from its position in a new client repeats no change and misses none", async () => {
  const created = [];
  for (let n = 0; n < 2; n += 1) created.push((await mock.control("POST", "files", { name: `page-${n}.txt` })).file_id);
  const outcome = await page.evaluate(async ({ url, token }) => {
    const change = (item) => `${item.op} ${item.file_id}`;
    const client = () => new drivekit.PdsClient({ baseUrl: url, accessToken: token });
    const all = [];
    for await (const item of client().listDeltaItems({ driveId: "1" })) all.push(change(item));
    const runs = {};
    for (const stopAfter of [1, 37, 100, 101]) {
      const seen = [];
      const first = client().listDeltaItems({ driveId: "1", limit: 25 });
      for await (const item of first) {
        seen.push(change(item));
        if (seen.length === stopAfter) break;
      }
      const saved = first.position;
      for await (const item of client().listDeltaItems({ driveId: "1", limit: 25, position: saved })) seen.push(change(item));
      runs[stopAfter] = seen;
    }
    return { all, runs };
  }, settings());
  assert.ok(outcome.all.length > 200);
  assert.deepEqual(outcome.all.slice(-2), created.map((id) => `create ${id}`));
  for (const [stopAfter, seen] of Object.entries(outcome.runs)) assert.deepEqual(seen, outcome.all, `stopped after ${stopAfter}`);
});

test("the next page is on its way while the page works on the one before", async () => {
  await mock.control("DELETE", "requests");
  await mock.fault({ path: "/v2/file/list_delta", kind: "delay", delay_ms: 600, count: 10 });
  const timing = await page.evaluate(async ({ url, token }) => {
    const client = new drivekit.PdsClient({ baseUrl: url, accessToken: token });
    const walk = client.listDeltaPages({ driveId: "1", limit: 100 })[Symbol.asyncIterator]();
    await walk.next();
    await new Promise((resolve) => setTimeout(resolve, 900)); // the page works on page 1
    const started = performance.now();
    await walk.next();
    return { secondPageMs: performance.now() - started };
  }, settings());
  assert.ok(timing.secondPageMs < 300, `page 2 took ${timing.secondPageMs} ms after it was asked for`);
  const requests = (await mock.requests()).filter((request) => request.path === "/v2/file/list_delta");
  assert.ok(requests.length >= 2 && requests.length <= 3, `${requests.length} requests: at most one page ahead`);
});

test("aborting a listing's signal cancels the page fetched ahead; a position of another drive is refused unsent", async () => {
  await mock.fault({ path: "/v2/file/list_delta", kind: "delay", delay_ms: 1500, count: 10 });
  const outcome = await page.evaluate(async ({ url, token }) => {
    const client = new drivekit.PdsClient({ baseUrl: url, accessToken: token });
    const controller = new AbortController();
    const pages = client.listDeltaPages({ driveId: "1", limit: 50 }, { signal: controller.signal });
    const walk = pages[Symbol.asyncIterator]();
    await walk.next();
    controller.abort();
    const started = performance.now();
    let aborted;
    try {
      await walk.next();
    } catch (error) {
      aborted = { name: error.name, isAbortError: error instanceof drivekit.AbortError, ms: performance.now() - started };
    }
    let refused;
    try {
      client.listDeltaItems({ driveId: "2", position: pages.position });
    } catch (error) {
      refused = { isValidationError: error instanceof drivekit.ValidationError, field: error.field };
    }
    return { aborted, refused };
  }, settings());
  assert.equal(outcome.aborted?.name, "AbortError");
  assert.ok(outcome.aborted.isAbortError);
  assert.ok(outcome.aborted.ms < 1000, `${outcome.aborted.ms} ms`);
  assert.deepEqual(outcome.refused, { isValidationError: true, field: "position" });
  await mock.control("DELETE", "requests");
  const refusedAgain = await page.evaluate(({ url, token }) => {
    const client = new drivekit.PdsClient({ baseUrl: url, accessToken: token });
    const saved = "dk1.eyJsIjoiMDAwMDAwMDAwMDAwMDAwMCJ9"; // a position of a listing that is not this one
    try {
      client.listDeltaPages({ driveId: "1", position: saved });
      return undefined;
    } catch (error) {
      return error.field;
    }
  }, settings());
  assert.equal(refusedAgain, "position");
  assert.deepEqual(await mock.requests(), [], "nothing was sent");
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
